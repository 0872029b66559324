/**
 * Nesting layout: which lane each span is drawn in. Lanes are bars stacked under the text, so
 * every span needs a lane no overlapping span uses, and a span inside another needs a higher
 * lane than its container: the claim's bar runs right under the line, the bar of the actor
 * inside it one lane further down.
 */

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

/**
 * Assigns lanes greedily in document order (start ascending, longer first). Runs in
 * O(n · open spans), which stays small because few spans overlap at any point of a text; it
 * runs on every edit, so it allocates nothing per span (spans of a layer come ordered already).
 */
export function layoutLanes(spans: readonly LaneInput[]): LaneLayout {
  const n = spans.length;
  const lanes = new Array<number>(n).fill(0);
  const leaf = new Array<boolean>(n).fill(true);
  let ordered = true;
  for (let i = 1; i < n && ordered; i++) ordered = before(spans[i - 1], spans[i]) <= 0;
  const order = ordered ? null : spans.map((_, i) => i).sort((a, b) => before(spans[a], spans[b]));
  const open: number[] = [];
  /** Lanes the open spans use, marked and cleared around each span. */
  const taken: boolean[] = [];
  for (let k = 0; k < n; k++) {
    const i = order ? order[k] : k;
    const s = spans[i];
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
    open.push(i);
  }
  return { lanes, leaf };
}

function before(a: LaneInput, b: LaneInput): number {
  return a.start - b.start || b.end - a.end;
}
