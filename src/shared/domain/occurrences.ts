/**
 * "Annotate all occurrences": where else a text names what a span names. Matches are whole words
 * (`Baku` is not found inside `Bakus`; add the genitive to the phrases for that), case as written, and
 * offsets are code points like spans.
 */
import type { Span } from '../model/annotation';
import { createOffsetIndex } from '../text/offsets';
import { overlapTest } from '../text/overlap-index';

export interface Occurrence {
  start: number;
  end: number;
  quote: string;
  /** Up to `CONTEXT_CHARS` of text before and after, for a preview. */
  before: string;
  after: string;
}

export const CONTEXT_CHARS = 40;

const LETTER = /^[\p{L}\p{N}\p{M}]$/u;

/** The character (code point) that ends at UTF-16 offset `at`, or '' at the start. */
function charBefore(text: string, at: number): string {
  if (at <= 0) return '';
  const low = text.charCodeAt(at - 1);
  return at >= 2 && low >= 0xdc00 && low <= 0xdfff ? text.slice(at - 2, at) : text[at - 1];
}

/** The character (code point) that starts at UTF-16 offset `at`, or '' at the end. */
function charAt(text: string, at: number): string {
  const cp = text.codePointAt(at);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

/** `at` moved off the middle of a surrogate pair (towards `direction`). */
function whole(text: string, at: number, direction: 1 | -1): number {
  const c = text.charCodeAt(at);
  return c >= 0xdc00 && c <= 0xdfff ? at + (direction === 1 ? 1 : -1) : at;
}

/**
 * Every place in `text` where one of `phrases` stands as whole words, in text order; where two
 * phrases match at overlapping places the longer match wins (`Ilham Alijew` over `Alijew`).
 * Occurrences that overlap a span of `skip` (the layer's spans of the same label) are left out.
 */
export function findOccurrences(text: string, phrases: readonly string[], skip: readonly Pick<Span, 'start' | 'end'>[] = []): Occurrence[] {
  const wanted = [...new Set(phrases.map((p) => p.trim()).filter((p) => p.length > 0))].sort((a, b) => b.length - a.length);
  if (!wanted.length) return [];
  const hits: { from: number; to: number }[] = [];
  for (const phrase of wanted) {
    for (let at = text.indexOf(phrase); at !== -1; at = text.indexOf(phrase, at + 1)) {
      const to = at + phrase.length;
      if (LETTER.test(charBefore(text, at)) && LETTER.test(charAt(phrase, 0))) continue;
      if (LETTER.test(charAt(text, to)) && LETTER.test(charBefore(phrase, phrase.length))) continue;
      hits.push({ from: at, to });
    }
  }
  // Longer phrases were searched first: a later, overlapping hit is a shorter one and yields.
  hits.sort((a, b) => a.from - b.from || b.to - a.to);
  const kept: { from: number; to: number }[] = [];
  for (const h of hits) {
    const last = kept[kept.length - 1];
    if (!last || h.from >= last.to) kept.push(h);
    else if (h.to - h.from > last.to - last.from) kept[kept.length - 1] = h;
  }
  const index = createOffsetIndex(text);
  const taken = overlapTest(skip);
  const out: Occurrence[] = [];
  for (const { from, to } of kept) {
    const start = index.toCodePoint(from);
    const end = index.toCodePoint(to);
    if (start === null || end === null) continue;
    if (taken(start, end)) continue;
    out.push({
      start, end, quote: text.slice(from, to),
      before: text.slice(whole(text, Math.max(0, from - CONTEXT_CHARS), 1), from).replace(/\s+/g, ' '),
      after: text.slice(to, whole(text, Math.min(text.length, to + CONTEXT_CHARS), -1)).replace(/\s+/g, ' '),
    });
  }
  return out;
}
