import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { layoutLanes, relayoutLanes, type LaneInput, type LaneState } from './span-lanes';

/** Lanes of spans given as [start, end) pairs, checked for the two layout rules on the way. */
function lanesOf(spans: [number, number][]) {
  const input = spans.map(([start, end]) => ({ start, end }));
  const { lanes, leaf } = layoutLanes(input);
  input.forEach((a, i) => input.forEach((b, j) => {
    if (i === j) return;
    const overlap = a.start < b.end && b.start < a.end;
    if (overlap) expect(lanes[i], `spans ${i} and ${j} overlap`).not.toBe(lanes[j]);
    const inside = a.start >= b.start && a.end <= b.end && (a.start > b.start || a.end < b.end);
    if (inside) expect(lanes[i], `span ${i} lies inside ${j}`).toBeGreaterThan(lanes[j]);
  }));
  return { lanes, leaf };
}

describe('layoutLanes', () => {
  it('puts a claim sentence in the outer lane and its actor, location and figure one lane up', () => {
    // "Alijew sagte in Stepanakert, mehr als 6.500 Tote" with claim 0-50, actor 0-6, place 15-26, figure 28-50
    const { lanes, leaf } = lanesOf([[0, 50], [0, 6], [15, 26], [28, 50]]);
    expect(lanes).toEqual([0, 1, 1, 1]);
    expect(leaf).toEqual([false, true, true, true]);
  });

  it('gives crossing spans different lanes', () => {
    expect(lanesOf([[0, 10], [5, 15]]).lanes).toEqual([0, 1]);
  });

  it('keeps a span nested in a later lane above its container even when lower lanes are free', () => {
    // A [0,10) lane 0, B [2,4) inside A, C [5,15) crossing A, D [11,13) inside C only.
    const { lanes } = lanesOf([[0, 10], [2, 4], [5, 15], [11, 13]]);
    expect(lanes[3]).toBeGreaterThan(lanes[2]);
  });

  it('reuses lane 0 for spans that do not overlap, and treats touching spans as separate', () => {
    expect(lanesOf([[0, 5], [5, 9], [20, 30]]).lanes).toEqual([0, 0, 0]);
  });

  it('nests three deep and handles identical spans (two labels on one name)', () => {
    expect(lanesOf([[0, 40], [10, 30], [12, 20]]).lanes).toEqual([0, 1, 2]);
    const same = lanesOf([[3, 9], [3, 9]]);
    expect(new Set(same.lanes).size).toBe(2);
  });

  it('lays out spans given in any order the same way', () => {
    const spans: [number, number][] = [[28, 50], [0, 6], [0, 50], [15, 26]];
    expect(lanesOf(spans).lanes).toEqual([1, 1, 0, 1]);
  });
});

describe('relayoutLanes', () => {
  const order = (a: LaneInput, b: LaneInput) => a.start - b.start || b.end - a.end;
  const range = fc.tuple(fc.nat(300), fc.integer({ min: 1, max: 60 })).map(([start, length]) => ({ start, end: start + length }));
  /** An edit as an op makes it: a new array sharing every unchanged span object. */
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('add' as const), span: range }),
    fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('move' as const), at: fc.nat(), span: range }),
    fc.record({ kind: fc.constant('reload' as const) }),
  );
  type Edit = { kind: 'add'; span: LaneInput } | { kind: 'remove'; at: number } | { kind: 'move'; at: number; span: LaneInput } | { kind: 'reload' };
  const apply = (spans: readonly LaneInput[], e: Edit): LaneInput[] => {
    if (e.kind === 'add') return [...spans, e.span].sort(order);
    if (e.kind === 'reload') return spans.map((s) => ({ ...s }));
    if (!spans.length) return spans.slice();
    const at = e.at % spans.length;
    const rest = spans.filter((_, i) => i !== at);
    return e.kind === 'remove' ? rest : [...rest, e.span].sort(order);
  };

  it('equals a full layout after every edit of a sequence (adding, removing, moving spans, reloading)', () => {
    fc.assert(fc.property(fc.array(range, { maxLength: 80 }), fc.array(edit, { minLength: 1, maxLength: 25 }), (initial, edits) => {
      let spans: readonly LaneInput[] = initial.sort(order);
      let state: LaneState = relayoutLanes(null, spans);
      for (const e of edits) {
        spans = apply(spans, e);
        state = relayoutLanes(state, spans);
        const full = layoutLanes(spans);
        expect(state.lanes).toEqual(full.lanes);
        expect(state.leaf).toEqual(full.leaf);
      }
    }), { numRuns: 500 });
  });

  it('lays out again only the cluster an added span touches and copies the rest', () => {
    // Three clusters; the new span lands in the middle one.
    const spans = [{ start: 0, end: 10 }, { start: 2, end: 4 }, { start: 20, end: 30 }, { start: 40, end: 50 }, { start: 42, end: 45 }];
    const state = relayoutLanes(null, spans);
    const added = { start: 22, end: 25 };
    const next = [...spans.slice(0, 3), added, ...spans.slice(3)];
    const after = relayoutLanes(state, next);
    expect(after.lanes).toEqual([0, 1, 0, 1, 0, 1]);
    expect(after.leaf).toEqual([false, true, false, true, false, true]);
  });

  it('falls back to a full layout for spans out of document order', () => {
    const spans = [{ start: 28, end: 50 }, { start: 0, end: 6 }, { start: 0, end: 50 }, { start: 15, end: 26 }];
    const state = relayoutLanes(null, spans);
    expect(state.reach).toBeNull();
    expect(relayoutLanes(state, [...spans, { start: 1, end: 3 }]).lanes).toEqual(layoutLanes([...spans, { start: 1, end: 3 }]).lanes);
  });
});
