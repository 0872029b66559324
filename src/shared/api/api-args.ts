/** Runtime validation of every API argument: the renderer and HTTP clients are untrusted input. */
import { z } from 'zod';
import { AttributesSchema, RelationSchema, SpanSchema, SUGGESTION_ID } from '../model/annotation';
import { DOCUMENT_STATUSES } from '../model/document';
import { MAX_IMPORT_BYTES } from '../formats/source-formats';
import { SAFE_ID } from '../model/ids';
import { TagSchemaSchema } from '../model/tag-schema';
import { ENTITY_ID, EntityInputSchema } from '../model/entities';
import { PLACE_ID, PlaceInputSchema, USER_PLACE_ID } from '../model/user-places';
import type { Envelope } from './api-client';
import { ApiError, type ApiMethod, type TagwerkApi } from './tagwerk-api';

const documentId = z.string().regex(SAFE_ID, 'not a document id');
const spanId = z.string().min(1).max(80);
const commentText = z.string().trim().min(1, 'a comment needs some text').max(20_000);
const offset = z.number().int().nonnegative().max(2 ** 31);
const suggestion = z.string().regex(SUGGESTION_ID, 'not a suggestion id (label:start:end)');

/** The fields every export request has. */
const exportRequest = {
  format: z.string().min(1).max(40),
  annotator: z.string().regex(SAFE_ID, 'not an annotator id').optional(),
  layer: z.literal('curated').optional(),
  labels: z.array(z.string().min(1).max(40)).max(200).optional(),
  unit: z.enum(['codepoint', 'utf16']),
  nested: z.enum(['outermost', 'innermost', 'per-label']),
};

/** Most spans or relations one change may touch (an undo of a large import stays possible). */
const MAX_CHANGE = 100_000;


/** One schema per method; `strict` so that unknown keys are refused, not silently ignored. */
export const API_ARGS = {
  getProject: z.object({}).strict(),
  listDocuments: z.object({}).strict(),
  getDocument: z.object({ documentId }).strict(),
  importFiles: z.object({
    files: z.array(z.object({
      name: z.string().min(1).max(1000),
      data: z.string().max(Math.ceil(MAX_IMPORT_BYTES / 3) * 4, `file is larger than ${MAX_IMPORT_BYTES / 1048576} MB`),
    }).strict()).min(1).max(10_000),
    replaceInvalid: z.boolean().optional(),
  }).strict(),
  createSpan: z.object({
    documentId, start: offset, end: offset, label: z.string().min(1).max(40),
    attributes: AttributesSchema.optional(), note: z.string().max(100_000).optional(),
  }).strict(),
  updateSpan: z.object({
    documentId, spanId,
    patch: z.object({
      start: offset.optional(), end: offset.optional(), label: z.string().min(1).max(40).optional(),
      attributes: AttributesSchema.optional(), note: z.string().max(100_000).optional(),
    }).strict(),
  }).strict(),
  deleteSpan: z.object({ documentId, spanId }).strict(),
  setDocumentStatus: z.object({ documentId, status: z.enum(DOCUMENT_STATUSES) }).strict(),
  applyChange: z.object({
    documentId,
    change: z.object({
      removeSpans: z.array(spanId).max(MAX_CHANGE),
      putSpans: z.array(SpanSchema).max(MAX_CHANGE),
      removeRelations: z.array(spanId).max(MAX_CHANGE),
      putRelations: z.array(RelationSchema).max(MAX_CHANGE),
      status: z.enum(DOCUMENT_STATUSES).optional(),
      reject: z.array(z.string().min(1).max(20_000)).max(MAX_CHANGE).optional(),
      unreject: z.array(z.string().min(1).max(20_000)).max(MAX_CHANGE).optional(),
      dismiss: z.array(suggestion).max(MAX_CHANGE).optional(),
      undismiss: z.array(suggestion).max(MAX_CHANGE).optional(),
    }).strict(),
    layer: z.literal('curated').optional(),
  }).strict(),
  setAnnotatorName: z.object({ name: z.string().trim().min(1, 'a name is needed').max(120) }).strict(),
  addComment: z.object({
    documentId,
    target: z.object({ annotator: z.string().min(1).max(80), spanId }).strict(),
    text: commentText,
  }).strict(),
  updateComment: z.object({ documentId, commentId: spanId, text: commentText }).strict(),
  deleteComment: z.object({ documentId, commentId: spanId }).strict(),
  agreement: z.object({
    annotators: z.array(z.string().regex(SAFE_ID, 'not an annotator id')).min(1).max(100).optional(),
    labels: z.array(z.string().min(1).max(40)).max(200).optional(),
  }).strict(),
  updateTagSchema: z.object({ tagSchema: TagSchemaSchema }).strict(),
  labelUsage: z.object({}).strict(),
  previewExport: z.object(exportRequest).strict(),
  exportProject: z.object({
    ...exportRequest,
    fileName: z.string().min(1).max(200).regex(/^[^/\\:*?"<>|\u0000-\u001f]+$/, 'not a plain file name')
      .refine((n) => !n.startsWith('.'), 'must not start with a dot'),
  }).strict(),
  listEntities: z.object({}).strict(),
  saveEntity: z.object({ entity: EntityInputSchema }).strict(),
  deleteEntity: z.object({ id: z.string().regex(ENTITY_ID, 'not an entity id') }).strict(),
  entityMentions: z.object({
    entityId: z.string().regex(ENTITY_ID, 'not an entity id').optional(),
    layer: z.literal('curated').optional(),
  }).strict(),
  searchPlaces: z.object({
    query: z.string().min(1, 'a search needs some text').max(200, 'at most 200 characters'),
    limit: z.number().int().min(1).max(50).optional(),
  }).strict(),
  getPlace: z.object({ id: z.string().regex(PLACE_ID, 'not a place id') }).strict(),
  savePlace: z.object({ place: PlaceInputSchema }).strict(),
  suggestSpans: z.object({ documentId }).strict(),
  findOccurrences: z.object({
    phrases: z.array(z.string().trim().min(1, 'an empty phrase').max(500)).min(1).max(100),
    label: z.string().min(1).max(40),
    documentId: documentId.optional(),
  }).strict(),
  tagOccurrences: z.object({
    label: z.string().min(1).max(40),
    attributes: AttributesSchema.optional(),
    occurrences: z.array(z.object({ documentId, start: offset, end: offset }).strict()).min(1).max(MAX_CHANGE),
  }).strict(),
  deletePlace: z.object({
    id: z.string().regex(USER_PLACE_ID, "not the id of a place of this project (user:…): the packaged gazetteer's places cannot be deleted"),
  }).strict(),
} satisfies { [M in ApiMethod]: z.ZodType<Parameters<TagwerkApi[M]>[0]> };

/** Every API method name, in a fixed order (transports register one handler each). */
export const API_METHODS = Object.keys(API_ARGS) as ApiMethod[];

/** Whether `name` is an API method (guards lookups on untrusted strings). */
export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(API_ARGS, name);
}

/** Validates `raw` as the argument of `method`, throwing an `invalid-argument` ApiError. */
export function parseApiArgs<M extends ApiMethod>(method: M, raw: unknown): Parameters<TagwerkApi[M]>[0] {
  const result = API_ARGS[method].safeParse(raw ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new ApiError('invalid-argument', `${method}: invalid argument${where}: ${issue.message}`);
  }
  return result.data as Parameters<TagwerkApi[M]>[0];
}

/**
 * Validates the argument, calls the implementation and wraps the outcome in an envelope:
 * the whole server side of a call, shared by the IPC and HTTP transports.
 */
export async function callApi(impl: TagwerkApi, method: ApiMethod, raw: unknown): Promise<Envelope> {
  try {
    const args = parseApiArgs(method, raw);
    return { ok: true, result: await (impl[method] as (a: unknown) => Promise<unknown>)(args) };
  } catch (err) {
    return { ok: false, error: toWireError(err) };
  }
}

/** Error shape on the wire. */
export interface WireError { code: string; message: string }

/** Turns any thrown value into the wire shape; internal errors keep their message but say so. */
export function toWireError(err: unknown): WireError {
  if (err instanceof ApiError) return { code: err.code, message: err.message };
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message };
}
