/**
 * Offsets in Unicode code points (what Tagwerk stores and exports by default, like Python's
 * `str`, spaCy and brat) and UTF-16 code units (what JavaScript strings and ProseMirror use).
 */

/**
 * Precomputed conversion between the two units for one text. For texts without characters
 * outside the Basic Multilingual Plane (most news text) both units coincide and conversion is free.
 */
export interface OffsetIndex {
  /** Length in code points. */
  readonly length: number;
  /** Length in UTF-16 code units. */
  readonly utf16Length: number;
  /** Code point offset -> UTF-16 offset. Throws RangeError outside `[0, length]`. */
  toUtf16(codePoint: number): number;
  /** UTF-16 offset -> code point offset; `null` if it falls inside a surrogate pair or out of range. */
  toCodePoint(utf16: number): number | null;
}

/** Builds the conversion table for `text` in one pass. */
export function createOffsetIndex(text: string): OffsetIndex {
  // Code point positions of astral characters (each takes two UTF-16 units).
  const astral: number[] = [];
  let cp = 0;
  for (let u = 0; u < text.length; u++, cp++) {
    const c = text.charCodeAt(u);
    if (c >= 0xd800 && c <= 0xdbff && u + 1 < text.length) {
      const d = text.charCodeAt(u + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { astral.push(cp); u++; }
    }
  }
  const length = cp;
  const utf16Length = text.length;
  /** Number of astral characters strictly before code point `p`. */
  const astralBefore = (p: number): number => {
    let lo = 0, hi = astral.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (astral[mid] < p) lo = mid + 1; else hi = mid; }
    return lo;
  };
  return {
    length,
    utf16Length,
    toUtf16(p) {
      if (!Number.isInteger(p) || p < 0 || p > length) throw new RangeError(`offset ${p} outside 0..${length}`);
      return astral.length === 0 ? p : p + astralBefore(p);
    },
    toCodePoint(u) {
      if (!Number.isInteger(u) || u < 0 || u > utf16Length) return null;
      if (astral.length === 0) return u;
      // Binary search for the code point p with toUtf16(p) === u.
      let lo = 0, hi = length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (mid + astralBefore(mid) < u) lo = mid + 1; else hi = mid;
      }
      return lo + astralBefore(lo) === u ? lo : null;
    },
  };
}

/** Length of `text` in code points. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** `text` between code point offsets `[start, end)`, through a prebuilt index. */
export function sliceCodePoints(text: string, index: OffsetIndex, start: number, end: number): string {
  return text.slice(index.toUtf16(start), index.toUtf16(end));
}
