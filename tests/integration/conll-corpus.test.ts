/**
 * Real annotated data: GermEval 2014 NER (../shared/corpora/germeval2014, see its README) as
 * CoNLL-style input. The whole dev split (2,200 sentences, 41,653 tokens) is read, checked
 * against counts taken from the raw file with regular expressions, exported to CoNLL again and
 * re-imported; the exports are also read by Python the way CoNLL and Hugging Face consumers do.
 * The whole file takes about 2 s on two cores, so no prefix is needed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conllExport, conllImport, createConllImport } from '../../src/shared/formats/conll';
import type { ExportFormat, ExportItem, ImportedDocument, NestedPolicy } from '../../src/shared/formats/export-format';
import { hfExport } from '../../src/shared/formats/hf';
import { labelFor, type Label } from '../../src/shared/model/tag-schema';

const DEV = join(__dirname, '../../../shared/corpora/germeval2014/NER-de-dev.tsv');
const NOW = '2025-07-01T10:00:00.000Z';

let raw = '';
let documents: ImportedDocument[] = [];
const labels: Label[] = [];
const temp = mkdtempSync(join(tmpdir(), 'tagwerk-conll-'));

beforeAll(() => {
  raw = readFileSync(DEV, 'utf8');
  const parsed = conllImport.parse([{ name: 'NER-de-dev.tsv', text: raw }]);
  expect(parsed.problems).toEqual([]);
  documents = parsed.documents;
  for (const id of [...new Set(documents.flatMap((d) => d.spans.map((s) => s.label)))].sort()) labels.push(labelFor(id, labels));
});
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const count = (re: RegExp) => raw.match(re)?.length ?? 0;
const spanCount = (docs: readonly ImportedDocument[]) => docs.reduce((n, d) => n + d.spans.length, 0);

/** An imported document as the export sees it once it is in a project. */
function itemOf(doc: ImportedDocument, i: number): ExportItem {
  const cps = Array.from(doc.text);
  return {
    document: {
      schemaVersion: 1, kind: 'tagwerk-document', id: `germeval-dev-${i + 1}`, title: `GermEval dev ${i + 1}`, meta: { ...doc.meta, language: 'de' },
      source: { fileName: doc.fileName, format: 'txt', sha256: '0'.repeat(64), bytes: doc.text.length, importedAt: NOW }, text: doc.text,
    },
    spans: doc.spans.map((s, k) => ({
      id: `s${k}`, start: s.start, end: s.end, label: s.label, quote: cps.slice(s.start, s.end).join(''), attributes: {},
      createdAt: NOW, modifiedAt: NOW, annotator: 'GermEval',
    })),
    relations: [],
  };
}

function runExport(format: ExportFormat, items: readonly ExportItem[], nested: NestedPolicy) {
  const warnings: string[] = [];
  const writer = format.create({ unit: 'codepoint', labels, language: 'de', nested, warn: (m) => warnings.push(m) });
  const files = new Map<string, string[]>();
  const add = (path: string | undefined, data: string) => { const k = path ?? ''; if (!files.has(k)) files.set(k, []); files.get(k)!.push(data); };
  for (const item of items) for (const c of writer.document(item)) add(c.path, c.data as string);
  for (const c of writer.end?.() ?? []) add(c.path, c.data as string);
  return { files: new Map([...files].map(([k, v]) => [k, v.join('')])), warnings };
}

/**
 * Spans as `from-to-label` in positions that ignore whitespace: the export re-tokenises the text
 * (Intl.Segmenter splits `Motorsport-Wochenendes` where GermEval did not), so the re-imported text
 * has more spaces, but every span must cover the same non-space characters.
 */
function spanKeys(doc: ImportedDocument): string[] {
  const chars = Array.from(doc.text);
  const at: number[] = [0];
  for (const c of chars) at.push(at[at.length - 1] + (/\s/.test(c) ? 0 : 1));
  return doc.spans.map((s) => `${at[s.start]}-${at[s.end]}-${s.label}`).sort();
}

const warned = (warnings: string[], pattern: RegExp) => Number(warnings.map((w) => pattern.exec(w)?.[1]).find(Boolean) ?? 0);

describe('GermEval 2014 dev split as CoNLL input', () => {
  it('reads every #-headed sentence as one document with its source URL and retrieval date', () => {
    expect(documents).toHaveLength(count(/^#\t/gm));
    expect(documents).toHaveLength(2200);
    expect(documents[0].meta).toEqual({ url: 'http://www.heise.de/tp/r4/artikel/32/32883/1.html', date: '2010-07-04' });
    expect(documents.filter((d) => d.meta.source).length).toBe(count(/^#\t(?!https?:\/\/)/gm));
    expect(documents.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d.meta.date))).toBe(true);
    // Tokens joined by single spaces: as many words as the file has token lines.
    expect(documents.reduce((n, d) => n + d.text.split(' ').length, 0)).toBe(count(/^\d+\t/gm));
    expect(documents[0].text).toBe('Gleich darauf entwirft er seine Selbstdarstellung " Ecce homo " in enger Auseinandersetzung mit diesem Bild Jesu .');
  });

  it('finds as many spans in the outer and in the nested column as each has B- tags', () => {
    const outerB = count(/^\d+\t[^\t\n]*\tB-/gm);
    const innerB = count(/^\d+\t[^\t\n]*\t[^\t\n]*\tB-/gm);
    expect([outerB, innerB]).toEqual([2674, 212]);
    expect(spanCount(createConllImport({ tagColumns: [2] }).parse([{ name: 'dev', text: raw }]).documents)).toBe(outerB);
    expect(spanCount(createConllImport({ tagColumns: [3] }).parse([{ name: 'dev', text: raw }]).documents)).toBe(innerB);
    expect(spanCount(documents)).toBe(outerB + innerB);
    expect(labels.map((l) => l.id)).toEqual(['loc', 'locderiv', 'locpart', 'org', 'orgderiv', 'orgpart', 'oth', 'othderiv', 'othpart', 'per', 'perderiv', 'perpart']);
    const cps = Array.from(documents[0].text);
    expect(documents[0].spans.map((s) => `${s.label}:${cps.slice(s.start, s.end).join('')}`)).toEqual(['oth:Ecce homo', 'per:Jesu']);
  });

  it('round-trips through per-label CoNLL files: every span comes back except those the export counted', () => {
    const { files, warnings } = runExport(conllExport, documents.map(itemOf), 'per-label');
    expect([...files.keys()]).toEqual(labels.map((l) => `${l.id}.conll`));
    const back: string[][] = documents.map(() => []);
    for (const [path, data] of files) {
      const parsed = conllImport.parse([{ name: path, text: data }]);
      expect(parsed.problems).toEqual([]);
      expect(parsed.documents).toHaveLength(documents.length);
      parsed.documents.forEach((d, i) => back[i].push(...spanKeys(d)));
    }
    const leftOut = warned(warnings, /^(\d+) spans? nested in or overlapping another span of the same label left out/);
    const partly = warned(warnings, /^(\d+) spans? partly left out/);
    const crossing = warned(warnings, /^(\d+) spans? crossing a sentence boundary/);
    expect(warnings.every((w) => /same label left out|partly left out|crossing a sentence boundary/.test(w))).toBe(true);
    expect([leftOut, crossing]).toEqual([22, 28]);
    let missing = 0, identical = 0;
    documents.forEach((d, i) => {
      const original = spanKeys(d), again = new Set(back[i]);
      const lost = original.filter((k) => !again.has(k));
      missing += lost.length;
      if (lost.length === 0 && back[i].length === original.length) identical++;
      // What came back new is a piece of a lost span (cut at a sentence boundary), same label.
      for (const k of back[i].filter((x) => !original.includes(x))) {
        const [from, to, label] = k.split('-');
        expect(lost.some((l) => { const [f, t, lab] = l.split('-'); return lab === label && +f <= +from && +to <= +t; }), `${k} in document ${i + 1}`).toBe(true);
      }
    });
    // Each lost span is one the export reported: left out (nested in one of its own label) or cut.
    expect(missing).toBe(leftOut + partly + crossing);
    expect(identical).toBeGreaterThan(documents.length * 0.97);
  });

  it('round-trips through one outermost CoNLL file: the outer column comes back, the nested one is counted as left out', () => {
    const outer = createConllImport({ tagColumns: [2] }).parse([{ name: 'dev', text: raw }]).documents;
    const { files, warnings } = runExport(conllExport, documents.map(itemOf), 'outermost');
    const back = conllImport.parse([{ name: 'dev.conll', text: files.get('')! }]).documents;
    expect(warned(warnings, /^(\d+) spans? nested in or overlapping another span left out \(policy outermost\)/)).toBe(count(/^\d+\t[^\t\n]*\t[^\t\n]*\tB-/gm));
    const crossing = warned(warnings, /^(\d+) spans? crossing a sentence boundary/);
    const same = back.filter((d, i) => spanKeys(d).join() === spanKeys(outer[i]).join()).length;
    expect(same).toBeGreaterThanOrEqual(documents.length - crossing);
  });
});

describe('Python reads the exports as CoNLL and Hugging Face consumers do', () => {
  const python = spawnSync('python3', ['--version']).status === 0;

  it.skipIf(!python)('CoNLL lines split into token and tag; hf offsets slice the sentence text by code points', () => {
    const emoji = 'Mu\u0308ller 👍🏽 meldete 🇦🇿 „mehr als 6.500 Toten“ in Berg-Karabach.';
    const extra: ImportedDocument = {
      fileName: 'emoji.txt', text: emoji, meta: {}, relations: [],
      spans: ['Mu\u0308ller', 'mehr als 6.500 Toten', 'Berg-Karabach'].map((q, i) => {
        const start = Array.from(emoji.slice(0, emoji.indexOf(q))).length;
        return { start, end: start + Array.from(q).length, label: ['per', 'oth', 'loc'][i], attributes: {} };
      }),
    };
    const items = [...documents.slice(0, 300), extra].map(itemOf);
    writeFileSync(join(temp, 'dev.conll'), runExport(conllExport, items, 'outermost').files.get('')!);
    const hf = runExport(hfExport, items, 'outermost').files;
    writeFileSync(join(temp, 'dev.jsonl'), hf.get('')!);
    writeFileSync(join(temp, 'labels.json'), hf.get('labels.json')!);
    const script = `
import json, sys
d = sys.argv[1]
docs = open(d + '/dev.conll', encoding='utf-8').read().split('-DOCSTART- -X- O O')[1:]
assert len(docs) == ${items.length}, len(docs)
for doc in docs:
    for sent in doc.strip().split('\\n\\n'):
        for line in sent.split('\\n'):
            assert len(line.split()) == 2, repr(line)
names = json.load(open(d + '/labels.json', encoding='utf-8'))['names']
quotes = []
for line in open(d + '/dev.jsonl', encoding='utf-8'):
    r = json.loads(line)
    assert len(r['tokens']) == len(r['ner_tags'])
    assert all(0 <= t < len(names) for t in r['ner_tags'])
    for s in r['spans']:
        q = r['text'][s['start']:s['end']]
        assert q and q == q.strip(), (r['id'], s, q)
        if r['document_id'] == 'germeval-dev-301':
            quotes.append(q)
print(json.dumps(quotes, ensure_ascii=False))
`;
    const run = spawnSync('python3', ['-c', script, temp], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(['Mu\u0308ller', 'mehr als 6.500 Toten', 'Berg-Karabach']);
  });
});
