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
 * O(n · open spans), which stays small because few spans overlap at any point of a text.
 */
export function layoutLanes(spans: readonly LaneInput[]): LaneLayout {
  const order = spans.map((_, i) => i).sort((a, b) => spans[a].start - spans[b].start || spans[b].end - spans[a].end);
  const lanes = new Array<number>(spans.length).fill(0);
  const leaf = new Array<boolean>(spans.length).fill(true);
  let open: number[] = [];
  for (const i of order) {
    const s = spans[i];
    open = open.filter((j) => spans[j].end > s.start);
    let floor = 0;
    const used = new Set<number>();
    for (const j of open) {
      used.add(lanes[j]);
      if (spans[j].end >= s.end) { floor = Math.max(floor, lanes[j] + 1); leaf[j] = false; }
    }
    let lane = floor;
    while (used.has(lane)) lane++;
    lanes[i] = lane;
    open.push(i);
  }
  return { lanes, leaf };
}
