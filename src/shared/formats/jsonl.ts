/**
 * Tagwerk's line format: one JSON object per document with its canonical text, metadata and
 * spans. Offsets are Unicode code points unless `offset_unit` says `utf16`.
 *
 * `{"id", "text", "meta", "offset_unit": "codepoint", "spans": [{"id", "start", "end", "label",
 *   "text", "annotator", "attributes"}], "relations": [{"id", "type", "from", "to", "annotator"}]}`;
 * a span's `note`, and for the curated layer its `origin`, when it has one.
 */
import { z } from 'zod';
import { AttributesSchema, type Layer, type SpanOrigin } from '../model/annotation';
import { DocumentMetaSchema, type TagwerkDocument } from '../model/document';
import { createOffsetIndex } from '../text/offsets';
import type { ExportFormat, ExportItem } from './export-format';
import { isReservedKey, parseJsonAs } from './json-input';

export type OffsetUnit = 'codepoint' | 'utf16';

export interface JsonlSpan {
  id: string;
  start: number;
  end: number;
  label: string;
  text: string;
  annotator: string;
  attributes: Record<string, unknown>;
  note?: string;
  /** Curated layer: the annotators' spans this one was adjudicated from. */
  origin?: SpanOrigin;
}

export interface JsonlRelation { id: string; type: string; from: string; to: string; annotator: string }

export interface JsonlRecord {
  id: string;
  text: string;
  meta: Record<string, unknown>;
  offset_unit: OffsetUnit;
  spans: JsonlSpan[];
  relations: JsonlRelation[];
}

/** The record for one document and the given layers (all spans of all of them, in text order). */
export function toJsonlRecord(doc: TagwerkDocument, layers: readonly Layer[], unit: OffsetUnit = 'codepoint'): JsonlRecord {
  return recordOf({
    document: doc,
    spans: layers.flatMap((l) => l.spans.map((s) => ({ ...s, annotator: l.annotator }))),
    relations: layers.flatMap((l) => l.relations.map((r) => ({ ...r, annotator: l.annotator }))),
  }, unit);
}

function recordOf({ document: doc, spans, relations }: ExportItem, unit: OffsetUnit): JsonlRecord {
  const index = unit === 'utf16' ? createOffsetIndex(doc.text) : null;
  const out: JsonlSpan[] = spans.map((s) => {
    const span: JsonlSpan = {
      id: s.id,
      start: index ? index.toUtf16(s.start) : s.start,
      end: index ? index.toUtf16(s.end) : s.end,
      label: s.label, text: s.quote, annotator: s.annotator, attributes: s.attributes,
    };
    // Added, not spread in: a spread makes building the record several times slower.
    if (s.note) span.note = s.note;
    if (s.origin) span.origin = s.origin;
    return span;
  });
  out.sort((a, b) => a.start - b.start || b.end - a.end || a.annotator.localeCompare(b.annotator));
  return {
    id: doc.id, text: doc.text,
    meta: { ...doc.meta, title: doc.title, source_file: doc.source.fileName, sha256: doc.source.sha256 },
    offset_unit: unit, spans: out,
    relations: relations.map((r) => ({ id: r.id, type: r.type, from: r.from, to: r.to, annotator: r.annotator })),
  };
}

/** Tagwerk JSONL as an export format: lossless, one line per document. */
export const jsonlExport: ExportFormat = {
  id: 'jsonl',
  name: 'Tagwerk JSONL',
  description: 'Lossless: text, metadata, spans with attributes and notes, relations, the offset unit. Tagwerk imports it back.',
  output: 'file',
  layers: 'many',
  usesNestedPolicy: false,
  extension: 'jsonl',
  create: (ctx) => ({ document: (item) => [{ data: `${JSON.stringify(recordOf(item, ctx.unit))}\n` }] }),
};

/** One record as it may arrive from outside: ids and quotes optional, unknown keys ignored. */
export const JsonlInputSchema = z.object({
  id: z.string().max(200).optional(),
  text: z.string().min(1, 'text is empty'),
  meta: z.record(z.string().max(200), z.unknown()).optional(),
  offset_unit: z.enum(['codepoint', 'utf16']).optional(),
  spans: z.array(z.object({
    id: z.string().min(1).max(80).optional(),
    start: z.number().int('an offset must be a whole number').nonnegative('an offset cannot be negative'),
    end: z.number().int('an offset must be a whole number').nonnegative('an offset cannot be negative'),
    label: z.string().min(1).max(200),
    text: z.string().optional(),
    annotator: z.string().min(1).max(120).optional(),
    attributes: AttributesSchema.optional(),
    note: z.string().max(100_000).optional(),
  })).max(1_000_000).optional(),
  relations: z.array(z.object({
    id: z.string().min(1).max(80).optional(),
    type: z.string().min(1).max(40),
    from: z.string().min(1).max(80),
    to: z.string().min(1).max(80),
    annotator: z.string().min(1).max(120).optional(),
  })).max(1_000_000).optional(),
});
export type JsonlInput = z.infer<typeof JsonlInputSchema>;

/** Parses one line; throws an Error whose message says what is wrong. */
export function parseJsonlLine(line: string): JsonlInput {
  return parseJsonAs(JsonlInputSchema, line, 'record');
}

/** The known metadata keys of a record, validated; other keys are kept when they are scalars. */
export function metaFromJsonl(meta: Record<string, unknown> | undefined): TagwerkDocument['meta'] {
  if (!meta) return {};
  const scalars = Object.fromEntries(Object.entries(meta).filter(([k, v]) =>
    !['title', 'source_file', 'sha256'].includes(k) && !isReservedKey(k)
    && (v === null || ['string', 'number', 'boolean'].includes(typeof v))));
  const parsed = DocumentMetaSchema.safeParse(scalars);
  return parsed.success ? parsed.data : {};
}
