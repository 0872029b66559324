import { spawnSync } from 'node:child_process';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { cpSlice, documentOf, expectGolden, runExport, seed003, seed003Item, span } from '../../../tests/fixtures/formats/kit';
import { defaultTagSchema, type Label } from '../model/tag-schema';
import { sentenceRanges } from '../text/sentences';
import { attributeColumns, csvExport, csvField, csvRecord, sentenceAround } from './csv';
import type { ExportContext, ExportItem } from './export-format';

const LABELS = defaultTagSchema().labels;

/** The CSV the writer gives for `items`. */
const exportCsv = (items: ExportItem[], over: Partial<ExportContext> = {}) => runExport(csvExport, items, over).main;
/** Reads CSV back with csv-parse (strict RFC 4180): header names -> cells, per row. */
const readCsv = (csv: string): Record<string, string>[] => parse(csv, { bom: true, columns: true, relax_quotes: false });

const SEED = seed003();
const NOTE = '„mehr als 6.500“: at least 6500, "German" thousands separator\nnormalised, confirmed by the annotator';
const SEED_ITEM = seed003Item({ attributes: { count_min: 6500, outcome: 'killed' }, note: NOTE });

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
      ['actor_type', 'certainty', 'count_min', 'count_max', 'approximate', 'outcome', 'victims', 'normalized_by', 'attr_note']);
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
    const empty: ExportItem = { document: documentOf('empty', 'Nichts.'), spans: [], relations: [] };
    const chunks = runExport(csvExport, [SEED_ITEM, empty, SEED_ITEM]).chunks.map((c) => c.data);
    expect(chunks).toHaveLength(3);
    expect(chunks[0]).toBe('\uFEFFdocument_id,document_date,document_title,annotator,span_id,label,text,start,end,offset_unit,'
      + 'actor_type,certainty,count_min,count_max,approximate,outcome,victims,normalized_by,other_attributes,relations,note,sentence\r\n');
    expect(chunks[1]).toBe(chunks[2]);
  });

  it('gives the cells back through a CSV reader: quotes, commas and line breaks in notes, attributes, relations, sentences', () => {
    const rows = readCsv(exportCsv([SEED_ITEM]));
    expect(rows.map((r) => r.span_id)).toEqual(['claim', 'karabachs', 'alijew', 'toten']);
    const toten = rows[3];
    expect(toten).toMatchObject({
      document_id: '003-6a4deb1d4d02bbfd-b03c0314', document_date: '2025-07', annotator: 'anna', label: 'casualty_figure',
      text: 'mehr als 6.500 Toten', offset_unit: 'codepoint', count_min: '6500', outcome: 'killed', approximate: '', note: NOTE,
      sentence: 'Nach sechswöchigen Kämpfen mit mehr als 6.500 Toten vermittelte Armeniens Schutzmacht Russland einen Waffenstillstand und stoppte eine militärische Befreiung des Gebiets.',
    });
    expect(cpSlice(SEED.text, Number(toten.start), Number(toten.end))).toBe(toten.text);
    expect(JSON.parse(rows[0].relations)).toEqual([{ type: 'attributed_to', to: 'alijew', to_text: 'Ilham Alijew' }]);
    // A span across sentences and paragraphs: from its first sentence to its last, as in the text.
    expect(rows[0].sentence).toBe(SEED.claim);
    expect(rows[0].text).toBe(SEED.claim);
    expect(rows[2].sentence.startsWith('Nach der Rückeroberung Karabachs') && rows[2].sentence.endsWith('gehisst.')).toBe(true);
  });

  it('writes booleans as true/false, null as empty, and attributes the schema does not define as JSON', () => {
    const text = 'Rund 60 Tote.';
    const item: ExportItem = {
      document: documentOf('d', text),
      spans: [span(text, 's', 'Rund 60 Tote', 'casualty_figure', { count_min: 60, approximate: true, victims: null, source_page: 3, checked: false })],
      relations: [],
    };
    const [row] = readCsv(exportCsv([item]));
    expect(row).toMatchObject({ count_min: '60', approximate: 'true', victims: '', other_attributes: '{"source_page":3,"checked":false}', relations: '', note: '' });
  });

  it('writes code point offsets by default and UTF-16 offsets on request, each slicing the quote in its unit', () => {
    const text = 'Die 👩🏽‍⚕️ Ärztin sagte: „Café“ liegt in Bakú (e\u0301). Dann: 12 Tote.';
    const item: ExportItem = {
      document: documentOf('emoji', text),
      spans: [span(text, 'q', '„Café“', 'claim'), span(text, 'e', 'e\u0301', 'location'), span(text, 'f', '12 Tote', 'casualty_figure')],
      relations: [],
    };
    const points = readCsv(exportCsv([item]));
    const units = readCsv(exportCsv([item], { unit: 'utf16' }));
    for (const row of points) expect([row.offset_unit, cpSlice(text, Number(row.start), Number(row.end))]).toEqual(['codepoint', row.text]);
    for (const row of units) expect([row.offset_unit, text.slice(Number(row.start), Number(row.end))]).toEqual(['utf16', row.text]);
    // The emoji is 5 code points and 7 UTF-16 units: 2 more for every span after it.
    expect(units.map((r) => Number(r.start) - Number(points.find((p) => p.span_id === r.span_id)!.start))).toEqual([2, 2, 2]);
  });

  it("reads in Python's csv module (encoding utf-8-sig) with the same cells", () => {
    const python = spawnSync('python3', ['--version']);
    if (python.status !== 0) return; // python3 is on every machine of this project; skip quietly elsewhere
    const csv = exportCsv([SEED_ITEM]);
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
    expectGolden('csv/003-6a4deb1d.csv', exportCsv([SEED_ITEM]));
  });
});
