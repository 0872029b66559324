import { describe, expect, it } from 'vitest';
import { overlapTest, type Range } from './overlap-index';

/** The definition: half-open ranges overlap when each starts before the other ends. */
const bruteForce = (ranges: readonly Range[], start: number, end: number) => ranges.some((r) => r.start < end && r.end > start);

/** A small seeded PRNG (mulberry32), so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('overlapTest', () => {
  it('finds nothing in an empty list', () => {
    const test = overlapTest([]);
    expect(test(0, 10)).toBe(false);
    expect(test(0, Number.MAX_SAFE_INTEGER)).toBe(false);
  });

  it('does not count touching as overlapping, on either side', () => {
    const test = overlapTest([{ start: 10, end: 20 }]);
    expect(test(0, 10)).toBe(false);
    expect(test(20, 30)).toBe(false);
    expect(test(9, 11)).toBe(true);
    expect(test(19, 21)).toBe(true);
    expect(test(0, 9)).toBe(false);
    expect(test(21, 25)).toBe(false);
  });

  it('finds a range nested inside, one containing the query, and the same range', () => {
    const test = overlapTest([{ start: 10, end: 20 }]);
    expect(test(12, 15)).toBe(true);
    expect(test(5, 25)).toBe(true);
    expect(test(10, 20)).toBe(true);
  });

  it('keeps the running maximum of ends: a long early range covers a point after later short ones', () => {
    // Sorted by start, the range just before 50 ends at 32; only the first reaches past 50.
    const ranges = [{ start: 30, end: 32 }, { start: 0, end: 100 }, { start: 20, end: 25 }, { start: 40, end: 41 }];
    const test = overlapTest(ranges);
    expect(test(50, 51)).toBe(true);
    expect(test(99, 100)).toBe(true);
    expect(test(100, 200)).toBe(false);
    // Without the long one, 50 is free.
    expect(overlapTest(ranges.filter((r) => r.end !== 100))(50, 51)).toBe(false);
  });

  it('does not change or depend on the order of the list it was given', () => {
    const ranges = [{ start: 40, end: 41 }, { start: 5, end: 8 }];
    const copy = structuredClone(ranges);
    const test = overlapTest(ranges);
    expect(ranges).toEqual(copy);
    expect([test(6, 7), test(40, 41), test(8, 40)]).toEqual([true, true, false]);
  });

  it('agrees with the brute-force definition on random ranges (seeded)', () => {
    const random = prng(20250701);
    const int = (n: number) => Math.floor(random() * n);
    let overlaps = 0;
    let checks = 0;
    for (let round = 0; round < 300; round++) {
      // Many small ranges, some long ones, nested and duplicated ones, some empty.
      const ranges: Range[] = [];
      const count = int(25);
      for (let i = 0; i < count; i++) {
        const start = int(200);
        const long = random() < 0.1;
        ranges.push({ start, end: start + (long ? int(150) : int(8)) });
      }
      if (ranges.length && random() < 0.3) ranges.push({ ...ranges[0] });
      const test = overlapTest(ranges);
      for (let q = 0; q < 60; q++) {
        const start = int(220);
        const end = start + 1 + int(12);
        const expected = bruteForce(ranges, start, end);
        if (test(start, end) !== expected) {
          throw new Error(`round ${round}: overlapTest(${JSON.stringify(ranges)})(${start}, ${end}) should be ${expected}`);
        }
        checks++;
        if (expected) overlaps++;
      }
    }
    // Both answers were exercised often.
    expect(checks).toBe(18_000);
    expect(overlaps).toBeGreaterThan(2_000);
    expect(checks - overlaps).toBeGreaterThan(2_000);
  });
});
