/**
 * Adjudication: building the curated layer of a document from the annotators' spans, item by
 * item of the comparison (`compare.ts`), and measuring how far the curator has got.
 *
 * The curated layer is an ordinary `Layer` whose annotator is `CURATED_LAYER` (the model's
 * constant and `SpanOrigin`, re-exported here). Each of its spans may carry an `origin` saying
 * where it came from: the annotators' spans it was taken from
 * (`annotators[i]` made `spanIds[i]`; pairs, because span ids are unique only within a layer)
 * and the decision (`accepted`: taken as an annotator had it; `edited`: taken and then changed;
 * `added`: the curator's own).
 *
 * Every function here is a layer op, `(curated, …, ctx) → Layer` like those of `span-ops.ts`,
 * and returns the very same layer when nothing changes. They do not return a `SpanChange`: the
 * editor records any op as `diffLayers(before, after)` and sends its `redo`, so an adjudication
 * step is undone, redone and saved exactly like any other edit, with one code path for the
 * change; a function returning a change would still need the layer to compute its undo.
 *
 * Rules:
 * - Accepting spans copies offsets, label, quote, attributes and note into the curated layer
 *   with a new id (`ctx.newId`, by default a random `s_…` id) and `origin.decision` `accepted`.
 *   Picks that match exactly (same start, end and label) become one curated span whose origin
 *   names them all; the first of them gives the attributes and the note. A curated span that
 *   already has those offsets and label is not duplicated: its origin gains the picks (its id,
 *   attributes and note stay; its decision becomes `accepted`, unless it was `edited` and still
 *   names spans it was edited from).
 * - Deciding an item (`acceptItem`) replaces any earlier decision on it: the item's spans are
 *   first withdrawn from the origins of the curated spans, and a curated span left with no
 *   origin pair at all is removed (with its relations), unless the new choice accepts exactly
 *   that span again, in which case it is kept as it is. Curated spans without origin pairs
 *   (the curator's own) are never touched.
 * - An item is decided when a curated span's origin names one of its spans, or when it was
 *   resolved as "neither": its id is then in the layer's `rejected` list (item ids are stable
 *   while the annotators' spans stay the same, see `compare.ts`). Accepting a version of the
 *   item takes it off that list.
 */
import { CURATED_LAYER, type Layer, type Span, type SpanOrigin } from '../model/annotation';
import { newId } from '../model/ids';
import { compareSpans, quoteAt, SpanRangeError, type OpContext } from '../ops/span-ops';
import { isExactMatch, spanRef, type AnnotatorSpan, type ComparisonItem } from './compare';

export { CURATED_LAYER, type SpanOrigin } from '../model/annotation';

/** What adjudication needs: the op context, and optionally where new span ids come from. */
export interface AdjudicationContext extends OpContext {
  /** A new span id; absent: `newId('s')`. */
  newId?: () => string;
}

/** Which spans of an item go into the curated layer. */
export type ItemChoice = { annotator: string } | 'both' | 'neither';

export interface AdjudicationProgress { decided: number; left: number; total: number }

/** One annotator's span, by id. */
interface AnnotatorRef { annotator: string; spanId: string }
const refOf = (r: AnnotatorRef): string => spanRef(r.annotator, r.spanId);

/** The (annotator, span id) pairs an origin names. */
function originPairs(origin: SpanOrigin | undefined): AnnotatorRef[] {
  if (!origin) return [];
  const n = Math.min(origin.annotators.length, origin.spanIds.length);
  return Array.from({ length: n }, (_, i) => ({ annotator: origin.annotators[i], spanId: origin.spanIds[i] }));
}

const itemRefs = (item: ComparisonItem): Set<string> => new Set(item.spans.map((s) => spanRef(s.annotator, s.span.id)));

function assertCurated(layer: Layer): void {
  if (layer.annotator !== CURATED_LAYER) throw new Error(`layer of ${layer.annotator} is not the curated layer`);
}

/** Picks with the same start, end and label, each (annotator, span) once. */
interface PickGroup { first: Span; picks: AnnotatorSpan[] }

function groupPicks(picks: readonly AnnotatorSpan[]): PickGroup[] {
  const groups: PickGroup[] = [];
  for (const pick of picks) {
    const group = groups.find((g) => isExactMatch(g.first, pick.span));
    if (!group) groups.push({ first: pick.span, picks: [pick] });
    else if (!group.picks.some((p) => p.annotator === pick.annotator && p.span.id === pick.span.id)) group.picks.push(pick);
  }
  return groups;
}

/** `span` with an origin naming `pairs`. */
function withOrigin(span: Span, pairs: readonly AnnotatorRef[], decision: SpanOrigin['decision'], now: string): Span {
  const origin: SpanOrigin = { annotators: pairs.map((p) => p.annotator), spanIds: pairs.map((p) => p.spanId), decision };
  return { ...span, origin, modifiedAt: now };
}

/** A new curated span copied from a group of exactly matching picks. */
function copyOf(group: PickGroup, id: string, ctx: AdjudicationContext): Span {
  const { first } = group;
  const quote = quoteAt(ctx, first.start, first.end);
  if (quote !== first.quote) throw new SpanRangeError(`span ${first.id}: the text at ${first.start}–${first.end} is "${quote}", not "${first.quote}"`);
  return {
    id, start: first.start, end: first.end, label: first.label, quote,
    attributes: { ...first.attributes },
    ...(first.note ? { note: first.note } : {}),
    createdAt: ctx.now, modifiedAt: ctx.now,
    origin: { annotators: group.picks.map((p) => p.annotator), spanIds: group.picks.map((p) => p.span.id), decision: 'accepted' },
  };
}

/** Withdraws the references `withdrawn` from every origin, then accepts `picks` (the module's rules). */
function decide(curated: Layer, withdrawn: ReadonlySet<string>, picks: readonly AnnotatorSpan[], ctx: AdjudicationContext): Layer {
  assertCurated(curated);
  const groups = groupPicks(picks);
  const placed = new Set<PickGroup>();
  const removed = new Set<string>();
  let changed = false;
  const spans: Span[] = [];
  for (const span of curated.spans) {
    const { origin } = span;
    const pairs = originPairs(origin);
    const kept = pairs.filter((p) => !withdrawn.has(refOf(p)));
    const group = groups.find((g) => !placed.has(g) && isExactMatch(g.first, span));
    if (group) {
      placed.add(group);
      const next = kept.slice();
      for (const p of group.picks) {
        if (!next.some((q) => q.annotator === p.annotator && q.spanId === p.span.id)) next.push({ annotator: p.annotator, spanId: p.span.id });
      }
      const decision = origin?.decision === 'edited' && kept.length ? 'edited' : 'accepted';
      const same = origin?.decision === decision && next.length === pairs.length && next.every((p, i) => refOf(p) === refOf(pairs[i]));
      spans.push(same ? span : withOrigin(span, next, decision, ctx.now));
      changed ||= !same;
    } else if (kept.length === pairs.length) {
      spans.push(span);
    } else {
      changed = true;
      if (kept.length) spans.push(withOrigin(span, kept, origin!.decision, ctx.now));
      else removed.add(span.id);
    }
  }
  const makeId = ctx.newId ?? (() => newId('s'));
  const ids = new Set(curated.spans.map((s) => s.id));
  for (const group of groups.filter((g) => !placed.has(g))) {
    const id = makeId();
    if (ids.has(id)) throw new SpanRangeError(`span id ${id} exists already`);
    ids.add(id);
    spans.push(copyOf(group, id, ctx));
    changed = true;
  }
  if (!changed) return curated;
  const added = groups.length > placed.size;
  return {
    ...curated,
    status: added && curated.status === 'not_started' ? 'in_progress' : curated.status,
    spans: spans.sort(compareSpans),
    relations: removed.size ? curated.relations.filter((r) => !removed.has(r.from) && !removed.has(r.to)) : curated.relations,
  };
}

/**
 * Copies the picked annotators' spans into the curated layer with origin `accepted`; exactly
 * matching picks become one span, and a curated span that matches already gains the picks in
 * its origin instead of being duplicated.
 */
export function acceptSpans(curated: Layer, picks: readonly AnnotatorSpan[], ctx: AdjudicationContext): Layer {
  return decide(curated, new Set(), picks, ctx);
}

/**
 * Decides one comparison item: accepts one annotator's span, all its spans (`both`), or none
 * (`neither`), replacing any earlier decision on the item (see the module comment).
 * @throws Error when the chosen annotator has no span in the item.
 */
export function acceptItem(curated: Layer, item: ComparisonItem, choice: ItemChoice, ctx: AdjudicationContext): Layer {
  const picks = choice === 'neither' ? [] : choice === 'both' ? item.spans : item.spans.filter((s) => s.annotator === choice.annotator);
  if (typeof choice === 'object' && !picks.length) throw new Error(`${choice.annotator} has no span in item ${item.id}`);
  return markRejected(decide(curated, itemRefs(item), picks, ctx), item.id, choice === 'neither');
}

/** The layer with the item on or off its `rejected` list. */
function markRejected(layer: Layer, itemId: string, rejected: boolean): Layer {
  const list = layer.rejected ?? [];
  if (list.includes(itemId) === rejected) return layer;
  const { rejected: _old, ...rest } = layer;
  const next = rejected ? [...list, itemId] : list.filter((id) => id !== itemId);
  return next.length ? { ...rest, rejected: next } : rest;
}

/** Whether the item was resolved as "neither". */
export function itemRejected(curated: Layer, item: ComparisonItem): boolean {
  return (curated.rejected ?? []).includes(item.id);
}

/**
 * Accepts every `agreement` item at once, except those already decided (an agreed span the
 * curator has since edited stays as edited; one resolved as neither stays so).
 */
export function acceptAllAgreements(curated: Layer, items: readonly ComparisonItem[], ctx: AdjudicationContext): Layer {
  return items.reduce((layer, item) => (item.kind === 'agreement' && !itemDecided(layer, item)
    ? acceptItem(layer, item, 'both', ctx) : layer), curated);
}

/** The curated spans whose origin names one of the item's spans. */
export function curatedFromItem(curated: Layer, item: ComparisonItem): Span[] {
  const refs = itemRefs(item);
  return curated.spans.filter((s) => originPairs(s.origin).some((p) => refs.has(refOf(p))));
}

/** Whether the item is decided: a curated span's origin names one of its spans, or it was resolved as neither. */
export function itemDecided(curated: Layer, item: ComparisonItem): boolean {
  return itemRejected(curated, item) || curatedFromItem(curated, item).length > 0;
}

/** How many items are decided (see `itemDecided`), how many are left, and how many there are. */
export function adjudicationProgress(curated: Layer, items: readonly ComparisonItem[]): AdjudicationProgress {
  const rejected = new Set(curated.rejected);
  const used = new Set(curated.spans.flatMap((s) => originPairs(s.origin).map(refOf)));
  const decided = items.filter((item) => rejected.has(item.id) || item.spans.some((s) => used.has(spanRef(s.annotator, s.span.id)))).length;
  return { decided, left: items.length - decided, total: items.length };
}

/** Whether two spans differ in what an annotation says: place, label, attributes or note. */
function contentDiffers(a: Span, b: Span): boolean {
  return a.start !== b.start || a.end !== b.end || a.label !== b.label || (a.note ?? '') !== (b.note ?? '')
    || JSON.stringify(a.attributes) !== JSON.stringify(b.attributes);
}

/**
 * Records the curator's own edits of the curated layer in the origins (applied to every edit of
 * the curated layer in Annotate mode): a span the curator adds without an origin gets decision
 * `added`; an `accepted` span whose place, label, attributes or note the edit changes becomes
 * `edited` (its origin pairs stay: that is what it was edited from).
 */
export function stampCuratedEdits(before: Layer, after: Layer): Layer {
  if (after === before) return after;
  const previous = new Map(before.spans.map((s) => [s.id, s]));
  let changed = false;
  const spans = after.spans.map((span) => {
    const was = previous.get(span.id);
    if (!was && !span.origin) { changed = true; return { ...span, origin: { annotators: [], spanIds: [], decision: 'added' as const } }; }
    if (was && span.origin?.decision === 'accepted' && contentDiffers(was, span)) {
      changed = true;
      return { ...span, origin: { ...span.origin, decision: 'edited' as const } };
    }
    return span;
  });
  return changed ? { ...after, spans } : after;
}

/**
 * Carries the annotators' relations into the curated layer: a relation of an annotator whose two
 * spans both went into curated spans (by their origins) joins those curated spans, once per type
 * and direction. Applied after every decision, so relations follow what was accepted; a relation
 * whose curated span is withdrawn goes with it (`acceptItem`).
 */
export function copyRelations(curated: Layer, sources: readonly Layer[], ctx: AdjudicationContext): Layer {
  assertCurated(curated);
  const curatedOf = new Map<string, string[]>();
  for (const s of curated.spans) {
    for (const p of originPairs(s.origin)) curatedOf.set(refOf(p), [...(curatedOf.get(refOf(p)) ?? []), s.id]);
  }
  const has = (type: string, from: string, to: string, list: readonly { type: string; from: string; to: string }[]) =>
    list.some((r) => r.type === type && r.from === from && r.to === to);
  const added: Layer['relations'] = [];
  for (const layer of sources) {
    if (layer.annotator === CURATED_LAYER) continue;
    for (const r of layer.relations) {
      for (const from of curatedOf.get(spanRef(layer.annotator, r.from)) ?? []) {
        for (const to of curatedOf.get(spanRef(layer.annotator, r.to)) ?? []) {
          if (from === to || has(r.type, from, to, curated.relations) || has(r.type, from, to, added)) continue;
          added.push({ id: newId('r'), type: r.type, from, to, createdAt: ctx.now, modifiedAt: ctx.now });
        }
      }
    }
  }
  return added.length ? { ...curated, relations: [...curated.relations, ...added] } : curated;
}
