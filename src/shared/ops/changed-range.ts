/**
 * Where two versions of a list differ, found by identity. Ops share every unchanged span and
 * relation object between the layer before and after, and most edits touch one place: comparing
 * references from both ends finds the touched middle in O(n) pointer comparisons, so that the
 * per-edit work (diff, normalisation) is done on the middle only instead of on maps of the whole
 * layer (issue 7: 20,000 spans, one key press).
 */
export interface ChangedRange<T> {
  /** The part of `before` between the shared head and tail. */
  before: readonly T[];
  /** The part of `after` between the shared head and tail. */
  after: readonly T[];
  /** Length of the shared head (where both middles start). */
  head: number;
}

export function changedRange<T>(before: readonly T[], after: readonly T[]): ChangedRange<T> {
  if (before === after) return { before: [], after: [], head: before.length };
  const shorter = Math.min(before.length, after.length);
  let head = 0;
  while (head < shorter && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < shorter - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return { before: before.slice(head, before.length - tail), after: after.slice(head, after.length - tail), head };
}
