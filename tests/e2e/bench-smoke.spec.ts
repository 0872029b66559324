/**
 * The browser benchmark (`bench/w1-browser.mts`) keeps working against the built renderer: at
 * smoke size it opens a W1 document, presses label keys, scrolls and reads the renderer's
 * memory, and reports every figure with a number. Budgets are for the full run, not checked here.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

const root = join(__dirname, '../..');

test('the W1 browser benchmark runs at smoke size and reports every figure', () => {
  test.setTimeout(180_000);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench/w1-browser.mts'), '--smoke'], { cwd: root, encoding: 'utf8', timeout: 170_000 });
  expect(run.status, run.stderr).toBe(0);
  const result = JSON.parse(readFileSync(join(root, 'bench/results/w1-browser.smoke.json'), 'utf8'));
  expect(result.workload.spans).toBe(400);
  expect(result.figures.map((f: { id: string }) => f.id)).toEqual(['w1-open-cold', 'w1-open', 'w1-key-work-p95', 'w1-key-to-screen-p95', 'w1-scroll-long-frames', 'w1-save-ui', 'w1-memory']);
  for (const f of result.figures) expect(Number.isFinite(f.median) && f.median >= 0, f.id).toBe(true);
  // Every key press was saved, and the memory was read from a real renderer process.
  expect(result.figures.find((f: { id: string }) => f.id === 'w1-save-ui').runs.length).toBeGreaterThan(0);
  expect(result.figures.find((f: { id: string }) => f.id === 'w1-memory').median).toBeGreaterThan(10);
});
