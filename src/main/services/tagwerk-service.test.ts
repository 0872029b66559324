import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { annotatorFromName } from './annotators';
import { importSources } from './import-service';
import { createProject, openProjectStore } from './project-store';
import { createTagwerkService } from './tagwerk-service';

const made: string[] = [];
afterAll(() => { for (const d of made) rmSync(d, { recursive: true, force: true }); });

const ANNA = annotatorFromName('Anna Müller');
const ARTICLES = {
  'a.txt': 'Baku meldet 200 Tote.',
  'b.txt': 'Die UNO zählt 🕊️ 12.000 Flüchtlinge aus Berg-Karabach.',
  'c.txt': 'Jerewan widerspricht.',
};

describe('listDocuments', () => {
  it("lists every document with my layer's status and span count and its length in code points, as reopened from disk", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'tagwerk-service-')), 'project');
    made.push(join(dir, '..'));
    await createProject(dir, { name: 'List' });
    const store = await openProjectStore(dir);
    await importSources(store, Object.entries(ARTICLES).map(([name, text]) => ({
      name, size: Buffer.byteLength(text), read: async () => new TextEncoder().encode(text),
    })), { fallbackAnnotator: 'Anna Müller' });
    const anna = createTagwerkService(store, ANNA);
    const [a, b, c] = ['a.txt', 'b.txt', 'c.txt'].map((f) => store.documents().find((d) => d.source.fileName === f)!);
    await anna.createSpan({ documentId: a.id, start: 0, end: 4, label: 'actor' });
    await anna.createSpan({ documentId: b.id, start: 4, end: 7, label: 'actor' });
    await anna.createSpan({ documentId: b.id, start: 16, end: 22, label: 'casualty_figure' });
    await anna.setDocumentStatus({ documentId: b.id, status: 'done' });
    await anna.createSpan({ documentId: c.id, start: 0, end: 7, label: 'location' });
    await store.flush();
    // Anna's layer of c names another document: it is reported, and counts as empty.
    writeFileSync(join(dir, 'annotations', ANNA.id, `${c.id}.json`), JSON.stringify({ ...(await store.getLayer(c.id, ANNA.id)), documentId: a.id }));

    const reopened = createTagwerkService(await openProjectStore(dir), ANNA);
    const list = await reopened.listDocuments({});
    const row = (id: string) => list.find((d) => d.id === id)!;
    expect(row(a.id)).toMatchObject({ status: 'in_progress', spanCount: 1, length: 21, fileName: 'a.txt' });
    expect(row(b.id)).toMatchObject({ status: 'done', spanCount: 2, length: Array.from(ARTICLES['b.txt']).length });
    expect(row(b.id).length).toBe(ARTICLES['b.txt'].length - 1);
    expect(row(c.id)).toMatchObject({ status: 'not_started', spanCount: 0 });
    expect((await reopened.getProject({})).problems.map((p) => p.file)).toEqual([`annotations/${ANNA.id}/${c.id}.json`]);
  });
});
