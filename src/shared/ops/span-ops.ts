/** Pure operations on one annotator's layer: add, update and remove spans; set the status. */
import type { Attributes, Layer, Span } from '../model/annotation';
import type { DocumentStatus } from '../model/document';
import { attributesForLabel } from '../model/attribute-values';
import type { Label } from '../model/tag-schema';
import { sliceCodePoints, type OffsetIndex } from '../text/offsets';

/** What an operation needs to know about the document it edits. */
export interface OpContext {
  text: string;
  index: OffsetIndex;
  /** ISO time stamp for created/modified. */
  now: string;
}

/** A span that breaks the invariants (out of range, empty, quote mismatch). */
export class SpanRangeError extends Error {
  constructor(message: string) { super(message); this.name = 'SpanRangeError'; }
}

/** Checks `[start, end)` against the text and returns the quote it covers. */
export function quoteAt(ctx: Pick<OpContext, 'text' | 'index'>, start: number, end: number): string {
  const span = `span ${start}–${end}`;
  if (!Number.isInteger(start) || !Number.isInteger(end)) throw new SpanRangeError(`${span}: offsets must be whole numbers`);
  if (start < 0 || end > ctx.index.length) throw new SpanRangeError(`${span} is outside the text (0–${ctx.index.length})`);
  if (end === start) throw new SpanRangeError(`${span} is empty`);
  if (end < start) throw new SpanRangeError(`${span} is reversed: its start comes after its end`);
  return sliceCodePoints(ctx.text, ctx.index, start, end);
}

export interface NewSpan {
  id: string;
  start: number;
  end: number;
  label: string;
  attributes?: Attributes;
  note?: string;
}

/** The span `span` makes in this text: its quote taken from the text, stamped with `ctx.now`. */
function createdSpan(span: NewSpan, ctx: OpContext): Span {
  return {
    id: span.id, start: span.start, end: span.end, label: span.label,
    quote: quoteAt(ctx, span.start, span.end),
    attributes: span.attributes ?? {},
    ...(span.note ? { note: span.note } : {}),
    createdAt: ctx.now, modifiedAt: ctx.now,
  };
}

/** A layer's status once a span is added: the first span starts the document. */
function startedStatus(layer: Layer): Layer['status'] {
  return layer.status === 'not_started' ? 'in_progress' : layer.status;
}

/** Adds a span; its quote is taken from the text. */
export function addSpan(layer: Layer, span: NewSpan, ctx: OpContext): Layer {
  for (const s of layer.spans) if (s.id === span.id) throw new SpanRangeError(`span id ${span.id} exists already`);
  return { ...layer, status: startedStatus(layer), spans: insertSorted(layer.spans, createdSpan(span, ctx)) };
}

/**
 * Adds several spans in one step (accepting all suggestions of a kind, tagging all occurrences):
 * like `addSpan` for each, in O((n + m) log(n + m)) instead of a copy of the layer per span.
 */
export function addSpans(layer: Layer, spans: readonly NewSpan[], ctx: OpContext): Layer {
  if (!spans.length) return layer;
  const ids = new Set(layer.spans.map((s) => s.id));
  const created = spans.map((span) => {
    if (ids.has(span.id)) throw new SpanRangeError(`span id ${span.id} exists already`);
    ids.add(span.id);
    return createdSpan(span, ctx);
  });
  return { ...layer, status: startedStatus(layer), spans: [...layer.spans, ...created].sort(compareSpans) };
}

export interface SpanPatch {
  start?: number;
  end?: number;
  label?: string;
  attributes?: Attributes;
  /** An empty string removes the note. */
  note?: string;
}

/** Changes a span's boundaries, label, attributes or note. */
export function updateSpan(layer: Layer, id: string, patch: SpanPatch, ctx: OpContext): Layer {
  const old = layer.spans.find((s) => s.id === id);
  if (!old) throw new SpanRangeError(`no span ${id} in this layer`);
  const start = patch.start ?? old.start;
  const end = patch.end ?? old.end;
  const { note: _dropped, ...rest } = old;
  const note = patch.note === undefined ? old.note : patch.note || undefined;
  const updated: Span = {
    ...rest, start, end,
    label: patch.label ?? old.label,
    quote: quoteAt(ctx, start, end),
    attributes: patch.attributes ?? old.attributes,
    ...(note ? { note } : {}),
    modifiedAt: ctx.now,
  };
  return { ...layer, spans: insertSorted(layer.spans.filter((s) => s.id !== id), updated) };
}

/** Removes a span and the relations that use it. */
export function removeSpan(layer: Layer, id: string): Layer {
  if (!layer.spans.some((s) => s.id === id)) throw new SpanRangeError(`no span ${id} in this layer`);
  return {
    ...layer,
    spans: layer.spans.filter((s) => s.id !== id),
    relations: layer.relations.filter((r) => r.from !== id && r.to !== id),
  };
}

/** Sets the annotator's progress on the document. */
export function setStatus(layer: Layer, status: DocumentStatus): Layer {
  return { ...layer, status };
}

/** Spans are kept ordered by start, then longest first (outer before inner), for stable diffs. */
export function compareSpans(a: Span, b: Span): number {
  return a.start - b.start || b.end - a.end || a.label.localeCompare(b.label) || a.id.localeCompare(b.id);
}

/** A copy with `span` after every span that does not sort after it (a binary search: layers hold thousands). */
function insertSorted(spans: readonly Span[], span: Span): Span[] {
  let lo = 0, hi = spans.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (compareSpans(spans[mid], span) > 0) hi = mid; else lo = mid + 1; }
  const out = spans.slice();
  out.splice(lo, 0, span);
  return out;
}

/** Gives a span another label, keeping the attributes that still apply (`attributesForLabel`). */
export function retagSpan(layer: Layer, id: string, from: Label | undefined, to: Label, ctx: OpContext): Layer {
  const old = layer.spans.find((s) => s.id === id);
  if (!old) throw new SpanRangeError(`no span ${id} in this layer`);
  if (old.label === to.id) return layer;
  return updateSpan(layer, id, { label: to.id, attributes: attributesForLabel(old.attributes, from, to) }, ctx);
}
