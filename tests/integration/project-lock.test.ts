/**
 * One program changes a project at a time (src/main/services/project-lock.ts): in-process, and
 * with the real `tagwerk` processes — the browser mode holding a project while `tagwerk import`
 * and a second `tagwerk serve` try to change it, and what a killed holder leaves behind.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_NAME, LOCK_OWNER_FILE, lockOwner, lockProject, ProjectLockedError, STALE_MS } from '../../src/main/services/project-lock';
import { createProject } from '../../src/main/services/project-store';
import { makeTempDir, REPO_ROOT, removeTempDirs, SEED_000, SEED_003, SEEDS_DIR } from './project-fixtures';

afterAll(removeTempDirs);

const BIN = join(REPO_ROOT, 'bin/tagwerk.cjs');

// `tagwerk serve` needs the built renderer; `npm test` builds it only for the browser tests, after this.
beforeAll(() => {
  if (existsSync(join(REPO_ROOT, 'out/renderer/index.html'))) return;
  const build = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.web.config.ts', '--logLevel', 'warn'], { cwd: REPO_ROOT, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
}, 120_000);

async function newProjectDir(): Promise<string> {
  const dir = join(await makeTempDir(), 'project');
  await createProject(dir, { name: 'Lock' });
  return dir;
}

/** Makes the lock look as if its holder stopped touching it `ms` ago. */
async function age(dir: string, ms: number): Promise<void> {
  const then = new Date(Date.now() - ms);
  await utimes(join(dir, LOCK_NAME), then, then);
}

/** `tagwerk serve` on the project, resolved once it serves. */
function startServe(dir: string, home: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--project', dir], {
    env: { ...process.env, TAGWERK_HOME: home, TAGWERK_ANNOTATOR: 'Anna Müller' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => { output += chunk.toString(); if (output.includes('Open http://127.0.0.1:')) resolve(child); };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
}

function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => { child.once('exit', () => resolve()); child.kill(signal); });
}

function tagwerk(home: string, ...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, TAGWERK_HOME: home, TAGWERK_ANNOTATOR: 'Ben' } });
}

const documentsIn = async (dir: string) => (await readdir(join(dir, 'documents'))).filter((f) => f.endsWith('.json')).sort();

describe('the project lock, in one process', () => {
  it('refuses a second holder with who has the project, and lets it in once released', async () => {
    const dir = await newProjectDir();
    const first = await lockProject(dir, 'the desktop app');
    expect(await lockOwner(dir)).toMatchObject({ holder: 'the desktop app', pid: process.pid });
    const refused = await lockProject(dir, 'tagwerk import').catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(ProjectLockedError);
    expect((refused as Error).message).toMatch(new RegExp(`^The project ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is open in the desktop app \\(process ${process.pid}, since .+\\)\\. Only one program may change a project at a time`));
    await first.release();
    await first.release();
    expect(existsSync(join(dir, LOCK_NAME))).toBe(false);
    expect(existsSync(join(dir, LOCK_OWNER_FILE))).toBe(false);
    const second = await lockProject(dir, 'tagwerk import');
    await second.release();
  });

  it('takes over a lock its holder stopped touching (a program that crashed), and keeps one that is alive', async () => {
    const dir = await newProjectDir();
    await mkdir(join(dir, LOCK_NAME));
    await writeFile(join(dir, LOCK_OWNER_FILE), JSON.stringify({ holder: 'the desktop app', pid: 999999, host: 'elsewhere', since: '2026-11-20T09:00:00.000Z' }));
    await age(dir, STALE_MS / 3);
    await expect(lockProject(dir, 'tagwerk import')).rejects.toThrow(/open in the desktop app \(process 999999 on elsewhere, since/);
    await age(dir, STALE_MS * 2);
    const lock = await lockProject(dir, 'tagwerk import');
    expect(await lockOwner(dir)).toMatchObject({ holder: 'tagwerk import', pid: process.pid });
    await lock.release();
  });
});

describe('the project lock between processes', () => {
  it('keeps tagwerk import and a second tagwerk serve out while the browser mode has the project; a killed holder frees it', async () => {
    const dir = await newProjectDir();
    const home = await makeTempDir();
    expect(tagwerk(home, 'import', '--project', dir, join(SEEDS_DIR, SEED_000.file)).status).toBe(0);
    const before = await documentsIn(dir);
    expect(before).toEqual([`${SEED_000.id}.json`]);

    const served = await startServe(dir, home);
    try {
      const imported = tagwerk(home, 'import', '--project', dir, join(SEEDS_DIR, SEED_003.file));
      expect(imported.status).toBe(1);
      expect(imported.stderr).toMatch(/^tagwerk: The project .+ is open in the browser mode \(tagwerk serve\) \(process \d+, since .+\)\. Only one program may change a project at a time: close it there, then try again\./);
      expect(imported.stdout).toBe('');
      expect(await documentsIn(dir)).toEqual(before);

      const second = tagwerk(home, 'serve', '--port', '0', '--project', dir);
      expect(second.status).toBe(1);
      expect(second.stderr).toContain('is open in the browser mode (tagwerk serve)');
      expect(second.stdout).not.toContain('Open http');
    } finally {
      // Killed without a chance to clean up: the lock stays behind until it is stale.
      await stop(served, 'SIGKILL');
    }
    expect(existsSync(join(dir, LOCK_NAME))).toBe(true);
    expect(tagwerk(home, 'import', '--project', dir, join(SEEDS_DIR, SEED_003.file)).status).toBe(1);
    await age(dir, STALE_MS + 1000);
    const after = tagwerk(home, 'import', '--project', dir, join(SEEDS_DIR, SEED_003.file));
    expect(after.stderr).toBe('');
    expect(after.status).toBe(0);
    expect(await documentsIn(dir)).toEqual([`${SEED_000.id}.json`, `${SEED_003.id}.json`].sort());
    expect(existsSync(join(dir, LOCK_NAME))).toBe(false);
  }, 60_000);

  it('gives the lock back when the browser mode is stopped', async () => {
    const dir = await newProjectDir();
    const home = await makeTempDir();
    const served = await startServe(dir, home);
    await stop(served, 'SIGTERM');
    expect(existsSync(join(dir, LOCK_NAME))).toBe(false);
    expect(tagwerk(home, 'import', '--project', dir, join(SEEDS_DIR, SEED_000.file)).status).toBe(0);
  }, 30_000);
});
