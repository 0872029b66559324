/**
 * `npm run bench`: every benchmark in turn, each in its own process (so that one's memory and
 * JIT state do not colour the next), then one table and `bench/results/latest.json`.
 * The renderer must be built (`npm run bench` builds it first).
 *
 * Run: npx tsx bench/run.mts [--runs N] [--smoke] [--only editor-ops,w1-browser,corpus]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { machine, printTable, resultsDir, smoke, type BenchResult } from './report.mts';

const BENCHES = ['editor-ops', 'w1-browser', 'corpus'];
const onlyAt = process.argv.indexOf('--only');
const chosen = onlyAt >= 0 ? process.argv[onlyAt + 1].split(',') : BENCHES;
const unknown = chosen.filter((b) => !BENCHES.includes(b));
if (unknown.length) { console.error(`Unknown benchmark: ${unknown.join(', ')} (there are ${BENCHES.join(', ')})`); process.exit(2); }
const passOn = process.argv.slice(2).filter((_, i, all) => all[i] !== '--only' && all[i - 1] !== '--only');

const results: BenchResult[] = [];
let failed = 0;
for (const bench of chosen) {
  process.stderr.write(`\n== ${bench}\n`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, `${bench}.mts`), ...passOn], { stdio: 'inherit' });
  if (run.status !== 0) { failed++; process.stderr.write(`${bench} failed (exit ${run.status})\n`); continue; }
  results.push(JSON.parse(readFileSync(join(resultsDir, `${bench}${smoke ? '.smoke' : ''}.json`), 'utf8')) as BenchResult);
}

const figures = results.flatMap((r) => r.figures);
const latest = { at: new Date().toISOString(), smoke, machine: machine(), benches: results };
writeFileSync(join(resultsDir, smoke ? 'latest.smoke.json' : 'latest.json'), `${JSON.stringify(latest, null, 2)}\n`);
console.log('');
printTable(figures);
const over = figures.filter((f) => f.pass === false);
console.log(`\n${figures.length} figures, ${figures.filter((f) => f.pass).length} within budget, ${over.length} over${failed ? `, ${failed} benchmark(s) failed` : ''}; report: bench/results/${smoke ? 'latest.smoke.json' : 'latest.json'}`);
process.exit(failed ? 1 : 0);
