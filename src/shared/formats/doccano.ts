/**
 * doccano (https://github.com/doccano/doccano) JSONL: writes one example per document in the
 * shape doccano's sequence-labeling import reads, and reads doccano's exports back.
 *
 * Shapes, one JSON object per line (doccano's `backend/data_import/pipeline` examples):
 * - a document without relations, for doccano's `JSONL` import (text column `text`, label column `label`):
 *   `{"text": "…", "label": [[start, end, "label"], …], "document_id", "title", <meta…>, "offset_unit": "utf16"}`
 * - a document with relations, for doccano's `JSONL(Relation)` import:
 *   `{"text", "entities": [{"id": 0, "label", "start_offset", "end_offset"}],
 *     "relations": [{"id": 0, "from_id": 0, "to_id": 1, "type"}], "document_id", …}`
 * doccano keeps keys it does not know as the example's metadata, so `document_id`, `title`, the
 * document's metadata and `offset_unit` travel through doccano and back.
 *
 * Decisions (docs/formats.md repeats them for users):
 * - Offsets are UTF-16 code units, whatever `ctx.unit` says: doccano's annotation view counts
 *   JavaScript string indices, not Python code points (doccano issues #2290 and #2484, open), so
 *   code points would show shifted spans after every emoji. Where that differs (a text with
 *   characters outside the Basic Multilingual Plane) and code points were asked for, `ctx.warn`
 *   says so. Each line names its unit in `offset_unit`.
 * - The shape is chosen per document (the export streams): a file can mix both when only some
 *   documents have relations; `ctx.warn` reports it, since one doccano upload reads one shape.
 * - doccano spans have no attributes, notes or annotator: they are left out with a warning.
 * - Import reads `text` (or `data`, older doccano exports), `label` / `labels` (triples or
 *   `{start_offset, end_offset, label}` objects) and `entities` + `relations`. Offsets are UTF-16
 *   unless the line says `"offset_unit": "codepoint"`. Other scalar keys (and those of a `meta`
 *   object) become document metadata, except doccano's database `id`.
 */
import { z } from 'zod';
import { RelationSchema, SpanSchema } from '../model/annotation';
import { createOffsetIndex } from '../text/offsets';
import type { ExportFormat, ExportSpan, ImportedDocument, ImportFormat, ImportProblem } from './export-format';
import { isReservedKey, parseJsonAs } from './json-input';

const RESERVED = new Set(['text', 'data', 'label', 'labels', 'entities', 'relations', 'offset_unit', 'document_id', 'title', 'id', 'meta']);

const spanOrder = (a: ExportSpan, b: ExportSpan): number =>
  a.start - b.start || b.end - a.end || a.annotator.localeCompare(b.annotator) || a.id.localeCompare(b.id);

/** doccano JSONL as an export format: one line per document. */
export const doccanoExport: ExportFormat = {
  id: 'doccano',
  name: 'doccano JSONL',
  description: 'For doccano sequence labeling (label triples) or, with relations, its relation extraction import; UTF-16 offsets.',
  output: 'file',
  layers: 'one',
  usesNestedPolicy: false,
  extension: 'jsonl',
  create(ctx) {
    let withRelations = 0, withoutRelations = 0;
    return {
      document({ document: doc, spans: unsorted, relations }) {
        const index = createOffsetIndex(doc.text);
        if (ctx.unit === 'codepoint' && index.length !== index.utf16Length) {
          ctx.warn('doccano: offsets are UTF-16 code units, as doccano counts them; in a text with emoji or other characters outside the BMP they differ from code points');
        }
        const spans = [...unsorted].sort(spanOrder);
        if (new Set(spans.map((s) => s.annotator)).size > 1) ctx.warn('doccano: spans of several annotators are merged (doccano has no annotator per span)');
        for (const s of spans) {
          if (Object.keys(s.attributes).length > 0) ctx.warn('doccano: span attributes are left out (doccano spans have none)');
          if (s.note) ctx.warn('doccano: span notes are left out (doccano spans have none)');
        }
        const extra: Record<string, unknown> = { document_id: doc.id, title: doc.title };
        for (const [k, v] of Object.entries(doc.meta)) if (!RESERVED.has(k) && v !== undefined) extra[k] = v;
        extra.offset_unit = 'utf16';
        const u16 = (cp: number) => index.toUtf16(cp);
        let record: Record<string, unknown>;
        if (relations.length === 0) {
          withoutRelations++;
          record = { text: doc.text, label: spans.map((s) => [u16(s.start), u16(s.end), s.label]), ...extra };
        } else {
          withRelations++;
          const idOf = new Map(spans.map((s, i) => [`${s.annotator}\u0000${s.id}`, i]));
          const links = relations.map((r) => ({ from_id: idOf.get(`${r.annotator}\u0000${r.from}`), to_id: idOf.get(`${r.annotator}\u0000${r.to}`), type: r.type }))
            .filter((r) => r.from_id !== undefined && r.to_id !== undefined);
          record = {
            text: doc.text,
            entities: spans.map((s, i) => ({ id: i, label: s.label, start_offset: u16(s.start), end_offset: u16(s.end) })),
            relations: links.map((r, i) => ({ id: i, ...r })),
            ...extra,
          };
        }
        return [{ data: `${JSON.stringify(record)}\n` }];
      },
      end() {
        if (withRelations > 0 && withoutRelations > 0) {
          ctx.warn(`doccano: ${withRelations} documents with relations use the relation shape (entities, relations) and ${withoutRelations} without use the label shape; one doccano upload reads one shape`);
        }
        return [];
      },
    };
  },
};

const offset = z.number().int().nonnegative();
// Entity ids become span ids and relation types are kept as they are: both within the layer's limits.
const SpanObjectSchema = z.object({ id: z.union([z.number(), SpanSchema.shape.id]).optional(), start_offset: offset, end_offset: offset, label: z.string().min(1).max(200) });
const SpanListSchema = z.array(z.union([z.tuple([offset, offset, z.string().min(1).max(200)]), SpanObjectSchema])).max(1_000_000);
const LineSchema = z.looseObject({
  text: z.string().optional(),
  data: z.string().optional(),
  label: SpanListSchema.optional(),
  labels: SpanListSchema.optional(),
  entities: z.array(SpanObjectSchema).max(1_000_000).optional(),
  relations: z.array(z.object({ from_id: z.union([z.number(), z.string()]), to_id: z.union([z.number(), z.string()]), type: RelationSchema.shape.type })).max(1_000_000).optional(),
  offset_unit: z.enum(['codepoint', 'utf16']).optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
});

/** Scalar values of `source` (not reserved, not prototype keys) as metadata strings. */
function metaOf(source: Record<string, unknown>, into: Record<string, string>): void {
  for (const [k, v] of Object.entries(source)) {
    if (RESERVED.has(k) || isReservedKey(k) || k.length > 200) continue;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') into[k] = String(v);
  }
}

/** One line as a document; throws an Error whose message says what is wrong. */
function documentOf(line: string, fileName: string): ImportedDocument {
  const rec = parseJsonAs(LineSchema, line, 'line');
  const text = rec.text ?? rec.data;
  if (!text) throw new Error('text is missing or empty (doccano keeps it in "text")');
  const unit = rec.offset_unit ?? 'utf16';
  const index = createOffsetIndex(text);
  const toCodePoint = (n: number, where: string): number => {
    const p = unit === 'utf16' ? index.toCodePoint(n) : n <= index.length ? n : null;
    if (p === null) {
      throw new Error(`${where}: offset ${n} is ${n > (unit === 'utf16' ? index.utf16Length : index.length) ? 'past the end of the text' : 'inside a surrogate pair (is the file in code points? add "offset_unit": "codepoint")'}`);
    }
    return p;
  };
  const spans: ImportedDocument['spans'] = [];
  const key = rec.entities ? 'entities' : rec.label ? 'label' : 'labels';
  (rec.entities ?? rec.label ?? rec.labels ?? []).forEach((item, i) => {
    const [s, e, label, id] = Array.isArray(item) ? [item[0], item[1], item[2], undefined] : [item.start_offset, item.end_offset, item.label, item.id];
    const where = `${key}.${i}`;
    const start = toCodePoint(s, where), end = toCodePoint(e, where);
    if (end <= start) throw new Error(`${where}: end ${e} is not after start ${s}`);
    if (id !== undefined && spans.some((x) => x.id === String(id))) throw new Error(`${where}: id ${JSON.stringify(id)} is used twice`);
    spans.push({ ...(id !== undefined ? { id: String(id) } : {}), start, end, label, attributes: {} });
  });
  const ids = new Set(spans.map((s) => s.id));
  const relations = (rec.relations ?? []).map((r, i) => {
    for (const end of [r.from_id, r.to_id]) if (!ids.has(String(end))) throw new Error(`relations.${i}: no entity with id ${JSON.stringify(end)}`);
    return { type: r.type, from: String(r.from_id), to: String(r.to_id) };
  });
  const meta: Record<string, string> = {};
  if (rec.meta) metaOf(rec.meta, meta);
  metaOf(rec, meta);
  if (typeof rec.title === 'string') meta.title = rec.title;
  if (typeof rec.document_id === 'string') meta.document_id = rec.document_id;
  return { fileName, text, meta, spans, relations };
}

/** doccano JSONL as an import format. A file with any bad line yields no documents. */
export const doccanoImport: ImportFormat = {
  id: 'doccano',
  name: 'doccano JSONL',
  // Tagwerk's own JSONL has "spans"; Label Studio's JSON has "labels" arrays inside "annotations".
  detect: (fileName, head) => /\.(jsonl|ndjson)$/i.test(fileName) && /"(text|data)"\s*:/.test(head)
    && /"(label|labels|entities)"\s*:\s*\[/.test(head) && !/"(spans|annotations|completions|result)"\s*:/.test(head),
  parse(files) {
    const documents: ImportedDocument[] = [];
    const problems: ImportProblem[] = [];
    for (const file of files) {
      const found: ImportedDocument[] = [];
      const before = problems.length;
      file.text.split('\n').forEach((line, i) => {
        if (!line.trim()) return;
        try { found.push(documentOf(line.trim(), file.name)); } catch (err) {
          problems.push({ fileName: file.name, line: i + 1, message: (err as Error).message });
        }
      });
      if (problems.length === before) documents.push(...found);
    }
    return { documents, problems };
  },
};
