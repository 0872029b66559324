import { describe, expect, it } from 'vitest';
import { layoutLanes } from './span-lanes';

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
