/** Which spans to paint, where (document positions) and in which lane. */
import type { Span } from '../../shared/model/annotation';
import type { Label } from '../../shared/model/tag-schema';
import type { OffsetIndex } from '../../shared/text/offsets';
import { changedRange } from '../../shared/ops/changed-range';
import type { PositionMap } from './position-map';
import { noteExtent, type PaintedSpan } from './span-decorations';
import { relayoutLanes, type LaneState } from './span-lanes';

/** Paints the spans of one text; see `createSpanPainter`. */
export interface SpanPainter {
  (spans: readonly Span[], labels: readonly Label[]): PaintedSpan[];
  /** The span with this id in `painted`, a result of this painter (found without a scan when it is the latest). */
  find(painted: readonly PaintedSpan[], id: string | null): PaintedSpan | undefined;
}

/**
 * Spans converted from code points to positions, with their nesting lane and label colour. The
 * painter runs on every edit, so its work follows the edit, not the document: the lanes are laid
 * out again only around the changed spans (`relayoutLanes`), only those spans are painted (the
 * rest of the list is copied from the previous painting), a span keeps its painted object while
 * its lane and colours stay (ops share unchanged span objects), and the lookup by id is updated
 * for the changed spans only.
 */
export function createSpanPainter(index: OffsetIndex, map: PositionMap): SpanPainter {
  const known = new WeakMap<Span, PaintedSpan>();
  interface Painting { spans: readonly Span[]; labels: readonly Label[]; layout: LaneState; out: PaintedSpan[]; byId: Map<string, PaintedSpan>; longest: number | null }
  let last: Painting | null = null;

  const paint = (spans: readonly Span[], labels: readonly Label[]): PaintedSpan[] => {
    if (last && last.spans === spans && last.labels === labels) return last.out;
    const byLabel = new Map(labels.map((l) => [l.id, l]));
    const layout = relayoutLanes(last?.layout ?? null, spans);
    const prev = last?.labels === labels ? last : null;
    // Only what the layout did anew is painted; before and after it, the previous painting holds.
    const { from, to, shift } = prev ? layout.changed : { from: 0, to: spans.length, shift: 0 };
    const byId = prev ? prev.byId : new Map<string, PaintedSpan>();
    const gone = prev ? prev.out.slice(from, to + shift) : [];
    for (const p of gone) byId.delete(p.id);
    const middle = new Array<PaintedSpan>(to - from);
    for (let i = from; i < to; i++) {
      const p = paintOne(spans[i], layout.lanes[i], layout.leaf[i], byLabel);
      byId.set(p.id, p);
      middle[i - from] = p;
    }
    const out = prev ? prev.out.slice(0, from).concat(middle, prev.out.slice(to + shift)) : middle;
    const longest = extent(out, prev, from, to, gone);
    noteExtent(out, longest);
    last = { spans, labels, layout, out, byId, longest };
    return out;
  };
  /** A span's painted object: the one it had when nothing it shows has changed. */
  const paintOne = (s: Span, lane: number, leaf: boolean, byLabel: Map<string, Label>): PaintedSpan => {
    const label = byLabel.get(s.label);
    const name = label?.name ?? s.label;
    const color = label?.color ?? '#777777';
    const old = known.get(s);
    if (old && old.lane === lane && old.leaf === leaf && old.name === name && old.color === color) return old;
    const fresh: PaintedSpan = {
      id: s.id, label: s.label, name, color, lane, leaf,
      from: old?.from ?? map.toPos(index.toUtf16(s.start)), to: old?.to ?? map.toPos(index.toUtf16(s.end)),
    };
    known.set(s, fresh);
    return fresh;
  };

  /**
   * The longest painted span when they are in order (null when not), for `inWindow`: from the
   * previous figure and the changed middle, unless the longest one was among those replaced.
   */
  const extent = (out: readonly PaintedSpan[], prev: Painting | null, from: number, to: number, gone: readonly PaintedSpan[]): number | null => {
    const whole = () => {
      let longest = 0;
      for (let i = 0; i < out.length; i++) {
        if (i > 0 && out[i].from < out[i - 1].from) return null;
        longest = Math.max(longest, out[i].to - out[i].from);
      }
      return longest;
    };
    if (!prev || prev.longest === null || gone.some((p) => p.to - p.from >= prev.longest!)) return whole();
    let longest = prev.longest;
    for (let i = Math.max(from - 1, 0); i < Math.min(to + 1, out.length); i++) {
      if (i > 0 && out[i].from < out[i - 1].from) return null;
      longest = Math.max(longest, out[i].to - out[i].from);
    }
    return longest;
  };

  return Object.assign(paint, {
    find(painted: readonly PaintedSpan[], id: string | null) {
      if (id === null) return undefined;
      return last?.out === painted ? last.byId.get(id) : painted.find((p) => p.id === id);
    },
  });
}
