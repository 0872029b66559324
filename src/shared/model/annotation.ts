/** Annotations: spans and relations, kept in one layer file per (annotator, document). */
import { z } from 'zod';
import { DOCUMENT_STATUSES } from './document';

/** Attribute values are plain JSON scalars. */
export const AttributeValueSchema = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]);
export type AttributeValue = z.infer<typeof AttributeValueSchema>;
export const AttributesSchema = z.record(z.string().max(40), AttributeValueSchema);
export type Attributes = z.infer<typeof AttributesSchema>;

/**
 * Id of the curated (gold) layer adjudication writes: `annotations/curated_layer/<document>.json`.
 * No annotator can have it, since annotator ids come from `slugify`, which never writes `_`.
 */
export const CURATED_LAYER = 'curated_layer';

/** Where a curated span came from: the annotators' spans it was accepted from, or an edit. */
export const SpanOriginSchema = z.object({
  annotators: z.array(z.string().max(80)).max(100),
  spanIds: z.array(z.string().max(80)).max(100),
  decision: z.enum(['accepted', 'edited', 'added']),
});
export type SpanOrigin = z.infer<typeof SpanOriginSchema>;

/**
 * A span over the canonical text. `start`/`end` are Unicode code point offsets (half-open);
 * `quote` is the text between them, kept so that the invariant
 * `codePointSlice(text, start, end) === quote` can be checked on every load and export.
 */
export const SpanSchema = z.object({
  id: z.string().min(1).max(80),
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  label: z.string().min(1).max(40),
  quote: z.string(),
  attributes: AttributesSchema,
  note: z.string().max(100_000).optional(),
  /** Curated layer only: the annotators' spans this one was adjudicated from. */
  origin: SpanOriginSchema.optional(),
  createdAt: z.string(),
  modifiedAt: z.string(),
}).refine((s) => s.end > s.start, { message: 'end must be greater than start' });
export type Span = z.infer<typeof SpanSchema>;

export const RelationSchema = z.object({
  id: z.string().min(1).max(80),
  type: z.string().min(1).max(40),
  /** Span ids in the same layer. */
  from: z.string().min(1).max(80),
  to: z.string().min(1).max(80),
  createdAt: z.string(),
  modifiedAt: z.string(),
});
export type Relation = z.infer<typeof RelationSchema>;

/**
 * One entry of the discussion on an annotation. It is kept in its author's own layer file (the
 * layer's annotator is the author), so commenting on a colleague's span never writes their file.
 * `target` names the span's layer and id, and where it was when the comment was written, so the
 * thread still finds the span when an import had to give it another id.
 */
export const CommentSchema = z.object({
  id: z.string().min(1).max(80),
  target: z.object({
    /** The layer the span is in: an annotator id or the curated layer. */
    annotator: z.string().min(1).max(80),
    spanId: z.string().min(1).max(80),
    start: z.number().int().nonnegative(),
    end: z.number().int().positive(),
    label: z.string().min(1).max(40),
  }),
  text: z.string().min(1).max(20_000),
  createdAt: z.string(),
  modifiedAt: z.string(),
});
export type Comment = z.infer<typeof CommentSchema>;

/** A suggestion's id: `label:start:end` (see domain/suggestions.ts). */
export const SUGGESTION_ID = /^[a-z][a-z0-9_]{0,39}:\d{1,10}:\d{1,10}$/;

export const LayerFileSchema = z.object({
  schemaVersion: z.literal(1),
  kind: z.literal('tagwerk-layer'),
  documentId: z.string(),
  annotator: z.string(),
  /** Hash of the canonical text these offsets point into. */
  textSha256: z.string().regex(/^[0-9a-f]{64}$/),
  offsetUnit: z.literal('codepoint'),
  status: z.enum(DOCUMENT_STATUSES),
  spans: z.array(SpanSchema),
  relations: z.array(RelationSchema),
  /** Curated layer only: ids of the comparison items resolved as "neither" (review/compare.ts). */
  rejected: z.array(z.string().max(20_000)).max(100_000).optional(),
  /** Suggestions this annotator rejected (ids `label:start:end`, see domain/suggestions.ts): not offered again. */
  dismissed: z.array(z.string().regex(SUGGESTION_ID)).max(1_000_000).optional(),
  /** This annotator's comments on spans of any layer of the document (absent: none). */
  comments: z.array(CommentSchema).optional(),
});
export type Layer = z.infer<typeof LayerFileSchema>;

/** An empty layer for a document. */
export function emptyLayer(documentId: string, annotator: string, textSha256: string): Layer {
  return {
    schemaVersion: 1, kind: 'tagwerk-layer', documentId, annotator, textSha256,
    offsetUnit: 'codepoint', status: 'not_started', spans: [], relations: [],
  };
}
