/**
 * W1 in Chromium: the built renderer in the browser mode (`tagwerk serve`), headless Debian
 * Chromium, a project holding one ~1 MB document with 20,000 annotations. Measures what a
 * researcher feels: opening the document, a key press that creates an annotation, scrolling the
 * whole text, the UI thread's share of saving, and the renderer's memory.
 *
 * Needs the built renderer (`npm run build:web`). Run: npx tsx bench/w1-browser.mts [--runs N] [--smoke]
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { chromium, type Browser, type Page } from '@playwright/test';
import { createProject, openProjectStore } from '../src/main/services/project-store';
import { importPaths } from '../src/main/services/import-service';
import { createOffsetIndex } from '../src/shared/text/offsets';
import { figure, median, percentile, repoRoot, runCount, smoke, writeResult, type Figure } from './report.mts';
import { w1Layer, w1Text } from './workloads.mts';
import { serve } from '../tests/e2e/serve-fixture';
import { keyTimings, type KeyTiming } from './press-trace.mts';

/** A label key press: its timings, and whether it created an annotation. */
interface Press extends KeyTiming { created: boolean }

/**
 * `--app DIR`: serve another checkout of Tagwerk (its `bin/tagwerk.cjs` and built renderer), to
 * compare a baseline with this one under the same conditions. Default: this checkout.
 */
const appAt = process.argv.indexOf('--app');
const appRoot = appAt >= 0 ? process.argv[appAt + 1] : repoRoot;
const ANNOTATOR = 'Bench';
const ANNOTATOR_ID = 'bench';
/** Cold opens (the backend just started, a fresh browser profile), then warm ones (reloads). */
const colds = smoke ? 1 : Math.min(runCount(3), 3);
const opens = smoke ? 1 : runCount(5);
/** Label key presses that create an annotation, measured after `warmUp` unmeasured ones. */
const presses = smoke ? 3 : 40;
const warmUp = smoke ? 0 : 5;
/**
 * Between presses, the bench waits until the last edit is saved and then this long: the pace of
 * a person tagging quickly (select a word, press a key) rather than a key held down, so that one
 * press's save does not run on the machine's other core during the next press.
 */
const PACE_MS = 200;
const chars = smoke ? 20_000 : 1_000_000;
const spanCount = smoke ? 400 : 20_000;

if (!existsSync(join(appRoot, 'out/renderer/index.html'))) {
  console.error('The renderer is not built: run `npm run build:web` first.');
  process.exit(2);
}

/** A project with the W1 document and the annotator's layer on it, written through the store. */
async function buildProject(dir: string): Promise<{ chars: number; spans: number; nested: number }> {
  await createProject(dir, { name: 'W1 long document', language: 'de' });
  const store = await openProjectStore(dir);
  const source = join(dir, '..', 'w1-long-document.txt');
  await writeFile(source, w1Text(chars));
  await importPaths(store, [source], { fallbackAnnotator: ANNOTATOR });
  const doc = store.documents()[0];
  const ctx = { text: doc.text, index: createOffsetIndex(doc.text), now: new Date().toISOString() };
  const layer = w1Layer(ctx, doc.id, ANNOTATOR_ID, doc.source.sha256, spanCount);
  await store.updateLayer(doc.id, ANNOTATOR_ID, () => layer);
  await store.flush();
  return { chars: doc.text.length, spans: layer.spans.length, nested: layer.spans.filter((s) => /^n\d/.test(s.id)).length };
}

/**
 * Installed before the app loads: records the time since navigation start at the first frame
 * that shows the article's text with a highlight in view (`__painted`, ms).
 */
const WATCH_OPEN = `(() => {
  const check = () => {
    const pane = document.querySelector('.tw-main');
    const span = document.querySelector('.tw-article-text .tw-span');
    if (pane && document.querySelector('.tw-article-text p') && span && span.getBoundingClientRect().top < pane.getBoundingClientRect().bottom) {
      // After this rAF callback, style, layout and paint of the frame run in the same task.
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => { window.__painted = performance.now(); };
        channel.port2.postMessage(null);
      });
      return;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})()`;

/** Loads the app, which opens the project's document: ms from navigation start to the painted text. */
async function openDocument(page: Page, url: string): Promise<number> {
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(() => (window as unknown as { __painted?: number }).__painted, null, { timeout: 60_000, polling: 50 });
  const painted = Number(await handle.jsonValue());
  // The backend then computes the document's suggestions; the next step starts once it is idle.
  await page.waitForLoadState('networkidle');
  return painted;
}

/**
 * Selects the `n`th word in view and presses the label key; resolves once the highlight is in
 * the DOM, with whether the press created an annotation (a word already tagged so is only
 * selected). The timings come from the browser's trace (`press-trace.mts`).
 */
async function pressLabelKey(page: Page, n: number): Promise<{ created: boolean }> {
  const armed = await page.evaluate((n) => {
    const root = document.querySelector('.tw-article-text')!;
    const pane = document.querySelector('.tw-main')!.getBoundingClientRect();
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const visible: Text[] = [];
    for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
      if (!/\p{L}{4,}/u.test(t.data)) continue;
      const r = t.parentElement!.getBoundingClientRect();
      if (r.top > pane.top + 60 && r.bottom < pane.bottom - 60) visible.push(t);
    }
    if (!visible.length) return false;
    const node = visible[(n * 7) % visible.length];
    const m = /\p{L}{4,}/u.exec(node.data)!;
    getSelection()!.setBaseAndExtent(node, m.index, node, m.index + m[0].length);
    const w = window as unknown as { __press?: Promise<{ created: boolean }> };
    w.__press = new Promise((resolve) => {
      let pressed = false;
      const observer = new MutationObserver(() => {
        // The annotation is painted selected.
        if (!pressed || !root.querySelector('.tw-selected')) return;
        observer.disconnect();
        // A new annotation is being saved; selecting an existing one saves nothing.
        resolve({ created: !!document.querySelector('.tw-save-saving') });
      });
      observer.observe(root, { childList: true, subtree: true, attributes: true });
      window.addEventListener('keydown', () => { pressed = true; }, { capture: true, once: true });
    });
    return true;
  }, n);
  if (!armed) throw new Error('no word in view to select');
  // ProseMirror reads the DOM selection on selectionchange; give it two frames.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.keyboard.press('2');
  const press = await page.evaluate(() => (window as unknown as { __press: Promise<{ created: boolean }> }).__press);
  // Deselect (Escape) so that the next press creates a new annotation instead of retagging.
  await page.keyboard.press('Escape');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForSelector('.tw-save-saved', { timeout: 10_000 });
  await page.waitForTimeout(PACE_MS);
  return press;
}

/** Scrolls the article pane from top to bottom, one step per frame; returns the frame times. */
async function scrollThrough(page: Page): Promise<{ frames: number[]; height: number }> {
  return page.evaluate(() => new Promise<{ frames: number[]; height: number }>((resolve) => {
    const pane = document.querySelector<HTMLElement>('.tw-main')!;
    pane.scrollTop = 0;
    const frames: number[] = [];
    let last = 0;
    const step = () => {
      const now = performance.now();
      if (last) frames.push(now - last);
      last = now;
      if (pane.scrollTop + pane.clientHeight >= pane.scrollHeight - 2) { resolve({ frames, height: pane.scrollHeight }); return; }
      pane.scrollTop += Math.round(pane.clientHeight * 0.8);
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  }));
}

/**
 * Memory of the page's renderer process (MB), found through the browser's process list: its
 * private memory (what Chrome's task manager calls the memory footprint: pages no other
 * process shares) and, for reference, its resident set, which also counts Chromium's shared
 * code and fonts. With `collect`, after a full garbage collection: what the page keeps, not what
 * the collector has not got round to yet.
 */
async function rendererMemory(page: Page, collect: boolean): Promise<{ privateMB: number; rssMB: number; jsHeapMB: number }> {
  const session = await page.context().newCDPSession(page);
  if (collect) await session.send('HeapProfiler.collectGarbage');
  await session.send('Performance.enable');
  const { metrics } = await session.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  const browserSession = await page.context().browser()!.newBrowserCDPSession();
  const info = await browserSession.send('SystemInfo.getProcessInfo') as { processInfo: { type: string; id: number }[] };
  const kB = (rollup: string, field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0);
  const renderers = info.processInfo.filter((p) => p.type === 'renderer').map((p) => {
    try {
      const rollup = readFileSync(`/proc/${p.id}/smaps_rollup`, 'utf8');
      return { privateMB: (kB(rollup, 'Private_Clean') + kB(rollup, 'Private_Dirty')) / 1024, rssMB: kB(rollup, 'Rss') / 1024 };
    } catch { return { privateMB: 0, rssMB: 0 }; }
  }).sort((a, b) => b.privateMB - a.privateMB);
  return { ...(renderers[0] ?? { privateMB: 0, rssMB: 0 }), jsHeapMB: heap / 2 ** 20 };
}

const work = await mkdtemp(join(tmpdir(), 'tagwerk-bench-w1-'));
const project = join(work, 'project');
process.stderr.write('W1: building the project…\n');
const workload = await buildProject(project);
const startBackend = () => serve(join(work, 'home'), ['--project', project], { annotator: ANNOTATOR, appRoot, timeoutMs: 60_000 });
const stopBackend = async (child: ChildProcess) => { child.kill('SIGTERM'); await new Promise((r) => child.once('exit', r)); };
let backend = await startBackend();
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--enable-precise-memory-info'],
});
const figures: Figure[] = [];

/** A page in a fresh browser profile (empty cache), set up to time the open. */
async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
  const page = await context.newPage();
  // tsx keeps function names with a helper (__name) that functions sent to the page call.
  await page.addInitScript('globalThis.__name = (f) => f');
  await page.addInitScript(WATCH_OPEN);
  page.on('pageerror', (e) => process.stderr.write(`page error: ${e.message}\n`));
  return page;
}

/** Where the open's time went: each request of the app from navigation start (ms). */
async function printRequests(page: Page): Promise<void> {
  const requests = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => {
    const r = e as PerformanceResourceTiming;
    return `${r.startTime.toFixed(0).padStart(5)} → ${r.responseEnd.toFixed(0).padStart(5)} ms  ${(r.transferSize / 1024).toFixed(0).padStart(6)} kB  ${r.name.replace(/^https?:\/\/[^/]+/, '')}`;
  }));
  process.stderr.write(`${requests.join('\n')}\n`);
}

try {
  // Cold: each time a backend just started and a browser profile with nothing cached.
  const coldTimes: number[] = [];
  for (let i = 0; i < colds; i++) {
    if (i > 0) { await stopBackend(backend.process); backend = await startBackend(); }
    const page = await freshPage(browser);
    coldTimes.push(await openDocument(page, backend.url));
    if (i === 0) await printRequests(page);
    process.stderr.write(`W1 cold open ${i + 1}/${colds}: ${coldTimes[i].toFixed(0)} ms\n`);
    await page.context().close();
  }
  const page = await freshPage(browser);
  const url = backend.url;
  await openDocument(page, url);

  // TAGWERK_BENCH_PROFILE=file.cpuprofile: CPU profiles of the last open and of the key presses
  // (open them in DevTools' Performance panel).
  const profile = process.env.TAGWERK_BENCH_PROFILE;
  const profiler = profile ? await page.context().newCDPSession(page) : null;
  if (profiler) { await profiler.send('Profiler.enable'); await profiler.send('Profiler.setSamplingInterval', { interval: 100 }); }
  // Warm: reloads, the backend running and the app cached.
  const openTimes: number[] = [];
  for (let i = 0; i < opens; i++) {
    if (profiler && i === opens - 1) await profiler.send('Profiler.start');
    openTimes.push(await openDocument(page, url));
    if (profiler && i === opens - 1) await printRequests(page);
    if (profiler && profile && i === opens - 1) await writeFile(profile.replace(/(\.cpuprofile)?$/, '.open.cpuprofile'), JSON.stringify((await profiler.send('Profiler.stop')).profile));
    process.stderr.write(`W1 warm open ${i + 1}/${opens}: ${openTimes[i].toFixed(0)} ms\n`);
  }

  if (profiler) await profiler.send('Profiler.start');
  // The key presses are timed from a trace (press-trace.mts). TAGWERK_BENCH_TRACE=file.json keeps
  // it; TAGWERK_BENCH_TRACE_CATEGORIES adds categories (a detailed trace slows the page down).
  const trace = process.env.TAGWERK_BENCH_TRACE ?? join(work, 'presses.trace.json');
  await browser.startTracing(page, { path: trace, categories: ['devtools.timeline', ...(process.env.TAGWERK_BENCH_TRACE_CATEGORIES?.split(',') ?? [])] });
  const outcomes: boolean[] = [];
  for (let i = 0; outcomes.filter(Boolean).length < warmUp + presses && i < (warmUp + presses) * 3; i++) {
    // On to words not tagged yet now and then, as a person reading on.
    if (i > 0 && i % 8 === 0) {
      await page.evaluate(() => { const pane = document.querySelector('.tw-main')!; pane.scrollTop += pane.clientHeight * 0.8; });
      await page.waitForTimeout(300);
    }
    outcomes.push((await pressLabelKey(page, i)).created);
  }
  await browser.stopTracing();
  // Every press is followed by an Escape: the label keys are every other keydown.
  const keys = keyTimings(JSON.parse(await readFile(trace, 'utf8')));
  if (keys.length !== outcomes.length * 2) throw new Error(`the trace holds ${keys.length} key presses, expected ${outcomes.length * 2}`);
  const pressed: Press[] = outcomes.map((created, i) => ({ ...keys[2 * i], created }));
  const creations = pressed.filter((p) => p.created);
  const measured = creations.slice(warmUp);
  if (measured.length < presses) throw new Error(`only ${creations.length} of ${pressed.length} presses created an annotation`);
  if (profiler && profile) await writeFile(profile, JSON.stringify((await profiler.send('Profiler.stop')).profile));
  const saveUi = await page.evaluate(() => performance.getEntriesByName('tagwerk:save-ui').map((e) => e.duration));
  const durable = await page.evaluate(() => performance.getEntriesByName('tagwerk:save-durable').map((e) => e.duration));

  // TAGWERK_BENCH_SCREENSHOTS=dir: what the measured page looked like, at the top and mid-way.
  const shots = process.env.TAGWERK_BENCH_SCREENSHOTS;
  if (shots) {
    await page.screenshot({ path: join(shots, 'w1-top.png') });
    await page.evaluate(() => { const pane = document.querySelector('.tw-main')!; pane.scrollTop = pane.scrollHeight * 0.6; });
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(shots, 'w1-middle.png') });
  }
  const memoryOpen = await rendererMemory(page, true);
  const scrolls: { frames: number[]; height: number }[] = [];
  for (let i = 0; i < (smoke ? 1 : 3); i++) scrolls.push(await scrollThrough(page));
  // After the whole text has been on screen: the most the renderer holds for it.
  const uncollected = await rendererMemory(page, false);
  const memory = await rendererMemory(page, true);

  const workOf = (p: Press) => p.processing + p.render;
  const presented = measured.map((p) => p.presented);
  const mainThread = measured.map(workOf);
  const firsts = creations.slice(0, warmUp).map(workOf);
  const reselects = pressed.filter((p) => !p.created).map(workOf);
  figures.push(
    figure('w1-open-cold', 'W1: open, cold (the backend just started, nothing cached)', 'ms', coldTimes, { limit: 1000, text: '≤ 1.0 s' },
      'from navigation start, the app and its requests included; a fresh backend and browser profile each run'),
    figure('w1-open', 'W1: open the document until text and visible highlights are painted', 'ms', openTimes,
      { limit: 1000, text: '≤ 1.0 s' }, 'reloads of the app, backend running; from navigation start'),
    figure('w1-key-work-p95', 'W1: key press, main-thread work until its highlight is painted, p95', 'ms', [percentile(mainThread, 0.95)], { limit: 16, text: 'p95 ≤ 16 ms' },
      `${presses} presses that created an annotation; median ${median(mainThread).toFixed(1)} ms = the key's handlers ${median(measured.map((p) => p.processing)).toFixed(1)} ms `
        + `(p95 ${percentile(measured.map((p) => p.processing), 0.95).toFixed(1)}) + the next frame's style, layout, paint and commit ${median(measured.map((p) => p.render)).toFixed(1)} ms `
        + `(p95 ${percentile(measured.map((p) => p.render), 0.95).toFixed(1)})`
        + (firsts.length ? `; the ${firsts.length} presses before them, the first after opening (not in the figure): ${firsts.map((w) => w.toFixed(0)).join(', ')} ms` : '')
        + (reselects.length ? `; ${reselects.length} presses on a word already tagged so only selected it: median ${median(reselects).toFixed(1)} ms` : '')),
    figure('w1-key-to-screen-p95', 'W1: key press until the frame showing its highlight is on screen, p95', 'ms', [percentile(presented, 0.95)], { limit: 33.4, text: 'p95 ≤ 2 frames' },
      `median ${median(presented).toFixed(1)} ms; the browser's Event Timing (what INP measures): includes waiting for the next frame (vsync) and the compositor`),
    figure('w1-scroll-long-frames', 'W1: scroll through the whole document, frames over 50 ms', 'count', scrolls.map((s) => s.frames.filter((f) => f > 50).length),
      { limit: 0, text: '0' }, `${scrolls[0].frames.length} frames per pass over ${Math.round(scrolls[0].height)} px; slowest ${Math.max(...scrolls.flatMap((s) => s.frames)).toFixed(0)} ms`),
    figure('w1-save-ui', 'W1: durable save after an edit, time on the UI thread', 'ms', saveUi, { limit: 4, text: '≤ 4 ms' },
      `until durable (backend write + fsync): median ${median(durable).toFixed(0)} ms`),
    figure('w1-memory', 'Renderer memory with W1 open (private footprint after a garbage collection)', 'MB', [Math.max(memoryOpen.privateMB, memory.privateMB)], { limit: 400, text: '≤ 400 MB' },
      `after opening and ${creations.length} edits ${memoryOpen.privateMB.toFixed(0)} MB, after scrolling through the whole text ${memory.privateMB.toFixed(0)} MB (JS heap ${memory.jsHeapMB.toFixed(0)} MB; resident set with shared pages ${memory.rssMB.toFixed(0)} MB); before that collection ${uncollected.privateMB.toFixed(0)} MB`),
  );
} finally {
  await browser.close();
  await stopBackend(backend.process);
  await rm(work, { recursive: true, force: true });
}
writeResult(appAt >= 0 ? 'w1-browser-app' : 'w1-browser', { document: 'W1', ...workload, colds, opens, presses, ...(appAt >= 0 ? { app: appRoot } : {}) }, figures);
