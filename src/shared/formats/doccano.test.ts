import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cpSlice, documentOf, EMOJI_ITEM, EMOJI_TEXT, expectGolden, readFixture, rel, runExport, seed003, seed003Item, span, spanOf } from '../../../tests/fixtures/formats/kit';
import { doccanoExport, doccanoImport } from './doccano';
import { describeProblem } from './export-format';
import type { ExportItem } from './export-format';

const importText = (text: string, name = 'export.jsonl') => doccanoImport.parse([{ name, text }]);

const SEED = seed003();
const SEED_ITEM = seed003Item({ attributes: { count_min: 6500, outcome: 'killed' }, note: '„mehr als“ = at least' });

describe('doccanoExport', () => {
  it('writes a document with relations in doccano\'s relation shape, one line, with metadata and the unit', () => {
    const { main: jsonl, warnings, chunks } = runExport(doccanoExport, [SEED_ITEM]);
    expect(chunks).toHaveLength(1);
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
    const { main: jsonl, warnings } = runExport(doccanoExport, [EMOJI_ITEM]);
    const record = JSON.parse(jsonl);
    expect(record.offset_unit).toBe('utf16');
    // Independent check: JavaScript string indices (what doccano's UI uses) give back each quote.
    expect(record.label.map(([s, e, l]: [number, number, string]) => [EMOJI_TEXT.slice(s, e), l]))
      .toEqual([['„Café“', 'claim'], ['e\u0301', 'location'], ['12 Tote 😢', 'casualty_figure']]);
    expect(record.label[0]).toEqual([EMOJI_TEXT.indexOf('„Café“'), EMOJI_TEXT.indexOf('„Café“') + 6, 'claim']);
    expect(warnings).toEqual(['doccano: offsets are UTF-16 code units, as doccano counts them; in a text with emoji or other characters outside the BMP they differ from code points']);
    expect(runExport(doccanoExport, [{ ...EMOJI_ITEM, document: documentOf('bmp', 'Café in Bakú.'), spans: [span('Café in Bakú.', 'b', 'Bakú', 'location')] }]).warnings).toEqual([]);
  });

  it('reports a file that mixes both shapes', () => {
    expect(runExport(doccanoExport, [SEED_ITEM, EMOJI_ITEM]).warnings.at(-1)).toBe(
      'doccano: 1 documents with relations use the relation shape (entities, relations) and 1 without use the label shape; one doccano upload reads one shape');
  });

  it('matches tests/fixtures/formats/doccano/003-6a4deb1d.jsonl byte for byte', () => {
    expectGolden('doccano/003-6a4deb1d.jsonl', runExport(doccanoExport, [SEED_ITEM, EMOJI_ITEM]).main);
  });
});

describe('doccanoImport', () => {
  it('reads the golden export back: code point spans, relations by entity id, metadata', () => {
    const { documents, problems } = importText(readFixture('doccano/003-6a4deb1d.jsonl'));
    expect(problems).toEqual([]);
    expect(documents).toHaveLength(2);
    const [seed, emoji] = documents;
    expect(seed.text).toBe(SEED.text);
    expect(seed.meta).toEqual({ date: '2025-07', language: 'de', title: '003-6a4deb1d4d02bbfd-b03c0314', document_id: '003-6a4deb1d4d02bbfd-b03c0314' });
    expect(seed.spans.map((s) => [s.id, s.label, cpSlice(seed.text, s.start, s.end)])).toEqual(
      [['0', 'claim', SEED.claim], ['1', 'location', 'Karabachs'], ['2', 'actor', 'Ilham Alijew'], ['3', 'casualty_figure', 'mehr als 6.500 Toten']]);
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
      expect(problems[0].message).toContain(message);
      expect(describeProblem(problems[0])).toContain(`bad.jsonl line 2: ${message}`);
    }
  });

  it('refuses entity ids and relation types longer than a layer holds (found by tests/integration/importer-fuzz.test.ts)', () => {
    // Before, both were read and stored, and the layer written did not load again.
    const entities = (id: string | number) => [{ id, start_offset: 0, end_offset: 4, label: 'LOC' }, { id: 2, start_offset: 5, end_offset: 8, label: 'ORG' }];
    const cases: [object, string][] = [
      [{ text: 'Baku und AFP', entities: entities(1), relations: [{ from_id: 1, to_id: 2, type: 'x'.repeat(41) }] }, 'relations.0.type: Too big: expected string to have <=40 characters'],
      [{ text: 'Baku und AFP', entities: entities('x'.repeat(81)), relations: [] }, 'entities.0.id: Too big: expected string to have <=80 characters'],
    ];
    for (const [bad, message] of cases) {
      const { documents, problems } = importText(JSON.stringify(bad), 'bad.jsonl');
      expect(documents).toEqual([]);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ fileName: 'bad.jsonl', line: 1 });
      expect(problems[0].message).toContain(message);
    }
    expect(importText(JSON.stringify({ text: 'Baku und AFP', entities: entities('x'.repeat(80)), relations: [{ from_id: 'x'.repeat(80), to_id: 2, type: 'y'.repeat(40) }] })).problems).toEqual([]);
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
    const spans = raw.map((s, i) => spanOf(text, `s${i}`, s, s.label));
    const relations = links.filter(([a, b]) => a < spans.length && b < spans.length).map(([a, b], i) => rel(`r${i}`, 'attributed_to', `s${a}`, `s${b}`));
    return { document: documentOf('gen', text), spans, relations };
  });

  it('import(export(x)) gives the same spans, labels and relations for generated texts and spans', () => {
    fc.assert(fc.property(arbItem, (item) => {
      const { documents, problems } = importText(runExport(doccanoExport, [item]).main);
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
