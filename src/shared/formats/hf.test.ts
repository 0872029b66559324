import { describe, expect, it } from 'vitest';
import { documentOf, expectGolden, readFixture, runExport, seedItem, span } from '../../../tests/fixtures/formats/kit';
import { conllExport } from './conll';
import type { ExportItem } from './export-format';
import { hfExport, type HfRecord } from './hf';

/** Annotated as for the CoNLL golden files (conll/seed-annotations.json). */
const SEEDS = ['000_e40513d5b91acd2a.txt', '003_6a4deb1d4d02bbfd.txt'];

const records = (jsonl: string): HfRecord[] => jsonl.split('\n').filter(Boolean).map((l) => JSON.parse(l));

describe('Hugging Face export of the seed articles (golden files)', () => {
  const items = SEEDS.map(seedItem);

  it('writes one line per sentence and labels.json in schema order', () => {
    for (const item of items) {
      const { files } = runExport(hfExport, [item]);
      expectGolden(`hf/seed-${item.document.id.slice(0, 3)}.jsonl`, files.get('')!);
      expectGolden('hf/labels.json', files.get('labels.json')!);
    }
    expect(JSON.parse(readFixture('hf/labels.json')).names).toEqual([
      'O', 'B-actor', 'I-actor', 'B-claim', 'I-claim', 'B-location', 'I-location', 'B-casualty_figure', 'I-casualty_figure',
    ]);
  });

  it('lists every span, nested ones included, at code point offsets into the sentence text', () => {
    const lines = records(runExport(hfExport, [items[1]]).files.get('')!);
    const line = lines.find((r) => r.text.startsWith('Nach sechswöchigen'))!;
    expect(line.spans.map((s) => `${s.label}:${Array.from(line.text).slice(s.start, s.end).join('')}`)).toEqual([
      'claim:Nach sechswöchigen Kämpfen mit mehr als 6.500 Toten vermittelte Armeniens Schutzmacht Russland einen Waffenstillstand',
      'casualty_figure:mehr als 6.500 Toten',
      'actor:Russland',
    ]);
    // ner_tags follow the nesting policy (outermost): only the claim.
    const names = JSON.parse(readFixture('hf/labels.json')).names as string[];
    expect(line.ner_tags.map((t) => names[t]).filter((t) => t !== 'O')).toEqual(['B-claim', ...Array<string>(13).fill('I-claim')]);
  });

  it('cuts a span crossing a sentence boundary to each sentence', () => {
    const lines = records(runExport(hfExport, [items[0]]).files.get('')!);
    const pieces = lines.flatMap((r) => r.spans.filter((s) => s.label === 'claim').map((s) => Array.from(r.text).slice(s.start, s.end).join('')));
    expect(pieces).toContain('„Alle Gebiete Aserbaidschans müssen befreit werden.');
    expect(pieces).toContain('Alle“');
    expect(lines.flatMap((r) => r.spans.filter((s) => s.label === 'location').map((s) => r.text.slice(s.start, s.end)))).toContain('Aserbaidschan');
  });

  it('has the same tokens and tags as the CoNLL export, so token-level figures agree between them', () => {
    for (const nested of ['outermost', 'innermost'] as const) {
      const { files } = runExport(hfExport, items, { nested });
      const names = JSON.parse(files.get('labels.json')!).names as string[];
      const fromHf = records(files.get('')!).map((r) => r.tokens.map((t, i) => `${t}\t${names[r.ner_tags[i]]}`).join('\n'));
      const fromConll = runExport(conllExport, items, { nested }).files.get('')!.split(/^-DOCSTART- -X- O O\n\n/m).join('').trim().split('\n\n');
      expect(fromHf).toEqual(fromConll);
    }
  });

  it('warns about ner_tags only, since the spans field keeps every span', () => {
    expect(runExport(hfExport, [items[1]]).warnings[0]).toBe(
      'ner_tags: 6 spans nested in or overlapping another span left out (policy outermost); the spans field keeps every span');
  });

  it('per-label writes <label>.jsonl files with ids from the one labels.json, and an empty main output', () => {
    const { files } = runExport(hfExport, items, { nested: 'per-label' });
    expect([...files.keys()]).toEqual(['actor.jsonl', 'claim.jsonl', 'location.jsonl', 'casualty_figure.jsonl', 'labels.json']);
    const figures = records(files.get('casualty_figure.jsonl')!).filter((r) => r.spans.length);
    expect(figures.map((r) => r.ner_tags.filter((t) => t !== 0))).toEqual([[7, 8, 8], [7, 8, 8, 8]]);
    expect(JSON.parse(files.get('labels.json')!)).toMatchObject({ nested: 'per-label', scheme: 'IOB2', offset_unit: 'codepoint' });
  });
});

describe('Hugging Face export of unusual text', () => {
  // 👍🏽 and 🇦🇿 are two code points and four UTF-16 units each; "Mu\u0308ller" has a combining mark.
  const text = 'Mu\u0308ller 👍🏽 sagte: „Mehr als 6.500 Tote in Berg-Karabach“ 🇦🇿 Alijew widersprach.';
  const quotes = ['Mu\u0308ller', '„Mehr als 6.500 Tote in Berg-Karabach“', '6.500 Tote', 'Berg-Karabach', 'Alijew'];
  const labels = ['actor', 'claim', 'casualty_figure', 'location', 'actor'];
  const item: ExportItem = {
    document: documentOf('u', text, { language: 'de' }),
    spans: quotes.map((q, i) => span(text, `s${i}`, q, labels[i])),
    relations: [],
  };

  it('writes code point offsets that slice like Python str', () => {
    const [line] = records(runExport(hfExport, [item]).files.get('')!);
    expect(line.text).toBe(text);
    expect(line.spans.map((s) => Array.from(line.text).slice(s.start, s.end).join(''))).toEqual(quotes);
    expect(line.spans.find((s) => s.label === 'actor' && s.start > 0)).toEqual({ start: 60, end: 66, label: 'actor' });
    expect(line.tokens.slice(0, 2)).toEqual(['Mu\u0308ller', '👍🏽']);
  });

  it('writes UTF-16 offsets on request, and says so in labels.json', () => {
    const { files } = runExport(hfExport, [item], { unit: 'utf16' });
    const [line] = records(files.get('')!);
    expect(line.spans.map((s) => line.text.slice(s.start, s.end))).toEqual(quotes);
    expect(line.spans.find((s) => s.label === 'actor' && s.start > 0)).toEqual({ start: 64, end: 70, label: 'actor' });
    expect(JSON.parse(files.get('labels.json')!).offset_unit).toBe('utf16');
  });

  it('gives a label missing from the schema the next ids, in order of appearance', () => {
    const extra = { ...item, spans: [...item.spans, span(text, 'x', 'widersprach', 'denial')] };
    const { files } = runExport(hfExport, [extra]);
    const names = JSON.parse(files.get('labels.json')!).names as string[];
    expect(names.slice(-2)).toEqual(['B-denial', 'I-denial']);
    const [line] = records(files.get('')!);
    expect(line.ner_tags[line.tokens.indexOf('widersprach')]).toBe(9);
  });
});
