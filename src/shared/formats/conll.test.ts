import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cpAt, documentOf, expectGolden, readFixture, runExport, seedItem, span, spanOf } from '../../../tests/fixtures/formats/kit';
import { conllExport, conllImport, createConllExport, createConllImport } from './conll';
import type { ExportItem, ExportSpan, ImportedDocument } from './export-format';

/** Spans as `label:quote` with the quote taken by code points, as Python would slice it. */
function quoted(doc: { text: string; spans: readonly { start: number; end: number; label: string }[] }): string[] {
  const cps = Array.from(doc.text);
  return doc.spans.map((s) => `${s.label}:${cps.slice(s.start, s.end).join('')}`);
}

function parseOne(text: string, name = 'in.conll', format = conllImport): ImportedDocument[] {
  const { documents, problems } = format.parse([{ name, text }]);
  expect(problems).toEqual([]);
  return documents;
}

describe('CoNLL export of the seed articles (golden files)', () => {
  const items = [seedItem('000_e40513d5b91acd2a.txt'), seedItem('003_6a4deb1d4d02bbfd.txt')];

  it('writes -DOCSTART-, one token and its IOB2 tag per line, the outermost spans, and counts what it left out', () => {
    for (const item of items) {
      const { files, warnings } = runExport(conllExport, [item]);
      expectGolden(`conll/seed-${item.document.id.slice(0, 3)}.conll`, files.get('')!);
      expect(warnings.length).toBeGreaterThan(0);
    }
    expect(runExport(conllExport, [items[1]]).warnings).toEqual([
      '6 spans nested in or overlapping another span left out (policy outermost)',
      '1 span widened to whole tokens (a boundary fell inside a token)',
    ]);
  });

  it('innermost keeps the actor, location and casualty figure and writes the claims around them in pieces', () => {
    const { files, warnings } = runExport(conllExport, [items[1]], { nested: 'innermost' });
    expectGolden('conll/seed-003.innermost.conll', files.get('')!);
    expect(files.get('')).toContain('mehr\tB-casualty_figure\nals\tI-casualty_figure\n6.500\tI-casualty_figure\nToten\tI-casualty_figure\nvermittelte\tB-claim\n');
    expect(warnings[0]).toBe('3 spans partly left out: other spans took some of their tokens, so they are written shorter or in pieces (policy innermost)');
  });

  it('starts every document with the -DOCSTART- line and a blank line, and separates sentences by one blank line', () => {
    const out = runExport(conllExport, items).files.get('')!;
    expect(out.startsWith('-DOCSTART- -X- O O\n\nIm\tO\n')).toBe(true);
    expect(out.match(/^-DOCSTART- -X- O O\n\n/gm)).toHaveLength(2);
    expect(out).toContain('.\tO\n\n-DOCSTART- -X- O O\n\nNach\tB-claim\n');
    expect(out.endsWith('.\tO\n\n')).toBe(true);
    // Every line a whitespace-splitting reader (spaCy, Python's str.split) sees has two columns.
    for (const line of out.split('\n').filter((l) => l && !l.startsWith('-DOCSTART-'))) expect(line.split(/\s+/)).toHaveLength(2);
  });

  it('per-label writes one aligned file per schema label, keeping spans nested in spans of other labels', () => {
    const { files, warnings } = runExport(conllExport, items, { nested: 'per-label' });
    expect([...files.keys()]).toEqual(['actor.conll', 'claim.conll', 'location.conll', 'casualty_figure.conll']);
    const tokenColumn = (s: string) => s.split('\n').map((l) => l.split('\t')[0]);
    for (const data of files.values()) expect(tokenColumn(data)).toEqual(tokenColumn(files.get('claim.conll')!));
    const [seed000, seed003] = parseOne(files.get('casualty_figure.conll')!);
    expect(quoted(seed000)).toEqual(['casualty_figure:63 getöteten Zivilisten']);
    expect(quoted(seed003)).toEqual(['casualty_figure:mehr als 6.500 Toten']);
    expect(quoted(parseOne(files.get('actor.conll')!)[1])).toEqual(['actor:Ilham Alijew', 'actor:Alijew', 'actor:Baku', 'actor:Russland']);
    expect(warnings).toEqual([
      '2 spans widened to whole tokens (a boundary fell inside a token)',
      '1 span crossing a sentence boundary written as one span per sentence',
    ]);
  });

  it('reads its own export back: the outermost spans, with quotes rebuilt from the tokens', () => {
    const [doc] = parseOne(readFixture('conll/seed-003.conll'));
    expect(quoted(doc)).toEqual([
      'claim:Nach der Rückeroberung Karabachs hat der aserbaidschanische Präsident Ilham Alijew in der Hauptstadt der Kaukasusregion die Flagge seines Landes gehisst',
      'claim:„ Wir haben erreicht , was wir wollten “',
      'actor:Alijew',
      'location:Stepanakert',
      // "am 19. September" stays one sentence: the date's full stop does not end it.
      'claim:Baku hatte am 19 . September einen breit angelegten Anti - Terror - Einsatz in Karabach gestartet',
      'claim:Nach sechswöchigen Kämpfen mit mehr als 6.500 Toten vermittelte Armeniens Schutzmacht Russland einen Waffenstillstand',
    ]);
  });

  it('writes BIOES on request, which the importer detects', () => {
    const out = runExport(createConllExport({ scheme: 'bioes' }), [items[1]]).files.get('')!;
    expect(out).toContain('Stepanakert\tS-location\n');
    expect(out).toContain('Waffenstillstand\tE-claim\n');
    expect(quoted(parseOne(out)[0])).toEqual(quoted(parseOne(readFixture('conll/seed-003.conll'))[0]));
  });
});

describe('CoNLL export of unusual text', () => {
  it('keeps emoji, combining marks and „quotes“ as tokens, and imports them back at the right code points', () => {
    const text = 'Mu\u0308ller 👍🏽 sagte: „Mehr als 6.500 Tote in Berg-Karabach.“ 🇦🇿 Alijew widersprach.';
    const spans = [
      span(text, 'a', 'Mu\u0308ller', 'actor'),
      span(text, 'f', 'Mehr als 6.500 Tote', 'casualty_figure'),
      span(text, 'b', 'Alijew', 'actor'),
    ];
    const out = runExport(conllExport, [{ document: documentOf('u', text, { language: 'de' }), spans, relations: [] }]).files.get('')!;
    expect(out).toContain('Mu\u0308ller\tB-actor\n👍🏽\tO\n');
    expect(out).toContain('„\tO\nMehr\tB-casualty_figure\n');
    const [doc] = parseOne(out);
    expect(doc.text).toBe('Mu\u0308ller 👍🏽 sagte : „ Mehr als 6.500 Tote in Berg - Karabach . “\n🇦🇿 Alijew widersprach .');
    expect(quoted(doc)).toEqual(['actor:Mu\u0308ller', 'casualty_figure:Mehr als 6.500 Tote', 'actor:Alijew']);
    // Code points, not UTF-16 units: 👍🏽 and 🇦🇿 count two each here, four each in UTF-16.
    expect(doc.spans.map((s) => [s.start, s.end])).toEqual([[0, 7], [21, 40], [67, 73]]);
    expect(doc.text.indexOf('Alijew')).toBe(71);
  });

  it('replaces a narrow no-break space inside a number token, which Python would split on, and says so', () => {
    const text = 'Mehr als 6\u202f500 Tote.';
    const { files, warnings } = runExport(conllExport, [{ document: documentOf('n', text, { language: 'de' }), spans: [span(text, 'f', 'Mehr als 6\u202f500 Tote', 'casualty_figure')], relations: [] }]);
    expect(files.get('')).toContain('6_500\tI-casualty_figure\n');
    expect(warnings).toEqual(['1 tokens contain a character CoNLL readers split columns at (e.g. a narrow no-break space in a number): written with _ in its place']);
  });
});

describe('CoNLL import', () => {
  const GERMEVAL = [
    '#\thttp://de.wikipedia.org/wiki/FC_Kickers\t[2009-08-13]',
    '1\tDer\tO\tO', '2\tFC\tB-ORG\tO', '3\tKickers\tI-ORG\tO', '4\tDarmstadt\tI-ORG\tB-LOC', '5\tsiegt\tO\tO', '6\t.\tO\tO',
    '',
    '#\tberlinonline.de vom 27.10.2005\t[2005-10-27]',
    '1\tDeutsche\tB-LOCderiv\tO', '2\tPolitiker\tO\tO', '3\t#\tO\tO',
    '',
  ].join('\n');

  it('reads GermEval 2014: one document per # block with url and date, outer and nested columns both', () => {
    const docs = parseOne(GERMEVAL, 'NER-de-dev.tsv');
    expect(docs.map((d) => [d.text, d.meta])).toEqual([
      ['Der FC Kickers Darmstadt siegt .', { url: 'http://de.wikipedia.org/wiki/FC_Kickers', date: '2009-08-13' }],
      ['Deutsche Politiker #', { date: '2005-10-27', source: 'berlinonline.de vom 27.10.2005' }],
    ]);
    expect(quoted(docs[0])).toEqual(['org:FC Kickers Darmstadt', 'loc:Darmstadt']);
    expect(quoted(docs[1])).toEqual(['locderiv:Deutsche']);
    expect(docs[0].fileName).toBe('NER-de-dev.tsv');
  });

  it('reads only the columns asked for', () => {
    const [outer] = parseOne(GERMEVAL, 'g.tsv', createConllImport({ tagColumns: [2] }));
    expect(quoted(outer)).toEqual(['org:FC Kickers Darmstadt']);
    const [inner] = parseOne(GERMEVAL, 'g.tsv', createConllImport({ tagColumns: [3] }));
    expect(quoted(inner)).toEqual(['loc:Darmstadt']);
  });

  it('reads CoNLL-2003 (space separated, IOB1, the entity tag in the last column, not the chunk column)', () => {
    const text = [
      '-DOCSTART- -X- -X- O', '',
      'EU NNP B-NP I-ORG', 'rejects VBZ B-VP O', 'German JJ B-NP I-MISC', 'call NN I-NP O', '. . O O', '',
      'Peter NNP B-NP I-PER', 'Blackburn NNP I-NP I-PER', '',
      '-DOCSTART- -X- -X- O', '',
      'Japan NNP B-NP I-LOC', 'Germany NNP I-NP B-LOC', '',
    ].join('\r\n');
    const docs = parseOne(`\ufeff${text}`, 'eng.testa');
    expect(docs.map((d) => d.text)).toEqual(['EU rejects German call .\nPeter Blackburn', 'Japan Germany']);
    expect(quoted(docs[0])).toEqual(['org:EU', 'misc:German', 'per:Peter Blackburn']);
    expect(quoted(docs[1])).toEqual(['loc:Japan', 'loc:Germany']);
  });

  it('reads a forced scheme as told, whatever the tags look like', () => {
    const asBioes = createConllImport({ scheme: 'bioes' }).parse([{ name: 'f.conll', text: 'a\tB-X\nb\tI-X\n' }]);
    expect(quoted(asBioes.documents[0])).toEqual(['x:a b']);
    expect(asBioes.problems).toEqual([{ fileName: 'f.conll', line: 2, severity: 'warning', message: "repaired: 'I-X' ends the sentence without E-X (BIOES)" }]);
    const asIob2 = createConllImport({ scheme: 'iob2' }).parse([{ name: 'f.conll', text: 'a\tS-X\n' }]);
    expect(asIob2).toEqual({ documents: [], problems: [{ fileName: 'f.conll', line: 1, message: "'S-X' is not an IOB2 tag" }] });
  });

  it('repairs an I- after O, imports the document and reports the repair with file and line', () => {
    const r = conllImport.parse([{ name: 'ill.conll', text: 'Ilham\tB-PER\nAlijew\tI-PER\nsagte\tO\nBaku\tI-LOC\n' }]);
    expect(quoted(r.documents[0])).toEqual(['per:Ilham Alijew', 'loc:Baku']);
    expect(r.problems).toEqual([{ fileName: 'ill.conll', line: 4, severity: 'warning', message: "repaired: 'I-LOC' after 'O' starts a new span (IOB2)" }]);
  });

  it('imports nothing from a file with an error and names file and line', () => {
    const r = conllImport.parse([
      { name: 'good.conll', text: 'Baku\tB-LOC\n' },
      { name: 'bad.conll', text: 'Baku\tB-LOC\n\nAlijew\tB-PER\textra\nsagte\tO\n' },
      { name: 'worse.tsv', text: 'Baku\tB-LOC\nsagte\tB_PER\n' },
      { name: 'empty.conll', text: '\n\n' },
    ]);
    expect(r.documents.map((d) => d.fileName)).toEqual(['good.conll']);
    expect(r.problems).toEqual([
      { fileName: 'bad.conll', line: 3, message: '3 columns, expected 2 as on line 1' },
      { fileName: 'worse.tsv', line: 2, message: "'B_PER' is not an IOB2 tag" },
      { fileName: 'empty.conll', message: 'no token lines: expected TOKEN<TAB>TAG lines' },
    ]);
  });

  it('lists at most 20 problems per file, then how many more', () => {
    const text = Array.from({ length: 30 }, (_, i) => `w${i}\tX`).join('\n');
    const { problems } = conllImport.parse([{ name: 'x.conll', text }]);
    expect(problems).toHaveLength(21);
    expect(problems[20]).toEqual({ fileName: 'x.conll', message: '10 more problems like these' });
  });

  it('detects CoNLL and GermEval files, and not plain articles or tables', () => {
    expect(conllImport.detect('anything.txt', '-DOCSTART- -X- O O\n\nBaku\tB-LOC\n')).toBe(true);
    expect(conllImport.detect('NER-de-dev.tsv', GERMEVAL)).toBe(true);
    expect(conllImport.detect('train.conll', 'EU NNP B-NP I-ORG\nrejects VBZ B-VP O\n')).toBe(true);
    expect(conllImport.detect('article.txt', ' date 2025-07 Im Ringen um ein Ende der Kämpfe\n')).toBe(false);
    expect(conllImport.detect('table.tsv', 'doc\tlabel\tquote\nd1\tactor\tAlijew\n')).toBe(false);
  });
});

describe('CoNLL round trip (property)', () => {
  const WORDS = ['Alijew', 'Baku', 'sagte', 'Präsident', 'Tote', '6.500', '👍🏽', 'Mu\u0308ller', '🇦🇿', 'Gefechte', 'Éire', 'Zivilisten'];
  const LABELS = ['actor', 'claim', 'location', 'casualty_figure'];
  /** Sentences of words (one per line, so each line is one sentence) and non-overlapping token spans. */
  const arbDoc = fc.array(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 4 })
    .chain((lines) => fc.tuple(fc.constant(lines), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...LABELS)), { maxLength: 6 })));

  it.each(['iob2', 'bioes'] as const)('import(export(x)) gives the same text, spans and labels (%s)', (scheme) => {
    fc.assert(fc.property(fc.array(arbDoc, { minLength: 1, maxLength: 3 }), (docs) => {
      const items: ExportItem[] = docs.map(([lines, picks], d) => {
        const text = lines.map((l) => l.join(' ')).join('\n');
        // Token spans within one line, then dropped where they overlap an earlier one.
        const taken: boolean[][] = lines.map((l) => l.map(() => false));
        const spans: ExportSpan[] = [];
        for (const [i, [a, b, label]] of picks.entries()) {
          const line = a % lines.length, words = lines[line];
          const from = b % words.length, to = from + (a % (words.length - from)) + 1;
          if (taken[line].slice(from, to).some(Boolean)) continue;
          for (let k = from; k < to; k++) taken[line][k] = true;
          const lineStart = lines.slice(0, line).reduce((n, l) => n + l.join(' ').length + 1, 0);
          const at = lineStart + words.slice(0, from).reduce((n, w) => n + w.length + 1, 0);
          spans.push(spanOf(text, `s${i}`, cpAt(text, at, words.slice(from, to).join(' ')), label));
        }
        spans.sort((x, y) => x.start - y.start);
        return { document: documentOf(`d${d}`, text, { language: 'de' }), spans, relations: [] };
      });
      const { files, warnings } = runExport(createConllExport({ scheme }), items);
      expect(warnings).toEqual([]);
      const back = parseOne(files.get('')!);
      expect(back.map((d) => d.text)).toEqual(items.map((i) => i.document.text));
      expect(back.map((d) => d.spans.map((s) => [s.start, s.end, s.label]))).toEqual(items.map((i) => i.spans.map((s) => [s.start, s.end, s.label])));
    }), { numRuns: 150 });
  });
});
