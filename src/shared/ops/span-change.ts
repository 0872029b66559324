/**
 * A change to one annotator's layer as data: spans and relations to remove and to put back
 * (and, in the curated layer, comparison items marked or unmarked as resolved "neither").
 * Every edit in the app is one such change, so that undo and redo are the same operation
 * as the edit itself, applied by the same code in the renderer and in the store.
 */
import { changedRange } from './changed-range';
import type { Layer, Relation, Span } from '../model/annotation';
import type { DocumentStatus } from '../model/document';
import { compareSpans, quoteAt, SpanRangeError, type OpContext } from './span-ops';

export interface SpanChange {
  /** Ids of spans to remove (their relations go with them unless put back). */
  removeSpans: string[];
  /** Spans to add or replace, by id, exactly as given. */
  putSpans: Span[];
  /** Ids of relations to remove. */
  removeRelations: string[];
  /** Relations to add or replace, by id. */
  putRelations: Relation[];
  /** The layer's status after the change, when it changes. */
  status?: DocumentStatus;
  /** Curated layer: comparison items to mark and to unmark as resolved "neither". */
  reject?: string[];
  unreject?: string[];
  /** Suggestions to mark and unmark as rejected (ids `label:start:end`): the layer's `dismissed` list. */
  dismiss?: string[];
  undismiss?: string[];
}

/** A change and the change that takes it back. */
export interface ReversibleChange {
  redo: SpanChange;
  undo: SpanChange;
}

/** Whether the change does nothing. */
export function isEmptyChange(c: SpanChange): boolean {
  return !c.removeSpans.length && !c.putSpans.length && !c.removeRelations.length && !c.putRelations.length && c.status === undefined
    && !c.reject?.length && !c.unreject?.length && !c.dismiss?.length && !c.undismiss?.length;
}

/**
 * Applies a change. Every span put must quote the text at its offsets exactly, and every
 * relation must join two spans of the resulting layer; otherwise nothing is applied.
 */
export function applySpanChange(layer: Layer, change: SpanChange, ctx: Pick<OpContext, 'text' | 'index'>): Layer {
  const spans = new Map(layer.spans.map((s) => [s.id, s]));
  for (const id of change.removeSpans) {
    if (!spans.delete(id)) throw new SpanRangeError(`no span ${id} in this layer`);
  }
  for (const span of change.putSpans) {
    if (span.end <= span.start) throw new SpanRangeError(`span ${span.id} is empty`);
    const quote = quoteAt(ctx, span.start, span.end);
    if (quote !== span.quote) throw new SpanRangeError(`span ${span.id}: the text at ${span.start}–${span.end} is "${quote}", not "${span.quote}"`);
    spans.set(span.id, span);
  }
  const relations = new Map(layer.relations.map((r) => [r.id, r]));
  for (const id of change.removeRelations) relations.delete(id);
  for (const r of change.putRelations) relations.set(r.id, r);
  for (const r of relations.values()) {
    if (!spans.has(r.from) || !spans.has(r.to)) {
      if (change.putRelations.includes(r)) throw new SpanRangeError(`relation ${r.id} joins a span that is not in the layer`);
      // A relation whose span was removed goes with it.
      relations.delete(r.id);
    }
  }
  const { rejected: wasRejected, dismissed: wasDismissed, ...rest } = layer;
  const next: Layer = {
    ...rest,
    status: change.status ?? layer.status,
    spans: [...spans.values()].sort(compareSpans),
    relations: [...relations.values()],
  };
  // An empty list is not kept: the layer file then looks as it did before anything was marked.
  const rejected = marked(wasRejected, change.reject, change.unreject);
  if (rejected.length) next.rejected = rejected;
  const dismissed = marked(wasDismissed, change.dismiss, change.undismiss);
  if (dismissed.length) next.dismissed = dismissed;
  return next;
}

/** A list of marks with some added and some taken away; the order of marking is kept. */
function marked(before: readonly string[] | undefined, add: readonly string[] | undefined, remove: readonly string[] | undefined): string[] {
  const gone = new Set(remove);
  const out = (before ?? []).filter((id) => !gone.has(id));
  const have = new Set(out);
  for (const id of add ?? []) if (!have.has(id)) { have.add(id); out.push(id); }
  return out;
}

/** The change from `before` to `after`, and back: what undo and redo need. */
export function diffLayers(before: Layer, after: Layer): ReversibleChange {
  const redo = oneWay(before, after);
  const undo = oneWay(after, before);
  return { redo, undo };
}

function oneWay(from: Layer, to: Layer): SpanChange {
  // Only the middle that differs by identity is compared (ops share unchanged objects).
  const spans = changedRange(from.spans, to.spans);
  const relations = changedRange(from.relations, to.relations);
  return {
    ...changedItems(spans.before, spans.after, 'removeSpans', 'putSpans'),
    ...changedItems(relations.before, relations.after, 'removeRelations', 'putRelations'),
    ...(from.status !== to.status ? { status: to.status } : {}),
    ...markChanges('reject', 'unreject', from.rejected, to.rejected),
    ...markChanges('dismiss', 'undismiss', from.dismissed, to.dismissed),
  };
}

/** Ids of `from` missing in `to`, and items of `to` that are new or differ in content. */
function changedItems<T extends { id: string }, R extends string, P extends string>(
  from: readonly T[], to: readonly T[], remove: R, put: P,
): Record<R, string[]> & Record<P, T[]> {
  const fromById = new Map(from.map((x) => [x.id, x]));
  const toIds = new Set(to.map((x) => x.id));
  return {
    [remove]: from.filter((x) => !toIds.has(x.id)).map((x) => x.id),
    [put]: to.filter((x) => fromById.get(x.id) !== x && !sameJson(fromById.get(x.id), x)),
  } as Record<R, string[]> & Record<P, T[]>;
}

/** The marks `to` has and `from` lacks, and the other way round (only when there are any). */
function markChanges<A extends 'reject' | 'dismiss', R extends 'unreject' | 'undismiss'>(
  add: A, remove: R, from: readonly string[] = [], to: readonly string[] = [],
): Partial<Record<A | R, string[]>> {
  if (from === to) return {};
  const had = new Set(from);
  const has = new Set(to);
  const added = to.filter((id) => !had.has(id));
  const removed = from.filter((id) => !has.has(id));
  return { ...(added.length ? { [add]: added } : {}), ...(removed.length ? { [remove]: removed } : {}) } as Partial<Record<A | R, string[]>>;
}

function sameJson(a: unknown, b: unknown): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}
