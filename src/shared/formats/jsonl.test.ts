import { describe, expect, it } from 'vitest';
import { emptyLayer, type Layer } from '../model/annotation';
import type { TagwerkDocument } from '../model/document';
import { addSpan } from '../ops/span-ops';
import { createOffsetIndex } from '../text/offsets';
import { metaFromJsonl, parseJsonlLine, toJsonlRecord } from './jsonl';

const TEXT = 'Alijew 👍🏽 sagte: „Mit dieser armenischen Regierung ist die Aussicht gering.“ Mehr als 6.500 Tote in Berg-Karabach.';
const SHA = '6a4deb1d4d02bbfd'.padEnd(64, '0');
const NOW = '2025-07-01T10:00:00.000Z';

const doc: TagwerkDocument = {
  schemaVersion: 1, kind: 'tagwerk-document', id: 'alijew-6a4deb1d', title: 'Alijew sagte',
  meta: { date: '2025-07', language: 'de' },
  source: { fileName: '003_6a4deb1d4d02bbfd.txt', format: 'txt', sha256: SHA, bytes: 2026, importedAt: NOW },
  text: TEXT,
};

/** Independent code point offsets of `needle` in TEXT. */
function cp(needle: string): { start: number; end: number } {
  const start = Array.from(TEXT.slice(0, TEXT.indexOf(needle))).length;
  return { start, end: start + Array.from(needle).length };
}

function layer(annotator: string, spans: { id: string; needle: string; label: string; attributes?: Record<string, number | string> }[]): Layer {
  const ctx = { text: TEXT, index: createOffsetIndex(TEXT), now: NOW };
  let l = emptyLayer(doc.id, annotator, SHA);
  for (const s of spans) l = addSpan(l, { id: s.id, ...cp(s.needle), label: s.label, attributes: s.attributes }, ctx);
  return l;
}

const anna = layer('anna', [
  { id: 'a2', needle: 'Mehr als 6.500 Tote', label: 'casualty_figure', attributes: { count_min: 6500, outcome: 'killed' } },
  { id: 'a1', needle: 'Alijew', label: 'actor' },
]);
const ben = {
  ...layer('ben', [{ id: 'b1', needle: 'Berg-Karabach', label: 'location' }, { id: 'b2', needle: '6.500 Tote', label: 'casualty_figure' }]),
  relations: [{ id: 'r1', type: 'located_in', from: 'b2', to: 'b1', createdAt: NOW, modifiedAt: NOW }],
};

describe('toJsonlRecord', () => {
  it('writes the documented shape with code point offsets that slice like Python', () => {
    const record = toJsonlRecord(doc, [anna, ben]);
    expect(Object.keys(record)).toEqual(['id', 'text', 'meta', 'offset_unit', 'spans', 'relations']);
    expect(record.offset_unit).toBe('codepoint');
    expect(record.meta).toEqual({
      date: '2025-07', language: 'de', title: 'Alijew sagte', source_file: '003_6a4deb1d4d02bbfd.txt', sha256: SHA,
    });
    expect(record.spans).toEqual([
      { id: 'a1', start: 0, end: 6, label: 'actor', text: 'Alijew', annotator: 'anna', attributes: {} },
      { id: 'a2', start: 77, end: 96, label: 'casualty_figure', text: 'Mehr als 6.500 Tote', annotator: 'anna', attributes: { count_min: 6500, outcome: 'killed' } },
      { id: 'b2', start: 86, end: 96, label: 'casualty_figure', text: '6.500 Tote', annotator: 'ben', attributes: {} },
      { id: 'b1', start: 100, end: 113, label: 'location', text: 'Berg-Karabach', annotator: 'ben', attributes: {} },
    ]);
    const cps = Array.from(record.text);
    for (const s of record.spans) expect(cps.slice(s.start, s.end).join('')).toBe(s.text);
    expect(record.relations).toEqual([{ id: 'r1', type: 'located_in', from: 'b2', to: 'b1', annotator: 'ben' }]);
  });

  it('writes UTF-16 offsets on request: two more for every span after the emoji', () => {
    const record = toJsonlRecord(doc, [anna, ben], 'utf16');
    expect(record.offset_unit).toBe('utf16');
    expect(record.spans.map((s) => [s.id, s.start, s.end])).toEqual([['a1', 0, 6], ['a2', 79, 98], ['b2', 88, 98], ['b1', 102, 115]]);
    for (const s of record.spans) expect(record.text.slice(s.start, s.end)).toBe(s.text);
  });

  it("writes a span's note and, in the curated layer, its origin after the attributes, and neither when it has none", () => {
    const origin = { annotators: ['anna', 'ben'], spanIds: ['a1', 'b1'], decision: 'accepted' as const };
    const curated = { ...anna, annotator: 'curated_layer', spans: anna.spans.map((s, i) => ({ ...s, ...(i ? { note: 'geprüft' } : { origin }) })) };
    const record = toJsonlRecord(doc, [curated, { ...ben, spans: ben.spans.map((s) => ({ ...s, note: '' })) }]);
    expect(record.spans.map((s) => [s.id, Object.keys(s)])).toEqual([
      ['a1', ['id', 'start', 'end', 'label', 'text', 'annotator', 'attributes', 'origin']],
      ['a2', ['id', 'start', 'end', 'label', 'text', 'annotator', 'attributes', 'note']],
      ['b2', ['id', 'start', 'end', 'label', 'text', 'annotator', 'attributes']],
      ['b1', ['id', 'start', 'end', 'label', 'text', 'annotator', 'attributes']],
    ]);
    expect(record.spans[0].origin).toEqual(origin);
    expect(record.spans[1].note).toBe('geprüft');
  });

  it('writes a document without layers with empty spans and relations', () => {
    const record = toJsonlRecord(doc, []);
    expect(record.spans).toEqual([]);
    expect(record.relations).toEqual([]);
    expect(record.text).toBe(TEXT);
  });
});

describe('parseJsonlLine', () => {
  it('reads a record exported by toJsonlRecord back', () => {
    const record = toJsonlRecord(doc, [anna]);
    const parsed = parseJsonlLine(JSON.stringify(record));
    expect(parsed.text).toBe(TEXT);
    expect(parsed.spans).toEqual(record.spans);
    expect(parsed.offset_unit).toBe('codepoint');
  });

  it('accepts a minimal record and ignores unknown keys (e.g. HIPE `lang`, `layer`)', () => {
    const parsed = parseJsonlLine('{"text":"Lords Darnley","lang":"de","spans":[{"start":0,"end":13,"label":"pers","layer":"outer"}]}');
    expect(parsed).toEqual({ text: 'Lords Darnley', spans: [{ start: 0, end: 13, label: 'pers' }] });
  });

  it('says what is wrong with a bad line', () => {
    expect(() => parseJsonlLine('{"text": "abc"')).toThrow(/^not valid JSON/);
    expect(() => parseJsonlLine('{"text": ""}')).toThrow('text: text is empty');
    expect(() => parseJsonlLine('{"text":"abc","spans":[{"start":-1,"end":2,"label":"x"}]}')).toThrow(/^spans\.0\.start: /);
    expect(() => parseJsonlLine('{"text":"abc","offset_unit":"bytes"}')).toThrow(/^offset_unit: /);
    expect(() => parseJsonlLine('[1,2]')).toThrow(/^record: /);
  });
});

describe('metaFromJsonl', () => {
  it('keeps date and scalar keys, drops the keys Tagwerk derives and anything nested', () => {
    expect(metaFromJsonl({
      date: '2025-07', language: 'de', title: 'T', source_file: 'f.txt', sha256: SHA,
      newspaper: 'NZZ', page: 3, ocr: true, tags: ['a'], nested: { a: 1 },
    })).toEqual({ date: '2025-07', language: 'de', newspaper: 'NZZ', page: 3, ocr: true });
  });

  it('drops prototype-polluting keys', () => {
    const meta = metaFromJsonl(JSON.parse('{"__proto__":"x","constructor":"y","date":"2025-07"}'));
    expect(meta).toEqual({ date: '2025-07' });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('never stores a malformed date as the document date', () => {
    expect(metaFromJsonl({ date: '15.10.2023' }).date).toBeUndefined();
    expect(metaFromJsonl(undefined)).toEqual({});
  });
});
