/** Starts `tagwerk serve` (the browser mode) on a fresh TAGWERK_HOME and hands the test its URL. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base } from '@playwright/test';

export const repoRoot = resolve(__dirname, '../..');

export interface Served {
  url: string;
  home: string;
  projectDir: string;
  process: ChildProcess;
}

/**
 * Runs the CLI's serve command and waits for the printed URL. `appRoot`: the checkout whose CLI
 * runs (the benchmark measures other builds this way).
 */
export async function serve(home: string, args: string[] = [], options: { annotator?: string; appRoot?: string; timeoutMs?: number } = {}): Promise<Served> {
  const child = spawn(process.execPath, [join(options.appRoot ?? repoRoot, 'bin/tagwerk.cjs'), 'serve', '--port', '0', ...args], {
    env: { ...process.env, TAGWERK_HOME: home, TAGWERK_ANNOTATOR: options.annotator ?? 'E2E Tester' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not print a URL:\n${output}`)), options.timeoutMs ?? 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Open (http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+)/.exec(output);
      if (m) { clearTimeout(timer); resolveUrl(m[1]); }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`serve exited with ${code}:\n${output}`)); });
  });
  const projectDir = /\((\/[^)]+)\)/.exec(output)?.[1] ?? '';
  return { url, home, projectDir, process: child };
}

export const test = base.extend<{ served: Served }>({
  served: async ({}, use) => {
    const home = await mkdtemp(join(tmpdir(), 'tagwerk-e2e-'));
    const served = await serve(home);
    await use(served);
    served.process.kill('SIGTERM');
    await new Promise((r) => served.process.once('exit', r));
    await rm(home, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
