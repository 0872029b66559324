import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importPaths } from './import-service';
import { createProject, openProjectStore } from './project-store';

const made: string[] = [];
afterAll(() => { for (const d of made) rmSync(d, { recursive: true, force: true }); });

/** A folder of `count` short articles (`date` header, a sentence naming its number) and an empty project. */
async function setup(count: number) {
  const root = mkdtempSync(join(tmpdir(), 'tagwerk-import-'));
  made.push(root);
  const articles = join(root, 'articles');
  mkdirSync(articles);
  for (let n = 0; n < count; n++) {
    writeFileSync(join(articles, `${String(n).padStart(4, '0')}.txt`), `date 2023-09-${String((n % 28) + 1).padStart(2, '0')}\n\nMeldung ${n}: In Stepanakert wurden ${n + 3} Verletzte gezählt.\n`);
  }
  const dir = join(root, 'project');
  await createProject(dir, { name: 'Import' });
  return { articles, store: await openProjectStore(dir) };
}

describe('importing many articles', () => {
  it('reports progress in order, up to the total, never ahead of the documents on disk', async () => {
    const { articles, store } = await setup(400);
    const progress: { done: number; total: number; onDisk: number }[] = [];
    const report = await importPaths(store, [articles], {
      fallbackAnnotator: 'Anna',
      onProgress: (done, total) => progress.push({ done, total, onDisk: readdirSync(join(store.dir, 'documents')).filter((f) => !f.startsWith('.')).length }),
    });
    expect(report.imported).toHaveLength(400);
    expect(report.failed).toEqual([]);
    expect(progress[0]).toMatchObject({ done: 0, total: 400 });
    expect(progress.at(-1)).toMatchObject({ done: 400, total: 400 });
    for (let i = 1; i < progress.length; i++) expect(progress[i].done).toBeGreaterThanOrEqual(progress[i - 1].done);
    for (const p of progress) expect(p.onDisk).toBeGreaterThanOrEqual(p.done);
    const reopened = await openProjectStore(store.dir);
    expect(reopened.documents()).toHaveLength(400);
    expect(reopened.problems).toEqual([]);
    expect(readdirSync(join(store.dir, 'documents')).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('keeps a text that comes twice in one import once, while its document is still being written', async () => {
    const { articles, store } = await setup(3);
    writeFileSync(join(articles, 'zz-copy.txt'), `date 2023-09-01\r\n\r\nMeldung 0: In Stepanakert wurden 3 Verletzte gezählt.\r\n`);
    const report = await importPaths(store, [articles], { fallbackAnnotator: 'Anna' });
    expect(report.imported).toHaveLength(3);
    expect(report.duplicates.map((d) => d.fileName)).toEqual(['zz-copy.txt']);
    expect(report.duplicates[0].documentId).toBe(report.imported.find((d) => d.fileName === '0000.txt')!.documentId);
  });
});
