/**
 * Nesting layout: which lane each span is drawn in. Lanes are bars stacked under the text, so
 * every span needs a lane no overlapping span uses, and a span inside another needs a higher
 * lane than its container: the claim's bar runs right under the line, the bar of the actor
 * inside it one lane further down.
 */
import { changedRange } from '../../shared/ops/changed-range';

export interface LaneInput {
  start: number;
  end: number;
}

export interface LaneLayout {
  /** Lane of each input span, in input order. */
  lanes: number[];
  /** Whether each span contains no other span: leaves get a fill as well as a bar. */
  leaf: boolean[];
}

/** A layout and what the next edit's layout (`relayoutLanes`) starts from. */
export interface LaneState extends LaneLayout {
  spans: readonly LaneInput[];
  /** `reach[i]`: the furthest end among spans 0..i; null when the spans were not in document order. */
  reach: Float64Array | null;
  /**
   * What was laid out anew, as indexes into `spans`: `from` to `to` (exclusive); before it the
   * previous layout's values, after it theirs shifted by `shift` (index in the previous spans
   * minus index here). Everything on a full layout.
   */
  changed: { from: number; to: number; shift: number };
}

/**
 * Assigns lanes greedily in document order (start ascending, longer first). Runs in
 * O(n · open spans), which stays small because few spans overlap at any point of a text; it
 * allocates nothing per span (spans of a layer come ordered already).
 */
export function layoutLanes(spans: readonly LaneInput[]): LaneLayout {
  const { lanes, leaf } = relayoutLanes(null, spans);
  return { lanes, leaf };
}

/**
 * The layout after an edit, computed again only for the stretch of text the edit can affect.
 * The greedy layout starts afresh wherever no earlier span reaches past the next one's start
 * (a gap between clusters of overlapping spans), so only the clusters around the changed spans
 * (found by identity, as ops share unchanged span objects) are laid out again; before and after
 * them the previous lanes are copied. Equal to `layoutLanes(spans)` (a property test checks it):
 * on a long document, a key press lays out a handful of spans instead of 20,000.
 */
export function relayoutLanes(prev: LaneState | null, spans: readonly LaneInput[]): LaneState {
  const n = spans.length;
  if (prev?.reach && prev.spans === spans) return prev;
  if (prev?.reach) {
    const old = prev.spans;
    const { head, before: removed, after: added } = changedRange(old, spans);
    const addedEnd = head + added.length;
    if (orderedBetween(spans, Math.max(head - 1, 0), Math.min(addedEnd + 1, n))) {
      // Back to the start of the cluster the change touches.
      const firstStart = Math.min(added[0]?.start ?? Infinity, removed[0]?.start ?? Infinity);
      let from = head;
      if (from > 0 && prev.reach[from - 1] > firstStart) {
        from--;
        while (from > 0 && prev.reach[from - 1] > spans[from].start) from--;
      }
      let removedReach = -Infinity;
      for (const s of removed) removedReach = Math.max(removedReach, s.end);
      const shift = removed.length - added.length;
      const lanes = new Array<number>(n);
      const leaf = new Array<boolean>(n);
      for (let i = 0; i < from; i++) { lanes[i] = prev.lanes[i]; leaf[i] = prev.leaf[i]; }
      // Forward until a gap after the change that neither the new spans nor the removed ones reach over.
      const upTo = sweep(spans, null, lanes, leaf, from, addedEnd, removedReach);
      for (let i = upTo; i < n; i++) { lanes[i] = prev.lanes[i + shift]; leaf[i] = prev.leaf[i + shift]; }
      // Past a gap, the furthest end so far is the same before and after the edit.
      const reach = new Float64Array(n);
      reach.set(prev.reach.subarray(0, from));
      for (let i = from; i < upTo; i++) reach[i] = Math.max(i > 0 ? reach[i - 1] : -Infinity, spans[i].end);
      reach.set(prev.reach.subarray(upTo + shift), upTo);
      return { spans, lanes, leaf, reach, changed: { from, to: upTo, shift } };
    }
  }
  const lanes = new Array<number>(n).fill(0);
  const leaf = new Array<boolean>(n).fill(true);
  const ordered = orderedBetween(spans, 0, n);
  const order = ordered ? null : spans.map((_, i) => i).sort((a, b) => before(spans[a], spans[b]));
  sweep(spans, order, lanes, leaf, 0, Infinity, -Infinity);
  let reach: Float64Array | null = null;
  if (ordered) {
    reach = new Float64Array(n);
    for (let i = 0; i < n; i++) reach[i] = Math.max(i > 0 ? reach[i - 1] : -Infinity, spans[i].end);
  }
  return { spans, lanes, leaf, reach, changed: { from: 0, to: n, shift: 0 } };
}

/**
 * The greedy pass from `from` (where no earlier span is open), in `order` or input order. Stops
 * at the first index at or after `stopFrom` where no span seen so far, nor `alsoReach`, reaches
 * past that span's start; returns where it stopped.
 */
function sweep(spans: readonly LaneInput[], order: number[] | null, lanes: number[], leaf: boolean[], from: number, stopFrom: number, alsoReach: number): number {
  const open: number[] = [];
  /** Lanes the open spans use, marked and cleared around each span. */
  const taken: boolean[] = [];
  let reach = -Infinity;
  for (let k = from; k < spans.length; k++) {
    const i = order ? order[k] : k;
    const s = spans[i];
    if (k >= stopFrom && reach <= s.start && alsoReach <= s.start) return k;
    let kept = 0;
    for (const j of open) if (spans[j].end > s.start) open[kept++] = j;
    open.length = kept;
    let floor = 0;
    for (const j of open) {
      taken[lanes[j]] = true;
      if (spans[j].end >= s.end) { floor = Math.max(floor, lanes[j] + 1); leaf[j] = false; }
    }
    let lane = floor;
    while (taken[lane]) lane++;
    for (const j of open) taken[lanes[j]] = false;
    lanes[i] = lane;
    leaf[i] = true;
    open.push(i);
    reach = Math.max(reach, s.end);
  }
  return spans.length;
}

/** Whether spans `from`..`to` (exclusive) are in document order. */
function orderedBetween(spans: readonly LaneInput[], from: number, to: number): boolean {
  for (let i = from + 1; i < to; i++) if (before(spans[i - 1], spans[i]) > 0) return false;
  return true;
}

function before(a: LaneInput, b: LaneInput): number {
  return a.start - b.start || b.end - a.end;
}
