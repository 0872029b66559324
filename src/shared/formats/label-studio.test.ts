import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import type { AttributeValue } from '../model/annotation';
import type { TagwerkDocument } from '../model/document';
import { defaultTagSchema } from '../model/tag-schema';
import { canonicalizePlainText } from '../text/canonical';
import type { ExportContext, ExportItem, ExportRelation, ExportSpan } from './export-format';
import { labelStudioConfig, labelStudioExport, labelStudioImport } from './label-studio';

const REPO = join(__dirname, '../../..');
const NOW = '2025-07-01T10:00:00.000Z';
const LABELS = defaultTagSchema().labels;

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
const cpSlice = (text: string, start: number, end: number) => Array.from(text).slice(start, end).join('');
const span = (text: string, id: string, needle: string, label: string, attributes: Record<string, AttributeValue> = {}, note?: string, annotator = 'anna'): ExportSpan =>
  ({ id, ...cp(text, needle), label, quote: needle, attributes, ...(note ? { note } : {}), createdAt: NOW, modifiedAt: NOW, annotator });
const rel = (id: string, type: string, from: string, to: string): ExportRelation => ({ id, type, from, to, createdAt: NOW, modifiedAt: NOW, annotator: 'anna' });

function exportLs(items: ExportItem[], over: Partial<ExportContext> = {}): { json: string; config: string; warnings: string[]; chunks: number } {
  const warnings: string[] = [];
  const writer = labelStudioExport.create({ unit: 'codepoint', labels: LABELS, language: 'de', nested: 'outermost', warn: (m) => warnings.push(m), ...over });
  const chunks = [...(writer.begin?.() ?? []), ...items.flatMap((i) => writer.document(i)), ...(writer.end?.() ?? [])];
  return {
    json: chunks.filter((c) => !c.path).map((c) => c.data).join(''),
    config: chunks.find((c) => c.path === 'label-studio-config.xml')!.data as string,
    warnings, chunks: chunks.length,
  };
}
const importJson = (text: string, name = 'project.json') => labelStudioImport.parse([{ name, text }]);

const SEED = canonicalizePlainText(readFileSync(join(REPO, 'seeds/003_6a4deb1d4d02bbfd.txt'), 'utf8'));
const CLAIM = SEED.text.slice(SEED.text.indexOf('Nach der Rückeroberung'), SEED.text.indexOf('militärische Befreiung des Gebiets.') + 'militärische Befreiung des Gebiets.'.length);
const NOTE = '„mehr als 6.500“: at least 6500\nnormalised, confirmed by the annotator';
const SEED_ITEM: ExportItem = {
  document: makeDoc('003-6a4deb1d4d02bbfd-b03c0314', SEED.text, { date: SEED.date!, language: 'de' }),
  spans: [
    span(SEED.text, 'claim', CLAIM, 'claim', { certainty: 'reported' }),
    span(SEED.text, 'alijew', 'Ilham Alijew', 'actor', { actor_type: 'person' }),
    span(SEED.text, 'karabachs', 'Karabachs', 'location'),
    span(SEED.text, 'toten', 'mehr als 6.500 Toten', 'casualty_figure', { count_min: 6500, outcome: 'killed', approximate: true }, NOTE),
  ],
  relations: [rel('r1', 'attributed_to', 'claim', 'alijew')],
};
const EMOJI_TEXT = 'Die 👩🏽‍⚕️ Ärztin sagte: „Café“ in Bakú (e\u0301). Dann: 12 Tote 😢.';
const EMOJI_ITEM: ExportItem = {
  document: makeDoc('emoji', EMOJI_TEXT),
  spans: [span(EMOJI_TEXT, 'q', '„Café“', 'claim'), span(EMOJI_TEXT, 'e', 'e\u0301', 'location'), span(EMOJI_TEXT, 'f', '12 Tote 😢', 'casualty_figure')],
  relations: [],
};

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
    const item: ExportItem = { document: makeDoc('two', text), spans: [span(text, 'a', 'Alijew', 'actor'), span(text, 'b', 'Baku', 'location', {}, undefined, 'ben')], relations: [] };
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
    expect(names('Choices')).toEqual(['actor_type', 'certainty', 'approximate', 'outcome', 'victims']);
    expect(names('Number')).toEqual(['count_min', 'count_max']);
    expect(names('TextArea')).toEqual(['note']);
    expect(names('Relation', 'value')).toEqual(['attributed_to']);
    expect(labelStudioConfig([], [], [{ id: 'source', name: 'Source <page> & "line"', type: 'text' }])).toContain('<Header value="Source &#60;page&#62; &#38; &#34;line&#34;"/>');
  });

  it('matches tests/fixtures/formats/label-studio byte for byte', () => {
    const dir = join(REPO, 'tests/fixtures/formats/label-studio');
    const { json, config } = exportLs([SEED_ITEM, EMOJI_ITEM]);
    // UPDATE_GOLDEN=1 rewrites them; read the diff before committing it.
    if (process.env.UPDATE_GOLDEN) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, '003-6a4deb1d.json'), json);
      writeFileSync(join(dir, '003-6a4deb1d.label-studio-config.xml'), config);
    }
    expect(Buffer.from(json)).toEqual(readFileSync(join(dir, '003-6a4deb1d.json')));
    expect(Buffer.from(config)).toEqual(readFileSync(join(dir, '003-6a4deb1d.label-studio-config.xml')));
  });
});

describe('labelStudioImport', () => {
  it('reads the golden export back with attributes, note and relation', () => {
    const { documents, problems } = importJson(readFileSync(join(REPO, 'tests/fixtures/formats/label-studio/003-6a4deb1d.json'), 'utf8'));
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
      ['[\n  {"data": {"text": "Baku"}},\n  {"data": }\n]', 'bad.json line 3: not valid JSON'],
      [JSON.stringify([{ data: { body: 'Baku' } }]), 'bad.json: task 1: data.text: '],
      [JSON.stringify(labels({ start: 0, end: 4, text: 'Bonn' })), 'bad.json: task 1: annotation 1 result 1: value.text "Bonn" is not the text at 0–4'],
      [JSON.stringify(labels({ start: 0, end: 9 })), 'bad.json: task 1: annotation 1 result 1: end 9 is past the end of the text (4 characters)'],
      [JSON.stringify(labels({ start: '/p[1]/text()[1]', end: '/p[1]/text()[1]' })), 'HTML tasks are not supported'],
      [JSON.stringify([{ data: { text: 'Baku' }, annotations: [{ result: [{ from_id: 'x', to_id: 'y', type: 'relation' }] }] }]), 'relation between regions x and y, which are not labeled spans'],
    ];
    for (const [bad, message] of cases) {
      const { documents, problems } = labelStudioImport.parse([{ name: 'bad.json', text: bad }, { name: 'ok.json', text: good }]);
      expect(documents.map((d) => d.fileName)).toEqual(['ok.json']);
      expect(problems).toHaveLength(1);
      expect(problems[0].fileName).toBe('bad.json');
      expect(problems[0].message).toContain(message);
    }
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
    const spans = raw.map((s, i): ExportSpan => ({
      id: `s${i}`, start: s.start, end: s.end, label: s.label, quote: cpSlice(text, s.start, s.end), attributes: s.attrs,
      ...(s.note ? { note: s.note } : {}), createdAt: NOW, modifiedAt: NOW, annotator: 'anna',
    }));
    const relations = links.filter(([a, b]) => a < spans.length && b < spans.length).map(([a, b, type], i) => rel(`r${i}`, type, `s${a}`, `s${b}`));
    return { document: makeDoc('gen', text), spans, relations };
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
