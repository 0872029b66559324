import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Layer } from '../../shared/model/annotation';
import type { TagwerkDocument } from '../../shared/model/document';
import { documentId } from '../../shared/model/ids';
import { labelFor, type Label } from '../../shared/model/tag-schema';
import { toJsonText } from './durable-json-file';
import { exportToPath, runExport } from './export-service';
import { sha256Hex } from './import-service';
import { createProject, openProjectStore, type ProjectStore } from './project-store';

const made: string[] = [];
afterAll(() => { for (const d of made) rmSync(d, { recursive: true, force: true }); });

const WORDS = ['Baku', 'meldet', 'Gefechte', 'bei', 'Schuscha', 'und', 'Latschin', ';', 'Jerewan', 'widerspricht', '.'];

/**
 * A project of `count` documents written straight into the folder, each with a layer of Anna's
 * spanning its first word with label `labels[n % labels.length]` and one of Ben's on its second.
 */
async function project(count: number, labels: readonly string[] = ['actor']): Promise<{ store: ProjectStore; docs: TagwerkDocument[] }> {
  const dir = join(mkdtempSync(join(tmpdir(), 'tagwerk-export-')), 'project');
  made.push(join(dir, '..'));
  await createProject(dir, { name: 'Export' });
  const docs: TagwerkDocument[] = [];
  for (let n = 0; n < count; n++) {
    const text = `Nr ${n}: ${WORDS.slice(n % 4).join(' ')}`;
    const sha256 = sha256Hex(text);
    const doc: TagwerkDocument = {
      schemaVersion: 1, kind: 'tagwerk-document', id: documentId(`d${n}`, sha256), title: text, meta: { language: 'de' },
      source: { fileName: `d${n}.txt`, format: 'txt', sha256, bytes: text.length, importedAt: '2026-11-01T00:00:00.000Z' }, text,
    };
    writeFileSync(join(dir, 'documents', `${doc.id}.json`), toJsonText(doc));
    const words = text.split(' ');
    const span = (id: string, w: number, label: string) => {
      const start = words.slice(0, w).join(' ').length + (w ? 1 : 0);
      return { id, start, end: start + words[w].length, label, quote: words[w], attributes: {}, createdAt: 'x', modifiedAt: 'x' };
    };
    for (const [annotator, spans] of [['anna', [span(`a${n}`, 0, labels[n % labels.length])]], ['ben', [span(`b${n}`, 1, 'actor')]]] as const) {
      const layer: Layer = {
        schemaVersion: 1, kind: 'tagwerk-layer', documentId: doc.id, annotator, textSha256: sha256,
        offsetUnit: 'codepoint', status: 'done', spans: [...spans], relations: [],
      };
      mkdirSync(join(dir, 'annotations', annotator), { recursive: true });
      writeFileSync(join(dir, 'annotations', annotator, `${doc.id}.json`), toJsonText(layer));
    }
    docs.push(doc);
  }
  const store = await openProjectStore(dir);
  await store.updateManifest((m) => ({ ...m, annotators: [{ id: 'anna', name: 'Anna' }, { id: 'ben', name: 'Ben' }] }));
  if (labels.length > 1) {
    const extra: Label[] = [];
    for (const id of labels) if (!store.manifest.tagSchema.labels.some((l) => l.id === id)) extra.push(labelFor(id, [...store.manifest.tagSchema.labels, ...extra]));
    await store.updateManifest((m) => ({ ...m, tagSchema: { labels: [...m.tagSchema.labels, ...extra] } }));
  }
  return { store, docs };
}

/** What `runExport` hands out, by path ('' for the main output). */
async function inMemory(store: ProjectStore, options: Parameters<typeof runExport>[1]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  await runExport(store, options, async (chunk) => {
    const key = chunk.path ?? '';
    out.set(key, (out.get(key) ?? '') + String(chunk.data));
  });
  return out;
}

describe('exports of many documents', () => {
  it('writes a brat folder of far more files than it keeps open, every file complete', async () => {
    const { store, docs } = await project(60);
    const out = join(store.dir, '..', 'brat');
    const summary = await exportToPath(store, out, { format: 'brat', annotator: 'anna' });
    expect(summary.documents).toBe(60);
    expect(readdirSync(out).sort()).toEqual([...docs.flatMap((d) => [`${d.id}.ann`, `${d.id}.txt`]), 'annotation.conf'].sort());
    const expected = await inMemory(store, { format: 'brat', annotator: 'anna' });
    for (const [path, data] of expected) expect(readFileSync(join(out, path), 'utf8')).toBe(data);
  });

  it('keeps appending to the files it had to close: per-label CoNLL with more labels than open files', async () => {
    const labels = Array.from({ length: 40 }, (_, i) => `label_${i}`);
    const { store } = await project(90, labels);
    const out = join(store.dir, '..', 'per-label.conll');
    const summary = await exportToPath(store, out, { format: 'conll', annotator: 'anna', nested: 'per-label' });
    const expected = await inMemory(store, { format: 'conll', annotator: 'anna', nested: 'per-label' });
    expect(summary.files).toHaveLength(expected.size);
    for (const [path, data] of expected) {
      const file = path ? join(store.dir, '..', `per-label.${path}`) : out;
      expect(readFileSync(file, 'utf8')).toBe(data);
      if (path) expect(data.match(/-DOCSTART-/g)).toHaveLength(90);
    }
    expect(readdirSync(join(store.dir, '..')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('exports more documents than it reads layers for in one go, each with both layers', async () => {
    const { store, docs } = await project(1100);
    const out = join(store.dir, '..', 'all.jsonl');
    const summary = await exportToPath(store, out, { format: 'jsonl' });
    expect(summary).toMatchObject({ documents: 1100, spans: 2200 });
    const records = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; text: string; spans: { id: string; annotator: string; text: string }[] });
    expect(records.map((r) => r.id)).toEqual(store.documents().map((d) => d.id));
    const byId = new Map(docs.map((d, n) => [d.id, n]));
    for (const r of records) {
      const n = byId.get(r.id)!;
      expect(r.spans.map((s) => [s.annotator, s.id])).toEqual([['anna', `a${n}`], ['ben', `b${n}`]]);
      expect(r.spans[0].text).toBe(r.text.split(' ')[0]);
    }
  });
});

describe('what a format is handed', () => {
  it("gives each span, relation and comment its layer's keys in their order, then the annotator: the bundle and JSONL write them so", async () => {
    const { store, docs } = await project(3);
    const now = '2026-11-02T00:00:00.000Z';
    await store.updateLayer(docs[0].id, 'anna', (l) => ({
      ...l,
      spans: [{ ...l.spans[0], note: 'geprüft' }, { id: 'a-x', start: 0, end: 2, label: 'actor', quote: 'Nr', attributes: { actor_type: 'person' }, createdAt: now, modifiedAt: now }],
      relations: [{ id: 'r1', type: 'located_in', from: 'a-x', to: 'a0', createdAt: now, modifiedAt: now }],
      comments: [{ id: 'c1', target: { annotator: 'ben', spanId: 'b0', start: 3, end: 5, label: 'actor' }, text: 'Sicher?', createdAt: now, modifiedAt: now }],
    }));
    await store.flush();
    const layer = await store.getLayer(docs[0].id, 'anna');
    const bundle = JSON.parse((await inMemory(store, { format: 'bundle', annotator: 'anna' })).get('')!) as { documents: { id: string; spans: object[]; relations: object[]; comments: object[] }[] };
    const entry = bundle.documents.find((d) => d.id === docs[0].id)!;
    expect(JSON.stringify(entry.spans)).toBe(JSON.stringify(layer.spans));
    expect(JSON.stringify(entry.relations)).toBe(JSON.stringify(layer.relations));
    expect(JSON.stringify(entry.comments)).toBe(JSON.stringify(layer.comments));
    const jsonl = (await inMemory(store, { format: 'jsonl' })).get('')!.split('\n').map((l) => l && JSON.parse(l) as { id: string; spans: object[] });
    const record = jsonl.find((r) => r && r.id === docs[0].id) as { spans: object[] };
    expect(record.spans.map((x) => Object.keys(x))).toEqual([
      ['id', 'start', 'end', 'label', 'text', 'annotator', 'attributes', 'note'],
      ['id', 'start', 'end', 'label', 'text', 'annotator', 'attributes'],
      ['id', 'start', 'end', 'label', 'text', 'annotator', 'attributes'],
    ]);
  });
});
