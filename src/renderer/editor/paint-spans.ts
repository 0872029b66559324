/** Which spans to paint and how deep each is nested, in document positions. */
import type { Layer } from '../../shared/model/annotation';
import type { Label } from '../../shared/model/tag-schema';
import { createOffsetIndex } from '../../shared/text/offsets';
import type { PositionMap } from './position-map';
import type { PaintedSpan } from './span-decorations';

/** Spans of `layer` converted from code points to positions, with their nesting depth. */
export function paintSpans(text: string, layer: Layer | undefined, labels: readonly Label[], map: PositionMap): PaintedSpan[] {
  if (!layer || layer.spans.length === 0) return [];
  const index = createOffsetIndex(text);
  const colors = new Map(labels.map((l) => [l.id, l.color]));
  // Spans are stored sorted by start, outer first: a stack of open ends gives each span's depth.
  const open: number[] = [];
  return layer.spans.map((s) => {
    while (open.length && open[open.length - 1] <= s.start) open.pop();
    const depth = open.length;
    open.push(s.end);
    return {
      id: s.id, label: s.label, color: colors.get(s.label) ?? '#777777', depth,
      from: map.toPos(index.toUtf16(s.start)), to: map.toPos(index.toUtf16(s.end)),
    };
  });
}
