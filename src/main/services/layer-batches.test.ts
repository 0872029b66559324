import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyLayer } from '../../shared/model/annotation';
import type { TagwerkDocument } from '../../shared/model/document';
import { documentId } from '../../shared/model/ids';
import { sha256Hex } from './import-service';
import { layerBatches } from './layer-batches';
import { createProject, openProjectStore, type ProjectStore } from './project-store';

const made: string[] = [];
afterAll(() => { for (const d of made) rmSync(d, { recursive: true, force: true }); });

/** `count` documents, each with a layer of Anna's holding one span on its first word, and Ben's on every other one. */
async function project(count: number): Promise<{ store: ProjectStore; docs: TagwerkDocument[] }> {
  const dir = join(mkdtempSync(join(tmpdir(), 'tagwerk-batches-')), 'project');
  made.push(join(dir, '..'));
  await createProject(dir, { name: 'Batches' });
  for (const a of ['anna', 'ben']) mkdirSync(join(dir, 'annotations', a));
  const docs = Array.from({ length: count }, (_, n): TagwerkDocument => {
    const text = `Schuscha meldet ${n} Verletzte.`;
    const sha256 = sha256Hex(text);
    return {
      schemaVersion: 1, kind: 'tagwerk-document', id: documentId(`d${n}`, sha256), title: `Meldung ${String(n).padStart(3, '0')}`, meta: {},
      source: { fileName: `d${n}.txt`, format: 'txt', sha256, bytes: text.length, importedAt: '2026-11-01T00:00:00.000Z' }, text,
    };
  });
  for (const [n, d] of docs.entries()) {
    writeFileSync(join(dir, 'documents', `${d.id}.json`), JSON.stringify(d));
    for (const a of n % 2 ? ['anna'] : ['anna', 'ben']) {
      const span = { id: `${a}-${n}`, start: 0, end: 8, label: 'location', quote: 'Schuscha', attributes: {}, createdAt: 'x', modifiedAt: 'x' };
      writeFileSync(join(dir, 'annotations', a, `${d.id}.json`), JSON.stringify({ ...emptyLayer(d.id, a, d.source.sha256), spans: [span] }));
    }
  }
  const store = await openProjectStore(dir);
  return { store, docs: [...store.documents()] };
}

describe('layerBatches', () => {
  it('gives the layers batch by batch, in document order, and has asked for the next batch before this one is used', async () => {
    const { store, docs } = await project(25);
    const asked: number[] = [];
    const watched: ProjectStore = Object.assign(Object.create(store) as ProjectStore, {
      readLayers: (pairs: readonly (readonly [string, string])[]) => { asked.push(pairs.length); return store.readLayers(pairs); },
    });
    const seen: string[] = [];
    let batch = 0;
    for await (const { documents, pairs, layers } of layerBatches(watched, docs, () => true, 10)) {
      batch++;
      expect(asked.length).toBe(Math.min(batch + 1, 3));
      expect(documents).toEqual(docs.slice((batch - 1) * 10, batch * 10));
      expect(pairs).toEqual(documents.flatMap((d) => store.annotatorsOf(d.id).map((a) => [d.id, a])));
      expect(layers.map((l) => [l.documentId, l.annotator])).toEqual(pairs);
      expect(layers.every((l) => l.spans.length === 1)).toBe(true);
      seen.push(...documents.map((d) => d.id));
    }
    expect(asked).toEqual([15, 15, 8]);
    expect(seen).toEqual(docs.map((d) => d.id));
  });

  it("reads only the annotators it is asked for, and gives nothing for no documents", async () => {
    const { store, docs } = await project(6);
    const batches = [];
    for await (const b of layerBatches(store, docs, (a) => a === 'ben', 4)) batches.push(b.pairs.map(([, a]) => a));
    expect(batches).toEqual([['ben', 'ben'], ['ben']]);
    for await (const b of layerBatches(store, [], () => true, 4)) throw new Error(`unexpected batch ${b.pairs.length}`);
  });

  it('lets a pass stop early without an unhandled failure of the batch it had asked for', async () => {
    const { store, docs } = await project(8);
    const failing: ProjectStore = Object.assign(Object.create(store) as ProjectStore, {
      readLayers: (pairs: readonly (readonly [string, string])[]) => (pairs.some(([d]) => d === docs[5].id) ? Promise.reject(new Error('gone')) : store.readLayers(pairs)),
    });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      for await (const b of layerBatches(failing, docs, () => true, 4)) { expect(b.documents).toHaveLength(4); break; }
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });
});
