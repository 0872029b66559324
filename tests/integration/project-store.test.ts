/**
 * The project store, the importers, the service and the JSONL export on real folders:
 * what a researcher relies on when articles are imported, annotated, reopened and exchanged.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { annotatorFromName, ensureAnnotator } from '../../src/main/services/annotators';
import { exportToPath } from '../../src/main/services/export-service';
import { sha256Hex } from '../../src/main/services/import-service';
import { openProjectStore, type ProjectStore } from '../../src/main/services/project-store';
import { createTagwerkService } from '../../src/main/services/tagwerk-service';
import { ApiError } from '../../src/shared/api/tagwerk-api';
import { loadFile } from '../../src/shared/model/migrate';
import {
  cpFind, cpSlice, importPaths, listFiles, makeTempDir, newProject, readJson, removeTempDirs, SEED_000, SEED_003, SEEDS_DIR,
} from './project-fixtures';

afterAll(removeTempDirs);

const ANNA = annotatorFromName('Anna Müller');
const BEN = annotatorFromName('Ben Okafor');

/** A project with both seeds imported. */
async function seededProject(): Promise<ProjectStore> {
  const store = await newProject();
  const report = await importPaths(store, [SEEDS_DIR]);
  expect(report.failed).toEqual([]);
  return store;
}

describe('importing the seed articles', () => {
  it('creates one document file per article with the date header as meta.date, not as text', async () => {
    const store = await seededProject();
    expect((await listFiles(join(store.dir, 'documents')))).toEqual([`${SEED_000.id}.json`, `${SEED_003.id}.json`]);
    for (const seed of [SEED_000, SEED_003]) {
      const doc = loadFile('tagwerk-document', await readJson(join(store.dir, 'documents', `${seed.id}.json`)));
      expect(doc.meta).toEqual({ date: '2025-07', language: 'de' });
      expect(Array.from(doc.text)).toHaveLength(seed.length);
      expect(doc.text).not.toMatch(/^\s*date/);
      expect(doc.source).toMatchObject({ fileName: seed.file, format: 'txt', sha256: seed.sha256 });
      expect(sha256Hex(doc.text)).toBe(seed.sha256);
    }
    const doc000 = store.getDocument(SEED_000.id)!;
    expect(doc000.text.startsWith('Im Ringen um ein Ende der blutigen Kämpfe in Berg-Karabach')).toBe(true);
    expect(doc000.title).toBe('Im Ringen um ein Ende der blutigen Kämpfe in Berg-Karabach im Südkaukasus zeigt sich der…');
  });

  it('recognises a re-import, also of a CRLF + BOM copy under another name, and writes no new file', async () => {
    const store = await seededProject();
    const before = await listFiles(store.dir);
    const mtime = (await stat(join(store.dir, 'documents', `${SEED_000.id}.json`))).mtimeMs;
    const copyDir = await makeTempDir();
    const windowsCopy = join(copyDir, 'kopie-windows.txt');
    const seedText = await readFile(join(SEEDS_DIR, SEED_000.file), 'utf8');
    await writeFile(windowsCopy, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(seedText.replace(/\n/g, '\r\n'))]));

    const report = await importPaths(store, [SEEDS_DIR, windowsCopy]);
    expect(report.imported).toEqual([]);
    expect(report.failed).toEqual([]);
    expect(report.duplicates).toEqual([
      { documentId: SEED_000.id, fileName: SEED_000.file },
      { documentId: SEED_003.id, fileName: SEED_003.file },
      { documentId: SEED_000.id, fileName: 'kopie-windows.txt' },
    ]);
    expect(await listFiles(store.dir)).toEqual(before);
    expect((await stat(join(store.dir, 'documents', `${SEED_000.id}.json`))).mtimeMs).toBe(mtime);
    expect(store.documents()).toHaveLength(2);
  });

  it('refuses binary, invalid UTF-8 and empty files by name, and imports the good file next to them', async () => {
    const store = await newProject();
    const dir = await makeTempDir();
    await writeFile(join(dir, 'bild.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    await writeFile(join(dir, 'latin1.txt'), Buffer.from('Kämpfe', 'latin1'));
    await writeFile(join(dir, 'leer.md'), '');
    await writeFile(join(dir, 'gut.txt'), ' date 2025-07 Mehr als 6.500 Tote.\n');
    const report = await importPaths(store, [dir]);
    expect(report.failed.map((f) => f.message)).toEqual([
      'bild.txt looks like a binary file, not text',
      'latin1.txt is not valid UTF-8 text',
      'leer.md is empty',
    ]);
    expect(report.imported.map((i) => i.fileName)).toEqual(['gut.txt']);
    expect(store.documents().map((d) => [d.text, d.meta.date])).toEqual([['Mehr als 6.500 Tote.', '2025-07']]);
  });
});

describe('annotating through the service', () => {
  it("keeps each annotator's spans in their own file, with quotes that are code point slices of the text", async () => {
    const store = await seededProject();
    const anna = createTagwerkService(store, ANNA);
    const ben = createTagwerkService(store, BEN);
    const text = store.getDocument(SEED_000.id)!.text;

    const alijew = await anna.createSpan({ documentId: SEED_000.id, ...cpFind(text, 'Ilham Alijew'), label: 'actor', attributes: { actor_type: 'person' } });
    const zivilisten = await anna.createSpan({
      documentId: SEED_000.id, ...cpFind(text, '63 getöteten Zivilisten'), label: 'casualty_figure',
      attributes: { count_min: 63, count_max: 63, outcome: 'killed', victims: 'civilian' },
    });
    const karabach = await ben.createSpan({ documentId: SEED_000.id, ...cpFind(text, 'Berg-Karabach'), label: 'location' });
    const nikkei = await ben.createSpan({ documentId: SEED_000.id, ...cpFind(text, '„Nikkei“'), label: 'actor', note: 'Zeitung' });

    expect(alijew).toMatchObject({ start: 118, end: 130, quote: 'Ilham Alijew' });
    expect(zivilisten).toMatchObject({ start: 2045, end: 2068, quote: '63 getöteten Zivilisten' });
    expect(karabach).toMatchObject({ start: 45, end: 58, quote: 'Berg-Karabach' });

    const annaFile = join(store.dir, 'annotations', 'anna-mueller', `${SEED_000.id}.json`);
    const benFile = join(store.dir, 'annotations', 'ben-okafor', `${SEED_000.id}.json`);
    const annaLayer = loadFile('tagwerk-layer', await readJson(annaFile));
    const benLayer = loadFile('tagwerk-layer', await readJson(benFile));
    expect(annaLayer).toMatchObject({ annotator: 'anna-mueller', documentId: SEED_000.id, textSha256: SEED_000.sha256, offsetUnit: 'codepoint', status: 'in_progress' });
    expect(annaLayer.spans.map((s) => s.id)).toEqual([alijew.id, zivilisten.id]);
    expect(benLayer.spans.map((s) => s.id)).toEqual([karabach.id, nikkei.id]);
    expect(benLayer.spans[1]).toMatchObject({ quote: '„Nikkei“', note: 'Zeitung', label: 'actor' });
    for (const s of [...annaLayer.spans, ...benLayer.spans]) expect(s.quote).toBe(cpSlice(text, s.start, s.end));
    expect(annaLayer.spans[1].attributes).toEqual({ count_min: 63, count_max: 63, outcome: 'killed', victims: 'civilian' });
    // Nobody else got a layer for this document, and the other document has none at all.
    expect(await listFiles(join(store.dir, 'annotations'))).toEqual([
      `anna-mueller/${SEED_000.id}.json`, `ben-okafor/${SEED_000.id}.json`,
    ]);
    expect((await readJson(join(store.dir, 'tagwerk.json'))).annotators).toEqual([
      { id: 'anna-mueller', name: 'Anna Müller' }, { id: 'ben-okafor', name: 'Ben Okafor' },
    ]);
  });

  it('stores code point offsets on a text with emoji and combining marks imported from the UI', async () => {
    const store = await newProject();
    const service = createTagwerkService(store, ANNA);
    const raw = ' date 2023-10-15 Aserbaidschan 👍🏽 meldet „63 getöteten Zivilisten“ in Cafe\u0301 Berg-Karabach.\r\n';
    const report = await service.importFiles({ files: [{ name: 'emoji.txt', data: Buffer.from(raw, 'utf8').toString('base64') }] });
    const documentId = report.imported[0].documentId;
    const doc = store.getDocument(documentId)!;
    expect(doc.text).toBe('Aserbaidschan 👍🏽 meldet „63 getöteten Zivilisten“ in Cafe\u0301 Berg-Karabach.');
    expect(doc.meta.date).toBe('2023-10-15');

    const figure = await service.createSpan({ documentId, start: 25, end: 48, label: 'casualty_figure' });
    const place = await service.createSpan({ documentId, start: 59, end: 72, label: 'location' });
    expect(figure.quote).toBe('63 getöteten Zivilisten');
    expect(place.quote).toBe('Berg-Karabach');
    const onDisk = await readJson(join(store.dir, 'annotations', 'anna-mueller', `${documentId}.json`));
    expect(onDisk.spans.map((s: { start: number; end: number; quote: string }) => [s.start, s.end, s.quote]))
      .toEqual([[25, 48, '63 getöteten Zivilisten'], [59, 72, 'Berg-Karabach']]);
  });

  it('refuses spans outside the text, unknown labels and unknown documents with a message, writing nothing', async () => {
    const store = await seededProject();
    const anna = createTagwerkService(store, ANNA);
    await expect(anna.createSpan({ documentId: SEED_003.id, start: 1970, end: 1978, label: 'actor' }))
      .rejects.toMatchObject({ code: 'invalid-argument', message: 'span 1970–1978 is outside the text (0–1977)' });
    await expect(anna.createSpan({ documentId: SEED_003.id, start: 0, end: 4, label: 'person' }))
      .rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('unknown label "person"') });
    await expect(anna.createSpan({ documentId: 'no-such-doc', start: 0, end: 4, label: 'actor' }))
      .rejects.toMatchObject({ code: 'not-found' });
    await store.flush();
    expect(existsSync(join(store.dir, 'annotations', 'anna-mueller', `${SEED_003.id}.json`))).toBe(false);
  });

  it('updates and deletes spans durably, and keeps the status', async () => {
    const store = await seededProject();
    const anna = createTagwerkService(store, ANNA);
    const text = store.getDocument(SEED_003.id)!.text;
    const span = await anna.createSpan({ documentId: SEED_003.id, ...cpFind(text, '6.500 Toten'), label: 'casualty_figure' });
    const file = join(store.dir, 'annotations', 'anna-mueller', `${SEED_003.id}.json`);
    const wider = await anna.updateSpan({
      documentId: SEED_003.id, spanId: span.id,
      patch: { start: cpFind(text, 'mehr als 6.500 Toten').start, attributes: { count_min: 6500, outcome: 'killed' } },
    });
    expect(wider.quote).toBe('mehr als 6.500 Toten');
    expect((await readJson(file)).spans[0]).toMatchObject({ quote: 'mehr als 6.500 Toten', attributes: { count_min: 6500, outcome: 'killed' } });
    await anna.setDocumentStatus({ documentId: SEED_003.id, status: 'done' });
    expect(await anna.deleteSpan({ documentId: SEED_003.id, spanId: span.id })).toEqual({ deleted: span.id });
    expect(await readJson(file)).toMatchObject({ status: 'done', spans: [] });
  });
});

describe('reopening a project from disk', () => {
  it('finds documents, annotators, layers, spans and statuses again', async () => {
    const store = await seededProject();
    const anna = createTagwerkService(store, ANNA);
    const ben = createTagwerkService(store, BEN);
    const t0 = store.getDocument(SEED_000.id)!.text;
    const t3 = store.getDocument(SEED_003.id)!.text;
    const a1 = await anna.createSpan({ documentId: SEED_000.id, ...cpFind(t0, 'Nikol Paschinjan'), label: 'actor' });
    const a2 = await anna.createSpan({ documentId: SEED_003.id, ...cpFind(t3, 'Stepanakert'), label: 'location' });
    const b1 = await ben.createSpan({ documentId: SEED_003.id, ...cpFind(t3, 'Stepanakert'), label: 'location' });
    await ben.setDocumentStatus({ documentId: SEED_003.id, status: 'done' });

    const reopened = await openProjectStore(store.dir);
    expect(reopened.problems).toEqual([]);
    expect(reopened.manifest.annotators.map((a) => a.id)).toEqual(['anna-mueller', 'ben-okafor']);
    expect(reopened.documents().map((d) => d.id).sort()).toEqual([SEED_000.id, SEED_003.id]);
    expect(reopened.annotatorsOf(SEED_003.id)).toEqual(['anna-mueller', 'ben-okafor']);
    expect(reopened.annotatorsOf(SEED_000.id)).toEqual(['anna-mueller']);

    const benAgain = createTagwerkService(reopened, BEN);
    const detail = await benAgain.getDocument({ documentId: SEED_003.id });
    expect(detail.layers.map((l) => [l.annotator, l.status, l.spans.map((s) => s.id)])).toEqual([
      ['anna-mueller', 'in_progress', [a2.id]], ['ben-okafor', 'done', [b1.id]],
    ]);
    expect((await reopened.getLayer(SEED_000.id, 'anna-mueller')).spans).toEqual([a1]);
    const list = await benAgain.listDocuments({});
    expect(list.map((d) => [d.id, d.status, d.spanCount, d.length, d.date])).toEqual([
      [SEED_000.id, 'not_started', 0, SEED_000.length, '2025-07'],
      [SEED_003.id, 'done', 1, SEED_003.length, '2025-07'],
    ]);
  });

  it('keeps every annotator in the manifest on disk when many register at the same moment', async () => {
    const store = await newProject();
    const names = Array.from({ length: 30 }, (_, i) => `Kollegin ${i + 1}`);
    await Promise.all(names.map((n) => ensureAnnotator(store, annotatorFromName(n))));
    const onDisk = (await readJson(join(store.dir, 'tagwerk.json'))).annotators.map((a: { name: string }) => a.name);
    expect(onDisk.sort()).toEqual([...names].sort());
  });
});

describe('JSONL exchange between projects', () => {
  /** A project with spans of two annotators on both seeds, and one relation. */
  async function annotatedProject() {
    const store = await seededProject();
    const anna = createTagwerkService(store, ANNA);
    const ben = createTagwerkService(store, BEN);
    const t0 = store.getDocument(SEED_000.id)!.text;
    const t3 = store.getDocument(SEED_003.id)!.text;
    await anna.createSpan({ documentId: SEED_000.id, ...cpFind(t0, 'Ilham Alijew'), label: 'actor', attributes: { actor_type: 'person' } });
    await anna.createSpan({
      documentId: SEED_000.id, ...cpFind(t0, '„Mit dieser armenischen Regierung ist die Aussicht auf eine friedliche Lösung leider sehr gering.“'),
      label: 'claim', attributes: { certainty: 'asserted' }, note: 'Interview Nikkei',
    });
    await anna.createSpan({ documentId: SEED_003.id, ...cpFind(t3, 'mehr als 6.500 Toten'), label: 'casualty_figure', attributes: { count_min: 6500, approximate: true, outcome: 'killed' } });
    await ben.createSpan({ documentId: SEED_003.id, ...cpFind(t3, '6.500 Toten'), label: 'casualty_figure', attributes: { count_min: 6500 } });
    const russland = await ben.createSpan({ documentId: SEED_003.id, ...cpFind(t3, 'Russland'), label: 'actor', attributes: { actor_type: 'state' } });
    const fig = (await store.getLayer(SEED_003.id, 'ben-okafor')).spans.find((s) => s.quote === '6.500 Toten')!;
    // Relations have no API method yet: written through the store as the UI's op would.
    await store.updateLayer(SEED_003.id, 'ben-okafor', (l) => ({
      ...l, relations: [{ id: 'r_1', type: 'reported_by', from: fig.id, to: russland.id, createdAt: fig.createdAt, modifiedAt: fig.createdAt }],
    }));
    return store;
  }

  /** The spans of every layer, comparable across projects. */
  async function allSpans(store: ProjectStore) {
    const out: unknown[] = [];
    for (const doc of store.documents()) {
      for (const a of store.annotatorsOf(doc.id)) {
        for (const s of (await store.getLayer(doc.id, a)).spans) {
          out.push({ doc: doc.id, annotator: a, id: s.id, start: s.start, end: s.end, label: s.label, quote: s.quote, attributes: s.attributes, note: s.note });
        }
      }
    }
    return out.sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
  }

  it('round-trips labels, offsets, attributes, notes, relations and document ids into a new project', async () => {
    const source = await annotatedProject();
    const file = join(await makeTempDir(), 'karabach.jsonl');
    const summary = await exportToPath(source, file);
    expect(summary).toMatchObject({ documents: 2, spans: 5, relations: 1 });

    const target = await newProject('Kollegin');
    const report = await importPaths(target, [file]);
    expect(report).toMatchObject({ failed: [], spansRejected: [], spansAdded: 5, duplicates: [] });
    expect(report.imported.map((i) => i.documentId)).toEqual([SEED_000.id, SEED_003.id]);
    expect(await allSpans(target)).toEqual(await allSpans(source));
    expect((await target.getLayer(SEED_003.id, 'ben-okafor')).relations.map((r) => [r.id, r.type]))
      .toEqual([['r_1', 'reported_by']]);
    const doc = target.getDocument(SEED_000.id)!;
    expect(doc.meta.date).toBe('2025-07');
    expect(doc.title).toBe(source.getDocument(SEED_000.id)!.title);
    expect(doc.source.sha256).toBe(SEED_000.sha256);
  });

  it('puts imported spans on the existing document when the project has the text already', async () => {
    const source = await annotatedProject();
    const file = join(await makeTempDir(), 'karabach.jsonl');
    await exportToPath(source, file, { annotator: 'anna-mueller' });

    const mine = await seededProject();
    const before = await listFiles(join(mine.dir, 'documents'));
    const report = await importPaths(mine, [file]);
    expect(report.imported).toEqual([]);
    expect(report.duplicates.map((d) => d.documentId)).toEqual([SEED_000.id, SEED_003.id]);
    expect(report.spansAdded).toBe(3);
    expect(await listFiles(join(mine.dir, 'documents'))).toEqual(before);
    expect(mine.annotatorsOf(SEED_003.id)).toEqual(['anna-mueller']);
    expect((await mine.getLayer(SEED_003.id, 'anna-mueller')).spans[0]).toMatchObject({ quote: 'mehr als 6.500 Toten', attributes: { count_min: 6500, approximate: true, outcome: 'killed' } });

    // Importing the same file again adds nothing.
    const again = await importPaths(mine, [file]);
    expect(again.spansAdded).toBe(0);
    expect((await mine.getLayer(SEED_003.id, 'anna-mueller')).spans).toHaveLength(1);
  });

  it('reads UTF-16 offsets on a text with emoji back to the same code point spans', async () => {
    const store = await newProject();
    const service = createTagwerkService(store, ANNA);
    const raw = 'Alijew 👍🏽 sagte: mehr als 6.500 Tote 🇦🇲 in Berg-Karabach.';
    const { imported } = await service.importFiles({ files: [{ name: 'e.txt', data: Buffer.from(raw).toString('base64') }] });
    const documentId = imported[0].documentId;
    await service.createSpan({ documentId, ...cpFind(raw, 'mehr als 6.500 Tote'), label: 'casualty_figure' });
    await service.createSpan({ documentId, ...cpFind(raw, 'Berg-Karabach'), label: 'location' });
    const file = join(await makeTempDir(), 'utf16.jsonl');
    await exportToPath(store, file, { unit: 'utf16' });
    const line = await readJson(file);
    expect(line.offset_unit).toBe('utf16');
    expect(line.spans.map((s: { start: number; end: number }) => [s.start, s.end])).toEqual([[19, 38], [47, 60]]);

    const target = await newProject();
    const report = await importPaths(target, [file]);
    expect(report.spansRejected).toEqual([]);
    expect((await target.getLayer(documentId, 'anna-mueller')).spans.map((s) => [s.start, s.end, s.quote]))
      .toEqual([[17, 36, 'mehr als 6.500 Tote'], [43, 56, 'Berg-Karabach']]);
  });

  it('maps offsets of a record written with CRLF line endings onto the normalised text', async () => {
    const raw = 'Alijew sagte:\r\n„Alle Gebiete“\r\n\r\nKämpfe 👍🏽 in Berg-Karabach.';
    const lines = ['codepoint', 'utf16'].map((unit) => {
      const find = (needle: string) => {
        const u = raw.indexOf(needle);
        const start = unit === 'utf16' ? u : Array.from(raw.slice(0, u)).length;
        return { start, end: start + (unit === 'utf16' ? needle.length : Array.from(needle).length) };
      };
      return JSON.stringify({
        text: raw, offset_unit: unit,
        spans: [
          { ...find('„Alle Gebiete“'), label: 'claim', text: '„Alle Gebiete“', annotator: unit },
          { ...find('sagte:\r\n„Alle'), label: 'claim', text: 'sagte:\r\n„Alle', annotator: unit },
          { ...find('Berg-Karabach'), label: 'location', text: 'Berg-Karabach', annotator: unit },
        ],
      });
    });
    const file = join(await makeTempDir(), 'crlf.jsonl');
    await writeFile(file, `${lines.join('\r\n')}\r\n`);
    const store = await newProject();
    const report = await importPaths(store, [file]);
    expect(report).toMatchObject({ failed: [], spansRejected: [], spansAdded: 6 });
    expect(report.imported).toHaveLength(1);
    const doc = store.documents()[0];
    expect(doc.text).toBe('Alijew sagte:\n„Alle Gebiete“\n\nKämpfe 👍🏽 in Berg-Karabach.');
    for (const unit of ['codepoint', 'utf16']) {
      expect((await store.getLayer(doc.id, unit)).spans.map((s) => [s.start, s.end, s.quote])).toEqual([
        [7, 19, 'sagte:\n„Alle'], [14, 28, '„Alle Gebiete“'], [43, 56, 'Berg-Karabach'],
      ]);
    }
  });

  it('refuses a file with a span whose text does not match its offsets: every problem named, nothing imported', async () => {
    const store = await seededProject();
    const text = store.getDocument(SEED_003.id)!.text;
    const good = cpFind(text, 'Stepanakert');
    const bad = cpFind(text, 'Ilham Alijew');
    const dir = await makeTempDir();
    const file = join(dir, 'kollegin.jsonl');
    await writeFile(file, `${JSON.stringify({
      text, offset_unit: 'codepoint',
      spans: [
        { id: 'ok', ...good, label: 'location', text: 'Stepanakert', annotator: 'Clara' },
        { id: 'shifted', start: bad.start + 1, end: bad.end + 1, label: 'actor', text: 'Ilham Alijew', annotator: 'Clara' },
        { id: 'outside', start: 1970, end: 2100, label: 'actor', text: 'x', annotator: 'Clara' },
      ],
    })}\n`);
    const report = await importPaths(store, [file]);
    expect(report.spansAdded).toBe(0);
    expect(report.failed.map((r) => r.message)).toEqual([
      `kollegin.jsonl line 1: span ${bad.start + 1}–${bad.end + 1} says "Ilham Alijew" but the text there is "lham Alijew "`,
      'kollegin.jsonl line 1: span 1970–2100 is outside the text',
      'kollegin.jsonl: nothing imported from this file (2 problems); fix it and import it again',
    ]);
    await expect(stat(join(store.dir, 'annotations', 'clara'))).rejects.toThrow();
    expect(store.documents()).toHaveLength(2);
  });

  it('imports nothing from a JSONL file with one bad line among good ones', async () => {
    const store = await seededProject();
    const text = store.getDocument(SEED_003.id)!.text;
    const dir = await makeTempDir();
    const file = join(dir, 'mixed.jsonl');
    const good = { text: 'Ein neuer Text über Stepanakert.', spans: [{ start: 20, end: 31, label: 'location', annotator: 'Clara' }] };
    await writeFile(file, [JSON.stringify(good), '{"text": "abgeschnitten', JSON.stringify({ text, spans: [{ start: 0, end: 3, label: 'actor', relations: [] }], relations: [{ type: 'r', from: 'a', to: 'b' }] })].join('\n'));
    const report = await importPaths(store, [file]);
    expect(report.imported).toEqual([]);
    expect(report.spansAdded).toBe(0);
    expect(report.failed.map((r) => r.message)).toEqual([
      expect.stringMatching(/^mixed\.jsonl line 2: /),
      'mixed.jsonl line 3: relation r a→b names span a and span b, which the record does not have',
      'mixed.jsonl: nothing imported from this file (2 problems); fix it and import it again',
    ]);
    expect(store.documents()).toHaveLength(2);
  });
});

describe('damaged files', () => {
  it('reports a truncated layer file, leaves it byte-identical, and opens the rest of the project', async () => {
    const store = await seededProject();
    const anna = createTagwerkService(store, ANNA);
    const ben = createTagwerkService(store, BEN);
    const t0 = store.getDocument(SEED_000.id)!.text;
    await anna.createSpan({ documentId: SEED_000.id, ...cpFind(t0, 'Ilham Alijew'), label: 'actor' });
    const benSpan = await ben.createSpan({ documentId: SEED_000.id, ...cpFind(t0, 'Berg-Karabach'), label: 'location' });
    await anna.createSpan({ documentId: SEED_003.id, start: 0, end: 4, label: 'claim' });

    const damaged = join(store.dir, 'annotations', 'anna-mueller', `${SEED_000.id}.json`);
    const full = await readFile(damaged);
    const truncated = full.subarray(0, Math.floor(full.length / 2));
    await writeFile(damaged, truncated);

    const reopened = await openProjectStore(store.dir);
    expect(reopened.documents()).toHaveLength(2);
    const annaAgain = createTagwerkService(reopened, ANNA);
    const detail = await annaAgain.getDocument({ documentId: SEED_000.id });
    expect(detail.layers.find((l) => l.annotator === 'ben-okafor')!.spans.map((s) => s.id)).toEqual([benSpan.id]);
    expect(reopened.problems).toHaveLength(1);
    expect(reopened.problems[0].file).toBe(`annotations/anna-mueller/${SEED_000.id}.json`);
    expect(reopened.problems[0].message).toMatch(new RegExp(`^annotations/anna-mueller/${SEED_000.id}\\.json is not valid JSON \\(.+\\); it was left untouched$`));
    expect((await annaAgain.getProject({})).problems).toEqual(reopened.problems);

    // Editing the damaged layer is refused; the file is never overwritten.
    const attempt = annaAgain.createSpan({ documentId: SEED_000.id, ...cpFind(t0, 'Nikol Paschinjan'), label: 'actor' });
    await expect(attempt).rejects.toBeInstanceOf(ApiError);
    await expect(attempt).rejects.toMatchObject({ code: 'conflict' });
    await reopened.flush();
    expect(Buffer.compare(await readFile(damaged), truncated)).toBe(0);

    // The other document of the same annotator is still editable.
    const ok = await annaAgain.createSpan({ documentId: SEED_003.id, start: 5, end: 8, label: 'claim' });
    expect((await readJson(join(store.dir, 'annotations', 'anna-mueller', `${SEED_003.id}.json`))).spans.map((s: { id: string }) => s.id))
      .toContain(ok.id);
  });

  it('reports a layer whose quote no longer matches the text, and a document file from a newer Tagwerk', async () => {
    const store = await seededProject();
    const anna = createTagwerkService(store, ANNA);
    await anna.createSpan({ documentId: SEED_003.id, start: 0, end: 4, label: 'claim' });
    const layerFile = join(store.dir, 'annotations', 'anna-mueller', `${SEED_003.id}.json`);
    const layer = await readJson(layerFile);
    layer.spans[0].quote = 'Vor ';
    const tampered = `${JSON.stringify(layer, null, 2)}\n`;
    await writeFile(layerFile, tampered);
    const docFile = join(store.dir, 'documents', `${SEED_000.id}.json`);
    const doc = await readJson(docFile);
    const future = `${JSON.stringify({ ...doc, schemaVersion: 2 }, null, 2)}\n`;
    await writeFile(docFile, future);

    const reopened = await openProjectStore(store.dir);
    expect(reopened.documents().map((d) => d.id)).toEqual([SEED_003.id]);
    await reopened.getLayer(SEED_003.id, 'anna-mueller');
    expect(reopened.problems.map((p) => p.message)).toEqual([
      `documents/${SEED_000.id}.json was written by a newer Tagwerk (schema version 2; this version reads up to 1); it was left untouched and is not shown`,
      `annotations/anna-mueller/${SEED_003.id}.json has span ${layer.spans[0].id} whose quote does not match the text at 0–4; it was left untouched`,
    ]);
    await reopened.flush();
    expect(await readFile(layerFile, 'utf8')).toBe(tampered);
    expect(await readFile(docFile, 'utf8')).toBe(future);
  });
});

describe('layer files that are JSON but not an object', () => {
  it('reports a layer holding only null, and never replaces it with an empty layer', async () => {
    const store = await seededProject();
    const anna = createTagwerkService(store, ANNA);
    await anna.createSpan({ documentId: SEED_003.id, start: 0, end: 4, label: 'claim' });
    const layerFile = join(store.dir, 'annotations', 'anna-mueller', `${SEED_003.id}.json`);
    await writeFile(layerFile, 'null\n');
    const reopened = await openProjectStore(store.dir);
    const again = createTagwerkService(reopened, ANNA);
    await expect(again.createSpan({ documentId: SEED_003.id, start: 5, end: 8, label: 'claim' })).rejects.toMatchObject({ code: 'conflict' });
    expect(reopened.problems.map((p) => p.message)).toEqual([
      `annotations/anna-mueller/${SEED_003.id}.json is not a JSON object; it was left untouched`,
    ]);
    await reopened.flush();
    expect(await readFile(layerFile, 'utf8')).toBe('null\n');
  });
});

describe('debounced, durable layer writes', () => {
  it('resolves each of many rapid createSpan calls only once the file on disk holds that span', async () => {
    const store = await seededProject();
    const anna = createTagwerkService(store, ANNA);
    const file = join(store.dir, 'annotations', 'anna-mueller', `${SEED_000.id}.json`);
    const text = store.getDocument(SEED_000.id)!.text;
    const words = ['Alijew', 'Paschinjan', 'Armenien', 'Aserbaidschan', 'Türkei', 'Russland', 'Karabach', 'Baku', 'Kebele', 'Twitter'];
    const checks: Promise<void>[] = [];
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    for (let round = 0; round < 3; round++) {
      for (const w of words) {
        checks.push(anna.createSpan({ documentId: SEED_000.id, ...cpFind(text, w), label: 'actor' }).then((span) => {
          // Read synchronously at the moment of resolution: the span must already be there.
          const onDisk = JSON.parse(readFileSync(file, 'utf8')) as { spans: { id: string; quote: string }[] };
          expect(onDisk.spans.find((s) => s.id === span.id)?.quote).toBe(w);
        }));
        // Calls land before, during and after the 30 ms debounce window and the write in flight.
        if (round > 0) await sleep(round * 7);
      }
    }
    await Promise.all(checks);
    expect(loadFile('tagwerk-layer', await readJson(file)).spans).toHaveLength(30);
  });
});
