/**
 * One result format for every benchmark: each script measures figures (several runs each),
 * compares them with the budgets and writes `bench/results/<name>.json`; `bench/run.mts`
 * gathers them into `bench/results/latest.json` and prints one table.
 */
import { cpus, totalmem } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const benchRoot = import.meta.dirname;
export const repoRoot = join(benchRoot, '..');
export const sharedRoot = join(repoRoot, '../shared');
export const resultsDir = join(benchRoot, 'results');

/** `--smoke`: tiny workloads that only prove the benchmark still runs (used by the tests). */
export const smoke = process.argv.includes('--smoke') || process.env.TAGWERK_BENCH_SMOKE === '1';

/** How many times each figure is measured (`--runs N`, default `fallback`; 1 in smoke mode). */
export function runCount(fallback: number): number {
  const i = process.argv.indexOf('--runs');
  const n = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return smoke ? 1 : Number.isInteger(n) && n > 0 ? n : fallback;
}

export interface Budget {
  /** The limit in the figure's unit. */
  limit: number;
  /** The budget as the issue words it. */
  text: string;
}

export interface Figure {
  id: string;
  /** What was measured, in words. */
  name: string;
  unit: 'ms' | 'MB' | 'count' | 'ratio';
  /** One value per run. */
  runs: number[];
  median: number;
  min: number;
  max: number;
  budget?: Budget;
  /** Whether the median is within the budget (absent without one). */
  pass?: boolean;
  /** What the figure is relative to, or how it was taken. */
  note?: string;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The value below which a share `p` of the values lie (nearest rank). */
export function percentile(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
}

const round = (x: number) => (Math.abs(x) >= 100 ? Math.round(x) : +x.toFixed(x >= 10 ? 1 : 2));

export function figure(id: string, name: string, unit: Figure['unit'], runs: readonly number[], budget?: Budget, note?: string): Figure {
  const m = median(runs);
  return {
    id, name, unit, runs: runs.map(round), median: round(m), min: round(Math.min(...runs)), max: round(Math.max(...runs)),
    ...(budget ? { budget, pass: m <= budget.limit } : {}), ...(note ? { note } : {}),
  };
}

export function machine() {
  return {
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    platform: `${process.platform} ${process.arch}`,
  };
}

export interface BenchResult {
  bench: string;
  at: string;
  smoke: boolean;
  machine: ReturnType<typeof machine>;
  workload: Record<string, unknown>;
  figures: Figure[];
}

/** Writes `bench/results/<name>.json` and prints the figures. */
export function writeResult(name: string, workload: Record<string, unknown>, figures: Figure[], extra: Record<string, unknown> = {}): BenchResult {
  const result: BenchResult = { bench: name, at: new Date().toISOString(), smoke, machine: machine(), workload, figures, ...extra };
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, `${name}${smoke ? '.smoke' : ''}.json`), `${JSON.stringify(result, null, 2)}\n`);
  printTable(figures);
  return result;
}

export function formatValue(value: number, unit: Figure['unit']): string {
  if (unit === 'ms') return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value} ms`;
  if (unit === 'MB') return `${value} MB`;
  if (unit === 'ratio') return `${value}×`;
  return String(value);
}

export function printTable(figures: readonly Figure[], out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): void {
  const rows = figures.map((f) => [
    f.name, formatValue(f.median, f.unit), `${formatValue(f.min, f.unit)} – ${formatValue(f.max, f.unit)}`, String(f.runs.length),
    f.budget?.text ?? '', f.pass === undefined ? '' : f.pass ? 'ok' : 'OVER',
  ]);
  const head = ['figure', 'median', 'spread (min – max)', 'runs', 'budget', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  out(line(head));
  out(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) out(line(r));
}
