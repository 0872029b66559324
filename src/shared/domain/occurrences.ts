/**
 * "Annotate all occurrences": where else a text names what a span names. Matches are whole words
 * (`Baku` is not found inside `Bakus`; add the genitive to the phrases for that), case as written, and
 * offsets are code points like spans.
 */
import type { Attributes, Layer, Span } from '../model/annotation';
import { addSpans, type OpContext } from '../ops/span-ops';
import { CASUALTY_FIELDS } from './casualty-spans';
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

/**
 * What the other occurrences take over from the annotation they were found from: its links and
 * chosen values (`entity`, `actor_type`, `place` and coordinates, `certainty`), not a casualty
 * figure's count, which each figure's own text says.
 */
export function carriedAttributes(span: Pick<Span, 'attributes'>): Attributes {
  const own = new Set<string>([...CASUALTY_FIELDS, 'normalized_by']);
  return Object.fromEntries(Object.entries(span.attributes).filter(([k]) => !own.has(k)));
}

/**
 * Tags ranges of one document with `label` in one step, leaving out each range that a span of
 * the label (or a range tagged before it here) overlaps by now. Answers the layer and the ids of
 * the spans made (from `newId`), in the order of the ranges tagged.
 */
export function tagRanges(
  layer: Layer, ranges: readonly { start: number; end: number }[], label: string, attributes: Attributes,
  ctx: OpContext, newId: () => string,
): { layer: Layer; created: string[]; skipped: number } {
  const taken = overlapTest(layer.spans.filter((s) => s.label === label));
  const chosen: { start: number; end: number }[] = [];
  for (const r of [...ranges].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const last = chosen[chosen.length - 1];
    if (taken(r.start, r.end) || (last && r.start < last.end)) continue;
    chosen.push(r);
  }
  const spans = chosen.map((r) => ({ id: newId(), start: r.start, end: r.end, label, attributes }));
  return { layer: addSpans(layer, spans, ctx), created: spans.map((s) => s.id), skipped: ranges.length - chosen.length };
}
