/**
 * Real brat data: the HIPE-2020 standoff files in ../shared/corpora/hipe2020/brat (see its README:
 * nested entities, fine types such as `pers.ind`, entities that cross a line break written as
 * fragments: 1,133 of them in all splits, 172 in dev-de). Imported, counted against the files themselves, exported and imported again.
 */
import { spawnSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bratExport, bratImport } from '../../src/shared/formats/brat';
import type { ExportContext, ExportItem, ImportedDocument } from '../../src/shared/formats/export-format';
import type { TagwerkDocument } from '../../src/shared/model/document';
import { toLabelId } from '../../src/shared/model/tag-schema';
import { cpSlice, makeTempDir, REPO_ROOT, removeTempDirs } from './project-fixtures';

afterAll(removeTempDirs);

const BRAT_DIR = join(REPO_ROOT, '..', 'shared', 'corpora', 'hipe2020', 'brat');
const NOW = '2025-07-01T10:00:00.000Z';

async function readSplit(split: string): Promise<{ name: string; text: string }[]> {
  const names = (await readdir(join(BRAT_DIR, split))).sort();
  return Promise.all(names.map(async (name) => ({ name, text: await readFile(join(BRAT_DIR, split, name), 'utf8') })));
}

/** T lines read with a plain regular expression, not with the importer: [first start, last end, type, fragments, text]. */
function tLines(ann: string): { start: number; end: number; type: string; offsets: string; text: string }[] {
  return [...ann.matchAll(/^T\d+\t(\S+) ([\d ;]+)\t(.*)$/gm)].map((m) => {
    const numbers = m[2].split(/[ ;]/).map(Number);
    return { start: numbers[0], end: numbers[numbers.length - 1], type: m[1], offsets: m[2], text: m[3] };
  });
}
const key = (s: { start: number; end: number; label?: string; type?: string }) => `${s.start}:${s.end}:${s.label ?? s.type}`;

/** An imported document as the project would export it: labels become label ids, the quote is the text at the offsets. */
function toItem(doc: ImportedDocument): ExportItem {
  const id = doc.fileName.replace(/\.txt$/, '');
  const document: TagwerkDocument = {
    schemaVersion: 1, kind: 'tagwerk-document', id, title: id, meta: {},
    source: { fileName: doc.fileName, format: 'txt', sha256: '0'.repeat(64), bytes: 0, importedAt: NOW }, text: doc.text,
  };
  const spans = doc.spans.map((s) => ({
    id: s.id!, start: s.start, end: s.end, label: toLabelId(s.label), quote: cpSlice(doc.text, s.start, s.end),
    attributes: s.attributes, createdAt: NOW, modifiedAt: NOW, annotator: 'hipe',
  }));
  return { document, spans, relations: [] };
}

describe('HIPE-2020 dev-de brat files', () => {
  it('import with every T line of every file, export as the same fragments and re-import to identical spans', async () => {
    const started = Date.now();
    const files = await readSplit('dev-de');
    const anns = new Map(files.filter((f) => f.name.endsWith('.ann')).map((f) => [f.name.replace(/\.ann$/, ''), f.text]));
    expect(anns.size).toBe(33);

    const { documents, problems } = bratImport.parse(files);
    expect(problems).toEqual([]);
    expect(documents).toHaveLength(33);
    let total = 0, crossing = 0;
    for (const doc of documents) {
      const stem = doc.fileName.replace(/\.txt$/, '');
      const ann = anns.get(stem)!;
      const independent = tLines(ann);
      // Counted by a regex over the raw file, and cross-checked against a grep-like line count.
      expect(independent).toHaveLength((ann.match(/^T\d+\t/gm) ?? []).length);
      expect(doc.spans.map(key).sort()).toEqual(independent.map(key).sort());
      for (const t of independent) {
        const fragments = t.offsets.split(';').map((f) => f.split(' ').map(Number));
        expect(fragments.map(([a, b]) => cpSlice(doc.text, a, b)).join(' ')).toBe(t.text);
        if (fragments.length > 1) crossing++;
      }
      total += independent.length;
    }
    // README: dev-de has 1,242 outer and 67 nested entities.
    expect(total).toBe(1242 + 67);
    // Counted with awk over the offsets field (the README's "259" is lower than what the files hold).
    expect(crossing).toBe(172);

    const warnings: string[] = [];
    const ctx: ExportContext = { unit: 'codepoint', labels: [], language: 'de', nested: 'outermost', warn: (m) => warnings.push(m) };
    const writer = bratExport.create(ctx);
    const items = documents.map(toItem);
    const chunks = [...items.flatMap((i) => writer.document(i)), ...(writer.end?.() ?? [])];
    expect(warnings).toEqual([]);
    const exported = new Map(chunks.map((c) => [c.path!, c.data as string]));
    expect(exported.size).toBe(33 * 2 + 1);

    for (const doc of documents) {
      const stem = doc.fileName.replace(/\.txt$/, '');
      expect(exported.get(`${stem}.txt`)).toBe(files.find((f) => f.name === `${stem}.txt`)!.text);
      // Same fragments and texts as HIPE's own files: line breaks are split exactly where they split them.
      const frag = (t: { offsets: string; text: string }) => `${t.offsets}\t${t.text}`;
      expect(tLines(exported.get(`${stem}.ann`)!).map(frag).sort()).toEqual(tLines(anns.get(stem)!).map(frag).sort());
    }
    expect(exported.get('annotation.conf')).toMatch(/^\[entities\]\n(?:.*\n)*pers_ind\n/m);

    const again = bratImport.parse([...exported].map(([name, text]) => ({ name, text })));
    expect(again.problems).toEqual([]);
    const spansOf = (docs: ImportedDocument[]) => docs.map((d) => ({
      fileName: d.fileName, text: d.text, spans: d.spans.map((s) => key({ ...s, label: toLabelId(s.label) })).sort(),
    })).sort((a, b) => a.fileName.localeCompare(b.fileName));
    expect(spansOf(again.documents)).toEqual(spansOf(documents));
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it.skipIf(spawnSync('python3', ['--version']).status !== 0)('exports offsets that Python slices to each T line text', async () => {
    const { documents } = bratImport.parse(await readSplit('dev-de'));
    const writer = bratExport.create({ unit: 'codepoint', labels: [], language: 'de', nested: 'outermost', warn: () => {} });
    const dir = await makeTempDir();
    for (const chunk of documents.map(toItem).flatMap((i) => writer.document(i))) await writeFile(join(dir, chunk.path!), chunk.data);
    // What brat's server does with a T line (annotation.py): join the fragments' text with one space, compare.
    const script = `
import glob, os, sys
checked = 0
for ann in glob.glob(os.path.join(sys.argv[1], '*.ann')):
    text = open(ann[:-4] + '.txt', encoding='utf-8').read()
    for line in open(ann, encoding='utf-8', newline='').read().split('\\n'):
        if not line.startswith('T'):
            continue
        _, data, quoted = line.split('\\t', 2)
        frags = [tuple(map(int, f.split(' '))) for f in data.split(' ', 1)[1].split(';')]
        assert ' '.join(text[a:b] for a, b in frags) == quoted, line
        assert all(c not in quoted for c in '\\r\\n\\x0b\\x0c\\x1c\\x1d\\x1e\\x85\\u2028\\u2029'), line
        checked += 1
print(checked)
`;
    const run = spawnSync('python3', ['-c', script, dir], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(Number(run.stdout.trim())).toBe(1309);
  });
});

describe('HIPE-2020 brat files, all splits', () => {
  it('import all 311 documents and 7,597 text-bound annotations without a problem', async () => {
    let docs = 0, spans = 0, lines = 0;
    for (const split of ['dev-de', 'dev-en', 'test-de', 'test-en', 'train-de']) {
      const files = await readSplit(split);
      const { documents, problems } = bratImport.parse(files);
      expect(problems, split).toEqual([]);
      docs += documents.length;
      spans += documents.reduce((n, d) => n + d.spans.length, 0);
      lines += files.filter((f) => f.name.endsWith('.ann')).reduce((n, f) => n + (f.text.match(/^T\d+\t/gm) ?? []).length, 0);
    }
    expect({ docs, spans, lines }).toEqual({ docs: 311, spans: 7597, lines: 7597 });
  });
});
