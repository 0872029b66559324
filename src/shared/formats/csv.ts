/**
 * CSV for analysis: one row per span with its document, offsets, attributes, note, outgoing
 * relations and the sentence around it, readable by pandas, R and spreadsheets as it is.
 *
 * Shape (RFC 4180: fields separated by `,`, records ended by CRLF, a field holding `,` `"` CR or
 * LF is put in double quotes with `"` doubled; line breaks inside a quoted field stay `\n`):
 *
 * `document_id,document_date,document_title,annotator,span_id,label,text,start,end,offset_unit,
 *  <attribute columns…>,other_attributes,relations,note,sentence`
 *
 * Decisions (docs/formats.md repeats them for users):
 * - The file starts with a UTF-8 byte order mark: Excel opens a CSV without one as the Windows
 *   code page and turns „Alijew“ into mojibake. pandas (`read_csv`) and R (`readr`) skip it;
 *   Python's `csv` module needs `open(path, encoding='utf-8-sig', newline='')`.
 * - Attribute columns: one per attribute id the tag schema defines, in schema order, named by the
 *   id (`count_min`); labels that define the same id share the column (a row has one label, so
 *   the value is unambiguous). An id equal to a fixed column name becomes `attr_<id>`. Columns
 *   must be known before the first row (the export streams), so attributes the schema does not
 *   define go into `other_attributes` as a JSON object.
 * - Values: numbers as JavaScript prints them (`6500`, `1.5`), booleans `true`/`false`, null and
 *   unset empty. No spreadsheet formula escaping: cells are data, kept as written.
 * - `start`/`end` are in `ctx.unit`, named in `offset_unit` on every row; `text` is the quote.
 * - `relations`: the span's outgoing relations as JSON, `[{"type","to","to_text"}]`, empty when none.
 * - `sentence`: the sentence containing the span (Intl.Segmenter sentences of the document's
 *   language, never across a line break); for a span across sentences, the text from the start
 *   of its first sentence to the end of its last, as it stands (line breaks included).
 */
import type { AttributeValue } from '../model/annotation';
import type { Label } from '../model/tag-schema';
import { createOffsetIndex } from '../text/offsets';
import { sentenceAt, sentenceRanges } from '../text/sentences';
import type { TextRange } from '../text/tokens';
import type { ExportContext, ExportFormat, ExportItem } from './export-format';

/** Excel's cue that the file is UTF-8 (see the file comment). */
export const CSV_BOM = '\uFEFF';

const FIXED_COLUMNS = [
  'document_id', 'document_date', 'document_title', 'annotator', 'span_id', 'label', 'text', 'start', 'end', 'offset_unit',
] as const;
const TRAILING_COLUMNS = ['other_attributes', 'relations', 'note', 'sentence'] as const;

/** One field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One record, CRLF-terminated. */
export function csvRecord(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** An attribute column: the attribute id it holds and the header it gets. */
export interface AttributeColumn { id: string; header: string }

/** The attribute columns for a tag schema: each attribute id once, in schema order. */
export function attributeColumns(labels: readonly Label[]): AttributeColumn[] {
  const reserved = new Set<string>([...FIXED_COLUMNS, ...TRAILING_COLUMNS]);
  const seen = new Set<string>();
  const out: AttributeColumn[] = [];
  for (const label of labels) {
    for (const def of label.attributes) {
      if (seen.has(def.id)) continue;
      seen.add(def.id);
      out.push({ id: def.id, header: reserved.has(def.id) ? `attr_${def.id}` : def.id });
    }
  }
  return out;
}

/** The header row for these attribute columns. */
export function csvHeader(columns: readonly AttributeColumn[]): string[] {
  return [...FIXED_COLUMNS, ...columns.map((c) => c.header), ...TRAILING_COLUMNS];
}

const cell = (value: AttributeValue | undefined): string =>
  value === null || value === undefined ? '' : typeof value === 'string' ? value : String(value);

/**
 * The text of the sentences around UTF-16 range `[start, end)`: from the sentence containing
 * `start` to the one containing `end - 1`. An end that falls between sentences (a span that
 * begins or ends in whitespace) takes the nearest sentence inside the span; none: empty.
 */
export function sentenceAround(text: string, sentences: readonly TextRange[], start: number, end: number): string {
  const first = sentenceAt(sentences, start) ?? sentences.find((s) => s.start >= start && s.start < end);
  const last = sentenceAt(sentences, Math.max(start, end - 1)) ?? sentences.findLast((s) => s.end <= end && s.end > start);
  return first && last && first.start < last.end ? text.slice(first.start, last.end) : '';
}

/** The rows for one document, spans in text order. */
function rowsOf(item: ExportItem, ctx: ExportContext, columns: readonly AttributeColumn[]): string {
  const { document: doc } = item;
  const index = createOffsetIndex(doc.text);
  const sentences = sentenceRanges(doc.text, doc.meta.language ?? ctx.language);
  const byKey = new Map(item.spans.map((s) => [`${s.annotator}\u0000${s.id}`, s]));
  const outgoing = new Map<string, { type: string; to: string; to_text: string }[]>();
  for (const r of item.relations) {
    const key = `${r.annotator}\u0000${r.from}`;
    const list = outgoing.get(key) ?? [];
    list.push({ type: r.type, to: r.to, to_text: byKey.get(`${r.annotator}\u0000${r.to}`)?.quote ?? '' });
    outgoing.set(key, list);
  }
  const columnIds = new Set(columns.map((c) => c.id));
  const spans = [...item.spans].sort((a, b) => a.start - b.start || b.end - a.end
    || a.annotator.localeCompare(b.annotator) || a.id.localeCompare(b.id));
  let out = '';
  for (const s of spans) {
    const u16Start = index.toUtf16(s.start), u16End = index.toUtf16(s.end);
    const other = Object.fromEntries(Object.entries(s.attributes).filter(([k]) => !columnIds.has(k)));
    const rels = outgoing.get(`${s.annotator}\u0000${s.id}`);
    out += csvRecord([
      doc.id, doc.meta.date ?? '', doc.title, s.annotator, s.id, s.label, s.quote,
      String(ctx.unit === 'utf16' ? u16Start : s.start), String(ctx.unit === 'utf16' ? u16End : s.end), ctx.unit,
      ...columns.map((c) => cell(Object.prototype.hasOwnProperty.call(s.attributes, c.id) ? s.attributes[c.id] : undefined)),
      Object.keys(other).length > 0 ? JSON.stringify(other) : '',
      rels ? JSON.stringify(rels) : '',
      s.note ?? '',
      sentenceAround(doc.text, sentences, u16Start, u16End),
    ]);
  }
  return out;
}

/** CSV as an export format: a header in `begin`, then one chunk of rows per document. */
export const csvExport: ExportFormat = {
  id: 'csv',
  name: 'CSV (one row per span)',
  description: 'Analysis table for pandas, R and spreadsheets: one row per span with offsets, attributes, note and sentence.',
  output: 'file',
  layers: 'many',
  usesNestedPolicy: false,
  extension: 'csv',
  create(ctx) {
    const columns = attributeColumns(ctx.labels);
    return {
      begin: () => [{ data: CSV_BOM + csvRecord(csvHeader(columns)) }],
      document: (item) => {
        const rows = rowsOf(item, ctx, columns);
        return rows ? [{ data: rows }] : [];
      },
    };
  },
};
