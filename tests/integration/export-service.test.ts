/**
 * Exports from the app and the service on a real project made from the seed articles: the
 * preview writes nothing, the export lands in the project's exports folder complete, label
 * filters hold, a bad file name is refused before anything is written.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { annotatorFromName } from '../../src/main/services/annotators';
import { exportToPath, runExport } from '../../src/main/services/export-service';
import { createTagwerkService, EXPORTS_DIR } from '../../src/main/services/tagwerk-service';
import { parseApiArgs } from '../../src/shared/api/api-args';
import type { TagwerkEvent } from '../../src/shared/api/tagwerk-api';
import { cpFind, cpSlice, seededProject, makeTempDir, removeTempDirs, SEED_003 } from './project-fixtures';

afterAll(removeTempDirs);

const ANNA = annotatorFromName('Anna Müller');

/** A project with both seeds and Anna's actor inside her claim on seed 003, joined by a relation. */
async function setup() {
  const { store, service: anna, text } = await seededProject(ANNA);
  const cp = (needle: string) => cpFind(text, needle);
  const claim = await anna.createSpan({ documentId: SEED_003.id, ...cp('„Wir haben erreicht, was wir wollten“, sagte Alijew'), label: 'claim' });
  const actor = await anna.createSpan({ documentId: SEED_003.id, ...cp('Alijew am Sonntag'), label: 'actor' });
  const now = new Date().toISOString();
  await anna.applyChange({
    documentId: SEED_003.id,
    change: { removeSpans: [], putSpans: [], removeRelations: [], putRelations: [{ id: 'r1', type: 'attributed_to', from: claim.id, to: actor.id, createdAt: now, modifiedAt: now }] },
  });
  return { store, anna, text };
}

describe('export from the app', () => {
  it('previews the first documents without writing anything', async () => {
    const { store, anna } = await setup();
    const { preview, warnings } = await anna.previewExport({ format: 'jsonl', unit: 'codepoint', nested: 'outermost' });
    const lines = preview.trim().split('\n').map((l) => JSON.parse(l) as { id: string; spans: unknown[] });
    expect(lines.map((l) => l.id)).toEqual(store.documents().map((d) => d.id));
    expect(warnings).toEqual([]);
    expect(existsSync(join(store.dir, EXPORTS_DIR))).toBe(false);
  });

  it('writes the export into the project\'s exports folder, reports progress, and replaces an earlier export of that name', async () => {
    const { store, anna, text } = await setup();
    const events: TagwerkEvent[] = [];
    anna.onEvent((e) => events.push(e));
    const result = await anna.exportProject({ format: 'jsonl', unit: 'codepoint', nested: 'outermost', fileName: 'karabach.jsonl' });
    expect(result.path).toBe(join(store.dir, EXPORTS_DIR, 'karabach.jsonl'));
    expect(result).toMatchObject({ documents: 2, spans: 2, relations: 1 });
    expect(events.filter((e) => e.type === 'export-progress').at(-1)).toEqual({ type: 'export-progress', done: 2, total: 2 });
    const records = (await readFile(result.path, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { id: string; spans: { start: number; end: number; text: string }[] });
    const seed = records.find((r) => r.id === SEED_003.id)!;
    for (const s of seed.spans) expect(cpSlice(text, s.start, s.end)).toBe(s.text);

    await anna.deleteSpan({ documentId: SEED_003.id, spanId: (await store.getLayer(SEED_003.id, ANNA.id)).spans[1].id });
    const again = await anna.exportProject({ format: 'jsonl', unit: 'codepoint', nested: 'outermost', fileName: 'karabach.jsonl' });
    expect(again).toMatchObject({ spans: 1, relations: 0 });
    // No temporary files left behind.
    expect(await readdir(join(store.dir, EXPORTS_DIR))).toEqual(['karabach.jsonl']);
  });

  it('keeps only the chosen labels, and relations only when both their spans are kept', async () => {
    const { store } = await setup();
    const chunks: string[] = [];
    const summary = await runExport(store, { format: 'jsonl', labels: ['actor'] }, async (c) => { chunks.push(String(c.data)); });
    expect(summary).toMatchObject({ documents: 2, spans: 1, relations: 0 });
    const labels = chunks.flatMap((c) => (JSON.parse(c) as { spans: { label: string }[] }).spans.map((s) => s.label));
    expect(labels).toEqual(['actor']);
  });

  it('refuses file names that leave the exports folder, before anything is written', () => {
    for (const fileName of ['../tagwerk.json', 'a/b.jsonl', '.hidden', 'x\u0000y', 'C:\\x']) {
      expect(() => parseApiArgs('exportProject', { format: 'jsonl', unit: 'codepoint', nested: 'outermost', fileName })).toThrow(/fileName/);
    }
  });

  it('refuses an unknown format and an unknown annotator with a message naming what exists', async () => {
    const { store } = await setup();
    const out = join(await makeTempDir(), 'x.jsonl');
    await expect(exportToPath(store, out, { format: 'docx' })).rejects.toThrow(/unknown export format "docx" \(formats: jsonl/);
    await expect(exportToPath(store, out, { annotator: 'nobody' })).rejects.toThrow(/no annotator "nobody".*anna-mueller/);
    expect(existsSync(out)).toBe(false);
  });

  it('writes a folder format complete into a new folder, refuses a non-empty one, and asks which layer when two annotators have one', async () => {
    const { store, text } = await setup();
    const out = join(await makeTempDir(), 'brat');
    const summary = await exportToPath(store, out, { format: 'brat' });
    expect(summary).toMatchObject({ documents: 2, spans: 2, relations: 1 });
    expect((await readdir(out)).sort()).toEqual([
      `${store.documents()[0].id}.ann`, `${store.documents()[0].id}.txt`, `${SEED_003.id}.ann`, `${SEED_003.id}.txt`, 'annotation.conf',
    ].sort());
    expect(await readFile(join(out, `${SEED_003.id}.txt`), 'utf8')).toBe(text);
    const ann = await readFile(join(out, `${SEED_003.id}.ann`), 'utf8');
    for (const line of ann.split('\n').filter((l) => l.startsWith('T'))) {
      const [, type, quote] = line.split('\t');
      const [, start, end] = type.split(' ').map(Number);
      expect(cpSlice(text, start, end)).toBe(quote);
    }
    await expect(exportToPath(store, out, { format: 'brat' })).rejects.toThrow(/is not empty/);

    const ben = createTagwerkService(store, annotatorFromName('Ben Okafor'));
    await ben.createSpan({ documentId: SEED_003.id, start: 0, end: 4, label: 'location' });
    await expect(exportToPath(store, join(await makeTempDir(), 'b'), { format: 'brat' })).rejects.toThrow(/brat holds one annotator's layer: choose one of anna-mueller, ben-okafor/);
    const bens = await exportToPath(store, join(await makeTempDir(), 'b'), { format: 'brat', annotator: 'ben-okafor' });
    expect(bens.spans).toBe(1);
  });
});
