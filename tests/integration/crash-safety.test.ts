/**
 * Crash safety: a process that is creating spans is killed with SIGKILL at random moments.
 * After every kill each project file must still load (validate(migrate(raw))), and every span
 * whose createSpan had resolved before the kill must be in its layer with a matching quote.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openProjectStore } from '../../src/main/services/project-store';
import { loadFile, type FileKind } from '../../src/shared/model/migrate';
import { cpSlice, importPaths, listFiles, newProject, removeTempDirs, REPO_ROOT, SEEDS_DIR } from './project-fixtures';

afterAll(removeTempDirs);

const CHILD = join(REPO_ROOT, 'tests/fixtures/crash-child.ts');
const ROUNDS = 8;

interface Round { delayMs: number; acknowledged: { documentId: string; spanId: string }[]; stderr: string }

/** Starts the child, kills it `delayMs` after it is ready, and returns the spans it acknowledged. */
function runAndKill(projectDir: string, delayMs: number): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, projectDir, 'Anna Müller'], {
      cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let stderr = '';
    let timer: ReturnType<typeof setTimeout> | null = null;
    const guard = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`child never got ready: ${stderr}`)); }, 20_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (!timer && out.startsWith('ready\n')) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      if (signal !== 'SIGKILL') { reject(new Error(`child ended by itself (code ${code}): ${stderr}`)); return; }
      // Only complete lines count: a line cut by the kill was not acknowledged.
      const lines = out.split('\n').slice(1, -1);
      resolve({ delayMs, stderr, acknowledged: lines.map((l) => { const [documentId, spanId] = l.split(' '); return { documentId, spanId }; }) });
    });
  });
}

/** Which kind of Tagwerk file a path inside the project is. */
function kindOf(rel: string): FileKind {
  if (rel === 'tagwerk.json') return 'tagwerk-project';
  if (rel.startsWith('documents/')) return 'tagwerk-document';
  return 'tagwerk-layer';
}

describe('crash safety', () => {
  it('loses no acknowledged span and never leaves a torn file when the process is killed', async () => {
    const store = await newProject('Crash');
    expect((await importPaths(store, [SEEDS_DIR])).imported).toHaveLength(2);
    const texts = new Map(store.documents().map((d) => [d.id, d.text]));
    const acknowledged: Round['acknowledged'] = [];
    const rounds: Round[] = [];

    for (let round = 0; round < ROUNDS; round++) {
      const delayMs = 50 + Math.floor(Math.random() * 351);
      const result = await runAndKill(store.dir, delayMs);
      rounds.push(result);
      acknowledged.push(...result.acknowledged);
      const context = `round ${round + 1}, killed ${delayMs} ms after start, ${result.acknowledged.length} acknowledged`;

      // Every JSON file parses and validates; temp files of interrupted writes are hidden (dot) files.
      const files = (await listFiles(store.dir)).filter((f) => f.endsWith('.json'));
      expect(files, context).toContain('tagwerk.json');
      for (const rel of files) {
        const text = await readFile(join(store.dir, rel), 'utf8');
        expect(() => loadFile(kindOf(rel), JSON.parse(text)), `${context}: ${rel}`).not.toThrow();
      }

      // The project opens cleanly and holds every acknowledged span, quote matching the text.
      const reopened = await openProjectStore(store.dir);
      expect(reopened.problems, context).toEqual([]);
      expect(reopened.manifest.annotators.map((a) => a.id), context).toEqual(acknowledged.length ? ['anna-mueller'] : expect.any(Array));
      for (const [documentId, text] of texts) {
        const layer = await reopened.getLayer(documentId, 'anna-mueller');
        const ids = new Set(layer.spans.map((s) => s.id));
        const missing = acknowledged.filter((a) => a.documentId === documentId && !ids.has(a.spanId));
        expect(missing, context).toEqual([]);
        for (const s of layer.spans) expect(cpSlice(text, s.start, s.end), context).toBe(s.quote);
      }
    }
    // The kills must have hit a process that was writing: spans were acknowledged.
    expect(acknowledged.length, rounds.map((r) => `${r.delayMs}ms:${r.acknowledged.length}`).join(' ')).toBeGreaterThan(0);
  }, 60_000);
});
