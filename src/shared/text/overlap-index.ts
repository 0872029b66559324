/** Whether a range overlaps any of many ranges, answered in O(log n) after an O(n log n) build. */

export interface Range { start: number; end: number }

/**
 * A test for "does [start, end) overlap one of `ranges`" (half-open ranges; touching is not
 * overlapping). Sorted by start, the running maximum of ends answers "does any range that starts
 * before `end` reach past `start`" with one binary search.
 */
export function overlapTest(ranges: readonly Range[]): (start: number, end: number) => boolean {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const starts = sorted.map((r) => r.start);
  const maxEnd: number[] = [];
  for (const r of sorted) maxEnd.push(Math.max(r.end, maxEnd[maxEnd.length - 1] ?? -Infinity));
  return (start, end) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid] < end) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && maxEnd[lo - 1] > start;
  };
}
