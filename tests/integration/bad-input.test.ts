/**
 * Bad input to the importer, on real files in temp folders: empty, binary, oversized, wrongly
 * encoded files, JSON bombs in every JSON format, prototype keys, spans that do not fit, links
 * out of the folder and link loops. Each gets a readable message naming the file, leaves the
 * project's files on disk exactly as they were, and does not keep the good files of the same
 * import out.
 */
import { mkdir, readFile, stat, symlink, truncate, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importPaths as importWith, MAX_IMPORT_BYTES, sha256Hex, type ImportOptions } from '../../src/main/services/import-service';
import type { ProjectStore } from '../../src/main/services/project-store';
import type { ImportReport } from '../../src/shared/api/tagwerk-api';
import { listFiles, makeTempDir, newProject, readJson, removeTempDirs, SEEDS_DIR } from './project-fixtures';

afterAll(removeTempDirs);

/** An article that always imports: the good file of a mixed import. */
const GOOD_TEXT = 'Aserbaidschan meldet Kämpfe bei Stepanakert.';

/** Every file of a folder with its contents. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files = await listFiles(dir);
  return Object.fromEntries(await Promise.all(files.map(async (f) => [f, await readFile(join(dir, f), 'utf8')] as const)));
}

/** A project holding the seed articles, a folder for the files to import, and the project's files before. */
async function setUp() {
  const store = await newProject();
  expect((await importWith(store, [SEEDS_DIR], { fallbackAnnotator: 'Importer' })).failed).toEqual([]);
  const dir = await makeTempDir('tagwerk-bad-');
  await writeFile(join(dir, 'gut.txt'), GOOD_TEXT);
  return { store, dir, before: await snapshot(store.dir) };
}

function importInto(store: ProjectStore, paths: string[], options: Partial<ImportOptions> = {}): Promise<ImportReport> {
  return importWith(store, paths, { fallbackAnnotator: 'Importer', ...options });
}

/** The project's files are those of before, plus the document files of `added` and nothing else. */
async function expectOnlyAdded(store: ProjectStore, before: Record<string, string>, added: ImportReport['imported'] = []): Promise<void> {
  const after = await snapshot(store.dir);
  const newFiles = added.map((d) => `documents/${d.documentId}.json`);
  expect(Object.keys(after).filter((f) => !(f in before)).sort()).toEqual(newFiles.sort());
  for (const f of newFiles) delete after[f];
  expect(after).toEqual(before);
}

/** The good article went in, on its own. */
function expectGoodImported(report: ImportReport): void {
  expect(report.imported.map((d) => d.fileName)).toEqual(['gut.txt']);
}

describe('empty and binary files', () => {
  it('refuses an empty file and a file of only whitespace by name, and imports the article next to them', async () => {
    const { store, dir, before } = await setUp();
    await writeFile(join(dir, 'leer.txt'), '');
    await writeFile(join(dir, 'blank.txt'), ' \n\t\r\n  \u00a0\n');
    const report = await importInto(store, [dir]);
    expect(report.failed.map((f) => f.message)).toEqual(['blank.txt: contains no text', 'leer.txt is empty']);
    expectGoodImported(report);
    await expectOnlyAdded(store, before, report.imported);
  });

  it('refuses a real PNG named photo.txt as binary, also when invalid text would be replaced', async () => {
    const { store, dir, before } = await setUp();
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    expect([...png.subarray(0, 16)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    await writeFile(join(dir, 'photo.txt'), png);
    for (const options of [{}, { replaceInvalid: true }]) {
      const report = await importInto(store, [join(dir, 'photo.txt')], options);
      expect(report.failed.map((f) => f.message)).toEqual(['photo.txt looks like a binary file, not text']);
      expect(report.imported).toEqual([]);
    }
    await expectOnlyAdded(store, before);
  });
});

describe('files over the size limit', () => {
  it('refuses them by their size without reading them (sparse files, nothing written)', { timeout: 5_000 }, async () => {
    const { store, dir, before } = await setUp();
    const justOver = join(dir, 'riesig.txt');
    const far = join(dir, 'archiv.jsonl');
    await writeFile(justOver, '');
    await truncate(justOver, MAX_IMPORT_BYTES + 1);
    await writeFile(far, '');
    await truncate(far, 200 * 1024 * 1024);
    expect((await stat(justOver)).size).toBe(MAX_IMPORT_BYTES + 1);
    const report = await importInto(store, [dir]);
    expect(report.failed.map((f) => f.message)).toEqual([
      'archiv.jsonl is 200 MB; files over 64 MB are not imported',
      'riesig.txt is 64.1 MB; files over 64 MB are not imported',
    ]);
    expectGoodImported(report);
    await expectOnlyAdded(store, before, report.imported);
  });
});

describe('text encodings', () => {
  // ä ö ü as Latin-1 bytes (0xE4 0xF6 0xFC) after a U+FFFD the file really holds, in UTF-8.
  const latin1 = Buffer.concat([Buffer.from('Ersatzzeichen \ufffd bleibt. ', 'utf8'), Buffer.from('Die Kämpfe in Höhe der Brücke dauern an.', 'latin1')]);

  it('refuses invalid UTF-8 (Latin-1 umlauts) by name and imports the rest', async () => {
    const { store, dir, before } = await setUp();
    await writeFile(join(dir, 'alt.txt'), latin1);
    const report = await importInto(store, [dir]);
    expect(report.failed.map((f) => f.message)).toEqual(['alt.txt is not valid UTF-8 text']);
    expectGoodImported(report);
    await expectOnlyAdded(store, before, report.imported);
  });

  it('names the files that replacement characters would make readable, so that they can be imported again with replaceInvalid', async () => {
    const { store, dir, before } = await setUp();
    await writeFile(join(dir, 'alt.txt'), latin1);
    await writeFile(join(dir, 'photo.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    // A brat pair whose text is Latin-1: the .ann is named, as importing it brings its .txt along.
    await writeFile(join(dir, 'paar.txt'), Buffer.from('Die Kämpfe bei Stepanakert dauern an.', 'latin1'));
    await writeFile(join(dir, 'paar.ann'), 'T1\tLOC 15 26\tStepanakert\n');
    const report = await importInto(store, [dir]);
    expect(report.failed.map((f) => [f.message, f.invalidEncoding])).toEqual([
      ['alt.txt is not valid UTF-8 text', { location: join(dir, 'alt.txt') }],
      ['paar.ann: paar.txt is not valid UTF-8 text', { location: join(dir, 'paar.ann') }],
      ['photo.txt looks like a binary file, not text', undefined],
    ]);
    await expectOnlyAdded(store, before, report.imported);

    const again = await importInto(store, report.failed.flatMap((f) => f.invalidEncoding?.location ?? []), { replaceInvalid: true });
    expect(again.failed).toEqual([]);
    expect(again.imported.map((d) => d.fileName)).toEqual(['alt.txt', 'paar.txt']);
    expect(again.spansAdded).toBe(1);
    const pair = store.getDocument(again.imported[1].documentId)!;
    expect(pair.text).toBe('Die K\ufffdmpfe bei Stepanakert dauern an.');
    expect((await store.getLayer(pair.id, 'importer')).spans.map((x) => [x.start, x.end, x.quote])).toEqual([[15, 26, 'Stepanakert']]);
  });

  it('with replaceInvalid reads it with U+FFFD for each bad byte and says how many were replaced', async () => {
    const { store, dir, before } = await setUp();
    await writeFile(join(dir, 'alt.txt'), latin1);
    const report = await importInto(store, [join(dir, 'alt.txt')], { replaceInvalid: true });
    expect(report.failed).toEqual([]);
    expect(report.warnings.map((w) => w.message)).toEqual(['alt.txt is not valid UTF-8 text: 3 invalid byte sequences replaced with U+FFFD (\ufffd)']);
    const doc = store.getDocument(report.imported[0].documentId)!;
    expect(doc.text).toBe('Ersatzzeichen \ufffd bleibt. Die K\ufffdmpfe in H\ufffdhe der Br\ufffdcke dauern an.');
    await expectOnlyAdded(store, before, report.imported);
  });

  it('decodes UTF-16 LE and BE files with a BOM to exactly the original text', async () => {
    const { store, dir } = await setUp();
    const le = 'Grüße aus Köln: „Kämpfe“ an der Brücke 👍🏽, sagt Ölmüller.';
    const be = 'Die Straße über die Drina 🌉 bleibt gesperrt, meldet Ärztin Jürgens.';
    await writeFile(join(dir, 'le.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(le, 'utf16le')]));
    await writeFile(join(dir, 'be.txt'), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(be, 'utf16le').swap16()]));
    const report = await importInto(store, [join(dir, 'le.txt'), join(dir, 'be.txt')]);
    expect(report.failed).toEqual([]);
    expect(report.imported.map((d) => [d.fileName, store.getDocument(d.documentId)!.text])).toEqual([['le.txt', le], ['be.txt', be]]);
    for (const d of report.imported) {
      expect((await readJson(join(store.dir, 'documents', `${d.documentId}.json`))).source.sha256).toBe(sha256Hex(store.getDocument(d.documentId)!.text));
    }
  });
});

describe('JSON bombs', () => {
  const DEEP = { bomb: `${'['.repeat(100_000)}${']'.repeat(100_000)}`, message: 'JSON nested more than 1,000 levels deep; Tagwerk reads up to 1,000' };
  const HUGE = { bomb: `[${'0,'.repeat(1_999_999)}0]`, message: 'a JSON array of 2,000,000 items; Tagwerk reads up to 1,000,000 in one array or object' };
  const nothingFrom = (file: string) => `${file}: nothing imported from this file (1 problem); fix it and import it again`;
  // Each format's own container around the bomb, so that its own reader meets it.
  const FORMATS = [
    { format: 'jsonl', file: 'bombe.jsonl', wrap: (b: string) => `{"text": "Baku", "meta": {"quelle": ${b}}}`, expected: (m: string) => [`bombe.jsonl line 1: ${m}`, nothingFrom('bombe.jsonl')] },
    { format: 'doccano', file: 'doccano.jsonl', wrap: (b: string) => `{"text": "Baku", "label": ${b}}`, expected: (m: string) => [`doccano.jsonl line 1: ${m}`] },
    { format: 'label-studio', file: 'aufgaben.json', wrap: (b: string) => `[{"data": {"text": "Baku"}, "annotations": ${b}}]`, expected: (m: string) => [`aufgaben.json: ${m}`] },
    {
      format: 'w3c', file: 'anno.jsonld', wrap: (b: string) => `{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection", "first": ${b}}`,
      expected: (m: string) => [`anno.jsonld: ${m}`],
    },
    { format: 'bundle', file: 'kollegin.tagwerk', wrap: (b: string) => `{"kind": "tagwerk-bundle", "documents": ${b}}`, expected: (m: string) => [`kollegin.tagwerk: ${m}`, nothingFrom('kollegin.tagwerk')] },
  ];

  for (const { format, file, wrap, expected } of FORMATS) {
    for (const [kind, { bomb, message }] of [['100,000 levels deep', DEEP], ['of 2,000,000 numbers', HUGE]] as const) {
      it(`${format}: an array ${kind} is refused with a message, no stack overflow`, { timeout: 10_000 }, async () => {
        const { store, dir, before } = await setUp();
        await writeFile(join(dir, file), wrap(bomb));
        const report = await importInto(store, [dir]);
        expect(report.failed.map((f) => f.message)).toEqual(expected(message));
        expect(JSON.stringify(report)).not.toMatch(/call stack/i);
        expectGoodImported(report);
        await expectOnlyAdded(store, before, report.imported);
      });
    }
  }
});

describe('prototype keys in imported JSON', () => {
  it('imports a record with __proto__ and constructor in its meta and attributes without polluting Object.prototype or storing them', async () => {
    const { store, dir } = await setUp();
    const proto = '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}';
    await writeFile(join(dir, 'proto.jsonl'), `{"text": "Ilham Alijew sprach in Baku.", "meta": ${proto}, "author": "Anna"},`
      + ' "spans": [{"start": 0, "end": 12, "label": "actor", "attributes": {"__proto__": {"polluted": true}, "constructor": "Object", "actor_type": "person"}}]}\n');
    const report = await importInto(store, [join(dir, 'proto.jsonl')], { annotator: 'Clara' });
    expect(report.failed).toEqual([]);
    expect(report.spansAdded).toBe(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');

    const id = report.imported[0].documentId;
    const docFile = await readFile(join(store.dir, 'documents', `${id}.json`), 'utf8');
    const layerFile = await readFile(join(store.dir, 'annotations', 'clara', `${id}.json`), 'utf8');
    expect(JSON.parse(docFile).meta).toEqual({ author: 'Anna', language: 'de' });
    expect(JSON.parse(layerFile).spans.map((s: { attributes: unknown }) => s.attributes)).toEqual([{ actor_type: 'person' }]);
    for (const text of [docFile, layerFile]) expect(text).not.toMatch(/__proto__|constructor|polluted/);
  });
});

describe('files that hold nothing to import', () => {
  it('says so for a JSONL or doccano file of only blank lines and a W3C collection without items', async () => {
    const { store, dir, before } = await setUp();
    await writeFile(join(dir, 'leer.jsonl'), '\n  \n\t\n');
    await writeFile(join(dir, 'leer-doccano.jsonl'), '\n\n');
    await writeFile(join(dir, 'leer.jsonld'), JSON.stringify({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', total: 5, first: { type: 'AnnotationPage', items: null } }));
    const report = await importInto(store, [join(dir, 'leer.jsonl'), join(dir, 'gut.txt')]);
    expect(report.failed).toEqual([{ fileName: 'leer.jsonl', message: 'leer.jsonl holds no records (one JSON object per line)' }]);
    const doccano = await importInto(store, [join(dir, 'leer-doccano.jsonl')], { format: 'doccano' });
    expect(doccano.failed.map((f) => f.message)).toEqual(['leer-doccano.jsonl holds no documents to import']);
    const w3c = await importInto(store, [join(dir, 'leer.jsonld')]);
    expect(w3c.failed.map((f) => f.message)).toEqual(['leer.jsonld holds no annotations']);
    await expectOnlyAdded(store, before, report.imported);
  });
});

describe('files with very many problems', () => {
  it('lists the first 50 problems of a file and counts the rest in one line', async () => {
    const { store, dir, before } = await setUp();
    // 120 Label Studio tasks, none with a text to annotate.
    await writeFile(join(dir, 'viele.json'), JSON.stringify(Array.from({ length: 120 }, (_, i) => ({ id: i + 1, data: { title: `Aufgabe ${i + 1}` } }))));
    const report = await importInto(store, [join(dir, 'viele.json'), join(dir, 'gut.txt')]);
    const lines = report.failed.filter((f) => f.fileName === 'viele.json').map((f) => f.message);
    expect(lines).toHaveLength(51);
    expect(new Set(lines.slice(0, 50)).size).toBe(50);
    expect(lines[50]).toBe('viele.json: 70 more problems like these');
    expectGoodImported(report);
    await expectOnlyAdded(store, before, report.imported);
  });
});

describe('titles longer than a document holds', () => {
  it('cuts a title of over 1,000 characters at a word and imports every record of the file', async () => {
    const { store, dir } = await setUp();
    const long = Array.from({ length: 200 }, (_, i) => `Wort${i}`).join(' ');
    expect(long.length).toBeGreaterThan(1000);
    await writeFile(join(dir, 'titel.jsonl'), `${JSON.stringify({ text: 'Eins zwei drei.', meta: { title: 'kurz' } })}\n${JSON.stringify({ text: 'Vier fünf sechs.', meta: { title: long } })}\n`);
    const report = await importInto(store, [join(dir, 'titel.jsonl')]);
    expect(report.failed).toEqual([]);
    expect(report.imported).toHaveLength(2);
    const titles = await Promise.all(report.imported.map(async (d) => (await readJson(join(store.dir, 'documents', `${d.documentId}.json`))).title as string));
    expect(titles[0]).toBe('kurz');
    expect(titles[1].length).toBeLessThanOrEqual(1000);
    expect(titles[1].endsWith('…')).toBe(true);
    expect(long.startsWith(titles[1].slice(0, -1).trimEnd())).toBe(true);
  });
});

describe('spans that do not fit their text', () => {
  it('JSONL: names every span outside the text, empty, reversed, negative or misquoted, and imports nothing from the file', async () => {
    const { store, dir, before } = await setUp();
    const text = 'Ilham Alijew sprach in Baku.';
    const spans = [
      { start: 0, end: 12, label: 'actor', text: 'Ilham Alijew' }, { start: 23, end: 27, label: 'location' },
      { start: 50, end: 60, label: 'location' }, { start: 5, end: 5, label: 'actor' }, { start: 8, end: 3, label: 'actor' },
      { start: 0, end: 5, label: 'actor', text: 'Falsch' },
    ];
    await writeFile(join(dir, 'kollegin.jsonl'), [
      JSON.stringify({ text, spans }), JSON.stringify({ text: 'Zweiter Text.', spans: [{ start: -1, end: 4, label: 'actor' }] }),
    ].join('\n'));
    const report = await importInto(store, [dir]);
    expect(report.failed.map((f) => f.message)).toEqual([
      'kollegin.jsonl line 1: span 50–60 is outside the text',
      'kollegin.jsonl line 1: span 5–5 is empty',
      'kollegin.jsonl line 1: span 8–3 is reversed: its start comes after its end',
      'kollegin.jsonl line 1: span 0–5 says "Falsch" but the text there is "Ilham"',
      'kollegin.jsonl line 2: spans.0.start: an offset cannot be negative',
      'kollegin.jsonl: nothing imported from this file (5 problems); fix it and import it again',
    ]);
    expect(report.spansAdded).toBe(0);
    expectGoodImported(report);
    await expectOnlyAdded(store, before, report.imported);
  });

  it('brat: names every annotation outside the text, reversed, negative or misquoted, and imports nothing from the pair', async () => {
    const { store, dir, before } = await setUp();
    await writeFile(join(dir, 'artikel.txt'), 'Ilham Alijew sprach in Baku.');
    await writeFile(join(dir, 'artikel.ann'), [
      'T1\tPER 0 12\tIlham Alijew', 'T2\tLOC 23 27\tBaku', 'T3\tLOC 50 60\tweit', 'T4\tPER 8 3\tx', 'T5\tPER 0 5\tFalsch', 'T6\tPER -1 4\tIlha', '',
    ].join('\n'));
    const report = await importInto(store, [dir]);
    expect(report.failed.map((f) => f.message)).toEqual([
      'artikel.ann line 3: T3: offsets 50 60 are outside the text (28 code points)',
      'artikel.ann line 4: T4: offsets 8 3 are reversed: the start comes after the end',
      'artikel.ann line 5: T5: text "Falsch" differs from the text at 0 5: "Ilham"',
      'artikel.ann line 6: T6: an offset cannot be negative ("PER -1 4")',
    ]);
    expect(report.spansAdded).toBe(0);
    expectGoodImported(report);
    await expectOnlyAdded(store, before, report.imported);
  });
});

describe('paths that lead out of the imported folder', () => {
  /** A folder beside the imported one, with a text that must never be read. */
  async function outside(): Promise<string> {
    const out = await makeTempDir('tagwerk-outside-');
    await writeFile(join(out, 'geheim.txt'), 'Geheim: Passwort 1234.');
    await writeFile(join(out, 'geheim.ann'), 'T1\tPER 0 6\tGeheim\n');
    return out;
  }
  const expectSecretUnread = async (store: ProjectStore) => {
    expect(store.documents().map((d) => d.text)).not.toContainEqual(expect.stringContaining('Passwort'));
    for (const content of Object.values(await snapshot(store.dir))) expect(content).not.toContain('Passwort');
  };

  it('follows no symbolic link inside a folder or next to a named brat .ann to a file outside', async () => {
    const { store, dir, before } = await setUp();
    const out = await outside();
    await writeFile(join(dir, 'brief.ann'), 'T1\tPER 0 6\tGeheim\n');
    await symlink(join(out, 'geheim.txt'), join(dir, 'brief.txt'));
    await symlink(join(out, 'geheim.txt'), join(dir, 'kopie.txt'));
    await symlink(out, join(dir, 'draussen'));
    const missingText = 'brief.ann: no brief.txt next to it: brat offsets need the text';

    const folder = await importInto(store, [dir]);
    expect(folder.failed.map((f) => f.message)).toEqual([missingText]);
    const name = basename(dir);
    const notFollowed = 'a symbolic link, not followed (an import reads only what is inside the folder)';
    expect(folder.warnings.map((w) => w.message)).toEqual([
      `${name}/brief.txt: ${notFollowed}`, `${name}/draussen: ${notFollowed}`, `${name}/kopie.txt: ${notFollowed}`,
    ]);
    expectGoodImported(folder);
    const named = await importInto(store, [join(dir, 'brief.ann')]);
    expect(named.failed.map((f) => f.message)).toEqual([missingText]);
    expect(named.warnings.map((w) => w.message)).toEqual([`brief.txt: ${notFollowed}`]);
    expect(named.imported).toEqual([]);
    await expectSecretUnread(store);
    await expectOnlyAdded(store, before, folder.imported);
  });

  it('reads no file named by source_file in a JSONL record or by fileName in a bundle', async () => {
    const { store, dir, before } = await setUp();
    const out = await outside();
    const relative = join('..', '..', out.split('/').pop()!, 'geheim.txt');
    await writeFile(join(dir, 'pfad.jsonl'), `${JSON.stringify({ id: '../../etc/passwd', text: GOOD_TEXT, meta: { source_file: relative } })}\n`);
    const secret = 'Geheim: Passwort 1234.';
    const stamp = '2025-07-01T00:00:00.000Z';
    await writeFile(join(dir, 'pfad.tagwerk'), JSON.stringify({
      kind: 'tagwerk-bundle', schemaVersion: 1, offsetUnit: 'codepoint', annotator: { id: 'clara', name: 'Clara' }, tagSchema: { labels: [] },
      documents: [{
        id: 'geheim', title: 'Geheim', fileName: relative, sha256: sha256Hex(secret), length: secret.length, relations: [],
        spans: [{ id: 's1', start: 0, end: 6, label: 'actor', quote: 'Geheim', attributes: {}, createdAt: stamp, modifiedAt: stamp }],
      }],
    }));
    const report = await importInto(store, [join(dir, 'pfad.jsonl'), join(dir, 'pfad.tagwerk')]);
    expect(report.failed).toEqual([]);
    expect(report.spansRejected.map((r) => r.message)).toEqual([
      `pfad.tagwerk (geheim) "Geheim": its text is not in this project (SHA-256 ${sha256Hex(secret).slice(0, 12)}…): import the article first; its 1 span(s) were not imported`,
    ]);
    expect(report.imported.map((d) => d.fileName)).toEqual(['pfad.jsonl:1']);
    const doc = store.getDocument(report.imported[0].documentId)!;
    expect([doc.text, doc.source.fileName, doc.meta]).toEqual([GOOD_TEXT, 'pfad.jsonl', { language: 'de' }]);
    await expectSecretUnread(store);
    await expectOnlyAdded(store, before, report.imported);
  });
});

describe('symbolic link loops', () => {
  it('a folder linking to itself and to its parent imports each real file once and finishes', { timeout: 10_000 }, async () => {
    const { store, dir } = await setUp();
    await mkdir(join(dir, 'unter'));
    await writeFile(join(dir, 'unter', 'zwei.txt'), 'Ein zweiter Text über Berg-Karabach.');
    await symlink('.', join(dir, 'loop'));
    await symlink('..', join(dir, 'unter', 'hoch'));
    const report = await importInto(store, [dir]);
    expect(report.failed).toEqual([]);
    expect(report.warnings.map((w) => w.fileName)).toEqual([`${basename(dir)}/loop`, `${basename(dir)}/unter/hoch`]);
    expect(report.imported.map((d) => d.fileName)).toEqual(['gut.txt', 'zwei.txt']);
    expect(store.documents()).toHaveLength(4);
  });
});
