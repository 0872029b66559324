#!/usr/bin/env node
// `npm test`: unit and integration tests (vitest), then the browser-mode end-to-end journeys
// (Playwright in Chromium against the built renderer). Ends with one line `N passed, N failed`
// built from both runners' JSON reports.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const reports = join(root, 'test-results');
mkdirSync(reports, { recursive: true });
const vitestJson = join(reports, 'vitest.json');
const playwrightJson = join(reports, 'playwright.json');
rmSync(vitestJson, { force: true });
rmSync(playwrightJson, { force: true });

const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

let passed = 0, failed = 0, problems = [];

// Types first: a type error fails the run and counts as one failure in the summary line.
if (run(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']) !== 0 || run(bin('tsc'), ['--noEmit', '-p', 'tsconfig.shared.json']) !== 0) {
  failed++;
  problems.push('type check failed');
}

const vitestStatus = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${vitestJson}`]);
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  if (r.numFailedTestSuites > 0 && r.numFailedTests === 0) { failed += r.numFailedTestSuites; problems.push('a vitest file failed to load'); }
} else { failed++; problems.push(`vitest wrote no report (exit ${vitestStatus})`); }

const buildStatus = run(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.web.config.ts', '--logLevel', 'warn']);
if (buildStatus !== 0) { failed++; problems.push('the renderer did not build'); } else {
  const pwStatus = run(bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson });
  if (existsSync(playwrightJson)) {
    const r = JSON.parse(readFileSync(playwrightJson, 'utf8'));
    passed += r.stats.expected + r.stats.flaky;
    failed += r.stats.unexpected;
    if (r.errors?.length) { failed += r.errors.length; problems.push(...r.errors.map((e) => e.message?.split('\n')[0])); }
  } else { failed++; problems.push(`playwright wrote no report (exit ${pwStatus})`); }
}

for (const p of problems) console.log(`problem: ${p}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 || problems.length > 0 ? 1 : 0);
