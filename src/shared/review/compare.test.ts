import { describe, expect, it } from 'vitest';
import { cp, NOW } from '../../../tests/fixtures/formats/kit';
import type { Attributes, Span } from '../model/annotation';
import { matchSpans } from './agreement';
import { compareLayers, nextDisagreement, summarizeComparison, type ComparisonItem } from './compare';

// The flag is two code points (four UTF-16 units), so offsets here are not string indices.
const TEXT = '🇦🇿 Präsident Ilham Alijew sagte, in Stepanakert seien 63 Menschen getötet worden, meldete das Ministerium.';
const CLAIM = 'Präsident Ilham Alijew sagte, in Stepanakert seien 63 Menschen getötet worden';

/** A span over the first occurrence of `needle`. */
function sp(id: string, needle: string, label: string, attributes: Attributes = {}): Span {
  return { id, ...cp(TEXT, needle), label, quote: needle, attributes, createdAt: NOW, modifiedAt: NOW };
}

/**
 * Two annotators with brat-style ids (each layer has its own T1…): the same claim with actors
 * nested in it, a boundary disagreement on the actor, a label disagreement on Stepanakert, the
 * same casualty figure, and a span each that only one of them marked.
 */
const ANNA: Span[] = [
  sp('T1', CLAIM, 'claim', { certainty: 'asserted' }),
  sp('T2', 'Ilham Alijew', 'actor', { actor_type: 'person' }),
  sp('T3', 'Stepanakert', 'location'),
  sp('T4', '63 Menschen', 'casualty_figure', { count_min: 63 }),
  sp('T5', 'Präsident', 'actor'),
];
const BEN: Span[] = [
  sp('T1', CLAIM, 'claim', { certainty: 'reported' }),
  sp('T2', 'Präsident Ilham Alijew', 'actor'),
  sp('T3', 'Stepanakert', 'actor'),
  sp('T4', '63 Menschen', 'casualty_figure', { count_min: 63 }),
  sp('T5', 'das Ministerium', 'actor'),
];
/** A third annotator: a longer claim, Anna's actor exactly, "in Stepanakert", no figure, a nested actor. */
const CARL: Span[] = [
  sp('C1', `🇦🇿 ${CLAIM}`, 'claim'),
  sp('C2', 'Ilham Alijew', 'actor'),
  sp('C3', 'in Stepanakert', 'location'),
  sp('C5', 'Ministerium', 'location'),
  sp('C6', 'Präsident', 'actor'),
];

const summary = (items: ComparisonItem[]) => items.map((i) => [i.id, i.kind]);

describe('comparing two annotators', () => {
  const items = compareLayers({ anna: ANNA, ben: BEN }, ['anna', 'ben']);

  it('groups the spans into items in text order, outer before inner, each with its kind', () => {
    expect(summary(items)).toEqual([
      ['anna:T1|ben:T1', 'agreement'],
      ['anna:T2|ben:T2', 'boundary'],
      ['anna:T5', 'partial'],
      ['anna:T3|ben:T3', 'label'],
      ['anna:T4|ben:T4', 'agreement'],
      ['ben:T5', 'partial'],
    ]);
  });

  it('gives each item the union range of its spans and its distinct labels', () => {
    const actor = items[1];
    expect([actor.start, actor.end]).toEqual([cp(TEXT, 'Präsident').start, cp(TEXT, 'Alijew').end]);
    expect(actor.spans.map((s) => [s.annotator, s.span.quote])).toEqual([['anna', 'Ilham Alijew'], ['ben', 'Präsident Ilham Alijew']]);
    expect(actor.labels).toEqual(['actor']);
    expect(items[3].labels).toEqual(['location', 'actor']);
  });

  it("never puts an annotator's nested spans into one item: Ben's actor pairs with the larger overlap", () => {
    for (const item of items) expect(new Set(item.spans.map((s) => s.annotator)).size).toBe(item.spans.length);
    // Anna's "Präsident" shares 9 code points with Ben's "Präsident Ilham Alijew", her "Ilham Alijew" 12.
    expect(items.find((i) => i.id === 'anna:T5')!.spans).toHaveLength(1);
  });

  it('counts as the agreement figures do: agreement items are exact matches, same-label pairs overlap matches', () => {
    const m = matchSpans(ANNA, BEN);
    expect(items.filter((i) => i.kind === 'agreement')).toHaveLength(m.exact);
    const sameLabelPairs = items.filter((i) => i.spans.length === 2 && i.labels.length === 1);
    expect(sameLabelPairs).toHaveLength(m.overlap);
  });

  it('keeps item ids whatever the order of the spans, and when a span is added elsewhere', () => {
    const again = compareLayers({ ben: BEN.slice().reverse(), anna: ANNA.slice().reverse() }, ['anna', 'ben']);
    expect(again).toEqual(items);
    const more = compareLayers({ anna: [...ANNA, sp('T9', 'meldete', 'claim')], ben: BEN }, ['anna', 'ben']);
    expect(more.map((i) => i.id)).toEqual([...items.map((i) => i.id).slice(0, 5), 'anna:T9', 'ben:T5']);
  });

  it('pairs a span with the span at its own place, not with a longer span of another label around it', () => {
    const [claim, place] = compareLayers(
      { anna: [sp('a1', CLAIM, 'claim'), sp('a2', 'Stepanakert', 'location')], ben: [sp('b1', 'Stepanakert', 'actor')] },
      ['anna', 'ben'],
    );
    expect(summary([claim, place])).toEqual([['anna:a1', 'partial'], ['anna:a2|ben:b1', 'label']]);
  });

  it('compares only the labels asked for', () => {
    const actors = compareLayers({ anna: ANNA, ben: BEN }, ['anna', 'ben'], { labels: ['actor'] });
    expect(summary(actors)).toEqual([['anna:T2|ben:T2', 'boundary'], ['anna:T5', 'partial'], ['ben:T3', 'partial'], ['ben:T5', 'partial']]);
  });

  it('treats a missing layer as empty and needs two annotators', () => {
    expect(compareLayers({ anna: ANNA }, ['anna', 'ben']).every((i) => i.kind === 'partial')).toBe(true);
    expect(() => compareLayers({ anna: ANNA }, ['anna', 'anna'])).toThrow(RangeError);
  });

  it('counts items per kind', () => {
    expect(summarizeComparison(items)).toEqual({ agreement: 2, label: 1, boundary: 1, partial: 2, total: 6 });
    expect(summarizeComparison([])).toEqual({ agreement: 0, label: 0, boundary: 0, partial: 0, total: 0 });
  });
});

describe('comparing three annotators', () => {
  const items = compareLayers({ anna: ANNA, ben: BEN, carl: CARL }, ['anna', 'ben', 'carl']);

  it('builds groups with one span per annotator, overlapping pairwise, and classifies them', () => {
    expect(summary(items)).toEqual([
      ['anna:T1|ben:T1|carl:C1', 'boundary'],
      ['anna:T2|ben:T2|carl:C2', 'boundary'],
      ['anna:T5|carl:C6', 'partial'],
      ['anna:T3|ben:T3|carl:C3', 'label'],
      ['anna:T4|ben:T4', 'partial'],
      ['ben:T5|carl:C5', 'partial'],
    ]);
    for (const item of items) {
      expect(new Set(item.spans.map((s) => s.annotator)).size).toBe(item.spans.length);
      for (const a of item.spans) for (const b of item.spans) expect(Math.min(a.span.end, b.span.end)).toBeGreaterThan(Math.max(a.span.start, b.span.start));
    }
  });

  it('calls an item with both a label and a boundary difference a label item', () => {
    const place = items.find((i) => i.id === 'anna:T3|ben:T3|carl:C3')!;
    expect(place.spans.map((s) => [s.span.quote, s.span.label])).toEqual([
      ['Stepanakert', 'location'], ['Stepanakert', 'actor'], ['in Stepanakert', 'location'],
    ]);
    expect(place.kind).toBe('label');
  });

  it('calls an item partial when one annotator is missing, whatever the others disagree on', () => {
    const ministry = items.find((i) => i.id === 'ben:T5|carl:C5')!;
    expect(ministry.labels).toEqual(['actor', 'location']);
    expect(ministry.kind).toBe('partial');
  });

  it('finds the agreement of all three when they all mark the same', () => {
    const same = compareLayers({ a: [sp('x', 'Stepanakert', 'location')], b: [sp('y', 'Stepanakert', 'location')], c: [sp('z', 'Stepanakert', 'location')] }, ['a', 'b', 'c']);
    expect(summary(same)).toEqual([['a:x|b:y|c:z', 'agreement']]);
  });
});

describe('moving between disagreements', () => {
  const items = compareLayers({ anna: ANNA, ben: BEN }, ['anna', 'ben']);
  const next = (from: string | null, direction: 1 | -1) => nextDisagreement(items, from, direction)?.id ?? null;

  it('steps forward over agreements and stops at the end', () => {
    expect(next(null, 1)).toBe('anna:T2|ben:T2');
    expect(next('anna:T2|ben:T2', 1)).toBe('anna:T5');
    expect(next('anna:T3|ben:T3', 1)).toBe('ben:T5');
    expect(next('ben:T5', 1)).toBeNull();
  });

  it('steps backward and stops at the start', () => {
    expect(next(null, -1)).toBe('ben:T5');
    expect(next('anna:T4|ben:T4', -1)).toBe('anna:T3|ben:T3');
    expect(next('anna:T2|ben:T2', -1)).toBeNull();
  });

  it('starts from the beginning when the current item is gone, and finds nothing when all agree', () => {
    expect(next('anna:T99', 1)).toBe('anna:T2|ben:T2');
    expect(nextDisagreement(items.filter((i) => i.kind === 'agreement'), null, 1)).toBeNull();
  });
});
