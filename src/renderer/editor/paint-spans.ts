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
 * out again only around the changed spans (`relayoutLanes`), a span keeps its painted object
 * while its lane and colours stay (ops share unchanged span objects), and the lookup by id is
 * updated for the changed spans only.
 */
export function createSpanPainter(index: OffsetIndex, map: PositionMap): SpanPainter {
  const known = new WeakMap<Span, PaintedSpan>();
  let last: { spans: readonly Span[]; labels: readonly Label[]; layout: LaneState; out: PaintedSpan[]; byId: Map<string, PaintedSpan> } | null = null;

  const paint = (spans: readonly Span[], labels: readonly Label[]): PaintedSpan[] => {
    if (last && last.spans === spans && last.labels === labels) return last.out;
    const byLabel = new Map(labels.map((l) => [l.id, l]));
    const layout = relayoutLanes(last?.layout ?? null, spans);
    const { lanes, leaf } = layout;
    // The previous painting lines up with these spans before and after the changed middle.
    const prev = last?.labels === labels ? last : null;
    const { head, before: removed, after: added } = prev ? changedRange(prev.spans, spans) : { head: 0, before: [], after: spans };
    const shift = removed.length - added.length;
    const byId = prev ? prev.byId : new Map<string, PaintedSpan>();
    for (const s of removed) byId.delete(s.id);
    const out = new Array<PaintedSpan>(spans.length);
    let longest = 0;
    let ordered = true;
    for (let i = 0; i < spans.length; i++) {
      const same = !prev ? undefined : i < head ? prev.out[i] : i >= head + added.length ? prev.out[i + shift] : undefined;
      let p: PaintedSpan;
      if (same && same.lane === lanes[i] && same.leaf === leaf[i]) p = same;
      else {
        p = paintOne(spans[i], lanes[i], leaf[i], byLabel);
        byId.set(p.id, p);
      }
      out[i] = p;
      if (p.to - p.from > longest) longest = p.to - p.from;
      if (i > 0 && p.from < out[i - 1].from) ordered = false;
    }
    noteExtent(out, ordered ? longest : null);
    last = { spans, labels, layout, out, byId };
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

  return Object.assign(paint, {
    find(painted: readonly PaintedSpan[], id: string | null) {
      if (id === null) return undefined;
      return last?.out === painted ? last.byId.get(id) : painted.find((p) => p.id === id);
    },
  });
}
