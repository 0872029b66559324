import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AttributeValue } from '../model/annotation';
import type { TagwerkDocument } from '../model/document';
import { defaultTagSchema } from '../model/tag-schema';
import { canonicalizePlainText } from '../text/canonical';
import { doccanoExport, doccanoImport } from './doccano';
import type { ExportContext, ExportItem, ExportRelation, ExportSpan } from './export-format';

const REPO = join(__dirname, '../../..');
const NOW = '2025-07-01T10:00:00.000Z';

function makeDoc(id: string, text: string, meta: TagwerkDocument['meta'] = {}): TagwerkDocument {
  return {
    schemaVersion: 1, kind: 'tagwerk-document', id, title: id, meta,
    source: { fileName: `${id}.txt`, format: 'txt', sha256: '0'.repeat(64), bytes: 0, importedAt: NOW }, text,
  };
}
/** Code point offsets of `needle`, computed without Tagwerk's offset code. */
function cp(text: string, needle: string): { start: number; end: number } {
  const u = text.indexOf(needle);
  if (u < 0) throw new Error(`"${needle}" not in text`);
  const start = Array.from(text.slice(0, u)).length;
  return { start, end: start + Array.from(needle).length };
}
const span = (text: string, id: string, needle: string, label: string, attributes: Record<string, AttributeValue> = {}, note?: string): ExportSpan =>
  ({ id, ...cp(text, needle), label, quote: needle, attributes, ...(note ? { note } : {}), createdAt: NOW, modifiedAt: NOW, annotator: 'anna' });
const rel = (id: string, type: string, from: string, to: string): ExportRelation => ({ id, type, from, to, createdAt: NOW, modifiedAt: NOW, annotator: 'anna' });

function exportDoccano(items: ExportItem[], over: Partial<ExportContext> = {}): { jsonl: string; warnings: string[]; chunks: number } {
  const warnings: string[] = [];
  const writer = doccanoExport.create({ unit: 'codepoint', labels: defaultTagSchema().labels, language: 'de', nested: 'outermost', warn: (m) => warnings.push(m), ...over });
  const chunks = [...(writer.begin?.() ?? []), ...items.flatMap((i) => writer.document(i)), ...(writer.end?.() ?? [])];
  return { jsonl: chunks.map((c) => c.data).join(''), warnings, chunks: chunks.length };
}
const importText = (text: string, name = 'export.jsonl') => doccanoImport.parse([{ name, text }]);

const SEED = canonicalizePlainText(readFileSync(join(REPO, 'seeds/003_6a4deb1d4d02bbfd.txt'), 'utf8'));
const CLAIM = SEED.text.slice(SEED.text.indexOf('Nach der Rückeroberung'), SEED.text.indexOf('militärische Befreiung des Gebiets.') + 'militärische Befreiung des Gebiets.'.length);
const SEED_ITEM: ExportItem = {
  document: makeDoc('003-6a4deb1d4d02bbfd-b03c0314', SEED.text, { date: SEED.date!, language: 'de' }),
  spans: [
    span(SEED.text, 'claim', CLAIM, 'claim', { certainty: 'reported' }),
    span(SEED.text, 'alijew', 'Ilham Alijew', 'actor', { actor_type: 'person' }),
    span(SEED.text, 'karabachs', 'Karabachs', 'location'),
    span(SEED.text, 'toten', 'mehr als 6.500 Toten', 'casualty_figure', { count_min: 6500, outcome: 'killed' }, '„mehr als“ = at least'),
  ],
  relations: [rel('r1', 'attributed_to', 'claim', 'alijew')],
};
const EMOJI_TEXT = 'Die 👩🏽‍⚕️ Ärztin sagte: „Café“ in Bakú (e\u0301). Dann: 12 Tote 😢.';
const EMOJI_ITEM: ExportItem = {
  document: makeDoc('emoji', EMOJI_TEXT),
  spans: [span(EMOJI_TEXT, 'q', '„Café“', 'claim'), span(EMOJI_TEXT, 'e', 'e\u0301', 'location'), span(EMOJI_TEXT, 'f', '12 Tote 😢', 'casualty_figure')],
  relations: [],
};

describe('doccanoExport', () => {
  it('writes a document with relations in doccano\'s relation shape, one line, with metadata and the unit', () => {
    const { jsonl, warnings, chunks } = exportDoccano([SEED_ITEM]);
    expect(chunks).toBe(1);
    const record = JSON.parse(jsonl);
    expect(Object.keys(record)).toEqual(['text', 'entities', 'relations', 'document_id', 'title', 'date', 'language', 'offset_unit']);
    expect(record.entities.map((e: { id: number; label: string }) => [e.id, e.label])).toEqual([[0, 'claim'], [1, 'location'], [2, 'actor'], [3, 'casualty_figure']]);
    expect(record.relations).toEqual([{ id: 0, from_id: 0, to_id: 2, type: 'attributed_to' }]);
    for (const e of record.entities) expect(record.text.slice(e.start_offset, e.end_offset)).toBe(SEED_ITEM.spans.find((s) => s.label === e.label)!.quote);
    expect(warnings).toEqual([
      'doccano: span attributes are left out (doccano spans have none)', 'doccano: span attributes are left out (doccano spans have none)',
      'doccano: span attributes are left out (doccano spans have none)', 'doccano: span notes are left out (doccano spans have none)']);
  });

  it('writes a document without relations as label triples in UTF-16 units, as doccano counts them, and says so once it matters', () => {
    const { jsonl, warnings } = exportDoccano([EMOJI_ITEM]);
    const record = JSON.parse(jsonl);
    expect(record.offset_unit).toBe('utf16');
    // Independent check: JavaScript string indices (what doccano's UI uses) give back each quote.
    expect(record.label.map(([s, e, l]: [number, number, string]) => [EMOJI_TEXT.slice(s, e), l]))
      .toEqual([['„Café“', 'claim'], ['e\u0301', 'location'], ['12 Tote 😢', 'casualty_figure']]);
    expect(record.label[0]).toEqual([EMOJI_TEXT.indexOf('„Café“'), EMOJI_TEXT.indexOf('„Café“') + 6, 'claim']);
    expect(warnings).toEqual(['doccano: offsets are UTF-16 code units, as doccano counts them; in a text with emoji or other characters outside the BMP they differ from code points']);
    expect(exportDoccano([{ ...EMOJI_ITEM, document: makeDoc('bmp', 'Café in Bakú.'), spans: [span('Café in Bakú.', 'b', 'Bakú', 'location')] }]).warnings).toEqual([]);
  });

  it('reports a file that mixes both shapes', () => {
    expect(exportDoccano([SEED_ITEM, EMOJI_ITEM]).warnings.at(-1)).toBe(
      'doccano: 1 documents with relations use the relation shape (entities, relations) and 1 without use the label shape; one doccano upload reads one shape');
  });

  it('matches tests/fixtures/formats/doccano/003-6a4deb1d.jsonl byte for byte', () => {
    const file = join(REPO, 'tests/fixtures/formats/doccano/003-6a4deb1d.jsonl');
    const { jsonl } = exportDoccano([SEED_ITEM, EMOJI_ITEM]);
    // UPDATE_GOLDEN=1 rewrites it; read the diff before committing it.
    if (process.env.UPDATE_GOLDEN) { mkdirSync(join(file, '..'), { recursive: true }); writeFileSync(file, jsonl); }
    expect(Buffer.from(jsonl)).toEqual(readFileSync(file));
  });
});

describe('doccanoImport', () => {
  it('reads the golden export back: code point spans, relations by entity id, metadata', () => {
    const { documents, problems } = importText(readFileSync(join(REPO, 'tests/fixtures/formats/doccano/003-6a4deb1d.jsonl'), 'utf8'));
    expect(problems).toEqual([]);
    expect(documents).toHaveLength(2);
    const [seed, emoji] = documents;
    expect(seed.text).toBe(SEED.text);
    expect(seed.meta).toEqual({ date: '2025-07', language: 'de', title: '003-6a4deb1d4d02bbfd-b03c0314', document_id: '003-6a4deb1d4d02bbfd-b03c0314' });
    expect(seed.spans.map((s) => [s.id, s.label, Array.from(seed.text).slice(s.start, s.end).join('')])).toEqual(
      [['0', 'claim', CLAIM], ['1', 'location', 'Karabachs'], ['2', 'actor', 'Ilham Alijew'], ['3', 'casualty_figure', 'mehr als 6.500 Toten']]);
    expect(seed.relations).toEqual([{ type: 'attributed_to', from: '0', to: '2' }]);
    expect(emoji.spans.map((s) => [s.start, s.end])).toEqual(EMOJI_ITEM.spans.map((s) => [s.start, s.end]));
  });

  it('reads doccano\'s other shapes: "labels", "data", span objects, code point files, a nested meta object', () => {
    const lines = [
      JSON.stringify({ id: 7, data: 'Alijew in Baku', labels: [[0, 6, 'PER'], { start_offset: 10, end_offset: 14, label: 'LOC' }], meta: { source: 'dpa' }, Comments: [] }),
      '',
      JSON.stringify({ text: '😢 Baku', label: [[2, 6, 'LOC']], offset_unit: 'codepoint', annotator: 'ben' }),
    ].join('\r\n');
    const { documents, problems } = importText(lines);
    expect(problems).toEqual([]);
    expect(documents.map((d) => [d.text, d.spans.map((s) => [s.start, s.end, s.label]), d.meta])).toEqual([
      ['Alijew in Baku', [[0, 6, 'PER'], [10, 14, 'LOC']], { source: 'dpa' }],
      ['😢 Baku', [[2, 6, 'LOC']], { annotator: 'ben' }],
    ]);
  });

  it('names file, line and problem, and imports nothing from a file with a bad line', () => {
    const good = JSON.stringify({ text: 'Baku', label: [[0, 4, 'LOC']] });
    const cases: [string, string][] = [
      ['{"text": "Baku", "label": [[0, 4, "LOC"]]', 'not valid JSON'],
      [JSON.stringify({ text: 'Baku', label: [[0, 9, 'LOC']] }), 'label.0: offset 9 is past the end of the text'],
      [JSON.stringify({ text: '😢 Baku', label: [[1, 3, 'LOC']] }), 'label.0: offset 1 is inside a surrogate pair'],
      [JSON.stringify({ text: 'Baku', label: [[3, 1, 'LOC']] }), 'label.0: end 1 is not after start 3'],
      [JSON.stringify({ text: 'Baku', entities: [{ id: 1, start_offset: 0, end_offset: 4, label: 'LOC' }], relations: [{ from_id: 1, to_id: 2, type: 'x' }] }), 'relations.0: no entity with id 2'],
      [JSON.stringify({ text: 'Baku', entities: [{ id: 1, start_offset: 0, end_offset: 2, label: 'A' }, { id: 1, start_offset: 2, end_offset: 4, label: 'B' }] }), 'entities.1: id 1 is used twice'],
      [JSON.stringify({ label: [[0, 1, 'X']] }), 'text is missing'],
      [JSON.stringify({ text: 'Baku', label: ['positive'] }), 'label.0'],
    ];
    for (const [bad, message] of cases) {
      const { documents, problems } = doccanoImport.parse([{ name: 'bad.jsonl', text: `${good}\n${bad}\n` }, { name: 'ok.jsonl', text: good }]);
      expect(documents.map((d) => d.fileName)).toEqual(['ok.jsonl']);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ fileName: 'bad.jsonl', line: 2 });
      expect(problems[0].message).toContain(`bad.jsonl line 2: ${message}`);
    }
  });

  it('recognises doccano files but not Tagwerk JSONL or Label Studio JSON', () => {
    expect(doccanoImport.detect('a.jsonl', '{"text": "x", "label": [[0, 1, "A"]]}')).toBe(true);
    expect(doccanoImport.detect('a.jsonl', '{"text": "x", "entities": [], "relations": []}')).toBe(true);
    expect(doccanoImport.detect('a.jsonl', '{"id": "d", "text": "x", "spans": [{"label": "a"}]}')).toBe(false);
    expect(doccanoImport.detect('a.json', '[{"data": {"text": "x"}, "annotations": [{"result": [{"value": {"labels": ["A"]}}]}]}]')).toBe(false);
  });
});

describe('doccano round trip', () => {
  const piece = fc.constantFrom('a', 'Z', ' ', '\n', 'é', 'e\u0301', '👍🏽', '👩🏽‍⚕️', '„', '“', '"', ',', '6.500', '\t', '\\', '𝔘', 'ß');
  const arbItem = fc.array(piece, { minLength: 1, maxLength: 40 }).map((p) => p.join('')).chain((text) => {
    const n = Array.from(text).length;
    const arbSpan = fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.constantFrom('actor', 'claim', 'location', 'casualty_figure'))
      .map(([a, b, label]) => ({ start: Math.min(a, b), end: Math.max(a, b) + 1, label }));
    return fc.tuple(fc.constant(text), fc.array(arbSpan, { maxLength: 8 }), fc.array(fc.tuple(fc.nat(7), fc.nat(7)), { maxLength: 3 }));
  }).map(([text, raw, links]): ExportItem => {
    const spans = raw.map((s, i): ExportSpan => ({ id: `s${i}`, ...s, quote: Array.from(text).slice(s.start, s.end).join(''), attributes: {}, createdAt: NOW, modifiedAt: NOW, annotator: 'anna' }));
    const relations = links.filter(([a, b]) => a < spans.length && b < spans.length).map(([a, b], i) => rel(`r${i}`, 'attributed_to', `s${a}`, `s${b}`));
    return { document: makeDoc('gen', text), spans, relations };
  });

  it('import(export(x)) gives the same spans, labels and relations for generated texts and spans', () => {
    fc.assert(fc.property(arbItem, (item) => {
      const { documents, problems } = importText(exportDoccano([item]).jsonl);
      expect(problems).toEqual([]);
      const [doc] = documents;
      expect(doc.text).toBe(item.document.text);
      const key = (s: { start: number; end: number; label: string }) => `${s.start}:${s.end}:${s.label}`;
      expect(doc.spans.map(key).sort()).toEqual(item.spans.map(key).sort());
      const byId = new Map(doc.spans.map((s) => [s.id, key(s)]));
      const orig = new Map(item.spans.map((s) => [s.id, key(s)]));
      expect(doc.relations.map((r) => `${byId.get(r.from)}>${byId.get(r.to)}`).sort())
        .toEqual(item.relations.map((r) => `${orig.get(r.from)}>${orig.get(r.to)}`).sort());
    }), { numRuns: 300 });
  });
});
