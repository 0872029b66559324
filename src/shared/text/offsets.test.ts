import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { codePointLength, createOffsetIndex, sliceCodePoints } from './offsets';

// 'Ein 👍🏽 für „Berg-Karabach“: mehr als 6.500 Tote, Café' + U+0301 + '.'
// 👍🏽 is two astral code points (U+1F44D U+1F3FD), four UTF-16 units; é here is e + combining acute.
const MIXED = 'Ein 👍🏽 für „Berg-Karabach“: mehr als 6.500 Tote, Cafe\u0301.';

describe('createOffsetIndex on text with emoji, combining marks and German quotes', () => {
  const index = createOffsetIndex(MIXED);

  it('counts code points as Python does, and UTF-16 units as JavaScript does', () => {
    expect(index.length).toBe(55);
    expect(index.utf16Length).toBe(57);
    expect(codePointLength(MIXED)).toBe(55);
  });

  it('maps code points before the emoji unchanged and after it shifted by two', () => {
    expect(index.toUtf16(0)).toBe(0);
    expect(index.toUtf16(4)).toBe(4); // start of 👍
    expect(index.toUtf16(5)).toBe(6); // start of the skin tone modifier
    expect(index.toUtf16(6)).toBe(8); // the space after 👍🏽
    expect(index.toUtf16(11)).toBe(13); // „
    expect(index.toUtf16(37)).toBe(39); // 6.500
    expect(index.toUtf16(55)).toBe(57);
  });

  it('maps UTF-16 offsets back, and refuses one inside a surrogate pair', () => {
    expect(index.toCodePoint(13)).toBe(11);
    expect(index.toCodePoint(39)).toBe(37);
    expect(index.toCodePoint(57)).toBe(55);
    expect(index.toCodePoint(5)).toBeNull(); // between the halves of 👍
    expect(index.toCodePoint(7)).toBeNull(); // between the halves of 🏽
    expect(index.toCodePoint(58)).toBeNull();
    expect(index.toCodePoint(-1)).toBeNull();
    expect(index.toCodePoint(1.5)).toBeNull();
  });

  it('slices the quotes a researcher marks at the code point offsets Python uses', () => {
    expect(sliceCodePoints(MIXED, index, 4, 6)).toBe('👍🏽');
    expect(sliceCodePoints(MIXED, index, 11, 26)).toBe('„Berg-Karabach“');
    expect(sliceCodePoints(MIXED, index, 12, 25)).toBe('Berg-Karabach');
    expect(sliceCodePoints(MIXED, index, 37, 42)).toBe('6.500');
    expect(sliceCodePoints(MIXED, index, 49, 54)).toBe('Cafe\u0301'); // combining mark is its own code point
  });

  it('throws a RangeError for code point offsets outside the text', () => {
    expect(() => index.toUtf16(56)).toThrow(RangeError);
    expect(() => index.toUtf16(-1)).toThrow(RangeError);
    expect(() => index.toUtf16(2.5)).toThrow(RangeError);
  });
});

describe('createOffsetIndex on text without astral characters', () => {
  it('uses identical offsets in both units', () => {
    const text = 'mehr als 6.500 Toten in Berg-Karabach, „Nikkei“';
    const index = createOffsetIndex(text);
    expect(index.length).toBe(text.length);
    for (const p of [0, 9, 14, 47]) {
      expect(index.toUtf16(p)).toBe(p);
      expect(index.toCodePoint(p)).toBe(p);
    }
  });

  it('handles the empty text', () => {
    const index = createOffsetIndex('');
    expect(index.length).toBe(0);
    expect(index.toUtf16(0)).toBe(0);
    expect(index.toCodePoint(0)).toBe(0);
    expect(() => index.toUtf16(1)).toThrow(RangeError);
  });
});

describe('offset conversion properties (any Unicode text)', () => {
  // Full Unicode strings with many astral characters and combining marks.
  const text = fc.array(fc.oneof(
    fc.string({ unit: 'grapheme' }),
    fc.constantFrom('👍🏽', '🇦🇲', 'e\u0301', '„', '“', '\n', 'ß'),
  ), { maxLength: 40 }).map((parts) => parts.join(''));

  it('round-trips every code point offset through UTF-16', () => {
    fc.assert(fc.property(text, (t) => {
      const index = createOffsetIndex(t);
      for (let p = 0; p <= index.length; p++) {
        if (index.toCodePoint(index.toUtf16(p)) !== p) return false;
      }
      return index.toUtf16(index.length) === t.length;
    }), { numRuns: 300 });
  });

  it('slices exactly what an independent code point array slices', () => {
    fc.assert(fc.property(text, fc.nat(), fc.nat(), (t, a, b) => {
      const cps = Array.from(t);
      const index = createOffsetIndex(t);
      expect(index.length).toBe(cps.length);
      const start = cps.length ? a % (cps.length + 1) : 0;
      const end = start + (cps.length ? b % (cps.length - start + 1) : 0);
      expect(sliceCodePoints(t, index, start, end)).toBe(cps.slice(start, end).join(''));
    }), { numRuns: 300 });
  });

  it('maps a UTF-16 offset to a code point exactly when it is not inside a surrogate pair', () => {
    fc.assert(fc.property(text, (t) => {
      const index = createOffsetIndex(t);
      for (let u = 0; u <= t.length; u++) {
        const c = t.charCodeAt(u);
        const insidePair = u > 0 && c >= 0xdc00 && c <= 0xdfff
          && t.charCodeAt(u - 1) >= 0xd800 && t.charCodeAt(u - 1) <= 0xdbff;
        const expected = insidePair ? null : Array.from(t.slice(0, u)).length;
        if (index.toCodePoint(u) !== expected) return false;
      }
      return true;
    }), { numRuns: 300 });
  });
});
