/**
 * Crash safety: a process changing a project is killed with SIGKILL at random moments — while
 * creating spans, while saving edits the way the app does (add, move and relabel, delete), and
 * while importing articles. After every kill each project file must still load
 * (validate(migrate(raw))), the project must open without problems, and everything the service
 * had acknowledged before the kill must be on disk: a kill loses nothing acknowledged.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openProjectStore } from '../../src/main/services/project-store';
import { loadFile, type FileKind } from '../../src/shared/model/migrate';
import { germevalSentences } from '../fixtures/corpora';
import { cpSlice, importPaths, listFiles, makeTempDir, newProject, removeTempDirs, REPO_ROOT, SEEDS_DIR } from './project-fixtures';

afterAll(removeTempDirs);

const CHILD = join(REPO_ROOT, 'tests/fixtures/crash-child.ts');
const ANNOTATOR = 'Anna Müller';
const ANNOTATOR_ID = 'anna-mueller';

interface Round { delayMs: number; lines: string[]; stderr: string }

/**
 * Starts the child in `mode`, kills it `delayMs` after it is ready — or, with `after`, `delayMs`
 * after its output first satisfies `after` — and returns its complete output lines.
 */
function runAndKill(mode: 'spans' | 'edits' | 'import', projectDir: string, delayMs: number, sourceDir?: string, after?: (out: string) => boolean): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, mode, projectDir, ANNOTATOR, ...(sourceDir ? [sourceDir] : [])], {
      cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let stderr = '';
    let timer: ReturnType<typeof setTimeout> | null = null;
    const guard = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`child never got ready: ${stderr}`)); }, 20_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (!timer && out.startsWith('ready\n') && (!after || after(out))) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      if (signal !== 'SIGKILL') { reject(new Error(`child ended by itself (code ${code}): ${stderr}`)); return; }
      // Only complete lines count: a line cut by the kill was not acknowledged.
      resolve({ delayMs, stderr, lines: out.split('\n').slice(1, -1) });
    });
  });
}

const randomDelay = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

/** Which kind of Tagwerk file a path inside the project is. */
function kindOf(rel: string): FileKind {
  if (rel === 'tagwerk.json') return 'tagwerk-project';
  if (rel.startsWith('documents/')) return 'tagwerk-document';
  if (rel.startsWith('annotations/')) return 'tagwerk-layer';
  throw new Error(`unexpected file ${rel}`);
}

/** Every JSON file of the project parses and validates, and the project opens without problems. */
async function checkFiles(dir: string, context: string) {
  // Temporary files of interrupted writes are hidden (dot) files; entity and place lists are not touched here.
  const files = (await listFiles(dir)).filter((f) => f.endsWith('.json') && !f.split('/').some((p) => p.startsWith('.')));
  expect(files, context).toContain('tagwerk.json');
  for (const rel of files) {
    const text = await readFile(join(dir, rel), 'utf8');
    expect(() => loadFile(kindOf(rel), JSON.parse(text)), `${context}: ${rel}`).not.toThrow();
  }
  const reopened = await openProjectStore(dir);
  expect(reopened.problems, context).toEqual([]);
  return { store: reopened, files: files.length };
}

/** What the crash tests did, for the record (printed with the test run). */
const figures: string[] = [];
afterAll(() => { if (figures.length) console.info(`crash safety: ${figures.join('; ')}`); });

describe('crash safety', () => {
  it('loses no span createSpan acknowledged and never leaves a torn file', async () => {
    const store = await newProject('Crash');
    expect((await importPaths(store, [SEEDS_DIR])).imported).toHaveLength(2);
    const texts = new Map(store.documents().map((d) => [d.id, d.text]));
    const acknowledged: { documentId: string; spanId: string }[] = [];
    const delays: number[] = [];
    const rounds = 12;
    for (let round = 0; round < rounds; round++) {
      const delayMs = randomDelay(30, 600);
      delays.push(delayMs);
      const result = await runAndKill('spans', store.dir, delayMs);
      acknowledged.push(...result.lines.map((l) => { const [documentId, spanId] = l.split(' '); return { documentId, spanId }; }));
      const context = `spans round ${round + 1}, killed ${delayMs} ms after start, ${result.lines.length} acknowledged`;
      const { store: reopened } = await checkFiles(store.dir, context);
      for (const [documentId, text] of texts) {
        const layer = await reopened.getLayer(documentId, ANNOTATOR_ID);
        const ids = new Set(layer.spans.map((s) => s.id));
        expect(acknowledged.filter((a) => a.documentId === documentId && !ids.has(a.spanId)), context).toEqual([]);
        for (const s of layer.spans) expect(cpSlice(text, s.start, s.end), context).toBe(s.quote);
      }
    }
    // The kills must have hit a process that was writing.
    expect(acknowledged.length).toBeGreaterThan(rounds);
    figures.push(`createSpan: ${rounds} kills at ${Math.min(...delays)}–${Math.max(...delays)} ms, ${acknowledged.length} acknowledged spans checked, 0 lost`);
  }, 90_000);

  it('keeps every edit the app\'s save path acknowledged — adding, moving, relabelling, deleting — through kills', async () => {
    const store = await newProject('Crash edits');
    expect((await importPaths(store, [SEEDS_DIR])).imported).toHaveLength(2);
    const texts = new Map(store.documents().map((d) => [d.id, d.text]));
    const delays: number[] = [];
    let checked = 0;
    const rounds = 12;
    for (let round = 0; round < rounds; round++) {
      const delayMs = randomDelay(30, 600);
      delays.push(delayMs);
      const result = await runAndKill('edits', store.dir, delayMs);
      // Per span: the states announced, in order, and how far the acknowledgements got.
      const spans = new Map<string, { documentId: string; wanted: string[]; done: number }>();
      for (const line of result.lines) {
        const [kind, documentId, spanId, state] = line.split(' ');
        const entry = spans.get(spanId) ?? { documentId, wanted: [], done: -1 };
        spans.set(spanId, entry);
        if (kind === 'want') entry.wanted.push(state); else entry.done = entry.wanted.lastIndexOf(state);
      }
      const context = `edits round ${round + 1}, killed ${delayMs} ms after start, ${result.lines.filter((l) => l.startsWith('done')).length} acknowledged`;
      const { store: reopened } = await checkFiles(store.dir, context);
      const layers = new Map(await Promise.all([...texts.keys()].map(async (id) => [id, await reopened.getLayer(id, ANNOTATOR_ID)] as const)));
      for (const [spanId, entry] of spans) {
        if (entry.done < 0) continue;
        const span = layers.get(entry.documentId)!.spans.find((s) => s.id === spanId);
        const onDisk = span ? `${span.start}-${span.end}-${span.label}` : 'deleted';
        // The acknowledged state, or one sent after it that may have reached the disk before the kill.
        expect(entry.wanted.slice(entry.done), `${context}: ${spanId}`).toContain(onDisk);
        checked++;
      }
      for (const [documentId, text] of texts) {
        for (const s of layers.get(documentId)!.spans) expect(cpSlice(text, s.start, s.end), context).toBe(s.quote);
      }
    }
    expect(checked).toBeGreaterThan(rounds);
    figures.push(`applyChange: ${rounds} kills at ${Math.min(...delays)}–${Math.max(...delays)} ms, ${checked} acknowledged span states checked, 0 lost`);
  }, 90_000);

  it('keeps every article an import reported as done through kills, in a project that still opens', async () => {
    // 1,200 short articles of real German news sentences (GermEval 2014), named in import order.
    const sources = join(await makeTempDir(), 'articles');
    await mkdir(sources);
    const sentences = germevalSentences('NER-de-test.tsv');
    const names: string[] = [];
    for (let i = 0; i < 1200; i++) {
      const name = `article-${String(i).padStart(4, '0')}.txt`;
      names.push(name);
      await writeFile(join(sources, name), sentences.slice(i * 4, i * 4 + 4).join('\n'));
    }
    const delays: number[] = [];
    let checked = 0;
    const rounds = 6;
    let interrupted = 0;
    for (let round = 0; round < rounds; round++) {
      const store = await newProject(`Crash import ${round}`);
      // Killed a few ms after the import has reported a random share of the files done: on any
      // machine, fast or slow, somewhere in the middle of the import.
      const target = randomDelay(1, names.length / 2);
      const delayMs = randomDelay(0, 30);
      delays.push(target);
      const result = await runAndKill('import', store.dir, delayMs, sources, (out) => {
        const m = /progress (\d+)\n(?![\s\S]*progress)/.exec(out);
        return !!m && Number(m[1]) >= target;
      });
      const done = Math.max(0, ...result.lines.filter((l) => l.startsWith('progress ')).map((l) => Number(l.split(' ')[1])));
      const context = `import round ${round + 1}, killed ${delayMs} ms after ${target} files were reported done, ${done} of ${names.length} by then`;
      const { store: reopened } = await checkFiles(store.dir, context);
      const onDisk = new Set(reopened.documents().map((d) => d.source.fileName));
      expect(names.slice(0, done).filter((n) => !onDisk.has(n)), context).toEqual([]);
      // Each document on disk is whole: the source it names, byte for byte.
      for (const d of reopened.documents()) {
        const bytes = await readFile(join(sources, d.source.fileName));
        expect(d.source.sha256, `${context}: ${d.source.fileName}`).toBe(createHash('sha256').update(bytes).digest('hex'));
      }
      checked += done;
      if (done < names.length) interrupted++;
    }
    // At least half the kills must have landed in the middle of the import (files come durable in
    // groups, so the last group may finish an import before a kill that follows it).
    expect(interrupted, delays.join(' ')).toBeGreaterThanOrEqual(rounds / 2);
    expect(checked).toBeGreaterThanOrEqual(delays.reduce((a, b) => a + b, 0));
    expect(checked).toBeGreaterThan(0);
    figures.push(`import: ${rounds} kills after ${Math.min(...delays)}–${Math.max(...delays)} of ${names.length} files were reported done (${interrupted} mid-import), ${checked} articles reported done checked, 0 lost`);
  }, 90_000);
});
