/** Which spans to paint, where (document positions) and in which lane. */
import type { Span } from '../../shared/model/annotation';
import type { Label } from '../../shared/model/tag-schema';
import type { OffsetIndex } from '../../shared/text/offsets';
import type { PositionMap } from './position-map';
import type { PaintedSpan } from './span-decorations';
import { layoutLanes } from './span-lanes';

/** Paints the spans of one text; see `createSpanPainter`. */
export type SpanPainter = (spans: readonly Span[], labels: readonly Label[]) => PaintedSpan[];

/**
 * Spans converted from code points to positions, with their nesting lane and label colour. The
 * painter runs on every edit: a span object it has painted before, in the same lane and colours,
 * keeps its painted object (ops share unchanged spans), so an edit converts only what changed.
 */
export function createSpanPainter(index: OffsetIndex, map: PositionMap): SpanPainter {
  const painted = new WeakMap<Span, PaintedSpan>();
  return (spans, labels) => {
    if (spans.length === 0) return [];
    const byId = new Map(labels.map((l) => [l.id, l]));
    const { lanes, leaf } = layoutLanes(spans);
    return spans.map((s, i) => {
      const label = byId.get(s.label);
      const name = label?.name ?? s.label;
      const color = label?.color ?? '#777777';
      const old = painted.get(s);
      if (old && old.lane === lanes[i] && old.leaf === leaf[i] && old.name === name && old.color === color) return old;
      const fresh: PaintedSpan = {
        id: s.id, label: s.label, name, color, lane: lanes[i], leaf: leaf[i],
        from: old?.from ?? map.toPos(index.toUtf16(s.start)), to: old?.to ?? map.toPos(index.toUtf16(s.end)),
      };
      painted.set(s, fresh);
      return fresh;
    });
  };
}
