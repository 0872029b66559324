import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyLayer, type Layer } from '../../shared/model/annotation';
import type { TagwerkDocument } from '../../shared/model/document';
import { documentId } from '../../shared/model/ids';
import { sha256Hex } from './import-service';
import { BACKGROUND_MIN_FILES } from './background-reader';
import { createProject, layerPairs, openProjectStore, type ProjectStore } from './project-store';

const made: string[] = [];
afterAll(() => { for (const d of made) rmSync(d, { recursive: true, force: true }); });

const TEXTS = [
  'Baku meldet 200 Tote in Berg-Karabach.', 'Jerewan bestreitet die Zahl.', 'Die UNO ruft zur Waffenruhe auf 🕊️ und zählt 12.000 Flüchtlinge.',
];

function documentOf(text: string, n: number): TagwerkDocument {
  const sha256 = sha256Hex(text);
  return {
    schemaVersion: 1, kind: 'tagwerk-document', id: documentId(`doc-${n}`, sha256), title: text.slice(0, 20), meta: { language: 'de' },
    source: { fileName: `doc-${n}.txt`, format: 'txt', sha256, bytes: text.length, importedAt: '2026-11-01T00:00:00.000Z' }, text,
  };
}

/** A span on the first word of the document (code point offsets). */
function firstWord(doc: TagwerkDocument, id: string): Layer['spans'][number] {
  const word = doc.text.split(' ')[0];
  return { id, start: 0, end: Array.from(word).length, label: 'actor', quote: word, attributes: {}, createdAt: 'x', modifiedAt: 'x' };
}

/** A project with the three documents; Anna has tagged the first word of each, Ben of the first. */
async function project(): Promise<{ store: ProjectStore; docs: TagwerkDocument[] }> {
  const dir = join(mkdtempSync(join(tmpdir(), 'tagwerk-store-')), 'project');
  made.push(join(dir, '..'));
  await createProject(dir, { name: 'Store' });
  const store = await openProjectStore(dir);
  const docs = TEXTS.map(documentOf);
  await Promise.all(docs.map((d) => store.addDocument(d)));
  for (const [i, d] of docs.entries()) {
    await store.updateLayer(d.id, 'anna', (l) => ({ ...l, status: i === 0 ? 'done' : 'in_progress', spans: [firstWord(d, `a${i}`)] }));
  }
  await store.updateLayer(docs[0].id, 'ben', (l) => ({ ...l, spans: [firstWord(docs[0], 'b0')] }));
  await store.flush();
  return { store, docs };
}

const layerFile = (store: ProjectStore, annotator: string, id: string) => join(store.dir, 'annotations', annotator, `${id}.json`);

describe('readLayers', () => {
  it('gives the layers of many documents in order, loaded ones with their unsaved edits, and keeps none it read', async () => {
    const { store: written, docs } = await project();
    const store = await openProjectStore(written.dir);
    // Anna's first layer is loaded and edited (not yet written).
    const edit = store.updateLayer(docs[0].id, 'anna', (l) => ({ ...l, status: 'in_progress' }));
    const pairs = layerPairs(store);
    expect(pairs).toHaveLength(4);
    const layers = await store.readLayers(pairs);
    expect(layers.map((l) => [l.documentId, l.annotator])).toEqual(pairs);
    expect(layers.find((l) => l.documentId === docs[0].id && l.annotator === 'anna')!.status).toBe('in_progress');
    expect(layers.every((l) => l.spans.length === 1)).toBe(true);
    await edit;
    // Ben's layer was read, not kept: a change on disk is what the next load sees.
    const file = layerFile(store, 'ben', docs[0].id);
    const changed = { ...JSON.parse(readFileSync(file, 'utf8')), status: 'done' };
    writeFileSync(file, JSON.stringify(changed));
    expect((await store.getLayer(docs[0].id, 'ben')).status).toBe('done');
  });

  it('reports a layer that cannot be loaded once, gives it as empty, and never writes it', async () => {
    const { store: written, docs } = await project();
    const file = layerFile(written, 'ben', docs[0].id);
    writeFileSync(file, '{"kind": "tagwerk-layer", "schemaVersion": 1');
    const store = await openProjectStore(written.dir);
    const [layer] = await store.readLayers([[docs[0].id, 'ben']]);
    expect(layer.spans).toEqual([]);
    await store.readLayers([[docs[0].id, 'ben']]);
    await store.getLayer(docs[0].id, 'ben');
    expect(store.problems.map((p) => p.file)).toEqual([`annotations/ben/${docs[0].id}.json`]);
    await store.flush();
    expect(readFileSync(file, 'utf8')).toBe('{"kind": "tagwerk-layer", "schemaVersion": 1');
  });
});

/** A project of `count` documents written straight into the folder, with a layer of Anna's and one of Ben's on each (a span on the first and the last word). */
async function bigProject(count: number): Promise<{ store: ProjectStore; docs: TagwerkDocument[] }> {
  const dir = join(mkdtempSync(join(tmpdir(), 'tagwerk-store-')), 'project');
  made.push(join(dir, '..'));
  await createProject(dir, { name: 'Big' });
  const docs = Array.from({ length: count }, (_, n) => documentOf(`${TEXTS[n % 3]} Meldung ${n}.`, n));
  for (const d of docs) writeFileSync(join(dir, 'documents', `${d.id}.json`), JSON.stringify(d));
  for (const a of ['anna', 'ben']) {
    mkdirSync(join(dir, 'annotations', a));
    for (const d of docs) {
      const last = d.text.lastIndexOf(' ') + 1;
      const spans = [firstWord(d, `${a}-1`), { ...firstWord(d, `${a}-2`), start: Array.from(d.text.slice(0, last)).length, end: Array.from(d.text).length, quote: d.text.slice(last) }];
      writeFileSync(join(dir, 'annotations', a, `${d.id}.json`), JSON.stringify({ ...emptyLayer(d.id, a, d.source.sha256), spans }, null, 2));
    }
  }
  return { store: await openProjectStore(dir), docs };
}

describe('readLayers of many files', () => {
  it('gives what getLayer loads one by one, reading in chunks on a worker, and reports a damaged layer among them', async () => {
    const { store, docs } = await bigProject(170);
    const damaged = layerFile(store, 'ben', docs[130].id);
    const file = JSON.parse(readFileSync(damaged, 'utf8')) as Layer;
    const [, wrong] = file.spans;
    writeFileSync(damaged, JSON.stringify({ ...file, spans: [file.spans[0], { ...wrong, quote: 'falsch' }] }, null, 2));
    const pairs = layerPairs(store);
    expect(pairs.length).toBeGreaterThan(250 + BACKGROUND_MIN_FILES);
    const layers = await store.readLayers(pairs);
    const one = await openProjectStore(store.dir);
    for (const [k, [d, a]] of pairs.entries()) expect(layers[k]).toEqual(await one.getLayer(d, a));
    expect(layers.filter((l) => l.spans.length === 2)).toHaveLength(pairs.length - 1);
    expect(store.problems.map((p) => p.message)).toEqual([
      `annotations/ben/${docs[130].id}.json has span ben-2 whose quote does not match the text at ${wrong.start}–${wrong.end}; it was left untouched`,
    ]);
  });
});

describe('quote check', () => {
  it('refuses a layer whose quote or offsets do not match the text, with or without an emoji before, and takes a matching one', async () => {
    const { store: written, docs } = await project();
    // "Baku meldet 200 Tote in Berg-Karabach." and "Die UNO ruft zur Waffenruhe auf 🕊️ und zählt 12.000 Flüchtlinge."
    for (const doc of [docs[0], docs[2]]) {
      const cps = Array.from(doc.text);
      const start = doc.text.lastIndexOf(' ') + 1 - (doc.text.length - cps.length);
      const word = cps.slice(start, -1).join('');
      const span = (quote: string, from = start, to = cps.length - 1) => ({ ...firstWord(doc, 's1'), start: from, end: to, quote });
      const cases: [ReturnType<typeof span>, boolean][] = [
        [span(word), true],
        [span(word.slice(0, -1)), false],
        [span(`${word}.`, start + 1, cps.length), false],
        [span(`${word}.`, start, cps.length + 1), false],
        [span(`${word}.`), false],
        [span(`${word}.`, start, cps.length), true],
      ];
      for (const [s, fits] of cases) {
        writeFileSync(layerFile(written, 'ben', doc.id), JSON.stringify({ ...emptyLayer(doc.id, 'ben', doc.source.sha256), spans: [s] }));
        const store = await openProjectStore(written.dir);
        const [layer] = await store.readLayers([[doc.id, 'ben']]);
        expect(layer.spans.length).toBe(fits ? 1 : 0);
        expect(store.problems.map((p) => p.message)).toEqual(fits ? [] : [
          `annotations/ben/${doc.id}.json has span s1 whose quote does not match the text at ${s.start}–${s.end}; it was left untouched`,
        ]);
      }
    }
  });
});

describe('layerSummaries', () => {
  it("gives each of an annotator's layers its status and span count, and follows edits", async () => {
    const { store: written, docs } = await project();
    const store = await openProjectStore(written.dir);
    const summaries = await store.layerSummaries('anna');
    expect(docs.map((d) => summaries.get(d.id))).toEqual([
      { status: 'done', spanCount: 1 }, { status: 'in_progress', spanCount: 1 }, { status: 'in_progress', spanCount: 1 },
    ]);
    expect([...(await store.layerSummaries('ben')).keys()]).toEqual([docs[0].id]);
    await store.updateLayer(docs[1].id, 'anna', (l) => ({ ...l, spans: [], status: 'done' }));
    expect((await store.layerSummaries('anna')).get(docs[1].id)).toEqual({ status: 'done', spanCount: 0 });
  });

  it('loads, and so reports, a file that is not plainly a layer of its document', async () => {
    const { store: written, docs } = await project();
    const file = layerFile(written, 'anna', docs[2].id);
    writeFileSync(file, JSON.stringify({ ...emptyLayer(docs[1].id, 'anna', docs[1].source.sha256), status: 'done' }));
    const store = await openProjectStore(written.dir);
    const summaries = await store.layerSummaries('anna');
    expect(summaries.get(docs[2].id)).toEqual({ status: 'not_started', spanCount: 0 });
    expect(store.problems.map((p) => p.message)).toEqual([`annotations/anna/${docs[2].id}.json belongs to document ${docs[1].id}; it was left untouched`]);
  });
});

describe('addDocument', () => {
  it('lists the document at once and writes no layer on it before the document file is on disk', async () => {
    const { store } = await project();
    const doc = documentOf('Ein neuer Artikel über Schuscha.', 9);
    const added = store.addDocument(doc);
    expect(store.findByTextHash(doc.source.sha256)?.id).toBe(doc.id);
    await store.updateLayer(doc.id, 'anna', (l) => ({ ...l, spans: [firstWord(doc, 'n1')] }));
    expect(existsSync(join(store.dir, 'documents', `${doc.id}.json`))).toBe(true);
    await added;
    const reopened = await openProjectStore(store.dir);
    expect((await reopened.getLayer(doc.id, 'anna')).spans.map((s) => s.id)).toEqual(['n1']);
  });

  it('takes a document it cannot write out of the project again, and writes no layer on it', async () => {
    const { store } = await project();
    const doc = documentOf('Ein Artikel, dessen Datei nicht geschrieben werden kann.', 7);
    mkdirSync(join(store.dir, 'documents', `${doc.id}.json`));
    const added = store.addDocument(doc);
    const tagged = store.updateLayer(doc.id, 'anna', (l) => ({ ...l, spans: [firstWord(doc, 'n1')] }));
    await expect(added).rejects.toThrow();
    await expect(tagged).rejects.toThrow();
    expect(store.getDocument(doc.id)).toBeUndefined();
    expect(store.findByTextHash(doc.source.sha256)).toBeUndefined();
    expect(existsSync(layerFile(store, 'anna', doc.id))).toBe(false);
  });
});
