import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { cpSlice, documentOf, EMOJI_ITEM, EMOJI_TEXT, expectGolden, readFixture, rel, runExport, seed003, seed003Item, span, spanOf } from '../../../tests/fixtures/formats/kit';
import type { AttributeValue } from '../model/annotation';
import type { ExportContext, ExportItem } from './export-format';
import { labelStudioConfig, labelStudioExport, labelStudioImport } from './label-studio';

/** Runs the Label Studio writer over `items`: the tasks' JSON, the labeling config, the warnings and the chunks. */
function exportLs(items: ExportItem[], over: Partial<ExportContext> = {}) {
  const { main, files, warnings, chunks } = runExport(labelStudioExport, items, over);
  return { json: main, config: files.get('label-studio-config.xml')!, warnings, chunks: chunks.length };
}
const importJson = (text: string, name = 'project.json') => labelStudioImport.parse([{ name, text }]);

const SEED = seed003();
const NOTE = '„mehr als 6.500“: at least 6500\nnormalised, confirmed by the annotator';
const SEED_ITEM = seed003Item({ attributes: { count_min: 6500, outcome: 'killed', approximate: true }, note: NOTE });

describe('labelStudioExport', () => {
  it('writes a JSON array with one task per document: labels, per-region attributes, note, relation', () => {
    const { json, chunks } = exportLs([SEED_ITEM, EMOJI_ITEM]);
    expect(chunks).toBe(5);
    const tasks = JSON.parse(json);
    expect(tasks).toHaveLength(2);
    const [task] = tasks;
    expect(task.data).toEqual({ text: SEED.text, document_id: '003-6a4deb1d4d02bbfd-b03c0314', title: '003-6a4deb1d4d02bbfd-b03c0314', date: '2025-07', language: 'de' });
    expect(task.annotations).toHaveLength(1);
    expect(task.annotations[0].tagwerk_annotator).toBe('anna');
    const result = task.annotations[0].result;
    const toten = result.filter((r: { id?: string }) => r.id === 'toten');
    expect(toten).toEqual([
      { id: 'toten', to_name: 'text', from_name: 'label', type: 'labels', value: { start: 1390, end: 1410, text: 'mehr als 6.500 Toten', labels: ['casualty_figure'] } },
      { id: 'toten', to_name: 'text', from_name: 'count_min', type: 'number', value: { start: 1390, end: 1410, number: 6500 } },
      { id: 'toten', to_name: 'text', from_name: 'outcome', type: 'choices', value: { start: 1390, end: 1410, choices: ['killed'] } },
      { id: 'toten', to_name: 'text', from_name: 'approximate', type: 'choices', value: { start: 1390, end: 1410, choices: ['true'] } },
      { id: 'toten', to_name: 'text', from_name: 'note', type: 'textarea', value: { start: 1390, end: 1410, text: [NOTE] } },
    ]);
    expect(result.at(-1)).toEqual({ from_id: 'claim', to_id: 'alijew', type: 'relation', direction: 'right', labels: ['attributed_to'] });
  });

  it('writes code point offsets, as Label Studio counts them, even when UTF-16 is asked for (with a warning)', () => {
    for (const unit of ['codepoint', 'utf16'] as const) {
      const { json, warnings } = exportLs([EMOJI_ITEM], { unit });
      const labels = JSON.parse(json)[0].annotations[0].result.filter((r: { type: string }) => r.type === 'labels');
      // Independent check: Python-style code point slicing gives back each quote.
      for (const r of labels) expect(cpSlice(EMOJI_TEXT, r.value.start, r.value.end)).toBe(r.value.text);
      expect(labels.map((r: { value: { start: number } }) => r.value.start)).toEqual([24, 40, 51]);
      expect(warnings).toEqual(unit === 'utf16' ? ['label-studio: offsets are code points, as Label Studio counts them; the UTF-16 request does not apply'] : []);
    }
  });

  it('puts each annotator\'s spans in an annotation of their own, and writes [] for no documents', () => {
    const text = 'Alijew in Baku';
    const item: ExportItem = { document: documentOf('two', text), spans: [span(text, 'a', 'Alijew', 'actor'), span(text, 'b', 'Baku', 'location', {}, undefined, 'ben')], relations: [] };
    expect(JSON.parse(exportLs([item]).json)[0].annotations.map((a: { tagwerk_annotator: string; result: unknown[] }) => [a.tagwerk_annotator, a.result.length]))
      .toEqual([['anna', 1], ['ben', 1]]);
    expect(JSON.parse(exportLs([]).json)).toEqual([]);
  });

  it('writes a labeling config that is well-formed XML with the labels, attribute controls and relation types', () => {
    const { config } = exportLs([SEED_ITEM]);
    const xml = new new JSDOM('').window.DOMParser().parseFromString(config, 'application/xml');
    expect(xml.getElementsByTagName('parsererror')).toHaveLength(0);
    const names = (tag: string, attr = 'name') => [...xml.getElementsByTagName(tag)].map((e) => e.getAttribute(attr));
    expect(names('Label', 'value')).toEqual(['actor', 'claim', 'location', 'casualty_figure']);
    expect(names('Choices')).toEqual(['actor_type', 'certainty', 'approximate', 'outcome', 'victims', 'normalized_by']);
    expect(names('Number')).toEqual(['count_min', 'count_max']);
    expect(names('TextArea')).toEqual(['note']);
    expect(names('Relation', 'value')).toEqual(['attributed_to']);
    expect(labelStudioConfig([], [], [{ id: 'source', name: 'Source <page> & "line"', type: 'text' }])).toContain('<Header value="Source &#60;page&#62; &#38; &#34;line&#34;"/>');
  });

  it('matches tests/fixtures/formats/label-studio byte for byte', () => {
    const { json, config } = exportLs([SEED_ITEM, EMOJI_ITEM]);
    expectGolden('label-studio/003-6a4deb1d.json', json);
    expectGolden('label-studio/003-6a4deb1d.label-studio-config.xml', config);
  });
});

describe('labelStudioImport', () => {
  it('reads the golden export back with attributes, note and relation', () => {
    const { documents, problems } = importJson(readFixture('label-studio/003-6a4deb1d.json'));
    expect(problems).toEqual([]);
    const [seed] = documents;
    expect(seed.text).toBe(SEED.text);
    expect(seed.meta).toEqual({ document_id: '003-6a4deb1d4d02bbfd-b03c0314', title: '003-6a4deb1d4d02bbfd-b03c0314', date: '2025-07', language: 'de' });
    expect(seed.spans).toEqual(SEED_ITEM.spans.map((s) => ({ id: s.id, start: s.start, end: s.end, label: s.label, attributes: s.attributes, ...(s.note ? { note: s.note } : {}) })));
    expect(seed.relations).toEqual([{ type: 'attributed_to', from: 'claim', to: 'alijew' }]);
  });

  it('reads what Label Studio writes: escaped line breaks in value.text, UTF-16 offsets of old versions, left relations, completions', () => {
    const text = '😢 Alijew\nsagte: in Baku';
    const task = {
      id: 1, data: { text, source: 'dpa', nested: { x: 1 } },
      completions: [
        { was_cancelled: true, result: [{ id: 'zz', from_name: 'label', to_name: 'text', type: 'labels', value: { start: 0, end: 1, labels: ['X'] } }] },
        { result: [
          { id: 'Aa1', from_name: 'label', to_name: 'text', type: 'labels', value: { start: 2, end: 14, text: 'Alijew\\nsagte', labels: ['PER'] } },
          { id: 'Bb2', from_name: 'label', to_name: 'text', type: 'labels', value: { start: 20, end: 24, text: 'Baku', labels: ['LOC'] } },
          { id: 'Aa1', from_name: 'certainty', to_name: 'text', type: 'choices', value: { start: 2, end: 14, choices: ['hedged'] } },
          { id: 'Bb2', from_name: 'checked', to_name: 'text', type: 'choices', value: { start: 20, end: 24, choices: ['false'] } },
          { from_id: 'Bb2', to_id: 'Aa1', type: 'relation', direction: 'left', labels: [] },
          { id: 'doc', from_name: 'topic', to_name: 'text', type: 'choices', value: { choices: ['war'] } },
        ] },
      ],
    };
    const { documents, problems } = importJson(JSON.stringify(task));
    expect(problems).toEqual([]);
    const [doc] = documents;
    expect(doc.meta).toEqual({ source: 'dpa' });
    expect(doc.spans).toEqual([
      { id: 'Aa1', start: 2, end: 14, label: 'PER', attributes: { certainty: 'hedged' } },
      // 20–24 are UTF-16 units (the emoji counts 2): "Baku" is at code points 19–23.
      { id: 'Bb2', start: 19, end: 23, label: 'LOC', attributes: { checked: false } },
    ]);
    expect(doc.relations).toEqual([{ type: 'related', from: 'Aa1', to: 'Bb2' }]);
  });

  it('names file, line or task and problem, and imports nothing from a bad file', () => {
    const good = JSON.stringify([{ data: { text: 'Baku' }, annotations: [{ result: [{ id: 'a', from_name: 'label', to_name: 'text', type: 'labels', value: { start: 0, end: 4, text: 'Baku', labels: ['LOC'] } }] }] }]);
    const labels = (value: object) => [{ data: { text: 'Baku' }, annotations: [{ result: [{ id: 'a', type: 'labels', value: { labels: ['LOC'], ...value } }] }] }];
    const cases: [string, string][] = [
      ['[\n  {"data": {"text": "Baku"}},\n  {"data": }\n]', 'not valid JSON'],
      [JSON.stringify([{ data: { body: 'Baku' } }]), 'task 1: data.text: '],
      [JSON.stringify(labels({ start: 0, end: 4, text: 'Bonn' })), 'task 1: annotation 1 result 1: value.text "Bonn" is not the text at 0–4'],
      [JSON.stringify(labels({ start: 0, end: 9 })), 'task 1: annotation 1 result 1: end 9 is past the end of the text (4 characters)'],
      [JSON.stringify(labels({ start: '/p[1]/text()[1]', end: '/p[1]/text()[1]' })), 'HTML tasks are not supported'],
      [JSON.stringify([{ data: { text: 'Baku' }, annotations: [{ result: [{ from_id: 'x', to_id: 'y', type: 'relation' }] }] }]), 'relation between regions x and y, which are not labeled spans'],
    ];
    for (const [bad, message] of cases) {
      const { documents, problems } = labelStudioImport.parse([{ name: 'bad.json', text: bad }, { name: 'ok.json', text: good }]);
      expect(documents.map((d) => d.fileName)).toEqual(['ok.json']);
      expect(problems).toHaveLength(1);
      expect(problems[0].fileName).toBe('bad.json');
      expect(problems[0].message).toContain(message);
      if (message === 'not valid JSON') expect(problems[0].line).toBe(3);
    }
  });

  it('refuses attributes, notes and relation labels a layer cannot hold (found by tests/integration/importer-fuzz.test.ts)', () => {
    // Before, a per-region control with a name over 40 characters was stored as an attribute, and the layer did not load again.
    const region = { id: 'a', from_name: 'label', to_name: 'text', type: 'labels', value: { start: 0, end: 4, text: 'Baku', labels: ['LOC'] } };
    const other = { ...region, id: 'b', value: { start: 9, end: 12, text: 'AFP', labels: ['ORG'] } };
    const task = (...extra: object[]) => JSON.stringify([{ data: { text: 'Baku und AFP' }, annotations: [{ result: [region, other, ...extra] }] }]);
    const cases: [string, string][] = [
      [task({ id: 'a', from_name: 'x'.repeat(121), to_name: 'text', type: 'number', value: { start: 0, end: 4, number: 6500 } }),
        `task 1: annotation 1 result 3: "${'x'.repeat(40)}…": "6500" does not fit a Tagwerk attribute`],
      [task({ id: 'a', from_name: 'source', to_name: 'text', type: 'textarea', value: { start: 0, end: 4, text: ['y'.repeat(10_001)] } }), 'result 3: "source": "yyyy'],
      [task({ id: 'a', from_name: 'note', to_name: 'text', type: 'textarea', value: { start: 0, end: 4, text: ['n'.repeat(100_001)] } }), 'result 3: the note is longer than a Tagwerk note may be'],
      [task({ from_id: 'a', to_id: 'b', type: 'relation', labels: [''] }), 'result 3: relation label "" does not fit a Tagwerk relation type (1 to 40 characters)'],
      [task({ from_id: 'a', to_id: 'b', type: 'relation', labels: ['r'.repeat(41)] }), 'result 3: relation label "rrrr'],
    ];
    for (const [bad, message] of cases) {
      const { documents, problems } = importJson(bad, 'bad.json');
      expect(documents).toEqual([]);
      expect(problems).toHaveLength(1);
      expect(problems[0].message).toContain(message);
    }
    const fits = importJson(task({ id: 'a', from_name: 'x'.repeat(40), to_name: 'text', type: 'number', value: { start: 0, end: 4, number: 6500 } },
      { from_id: 'a', to_id: 'b', type: 'relation', labels: ['r'.repeat(40)] }));
    expect(fits.problems).toEqual([]);
    expect(fits.documents[0].spans[0].attributes).toEqual({ ['x'.repeat(40)]: 6500 });
  });

  it('recognises Label Studio exports', () => {
    expect(labelStudioImport.detect('project-1.json', '[{"id":1,"annotations":[{"result":[]}],"data":{"text":"x"}}]')).toBe(true);
    expect(labelStudioImport.detect('a.jsonl', '{"text": "x", "label": [[0, 1, "A"]]}')).toBe(false);
  });
});

describe('Label Studio round trip', () => {
  const piece = fc.constantFrom('a', 'Z', ' ', '\n', 'é', 'e\u0301', '👍🏽', '👩🏽‍⚕️', '„', '“', '"', ',', '6.500', '\t', '\\', '𝔘', 'ß');
  const attributes = fc.record({
    count_min: fc.option(fc.integer({ min: 0, max: 1e6 }), { nil: undefined }),
    outcome: fc.option(fc.constantFrom('killed', 'injured'), { nil: undefined }),
    approximate: fc.option(fc.boolean(), { nil: undefined }),
    comment: fc.option(fc.string({ minLength: 1, maxLength: 10 }).filter((s) => s !== 'true' && s !== 'false'), { nil: undefined }),
  }, { requiredKeys: [] }).map((a) => Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined)) as Record<string, AttributeValue>);
  const arbItem = fc.array(piece, { minLength: 1, maxLength: 40 }).map((p) => p.join('')).chain((text) => {
    const n = Array.from(text).length;
    const arbSpan = fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.constantFrom('actor', 'claim', 'casualty_figure'), attributes, fc.option(fc.string({ minLength: 1, maxLength: 12 }), { nil: undefined }))
      .map(([a, b, label, attrs, note]) => ({ start: Math.min(a, b), end: Math.max(a, b) + 1, label, attrs, note }));
    return fc.tuple(fc.constant(text), fc.array(arbSpan, { maxLength: 6 }), fc.array(fc.tuple(fc.nat(5), fc.nat(5), fc.constantFrom('attributed_to', 'located_in')), { maxLength: 3 }));
  }).map(([text, raw, links]): ExportItem => {
    const spans = raw.map((s, i) => spanOf(text, `s${i}`, s, s.label, s.attrs, s.note));
    const relations = links.filter(([a, b]) => a < spans.length && b < spans.length).map(([a, b, type], i) => rel(`r${i}`, type, `s${a}`, `s${b}`));
    return { document: documentOf('gen', text), spans, relations };
  });

  it('import(export(x)) gives the same spans, labels, attributes, notes and relations for generated texts and spans', () => {
    fc.assert(fc.property(arbItem, (item) => {
      const { documents, problems } = importJson(exportLs([item]).json);
      expect(problems).toEqual([]);
      expect(documents[0]?.text ?? item.document.text).toBe(item.document.text);
      const spans = documents[0]?.spans ?? [];
      expect(spans).toEqual(item.spans.map((s) => ({ id: s.id, start: s.start, end: s.end, label: s.label, attributes: s.attributes, ...(s.note ? { note: s.note } : {}) })));
      expect(documents[0]?.relations ?? []).toEqual(item.relations.map((r) => ({ type: r.type, from: r.from, to: r.to })));
    }), { numRuns: 300 });
  });
});
