/**
 * The benchmarks (`npm run bench`) keep working: each Node benchmark runs at its smoke size and
 * writes a report whose figures all carry measured numbers. Timings are not asserted here —
 * budgets are checked by the benchmark itself on the full workloads (docs/performance.md).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../..');

function smokeRun(bench: string) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench', `${bench}.mts`), '--smoke'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(readFileSync(join(root, 'bench/results', `${bench}.smoke.json`), 'utf8'));
}

describe('benchmarks at smoke size', () => {
  it('editor-ops measures the per-edit pipeline on a W1 document built from GermEval', () => {
    const result = smokeRun('editor-ops');
    expect(result.smoke).toBe(true);
    expect(result.workload.spans).toBe(400);
    expect(result.workload.nested).toBe(100);
    expect(result.figures.map((f: { id: string }) => f.id)).toEqual(['w1-node-edit', 'w1-node-suggestions', 'w1-node-serialise']);
    for (const f of result.figures) expect(Number.isFinite(f.median) && f.median >= 0, f.id).toBe(true);
  }, 120_000);

  it('corpus builds W2 and measures open, exports, agreement and import', () => {
    const result = smokeRun('corpus');
    expect(result.smoke).toBe(true);
    const ids = result.figures.map((f: { id: string }) => f.id);
    for (const id of ['w2-open', 'w2-export-jsonl-ratio', 'w2-export-conll', 'w2-agreement', 'w2-import']) expect(ids).toContain(id);
    for (const f of result.figures) expect(Number.isFinite(f.median), f.id).toBe(true);
  }, 120_000);
});
