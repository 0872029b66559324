/**
 * Every format that can hold a project's annotations goes out and comes back through the real
 * services: export from one project, import into a fresh one, the same spans (and, where the
 * format carries them, the same attributes and relations) on the same texts.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { annotatorFromName } from '../../src/main/services/annotators';
import { exportToPath } from '../../src/main/services/export-service';
import type { ProjectStore } from '../../src/main/services/project-store';
import { CORPORA_DIR, REPO_ROOT, cpFind, cpSlice, seededProject, importPaths, makeTempDir, newProject, removeTempDirs, SEED_003, SEEDS_DIR } from './project-fixtures';

afterAll(removeTempDirs);

const ANNA = annotatorFromName('Anna Müller');

/** Seeds plus Anna's nested annotations on seed 003: a claim holding an actor, a location and a casualty figure. */
async function annotatedProject(): Promise<ProjectStore> {
  const { store, service: anna, text } = await seededProject(ANNA);
  const cp = (needle: string) => cpFind(text, needle);
  const doc = SEED_003.id;
  await anna.createSpan({ documentId: doc, ...cp('Nach der Rückeroberung Karabachs hat der aserbaidschanische Präsident Ilham Alijew in der Hauptstadt der Kaukasusregion die Flagge seines Landes gehisst'), label: 'claim', attributes: { certainty: 'asserted' } });
  await anna.createSpan({ documentId: doc, ...cp('Ilham Alijew'), label: 'actor', attributes: { actor_type: 'person' } });
  await anna.createSpan({ documentId: doc, ...cp('Stepanakert'), label: 'location' });
  await anna.createSpan({ documentId: doc, ...cp('mehr als 6.500 Toten'), label: 'casualty_figure', attributes: { count_min: 6500, outcome: 'killed' } });
  return store;
}

/** Spans of one layer as (label, start, end, quote), checked against the text on the way. */
async function spansOf(store: ProjectStore, documentId: string, annotator: string) {
  const text = store.getDocument(documentId)!.text;
  const layer = await store.getLayer(documentId, annotator);
  for (const s of layer.spans) expect(cpSlice(text, s.start, s.end)).toBe(s.quote);
  return layer.spans.map((s) => ({ label: s.label, start: s.start, end: s.end, quote: s.quote, attributes: s.attributes }));
}

describe('export, then import into a new project', () => {
  const cases: { format: string; attributes: boolean; nestedKept: boolean }[] = [
    { format: 'jsonl', attributes: true, nestedKept: true },
    { format: 'brat', attributes: true, nestedKept: true },
    { format: 'label-studio', attributes: true, nestedKept: true },
    { format: 'doccano', attributes: false, nestedKept: true },
    { format: 'conll', attributes: false, nestedKept: false },
  ];

  it('w3c: annotations land on the documents they name, also in a project that imported the texts itself', async () => {
    const source = await annotatedProject();
    const out = join(await makeTempDir(), 'export.jsonld');
    await exportToPath(source, out, { format: 'w3c', annotator: ANNA.id });
    const target = await newProject('Copy');
    expect((await importPaths(target, [SEEDS_DIR])).failed).toEqual([]);
    const report = await importPaths(target, [out], 'Anna Müller');
    expect(report).toMatchObject({ failed: [], spansRejected: [], spansAdded: 4 });
    const original = await spansOf(source, SEED_003.id, ANNA.id);
    expect(await spansOf(target, SEED_003.id, ANNA.id)).toEqual(original);
    // A project without the texts: nothing is guessed, every annotation is reported.
    const empty = await newProject('Empty');
    const none = await importPaths(empty, [out], 'Anna Müller');
    expect(none.spansAdded).toBe(0);
    expect(none.spansRejected).toHaveLength(4);
    expect(none.spansRejected[0].message).toMatch(/fits no document in the project/);
  });
  it('w3c: a relation whose annotations did not land is reported, not dropped in silence', async () => {
    // The golden W3C export of seed 003 attributes a claim to an actor.
    const file = join(REPO_ROOT, 'tests/fixtures/formats/w3c/003-6a4deb1d.jsonld');
    const empty = await newProject('Empty');
    const report = await importPaths(empty, [file], 'Anna Müller');
    expect(report.spansAdded).toBe(0);
    expect(report.spansRejected.filter((r) => /relation/.test(r.message)).map((r) => r.message))
      .toEqual([expect.stringMatching(/^003-6a4deb1d\.jsonld: relation attributed_to urn:tagwerk:\S+ → urn:tagwerk:\S+ links an annotation that was not imported$/)]);
    // With the text in the project every annotation lands and the relation with them.
    const seeded = await newProject('Seeded');
    await importPaths(seeded, [SEEDS_DIR]);
    const ok = await importPaths(seeded, [file], 'Anna Müller');
    // (The golden file also annotates a made-up emoji text that is not in the seeds.)
    expect(ok.spansRejected.map((r) => r.message)).toEqual([
      expect.stringMatching(/urn:tagwerk:emoji:anna:q .* fits no document/), expect.stringMatching(/urn:tagwerk:emoji:anna:e .* fits no document/),
      expect.stringMatching(/urn:tagwerk:emoji:anna:f .* fits no document/),
    ]);
    const doc = seeded.documents().find((d) => d.text.startsWith('Nach der Rückeroberung'))!;
    expect((await seeded.getLayer(doc.id, 'anna')).relations.map((r) => r.type)).toEqual(["attributed_to"]);
  });
  for (const { format, attributes, nestedKept } of cases) {
    it(`${format}: the same spans on the same text`, async () => {
      const source = await annotatedProject();
      const ext = { jsonl: '.jsonl', brat: '', 'label-studio': '.json', doccano: '.jsonl', conll: '.conll' }[format];
      const out = join(await makeTempDir(), `export-${format}${ext}`);
      const summary = await exportToPath(source, out, { format, annotator: ANNA.id });
      expect(summary.documents).toBe(2);
      const target = await newProject('Copy');
      const report = await importPaths(target, [out], 'Anna Müller');
      expect(report.failed).toEqual([]);
      expect(report.spansRejected).toEqual([]);
      const original = await spansOf(source, SEED_003.id, ANNA.id);
      const copyDoc = target.documents().find((d) => d.text.startsWith('Nach der Rückeroberung'))!;
      const copy = await spansOf(target, copyDoc.id, ANNA.id);
      const key = (s: { label: string; start: number; end: number }) => `${s.label}@${s.start}-${s.end}`;
      const expected = nestedKept ? original : original.filter((s) => !original.some((o) => o !== s && o.start <= s.start && o.end >= s.end));
      if (format === 'conll') {
        // CoNLL re-tokenises: text is rebuilt from tokens, so compare labels and quotes token by token.
        expect(copy.map((s) => `${s.label}:${s.quote.replace(/ /g, '')}`)).toEqual(expected.map((s) => `${s.label}:${s.quote.replace(/ /g, '')}`));
        return;
      }
      expect(copyDoc.text).toBe(source.getDocument(SEED_003.id)!.text);
      expect(copy.map(key).sort()).toEqual(expected.map(key).sort());
      if (attributes) expect(copy.map((s) => [key(s), s.attributes]).sort()).toEqual(expected.map((s) => [key(s), s.attributes]).sort());
    });
  }
});

describe('annotated corpora imported through the service', () => {
  it('HIPE-2020 brat pairs: every .txt pairs with its .ann, no article imported twice, spans land in the layer', async () => {
    const store = await newProject('HIPE');
    const dir = join(CORPORA_DIR, 'hipe2020', 'brat', 'dev-de');
    const report = await importPaths(store, [dir], 'HIPE');
    const pairs = (await readdir(dir)).filter((f) => f.endsWith('.ann')).length;
    expect(report.failed).toEqual([]);
    expect(report.imported).toHaveLength(pairs);
    expect(store.documents()).toHaveLength(pairs);
    expect(report.spansAdded).toBeGreaterThan(1000);
    expect(report.spansAdded + report.spansRejected.length).toBeLessThanOrEqual(1309);
  });
});

describe('import with --format', () => {
  it('reads a CoNLL file named .txt as CoNLL when told to, and as an article otherwise', async () => {
    const dir = await makeTempDir();
    const { writeFile } = await import('node:fs/promises');
    const file = join(dir, 'train.txt');
    await writeFile(file, '-DOCSTART- -X- O O\n\nAlijew\tB-PER\nsprach\tO\nin\tO\nBaku\tB-LOC\n.\tO\n');
    const { importPaths: importWith } = await import('../../src/main/services/import-service');
    const asConll = await newProject('A');
    const report = await importWith(asConll, [file], { fallbackAnnotator: 'Anna', format: 'conll' });
    expect(report).toMatchObject({ failed: [], spansAdded: 2 });
    expect(asConll.documents()[0].text).toBe('Alijew sprach in Baku .');
    const asText = await newProject('B');
    expect((await importWith(asText, [file], { fallbackAnnotator: 'Anna' })).spansAdded).toBe(0);
  });
});

describe('brat pairs on disk', () => {
  it('a .ann named on its own brings the .txt beside it; same-named pairs in two folders stay apart', async () => {
    const { mkdir, writeFile } = await import('node:fs/promises');
    const root = await makeTempDir();
    for (const [dir, text, ann] of [['a', 'Alijew sprach.', 'T1\tactor 0 6\tAlijew\n'], ['b', 'In Baku.', 'T1\tlocation 3 7\tBaku\n']]) {
      await mkdir(join(root, dir));
      await writeFile(join(root, dir, 'doc.txt'), text);
      await writeFile(join(root, dir, 'doc.ann'), ann);
    }
    const one = await newProject('One');
    expect(await importPaths(one, [join(root, 'a', 'doc.ann')])).toMatchObject({ failed: [], spansAdded: 1 });
    expect(one.documents().map((d) => d.text)).toEqual(['Alijew sprach.']);
    const both = await newProject('Both');
    expect(await importPaths(both, [root])).toMatchObject({ failed: [], spansAdded: 2 });
    expect(both.documents().map((d) => d.text).sort()).toEqual(['Alijew sprach.', 'In Baku.']);
  });
});
