import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cp, cpSlice, documentOf, expectGolden, readFixture, rel, runExport, seed003, span, spanOf } from '../../../tests/fixtures/formats/kit';
import type { AttributeValue } from '../model/annotation';
import { defaultTagSchema, type Label } from '../model/tag-schema';
import { bratExport, bratImport, decodeBratValue, encodeBratValue } from './brat';
import type { ExportContext, ExportItem, ImportedDocument } from './export-format';

/** The default schema, with an actor that also has text and boolean attributes. */
const LABELS: Label[] = defaultTagSchema().labels.map((l) => (l.id !== 'actor' ? l : {
  ...l,
  attributes: [...l.attributes,
    { id: 'alias', name: 'Alias', type: 'text' }, { id: 'reference', name: 'Reference', type: 'text' },
    { id: 'verified', name: 'Verified', type: 'boolean' }, { id: 'reviewed', name: 'Reviewed', type: 'boolean' }],
}));

/** Runs the brat writer over `items` with LABELS: files by path, and what it warned about. */
const exportBrat = (items: ExportItem[], over: Partial<ExportContext> = {}) => runExport(bratExport, items, { labels: LABELS, ...over });
const importFiles = (files: Map<string, string>) => bratImport.parse([...files].map(([name, text]) => ({ name, text })));

const TEXT = 'Präsident Alijew sagte: „Wir haben erreicht.“\nMehr als 6.500 Tote in Berg-Karabach.';
const NOTE = 'mehr als → mindestens 6500\nQuelle: dpa\\AFP';
const ITEM: ExportItem = {
  document: documentOf('alijew', TEXT),
  spans: [
    span(TEXT, 'loc2', 'Karabach', 'location'),
    span(TEXT, 'fig', 'Mehr als 6.500 Tote', 'casualty_figure', { count_min: 6500, count_max: null, approximate: true, outcome: 'killed' }, NOTE),
    span(TEXT, 'claim', 'Präsident Alijew sagte: „Wir haben erreicht.“\nMehr als 6.500 Tote', 'claim', { certainty: 'reported' }),
    span(TEXT, 'actor', 'Alijew', 'actor', { reviewed: false, verified: true, reference: '2020', alias: 'Ilham Alijew', actor_type: 'person', extra: null }),
    span(TEXT, 'loc1', 'Berg-Karabach', 'location'),
  ],
  relations: [rel('r1', 'attributed_to', 'claim', 'actor'), rel('r2', 'located_in', 'fig', 'loc1')],
};

const ANN = `T1\tclaim 0 45;46 65\tPräsident Alijew sagte: „Wir haben erreicht.“ Mehr als 6.500 Tote
T2\tactor 10 16\tAlijew
T3\tcasualty_figure 46 65\tMehr als 6.500 Tote
T4\tlocation 69 82\tBerg-Karabach
T5\tlocation 74 82\tKarabach
A1\tcertainty T1 reported
A2\tactor_type T2 person
A3\talias T2 Ilham%20Alijew
A4\treference T2 %32020
A5\tverified T2
A6\tcount_min T3 6500
A7\tapproximate T3
A8\toutcome T3 killed
R1\tattributed_to Arg1:T1 Arg2:T2
R2\tlocated_in Arg1:T3 Arg2:T4
#1\tAnnotatorNotes T3\tmehr als → mindestens 6500\\nQuelle: dpa\\\\AFP
`;

const CONF = `# brat annotation configuration written by Tagwerk.
# Offsets in the .ann files are Unicode code points. Attribute values are percent-encoded
# where brat would split them (%20 = space); notes escape \\ and line breaks as \\\\, \\n, \\uXXXX.
[entities]
actor
claim
location
casualty_figure

[relations]
<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>
attributed_to\tArg1:claim, Arg2:actor
located_in\tArg1:casualty_figure, Arg2:location

[events]

[attributes]
actor_type\tArg:actor, Value:person|state|government|military|armed_group|organisation|media|other
alias\tArg:actor, Value:Ilham%20Alijew
reference\tArg:actor, Value:%32020
verified\tArg:actor
reviewed\tArg:actor
certainty\tArg:claim, Value:asserted|hedged|reported|denied
count_min\tArg:casualty_figure, Value:6500
approximate\tArg:casualty_figure
outcome\tArg:casualty_figure, Value:killed|injured|killed_or_injured|missing|displaced|captured|unknown
victims\tArg:casualty_figure, Value:civilian|military|mixed|unknown
normalized_by\tArg:casualty_figure, Value:auto|annotator
`;

describe('brat export', () => {
  it('writes the text as is, nested spans, a span across a line break as fragments, attributes, relations and notes', () => {
    const { files, warnings } = exportBrat([ITEM]);
    expect([...files.keys()]).toEqual(['alijew.txt', 'alijew.ann', 'annotation.conf']);
    expect(files.get('alijew.txt')).toBe(TEXT);
    expect(files.get('alijew.ann')).toBe(ANN);
    expect(files.get('annotation.conf')).toBe(CONF);
    expect(warnings).toEqual([]);
    // brat reads one annotation per line: no line of the .ann may hold a line break of the text.
    expect(files.get('alijew.ann')!.split('\n').filter(Boolean)).toHaveLength(16);
  });

  it('writes code point offsets that slice like Python around emoji, combining accents and „quotes“', () => {
    const text = 'Alijew 👍🏽 sagte: „Cafe\u0301 🇦🇲 Karabach“\n😀 mehr als 6.500 Tote 👨‍👩‍👧';
    const spans = [
      span(text, 'q', '„Cafe\u0301 🇦🇲 Karabach“', 'claim'),
      span(text, 'k', 'Karabach', 'location'),
      span(text, 'f', 'mehr als 6.500 Tote 👨‍👩‍👧', 'casualty_figure'),
      span(text, 'x', 'Karabach“\n😀 mehr', 'claim'),
    ];
    const { files } = exportBrat([{ document: documentOf('emoji', text), spans, relations: [] }]);
    const lines = files.get('emoji.ann')!.trimEnd().split('\n');
    expect(lines).toEqual([
      'T1\tclaim 17 36\t„Cafe\u0301 🇦🇲 Karabach“',
      'T2\tclaim 27 36;37 43\tKarabach“ 😀 mehr',
      'T3\tlocation 27 35\tKarabach',
      'T4\tcasualty_figure 39 64\tmehr als 6.500 Tote 👨‍👩‍👧',
    ]);
    for (const line of lines) {
      const [, offsets, quoted] = /^T\d+\t\S+ ([\d ;]+)\t(.*)$/.exec(line)!;
      const pieces = offsets.split(';').map((f) => f.split(' ').map(Number)).map(([a, b]) => cpSlice(text, a, b));
      expect(pieces.join(' ')).toBe(quoted);
    }
    const back = importFiles(files);
    expect(back.problems).toEqual([]);
    expect(back.documents[0].spans.map((s) => cpSlice(text, s.start, s.end))).toEqual(
      ['„Cafe\u0301 🇦🇲 Karabach“', 'Karabach“\n😀 mehr', 'Karabach', 'mehr als 6.500 Tote 👨‍👩‍👧']);
  });

  it('writes code points when UTF-16 offsets are asked for, and says so', () => {
    const text = '😀 Alijew';
    const { files, warnings } = exportBrat([{ document: documentOf('d', text), spans: [span(text, 'a', 'Alijew', 'actor')], relations: [] }], { unit: 'utf16' });
    expect(files.get('d.ann')).toBe('T1\tactor 2 8\tAlijew\n');
    expect(warnings).toEqual(['brat: offsets are Unicode code points, the only unit brat reads; utf16 offsets were not written']);
  });

  it('keeps line breaks at the edges of a span with empty fragments, and runs of breaks as one gap', () => {
    const text = 'a\n\nb\nc\n';
    const spans = [{ ...span(text, 's', 'a\n\nb', 'claim') }, { ...span(text, 't', '\nc\n', 'claim') }];
    const { files } = exportBrat([{ document: documentOf('d', text), spans, relations: [] }]);
    expect(files.get('d.ann')).toBe('T1\tclaim 0 1;3 4\ta b\nT2\tclaim 4 4;5 6;7 7\t c \n');
    const [doc] = importFiles(files).documents;
    expect(doc.spans.map((s) => [s.start, s.end])).toEqual([[0, 4], [4, 7]]);
  });

  it('leaves out spans whose quote does not match, relations to them, and names brat cannot store, with warnings', () => {
    const text = 'Alijew in Baku';
    const spans = [span(text, 'a', 'Alijew', 'actor'), { ...span(text, 'b', 'Baku', 'location'), quote: 'Bak' }, span(text, 'c', 'Baku', 'ort.stadt', { 'näher bestimmt': 'ja' })];
    const { files, warnings } = exportBrat([{
      document: documentOf('d', text), spans,
      relations: [rel('r1', 'located in', 'a', 'c'), rel('r2', 'located_in', 'a', 'b')],
    }]);
    expect(files.get('d.ann')).toBe('T1\tactor 0 6\tAlijew\nT2\tort_stadt 10 14\tBaku\nA1\tn_her_bestimmt T2 ja\nR1\tlocated_in Arg1:T1 Arg2:T2\n');
    expect(warnings).toEqual([
      'brat: label "ort.stadt" is not a brat type name ([A-Za-z0-9_-]); written as "ort_stadt"',
      'brat: attribute "näher bestimmt" is not a brat type name ([A-Za-z0-9_-]); written as "n_her_bestimmt"',
      'brat: relation type "located in" is not a brat type name ([A-Za-z0-9_-]); written as "located_in"',
      'brat: 1 span(s) left out: their offsets do not match their quoted text',
      'brat: 1 relation(s) left out: a span they connect was not exported',
    ]);
  });
});

describe('brat attribute values', () => {
  it('encodes what brat would split and reads it back, numbers as numbers and number-like text as text', () => {
    const cases: [string | number, string][] = [
      ['armed_group', 'armed_group'], ['armed group', 'armed%20group'], ['50% | a,b', '50%25%20%7C%20a%2Cb'],
      ['zwei\tZeilen\nhier', 'zwei%09Zeilen%0Ahier'], ['6500', '%36500'], ['-1.5', '%2D1.5'], ['6.500', '6.500'],
      [6500, '6500'], [-1.5, '-1.5'], [1e21, '1e+21'], ['„Karabach“ 👍🏽', '„Karabach“%20👍🏽'], ['a\u00a0b', 'a%C2%A0b'],
    ];
    for (const [value, token] of cases) {
      expect(encodeBratValue(value)).toBe(token);
      expect(decodeBratValue(token)).toBe(value);
    }
    // Values other tools wrote: kept as written where they are not valid percent-encoding.
    expect(decodeBratValue('100%')).toBe('100%');
    expect(decodeBratValue('Negated')).toBe('Negated');
  });
});

describe('brat import', () => {
  it('reads its own export back: spans, attributes, relations and notes', () => {
    const { files } = exportBrat([ITEM]);
    const { documents, problems } = importFiles(files);
    expect(problems).toEqual([]);
    expect(documents).toEqual<ImportedDocument[]>([{
      fileName: 'alijew.txt', text: TEXT, meta: {},
      spans: [
        { id: 'T1', start: 0, end: 65, label: 'claim', attributes: { certainty: 'reported' } },
        { id: 'T2', start: 10, end: 16, label: 'actor', attributes: { actor_type: 'person', alias: 'Ilham Alijew', reference: '2020', verified: true } },
        { id: 'T3', start: 46, end: 65, label: 'casualty_figure', attributes: { count_min: 6500, approximate: true, outcome: 'killed' }, note: NOTE },
        { id: 'T4', start: 69, end: 82, label: 'location', attributes: {} },
        { id: 'T5', start: 74, end: 82, label: 'location', attributes: {} },
      ],
      relations: [{ id: 'R1', type: 'attributed_to', from: 'T1', to: 'T2' }, { id: 'R2', type: 'located_in', from: 'T3', to: 'T4' }],
    }]);
  });

  const TXT = 'Alijew sagte in Baku';
  const good = ['T1\tactor 0 6\tAlijew', 'T2\tlocation 16 20\tBaku', 'A1\tactor_type T1 person', 'R1\tlocated_in Arg1:T1 Arg2:T2'];
  const withLine = (n: number, line: string) => good.map((l, i) => (i === n - 1 ? line : l)).join('\n');
  it.each([
    ['an offset past the end', withLine(2, 'T2\tlocation 16 21\tBaku'), 2, 'T2: offsets 16 21 are outside the text (20 code points)'],
    ['a start after the end', withLine(1, 'T1\tactor 6 0\tAlijew'), 1, 'T1: offsets 6 0 are reversed: the start comes after the end'],
    ['a negative offset', withLine(1, 'T1\tactor -1 6\tAlijew'), 1, 'T1: an offset cannot be negative ("actor -1 6")'],
    ['a text that differs from the text at the offsets', withLine(1, 'T1\tactor 0 6\tAliyev'), 1, 'T1: text "Aliyev" differs from the text at 0 6: "Alijew"'],
    ['an attribute on an unknown span', withLine(3, 'A1\tactor_type T9 person'), 3, 'refers to T9, which is not defined in this file'],
    ['a relation to an unknown span', withLine(4, 'R1\tlocated_in Arg1:T1 Arg2:T7'), 4, 'refers to T7, which is not defined in this file'],
    ['a duplicate id', withLine(3, 'T1\tlocation 16 20\tBaku'), 3, 'duplicate id T1 (first on line 1)'],
    ['a line without an id', withLine(3, 'actor_type T1 person'), 3, 'not a brat annotation line: expected an id such as T1, a tab, then the annotation'],
    ['offsets that are not numbers', withLine(1, 'T1\tactor 0 six\tAlijew'), 1, 'T1: expected "type start end" (fragments joined by ";")'],
    ['overlapping fragments', withLine(1, 'T1\tactor 0 4;2 6\tAlij ijew'), 1, 'T1: fragments overlap'],
    ['a relation with one argument', withLine(4, 'R1\tlocated_in Arg1:T1'), 4, 'R1: expected "type Arg1:T1 Arg2:T2"'],
    ['an unknown kind of line', withLine(3, 'X1\tfoo T1'), 3, 'X1: unknown annotation kind; brat knows T, A, M, R, E, N, # and *'],
  ])('rejects the file pair for %s, naming the line', (_, ann, line, message) => {
    const { documents, problems } = bratImport.parse([{ name: 'd.txt', text: TXT }, { name: 'd.ann', text: ann }]);
    expect(documents).toEqual([]);
    expect(problems).toEqual([{ fileName: 'd.ann', line, message }]);
  });

  it('imports the good pairs of a collection when one pair is broken', () => {
    const { documents, problems } = bratImport.parse([
      { name: 'a.txt', text: TXT }, { name: 'a.ann', text: good.join('\n') },
      { name: 'b.txt', text: TXT }, { name: 'b.ann', text: 'T1\tactor 0 6\tAliyev\nT1\tactor 0 6\tAlijew\n' },
      { name: 'annotation.conf', text: '[entities]\nactor\n' },
    ]);
    expect(documents.map((d) => d.fileName)).toEqual(['a.txt']);
    expect(problems.map((p) => [p.fileName, p.line])).toEqual([['b.ann', 1], ['b.ann', 2]]);
  });

  it('skips what Tagwerk cannot hold (events, normalizations, equivalences, discontinuous spans) with counts, and keeps the rest', () => {
    const ann = [
      'T1\tactor 0 6\tAlijew', 'T2\tAttack 7 12\tsagte', 'E1\tAttack:T2 Agent:T1', 'E2\tAttack:T2',
      'A1\tNegated E1', 'N1\tReference T1 Wikidata:Q7171\tIlham Aliyev', '*\tEquiv T1 T3',
      'T3\tactor 0 6;16 20\tAlijew Baku', 'A2\tactor_type T3 person', 'M1\tverified T1',
      '#1\tAnnotatorNotes T1\tPräsident\\nseit 2003', '#2\tSTATUS T1\tdone', '',
    ].join('\r\n');
    const { documents, problems } = bratImport.parse([{ name: 'd.txt', text: TXT }, { name: 'd.ann', text: ann }]);
    expect(documents).toHaveLength(1);
    expect(documents[0].spans).toEqual([
      { id: 'T1', start: 0, end: 6, label: 'actor', attributes: { verified: true }, note: 'Präsident\nseit 2003' },
      { id: 'T2', start: 7, end: 12, label: 'Attack', attributes: {} },
    ]);
    const rest = 'skipped (first on line %): Tagwerk imports spans, attributes, relations and notes only';
    expect(problems).toEqual([
      { fileName: 'd.ann', line: 3, severity: 'warning', message: `2 events (E) ${rest.replace('%', '3')}` },
      { fileName: 'd.ann', line: 5, severity: 'warning', message: `2 attributes on annotations that were not imported ${rest.replace('%', '5')}` },
      { fileName: 'd.ann', line: 6, severity: 'warning', message: `1 normalizations (N) ${rest.replace('%', '6')}` },
      { fileName: 'd.ann', line: 7, severity: 'warning', message: `1 equivalences (*) ${rest.replace('%', '7')}` },
      { fileName: 'd.ann', line: 8, severity: 'warning', message: `1 discontinuous spans (fragments apart by more than line breaks) ${rest.replace('%', '8')}` },
      { fileName: 'd.ann', line: 12, severity: 'warning', message: `1 comments of type STATUS ${rest.replace('%', '12')}` },
    ]);
  });

  it('skips ids, names and texts longer than a layer holds, with counts (found by tests/integration/importer-fuzz.test.ts)', () => {
    // brat reads these; before, Tagwerk stored them as they were and the layer written did not load again.
    const longId = `T1${'x'.repeat(79)}`;
    const ann = [
      `${longId}\tactor 0 6\tAlijew`, 'T2\tlocation 16 20\tBaku', `A1\tactor_type ${longId} person`,
      `A2\t${'n'.repeat(41)} T2 1`, `A3\tsource T2 ${'v'.repeat(10_001)}`, 'A4\tcertain T2',
      `R1\t${'t'.repeat(41)} Arg1:T2 Arg2:T2`, `R2${'x'.repeat(79)}\tlocated_in Arg1:T2 Arg2:T2`, 'R3\tlocated_in Arg1:T2 Arg2:T2',
      `#1\tAnnotatorNotes T2\t${'n'.repeat(100_001)}`, '',
    ].join('\n');
    const { documents, problems } = bratImport.parse([{ name: 'd.txt', text: TXT }, { name: 'd.ann', text: ann }]);
    expect(documents).toHaveLength(1);
    expect(documents[0].spans).toEqual([{ id: 'T2', start: 16, end: 20, label: 'location', attributes: { certain: true } }]);
    expect(documents[0].relations).toEqual([{ id: 'R3', type: 'located_in', from: 'T2', to: 'T2' }]);
    const rest = (line: number) => `skipped (first on line ${line}): a Tagwerk layer cannot hold them`;
    expect(problems).toEqual([
      { fileName: 'd.ann', line: 1, severity: 'warning', message: `1 annotations with an id over 80 characters ${rest(1)}` },
      { fileName: 'd.ann', line: 3, severity: 'warning', message: '1 attributes on annotations that were not imported skipped (first on line 3): Tagwerk imports spans, attributes, relations and notes only' },
      { fileName: 'd.ann', line: 4, severity: 'warning', message: `2 attributes with a name over 40 or a value over 10,000 characters ${rest(4)}` },
      { fileName: 'd.ann', line: 7, severity: 'warning', message: `2 relations with an id over 80 or a type over 40 characters ${rest(7)}` },
      { fileName: 'd.ann', line: 10, severity: 'warning', message: `1 notes over 100,000 characters ${rest(10)}` },
    ]);
  });

  it('reports a .ann without its .txt and a .txt without its .ann', () => {
    const { documents, problems } = bratImport.parse([
      { name: 'dev/a.ann', text: 'T1\tactor 0 1\tx' }, { name: 'dev/b.txt', text: 'x' }, { name: 'notes.md', text: '# x' },
    ]);
    expect(documents).toEqual([]);
    expect(problems).toEqual([
      { fileName: 'notes.md', message: 'not part of a brat collection: expected .txt and .ann files' },
      { fileName: 'dev/a.ann', message: 'no dev/a.txt next to it: brat offsets need the text' },
      { fileName: 'dev/b.txt', message: 'no dev/b.ann next to it: not a brat document' },
    ]);
  });

  it('recognises .ann files by name and first lines', () => {
    expect(bratImport.detect('x.ann', 'T1\tpers 0 4\tNZZ\n#1\tAnnotatorNotes T1\tx\n')).toBe(true);
    expect(bratImport.detect('x.ann', '')).toBe(true);
    expect(bratImport.detect('x.ann', 'Hello world\n')).toBe(false);
    expect(bratImport.detect('x.txt', 'T1\tpers 0 4\tNZZ\n')).toBe(false);
  });
});

describe('brat golden files (seed article 003)', () => {
  const { text, claim } = seed003();
  /** Code point offsets of `needle` where `from` first stands. */
  const find = (needle: string, from: string) => { const { start } = cp(text, from); return { start, end: start + Array.from(needle).length }; };
  const item: ExportItem = {
    document: documentOf('003-6a4deb1d4d02bbfd-b03c0314', text),
    spans: [
      span(text, 'claim', claim, 'claim', { certainty: 'reported' }),
      span(text, 'alijew', 'Ilham Alijew', 'actor', { actor_type: 'person' }),
      span(text, 'karabachs', 'Karabachs', 'location'),
      spanOf(text, 'karabach', find('Karabach', 'Karabach gehört'), 'location'),
      span(text, 'toten', 'mehr als 6.500 Toten', 'casualty_figure', { count_min: 6500, count_max: null, approximate: true, outcome: 'killed' },
        '„mehr als 6.500“: at least 6500 (German thousands separator)\nnormalised, confirmed by the annotator'),
    ],
    relations: [rel('r1', 'attributed_to', 'claim', 'alijew'), rel('r2', 'located_in', 'toten', 'karabach')],
  };
  const { files } = runExport(bratExport, [item]);

  it('matches the files in tests/fixtures/formats/brat byte for byte', () => {
    for (const [path, data] of files) expectGolden(`brat/${path}`, data);
    expect([...files.keys()]).toEqual(['003-6a4deb1d4d02bbfd-b03c0314.txt', '003-6a4deb1d4d02bbfd-b03c0314.ann', 'annotation.conf']);
  });

  it('slices every golden text field out of the text at its code point fragments, and imports back', () => {
    const ann = readFixture('brat/003-6a4deb1d4d02bbfd-b03c0314.ann');
    const tLines = ann.split('\n').filter((l) => l.startsWith('T'));
    expect(tLines).toHaveLength(5);
    for (const line of tLines) {
      const [, offsets, quoted] = /^T\d+\t\S+ ([\d ;]+)\t(.*)$/.exec(line)!;
      expect(offsets.split(';').map((f) => f.split(' ').map(Number)).map(([a, b]) => cpSlice(text, a, b)).join(' ')).toBe(quoted);
    }
    const { documents, problems } = importFiles(files);
    expect(problems).toEqual([]);
    expect(documents[0].spans.map((x) => cpSlice(text, x.start, x.end))).toEqual(
      [claim, 'Karabachs', 'Ilham Alijew', 'Karabach', 'mehr als 6.500 Toten']);
  });
});

describe('brat round trip (property)', () => {
  const PIECES = ['a', 'Z', ' ', '\n', '\n\n', '\t', 'é', 'e\u0301', '👍🏽', '😀', '🇦🇲', '„', '“', 'ß', '.', '6', '%', '|', ',', '\\', '\u2028'];
  const piece = fc.constantFrom(...PIECES);
  const str = (max: number) => fc.array(piece, { minLength: 1, maxLength: max }).map((p) => p.join(''));
  const value: fc.Arbitrary<AttributeValue> = fc.oneof(
    str(6), fc.integer({ min: -1e6, max: 1e6 }), fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n)),
    fc.boolean(), fc.constant(null), fc.constantFrom('6500', '-2', '1e+21', 'Infinity', ''),
  );
  const generated = str(40).chain((text) => {
    const length = Array.from(text).length;
    const spanArb = fc.record({
      a: fc.nat({ max: length - 1 }), len: fc.integer({ min: 1, max: length }),
      label: fc.constantFrom('actor', 'claim', 'location', 'casualty_figure', 'pers_ind'),
      attributes: fc.dictionary(fc.constantFrom('actor_type', 'count_min', 'approximate', 'alias', 'layer', 'x_1'), value),
      note: fc.option(str(8), { nil: undefined }),
    });
    return fc.record({
      text: fc.constant(text),
      spans: fc.array(spanArb, { maxLength: 8 }),
      relations: fc.array(fc.record({ from: fc.nat(), to: fc.nat(), type: fc.constantFrom('attributed_to', 'located_in') }), { maxLength: 4 }),
    });
  });

  it('gives back every span, attribute, note and relation of random texts with emoji, combining marks and line breaks', () => {
    fc.assert(fc.property(generated, ({ text, spans: raw, relations: rawRels }) => {
      const length = Array.from(text).length;
      const spans = raw.map((r, i) => spanOf(text, `s${i}`, { start: r.a, end: Math.min(length, r.a + r.len) }, r.label, r.attributes, r.note));
      const relations = spans.length ? rawRels.map((r, i) => rel(`r${i}`, r.type, `s${r.from % spans.length}`, `s${r.to % spans.length}`)) : [];
      const { files, warnings } = exportBrat([{ document: documentOf('doc', text), spans, relations }]);
      expect(warnings).toEqual([]);
      const { documents, problems } = importFiles(files);
      expect(problems).toEqual([]);
      expect(documents[0].text).toBe(text);
      // brat has no false or empty values: unset, false and '' all come back unset.
      const kept = (a: Record<string, AttributeValue>) => Object.fromEntries(Object.entries(a).filter(([, v]) => v !== null && v !== false && v !== ''));
      const content = (x: { start: number; end: number; label: string; attributes: Record<string, AttributeValue>; note?: string }) =>
        JSON.stringify([x.start, x.end, x.label, Object.entries(kept(x.attributes)).sort(), x.note ?? null]);
      const got = new Map(documents[0].spans.map((x) => [x.id!, content(x)]));
      expect([...got.values()].sort()).toEqual(spans.map(content).sort());
      const byId = new Map(spans.map((x) => [x.id, content(x)]));
      expect(documents[0].relations.map((r) => `${r.type} ${got.get(r.from)} ${got.get(r.to)}`).sort())
        .toEqual(relations.map((r) => `${r.type} ${byId.get(r.from)} ${byId.get(r.to)}`).sort());
    }), { numRuns: 300 });
  });
});
