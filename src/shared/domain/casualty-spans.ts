/**
 * Casualty figures in a layer: spans tagged `casualty_figure` get the normalised attributes the
 * parser reads from their text (marked `normalized_by: auto`), and a researcher's correction of
 * those attributes is marked `normalized_by: annotator` and never overwritten. Applied after each
 * edit (the editor, the service) and to imported spans.
 */
import { changedRange } from '../ops/changed-range';
import type { Attributes, Layer, Span } from '../model/annotation';
import { sliceCodePoints } from '../text/offsets';
import type { OpContext } from '../ops/span-ops';
import { parseCasualtyFigure } from './casualty';

export const CASUALTY_LABEL = 'casualty_figure';
/** The attributes the parser fills. */
export const CASUALTY_FIELDS = ['count_min', 'count_max', 'approximate', 'outcome', 'victims'] as const;
/** How much text on each side of a span the parser sees (code points): enough for its sentence. */
const CONTEXT = 240;

/** The attributes the parser reads for the span start–end of the text, marked auto; null when it holds no count. */
export function proposeCasualtyAttributes(ctx: Pick<OpContext, 'text' | 'index'>, start: number, end: number): Attributes | null {
  const slice = (a: number, b: number) => (b > a ? sliceCodePoints(ctx.text, ctx.index, a, b) : '');
  const parsed = parseCasualtyFigure(slice(start, end), {
    before: slice(Math.max(0, start - CONTEXT), start),
    after: slice(end, Math.min(ctx.index.length, end + CONTEXT)),
  });
  return parsed ? { ...parsed } : null;
}

const hasFields = (a: Attributes) => CASUALTY_FIELDS.some((f) => Object.prototype.hasOwnProperty.call(a, f));
const fieldsDiffer = (a: Attributes, b: Attributes) => CASUALTY_FIELDS.some((f) => !Object.is(a[f] ?? null, b[f] ?? null));

/**
 * The layer after an edit, with casualty figures normalised:
 * - a new casualty span without any of the figure's attributes gets the parser's (auto);
 * - a span that became a casualty figure, or whose boundaries changed, is read again unless the
 *   researcher has corrected it (`normalized_by: annotator`);
 * - a change of the figure's attributes on an unchanged span marks it `annotator`.
 * Returns `after` itself when nothing changes.
 */
export function normalizeCasualtySpans(before: Layer, after: Layer, ctx: Pick<OpContext, 'text' | 'index'>): Layer {
  if (after === before) return after;
  // Spans shared by identity with `before` are unchanged; only the touched middle is read.
  const touched = changedRange(before.spans, after.spans);
  const previous = new Map(touched.before.map((s) => [s.id, s]));
  let changed = false;
  const middle = touched.after.map((span): Span => {
    if (span.label !== CASUALTY_LABEL) return span;
    const was = previous.get(span.id);
    const moved = !was || was.label !== CASUALTY_LABEL || was.start !== span.start || was.end !== span.end;
    if (moved) {
      const corrected = span.attributes.normalized_by === 'annotator';
      if (corrected || (!was && hasFields(span.attributes))) return span;
      const proposed = proposeCasualtyAttributes(ctx, span.start, span.end);
      if (!proposed) return span;
      changed = true;
      return { ...span, attributes: { ...span.attributes, ...proposed } };
    }
    if (span.attributes.normalized_by !== 'annotator' && fieldsDiffer(was.attributes, span.attributes)) {
      changed = true;
      return { ...span, attributes: { ...span.attributes, normalized_by: 'annotator' } };
    }
    return span;
  });
  if (!changed) return after;
  const spans = after.spans.slice();
  spans.splice(touched.head, middle.length, ...middle);
  return { ...after, spans };
}
