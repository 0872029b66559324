import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BACKGROUND_MIN_FILES, createBackgroundReader, readFilesAhead } from './background-reader';
import { readTextFiles, type FileText } from './read-files';

const root = join(__dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'tagwerk-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `count` layer-like files (umlauts, a byte order mark, an emoji), a missing file and a folder (which cannot be read as a file). */
function files(count: number, name: string): string[] {
  mkdirSync(join(dir, name));
  const paths = Array.from({ length: count }, (_, i) => {
    const path = join(dir, name, `f${i}.json`);
    writeFileSync(path, `${i % 7 === 0 ? '\ufeff' : ''}{"quote": "Bürgermeister Nr. ${i} 🕊️ in Schuscha"}\n`);
    return path;
  });
  mkdirSync(join(dir, name, 'folder.json'));
  paths.splice(3, 0, join(dir, name, 'missing.json'), join(dir, name, 'folder.json'));
  return paths;
}

/** What `readTextFiles` gives, on this thread: the reference. */
async function expected(paths: readonly string[]): Promise<FileText[]> {
  const out: FileText[] = [];
  await readTextFiles(paths, (text) => out.push(text));
  return out;
}

/** Texts and errors comparable: an error by its message (which is all a problem report shows). */
const plain = (texts: readonly FileText[]) => texts.map((t) => (t instanceof Error ? { error: t.message } : t));

describe('createBackgroundReader', () => {
  it('reads files on its worker exactly as readTextFiles reads them: texts, null for a missing file, the error for an unreadable one', async () => {
    const paths = files(BACKGROUND_MIN_FILES * 3, 'many');
    const texts = await createBackgroundReader().read(paths);
    expect(plain(texts)).toEqual(plain(await expected(paths)));
    expect(texts[3]).toBeNull();
    expect(texts[4]).toBeInstanceOf(Error);
    expect((texts[4] as Error).message).toContain('EISDIR');
  });

  it('reads a few files on this thread, with the same result', async () => {
    const paths = files(5, 'few');
    expect(plain(await createBackgroundReader().read(paths))).toEqual(plain(await expected(paths)));
  });

  it('reads on this thread when its worker fails, and gives the same texts', async () => {
    const paths = files(BACKGROUND_MIN_FILES + 10, 'failing');
    const reader = createBackgroundReader('throw new Error("no worker here")');
    expect(plain(await reader.read(paths))).toEqual(plain(await expected(paths)));
    expect(plain(await reader.read(paths))).toEqual(plain(await expected(paths)));
  });

  it('does not keep a process alive once it has answered', () => {
    const script = `
      const { createBackgroundReader } = require(${JSON.stringify(join(__dirname, 'background-reader.ts'))});
      const paths = Array.from({ length: 200 }, () => ${JSON.stringify(join(root, 'package.json'))});
      createBackgroundReader().read(paths).then((texts) => console.log(texts.filter((t) => typeof t === 'string').length));
    `;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: root, encoding: 'utf8', timeout: 20_000 });
    expect(run.stderr).not.toMatch(/Error/);
    expect(run.stdout.trim()).toBe('200');
    expect(run.status).toBe(0);
  });
});

describe('readFilesAhead', () => {
  it('hands every text to the caller in order, over many chunks, as readTextFiles does', async () => {
    const paths = files(700, 'chunks');
    const got: [FileText, number][] = [];
    await readFilesAhead(createBackgroundReader(), paths, (text, i) => got.push([text, i]));
    expect(got.map(([, i]) => i)).toEqual(paths.map((_, i) => i));
    expect(plain(got.map(([t]) => t))).toEqual(plain(await expected(paths)));
  });

  it('hands nothing for no files', async () => {
    const got: number[] = [];
    await readFilesAhead(createBackgroundReader(), [], (_, i) => got.push(i));
    expect(got).toEqual([]);
  });
});
