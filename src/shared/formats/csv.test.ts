import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { AttributeValue } from '../model/annotation';
import type { TagwerkDocument } from '../model/document';
import { defaultTagSchema, type Label } from '../model/tag-schema';
import { canonicalizePlainText } from '../text/canonical';
import { sentenceRanges } from '../text/sentences';
import { attributeColumns, csvExport, csvField, csvRecord, sentenceAround } from './csv';
import type { ExportContext, ExportItem, ExportRelation, ExportSpan } from './export-format';

const REPO = join(__dirname, '../../..');
const NOW = '2025-07-01T10:00:00.000Z';
const LABELS = defaultTagSchema().labels;

function makeDoc(id: string, text: string, meta: TagwerkDocument['meta'] = {}): TagwerkDocument {
  return {
    schemaVersion: 1, kind: 'tagwerk-document', id, title: id, meta,
    source: { fileName: `${id}.txt`, format: 'txt', sha256: '0'.repeat(64), bytes: 0, importedAt: NOW }, text,
  };
}
/** Code point offsets of the `nth` occurrence of `needle`, computed without Tagwerk's offset code. */
function cp(text: string, needle: string, nth = 0): { start: number; end: number } {
  let u = -1;
  for (let i = 0; i <= nth; i++) u = text.indexOf(needle, u + 1);
  if (u < 0) throw new Error(`"${needle}" not in text`);
  const start = Array.from(text.slice(0, u)).length;
  return { start, end: start + Array.from(needle).length };
}
const span = (text: string, id: string, needle: string, label: string, attributes: Record<string, AttributeValue> = {}, note?: string, nth = 0): ExportSpan =>
  ({ id, ...cp(text, needle, nth), label, quote: needle, attributes, ...(note ? { note } : {}), createdAt: NOW, modifiedAt: NOW, annotator: 'anna' });
const rel = (id: string, type: string, from: string, to: string): ExportRelation => ({ id, type, from, to, createdAt: NOW, modifiedAt: NOW, annotator: 'anna' });

function exportCsv(items: ExportItem[], over: Partial<ExportContext> = {}): { chunks: string[]; warnings: string[] } {
  const warnings: string[] = [];
  const writer = csvExport.create({ unit: 'codepoint', labels: LABELS, language: 'de', nested: 'outermost', warn: (m) => warnings.push(m), ...over });
  const chunks = [...(writer.begin?.() ?? []), ...items.flatMap((i) => writer.document(i)), ...(writer.end?.() ?? [])];
  return { chunks: chunks.map((c) => c.data as string), warnings };
}
/** Reads CSV back with csv-parse (strict RFC 4180): header names -> cells, per row. */
const readCsv = (csv: string): Record<string, string>[] => parse(csv, { bom: true, columns: true, relax_quotes: false });

const SEED = canonicalizePlainText(readFileSync(join(REPO, 'seeds/003_6a4deb1d4d02bbfd.txt'), 'utf8'));
const NOTE = '„mehr als 6.500“: at least 6500, "German" thousands separator\nnormalised, confirmed by the annotator';
const CLAIM = SEED.text.slice(SEED.text.indexOf('Nach der Rückeroberung'), SEED.text.indexOf('militärische Befreiung des Gebiets.') + 'militärische Befreiung des Gebiets.'.length);
const SEED_ITEM: ExportItem = {
  document: makeDoc('003-6a4deb1d4d02bbfd-b03c0314', SEED.text, { date: SEED.date!, language: 'de' }),
  spans: [
    span(SEED.text, 'claim', CLAIM, 'claim', { certainty: 'reported' }),
    span(SEED.text, 'alijew', 'Ilham Alijew', 'actor', { actor_type: 'person' }),
    span(SEED.text, 'karabachs', 'Karabachs', 'location'),
    span(SEED.text, 'toten', 'mehr als 6.500 Toten', 'casualty_figure', { count_min: 6500, outcome: 'killed' }, NOTE),
  ],
  relations: [rel('r1', 'attributed_to', 'claim', 'alijew')],
};

describe('csvField and csvRecord (RFC 4180)', () => {
  it('quotes fields with commas, quotes or line breaks and doubles the quotes', () => {
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField('„German“ quotes')).toBe('„German“ quotes');
    expect(csvRecord(['a', '', 'b,c'])).toBe('a,,"b,c"\r\n');
  });

  it('writes what a strict CSV reader reads back cell for cell', () => {
    const cells = ['', ' lead', 'trail ', 'a,b', '"', '""', 'x\r\ny', '\n', '👍🏽,é', '=1+1'];
    expect(parse(csvRecord(cells) + csvRecord(cells), { relax_quotes: false })).toEqual([cells, cells]);
  });
});

describe('attributeColumns', () => {
  it('gives each schema attribute id one column in schema order and renames ids that clash with fixed columns', () => {
    const labels: Label[] = [
      ...LABELS,
      { id: 'event', name: 'Event', color: '#000000', key: null, attributes: [
        { id: 'certainty', name: 'Certainty', type: 'text' }, { id: 'note', name: 'Note', type: 'text' }] },
    ];
    expect(attributeColumns(labels).map((c) => c.header)).toEqual(
      ['actor_type', 'certainty', 'count_min', 'count_max', 'approximate', 'outcome', 'victims', 'attr_note']);
  });
});

describe('sentenceAround', () => {
  const text = 'Eins ist hier. Zwei sagt: „Drei.“\n\nVier.';
  const sentences = sentenceRanges(text, 'de');
  const around = (needle: string) => sentenceAround(text, sentences, text.indexOf(needle), text.indexOf(needle) + needle.length);

  it('gives the sentence containing the span, or the sentences from its first to its last as they stand', () => {
    expect(around('hier')).toBe('Eins ist hier.');
    expect(around('sagt')).toBe('Zwei sagt: „Drei.“');
    expect(around('hier. Zwei')).toBe('Eins ist hier. Zwei sagt: „Drei.“');
    expect(around('Drei.“\n\nVier')).toBe('Zwei sagt: „Drei.“\n\nVier.');
  });

  it('takes the nearest sentence inside a span that starts or ends in whitespace, and nothing for whitespace alone', () => {
    expect(around(' Zwei')).toBe('Zwei sagt: „Drei.“');
    expect(around('hier. ')).toBe('Eins ist hier.');
    expect(around('\n\n')).toBe('');
  });
});

describe('csvExport', () => {
  it('starts with a BOM and the header, then streams one chunk per document with spans', () => {
    const empty: ExportItem = { document: makeDoc('empty', 'Nichts.'), spans: [], relations: [] };
    const { chunks } = exportCsv([SEED_ITEM, empty, SEED_ITEM]);
    expect(chunks).toHaveLength(3);
    expect(chunks[0]).toBe('\uFEFFdocument_id,document_date,document_title,annotator,span_id,label,text,start,end,offset_unit,'
      + 'actor_type,certainty,count_min,count_max,approximate,outcome,victims,other_attributes,relations,note,sentence\r\n');
    expect(chunks[1]).toBe(chunks[2]);
  });

  it('gives the cells back through a CSV reader: quotes, commas and line breaks in notes, attributes, relations, sentences', () => {
    const rows = readCsv(exportCsv([SEED_ITEM]).chunks.join(''));
    expect(rows.map((r) => r.span_id)).toEqual(['claim', 'karabachs', 'alijew', 'toten']);
    const toten = rows[3];
    expect(toten).toMatchObject({
      document_id: '003-6a4deb1d4d02bbfd-b03c0314', document_date: '2025-07', annotator: 'anna', label: 'casualty_figure',
      text: 'mehr als 6.500 Toten', offset_unit: 'codepoint', count_min: '6500', outcome: 'killed', approximate: '', note: NOTE,
      sentence: 'Nach sechswöchigen Kämpfen mit mehr als 6.500 Toten vermittelte Armeniens Schutzmacht Russland einen Waffenstillstand und stoppte eine militärische Befreiung des Gebiets.',
    });
    expect(Array.from(SEED.text).slice(Number(toten.start), Number(toten.end)).join('')).toBe(toten.text);
    expect(JSON.parse(rows[0].relations)).toEqual([{ type: 'attributed_to', to: 'alijew', to_text: 'Ilham Alijew' }]);
    // A span across sentences and paragraphs: from its first sentence to its last, as in the text.
    expect(rows[0].sentence).toBe(CLAIM);
    expect(rows[0].text).toBe(CLAIM);
    expect(rows[2].sentence.startsWith('Nach der Rückeroberung Karabachs') && rows[2].sentence.endsWith('gehisst.')).toBe(true);
  });

  it('writes booleans as true/false, null as empty, and attributes the schema does not define as JSON', () => {
    const text = 'Rund 60 Tote.';
    const item: ExportItem = {
      document: makeDoc('d', text),
      spans: [span(text, 's', 'Rund 60 Tote', 'casualty_figure', { count_min: 60, approximate: true, victims: null, source_page: 3, checked: false })],
      relations: [],
    };
    const [row] = readCsv(exportCsv([item]).chunks.join(''));
    expect(row).toMatchObject({ count_min: '60', approximate: 'true', victims: '', other_attributes: '{"source_page":3,"checked":false}', relations: '', note: '' });
  });

  it('writes code point offsets by default and UTF-16 offsets on request, each slicing the quote in its unit', () => {
    const text = 'Die 👩🏽‍⚕️ Ärztin sagte: „Café“ liegt in Bakú (e\u0301). Dann: 12 Tote.';
    const item: ExportItem = {
      document: makeDoc('emoji', text),
      spans: [span(text, 'q', '„Café“', 'claim'), span(text, 'e', 'e\u0301', 'location'), span(text, 'f', '12 Tote', 'casualty_figure')],
      relations: [],
    };
    const points = readCsv(exportCsv([item]).chunks.join(''));
    const units = readCsv(exportCsv([item], { unit: 'utf16' }).chunks.join(''));
    for (const row of points) expect([row.offset_unit, Array.from(text).slice(Number(row.start), Number(row.end)).join('')]).toEqual(['codepoint', row.text]);
    for (const row of units) expect([row.offset_unit, text.slice(Number(row.start), Number(row.end))]).toEqual(['utf16', row.text]);
    // The emoji is 5 code points and 7 UTF-16 units: 2 more for every span after it.
    expect(units.map((r) => Number(r.start) - Number(points.find((p) => p.span_id === r.span_id)!.start))).toEqual([2, 2, 2]);
  });

  it("reads in Python's csv module (encoding utf-8-sig) with the same cells", () => {
    const python = spawnSync('python3', ['--version']);
    if (python.status !== 0) return; // python3 is on every machine of this project; skip quietly elsewhere
    const csv = exportCsv([SEED_ITEM]).chunks.join('');
    const script = 'import csv, io, json, sys\n'
      + 'rows = list(csv.DictReader(io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", newline="")))\n'
      + 'print(json.dumps(rows))';
    const out = spawnSync('python3', ['-c', script], { input: Buffer.from(csv, 'utf8') });
    expect(out.stderr.toString()).toBe('');
    expect(JSON.parse(out.stdout.toString())).toEqual(readCsv(csv));
  });
});

describe('CSV golden file (seed article 003)', () => {
  it('matches tests/fixtures/formats/csv/003-6a4deb1d.csv byte for byte', () => {
    const file = join(REPO, 'tests/fixtures/formats/csv/003-6a4deb1d.csv');
    const actual = exportCsv([SEED_ITEM]).chunks.join('');
    // UPDATE_GOLDEN=1 rewrites it; read the diff before committing it.
    if (process.env.UPDATE_GOLDEN) { mkdirSync(join(file, '..'), { recursive: true }); writeFileSync(file, actual); }
    expect(Buffer.from(actual)).toEqual(readFileSync(file));
  });
});
