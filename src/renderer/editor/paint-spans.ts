/** Which spans to paint, where (document positions) and in which lane. */
import type { Span } from '../../shared/model/annotation';
import type { Label } from '../../shared/model/tag-schema';
import type { OffsetIndex } from '../../shared/text/offsets';
import type { PositionMap } from './position-map';
import type { PaintedSpan } from './span-decorations';
import { layoutLanes } from './span-lanes';

/** Spans converted from code points to positions, with their nesting lane and label colour. */
export function paintSpans(spans: readonly Span[], labels: readonly Label[], index: OffsetIndex, map: PositionMap): PaintedSpan[] {
  if (spans.length === 0) return [];
  const byId = new Map(labels.map((l) => [l.id, l]));
  const { lanes, leaf } = layoutLanes(spans);
  return spans.map((s, i) => ({
    id: s.id, label: s.label, name: byId.get(s.label)?.name ?? s.label, color: byId.get(s.label)?.color ?? '#777777',
    lane: lanes[i], leaf: leaf[i],
    from: map.toPos(index.toUtf16(s.start)), to: map.toPos(index.toUtf16(s.end)),
  }));
}
