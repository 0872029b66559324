/**
 * Workload W2, a large corpus: 10,000 articles (~25 MB of text) with ~300,000 annotations in two
 * annotators' layers, built deterministically from the GermEval 2014 sentences in
 * ../shared/corpora and written in the project format. Measures, through the service layer the
 * app and the CLI use, each figure in a fresh child process (cold for Tagwerk: nothing loaded
 * or cached in memory; the files themselves are in the OS page cache, as after recent use):
 *
 * - opening the project until the document list is usable (openStartProjectLocked, getProject,
 *   listDocuments, as the desktop shell and the renderer's useProject do);
 * - exports (exportToPath, as `tagwerk export` and the export dialog run it): time, and peak
 *   resident memory of the process; JSONL against a bare JSON.stringify + write of the same
 *   documents and layers in the same process;
 * - agreement over the corpus (the service's `agreement`, every figure);
 * - importing the 10,000 articles as .txt files with `tagwerk import` (runCli), with a count of
 *   the progress lines it prints, and a check that the service's importFiles reports progress.
 *
 * The articles: runs of 2–6 consecutive GermEval sentences (tokens joined by spaces, as the
 * corpus README says), a run per paragraph, until an article holds 1,500–3,000 characters
 * (plus the rest of its last run: ~2,500 on average).
 * Annotator A's layer is GermEval's own tags (PER/ORG → actor, LOC → location, outer and nested)
 * plus quoted passages (claim) and numbers before a noun (casualty_figure), thinned at random to
 * ~15 spans per article; annotator B's is a perturbed copy (spans dropped, relabelled, a token
 * wider or narrower, a few added), so that agreement is high but not perfect.
 *
 * Run: npx tsx bench/corpus.mts [--runs N] [--smoke] [--keep]. Writes bench/results/corpus.json.
 * `--keep` leaves the temporary folder (its path is printed) for profiling.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { figure, repoRoot, runCount, sharedRoot, smoke, writeResult, type Figure } from './report.mts';
import type { Attributes, Layer, Span } from '../src/shared/model/annotation';
import type { TagwerkDocument } from '../src/shared/model/document';
import { documentId } from '../src/shared/model/ids';
import { defaultTagSchema } from '../src/shared/model/tag-schema';
import { EXPORT_FORMATS } from '../src/shared/formats/registry';
import { deriveTitle } from '../src/shared/text/title';
import { toJsonText } from '../src/main/services/durable-json-file';

const ARTICLES = smoke ? 20 : 10_000;
/** Spans per article in annotator A's layer, on average. */
const SPANS_PER_ARTICLE = 15;
const SEED = 0x7a6e2;
const ANNOTATORS = [{ id: 'anna-mueller', name: 'Anna Müller' }, { id: 'ben-okafor', name: 'Ben Okafor' }] as const;
const thisFile = import.meta.filename;

// ── The corpus ───────────────────────────────────────────────────────────────────────────────

interface Sentence { words: string[]; outer: string[]; inner: string[]; date: string | null }

/** The GermEval 2014 dev and test sentences with both tag columns. */
function readSentences(): Sentence[] {
  const out: Sentence[] = [];
  for (const file of ['NER-de-dev.tsv', 'NER-de-test.tsv']) {
    let current: Sentence | null = null;
    for (const line of readFileSync(join(sharedRoot, 'corpora/germeval2014', file), 'utf8').split('\n')) {
      if (line.startsWith('#')) {
        current = { words: [], outer: [], inner: [], date: /\[(\d{4}-\d{2}-\d{2})\]/.exec(line)?.[1] ?? null };
        continue;
      }
      if (!line.trim()) { if (current?.words.length) out.push(current); current = null; continue; }
      const [, word, outer, inner] = line.split('\t');
      current?.words.push(word); current?.outer.push(outer); current?.inner.push(inner);
    }
    if (current?.words.length) out.push(current);
  }
  return out;
}

/** mulberry32: a small deterministic PRNG, numbers in [0, 1). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A token of an article: code point offsets, its word, the article's sentence it is in. */
interface Token { start: number; end: number; word: string; sentence: number }
/** A span over tokens `first`..`last` (inclusive). */
interface Candidate { first: number; last: number; label: string; attributes: Attributes }
interface Article { stem: string; date: string | null; text: string; tokens: Token[]; candidates: Candidate[] }

const ENTITY: Record<string, { label: string; attributes: Attributes }> = {
  PER: { label: 'actor', attributes: { actor_type: 'person' } },
  ORG: { label: 'actor', attributes: { actor_type: 'organisation' } },
  LOC: { label: 'location', attributes: {} },
};

/** PER, ORG and LOC entities of one tag column (IOB2; an I- of another type starts a new one). */
function entities(tags: readonly string[], base: number): Candidate[] {
  const out: Candidate[] = [];
  let open: Candidate | null = null;
  tags.forEach((tag, i) => {
    const m = /^([BI])-(.+)$/.exec(tag);
    if (m && m[1] === 'I' && open && tags[i - 1]?.slice(2) === m[2]) { open.last = base + i; return; }
    open = null;
    if (m && ENTITY[m[2]]) { open = { first: base + i, last: base + i, ...ENTITY[m[2]] }; out.push(open); }
  });
  return out;
}

/** Quoted passages of four words or more (claims) and numbers before a noun (casualty figures). */
function phrases(words: readonly string[], base: number): Candidate[] {
  const out: Candidate[] = [];
  const quotes = words.flatMap((w, i) => (w === '"' ? [i] : []));
  for (let q = 0; q + 1 < quotes.length; q += 2) {
    if (quotes[q + 1] - quotes[q] > 4) out.push({ first: base + quotes[q] + 1, last: base + quotes[q + 1] - 1, label: 'claim', attributes: { certainty: 'reported' } });
  }
  words.forEach((w, i) => {
    if (/^\d+(\.\d{3})*$/.test(w) && !/^(1[5-9]|20)\d\d$/.test(w) && /^\p{Lu}\p{Ll}/u.test(words[i + 1] ?? '')) {
      const n = Number(w.replace(/\./g, ''));
      out.push({ first: base + i, last: base + i + 1, label: 'casualty_figure', attributes: { count_min: n, count_max: n } });
    }
  });
  return out;
}

/** Article `n`: a pure function of `n`, so that it can be built twice (to count, then to write). */
function buildArticle(n: number, sentences: readonly Sentence[]): Article {
  const rand = prng(SEED ^ Math.imul(n + 1, 0x9e3779b1));
  const target = 1500 + Math.floor(rand() * 1500);
  const parts: string[] = [];
  const tokens: Token[] = [];
  const candidates: Candidate[] = [];
  let cp = 0, sentenceNo = 0, date: string | null = null;
  const put = (s: string) => { parts.push(s); cp += s.length; };
  while (cp < target) {
    if (parts.length) put('\n\n');
    const from = Math.floor(rand() * sentences.length);
    const count = 2 + Math.floor(rand() * 5);
    for (let k = 0; k < count; k++, sentenceNo++) {
      const s = sentences[(from + k) % sentences.length];
      date ??= s.date;
      if (k) put(' ');
      const base = tokens.length;
      s.words.forEach((word, i) => {
        if (i) put(' ');
        const start = cp;
        parts.push(word);
        cp += [...word].length;
        tokens.push({ start, end: cp, word, sentence: sentenceNo });
      });
      candidates.push(...entities(s.outer, base), ...entities(s.inner, base), ...phrases(s.words, base));
    }
  }
  return { stem: `w2-${String(n + 1).padStart(5, '0')}`, date, text: parts.join(''), tokens, candidates };
}

const byPosition = (a: Span, b: Span) => a.start - b.start || b.end - a.end || a.id.localeCompare(b.id);

/** The two layers of an article: A keeps each candidate with probability `keep`, B perturbs A. */
function layersOf(article: Article, doc: TagwerkDocument, n: number, keep: number): [Layer, Layer] {
  const rand = prng(SEED ^ Math.imul(n + 1, 0x85ebca6b));
  const hex = () => Math.floor(rand() * 2 ** 32).toString(16).padStart(8, '0');
  const at = (k: number) => new Date(Date.UTC(2026, 10, 1) + n * 600_000 + k * 1000).toISOString();
  const { tokens } = article;
  const span = (c: Candidate, k: number): Span => ({
    id: `s_${hex()}${hex()}`, start: tokens[c.first].start, end: tokens[c.last].end, label: c.label,
    quote: tokens.slice(c.first, c.last + 1).map((t) => t.word).join(' '), attributes: c.attributes,
    createdAt: at(k), modifiedAt: at(k),
  });
  const seen = new Set<string>();
  const a = article.candidates.filter((c) => {
    const key = `${c.first}:${c.last}:${c.label}`;
    if (seen.has(key) || rand() >= keep) return false;
    seen.add(key);
    return true;
  });
  const b: Candidate[] = [];
  const covered = new Set<number>();
  for (const c of a) {
    for (let t = c.first; t <= c.last; t++) covered.add(t);
    const r = rand();
    if (r < 0.07) continue; // missed
    if (r < 0.13) { // another label
      const label = c.label === 'actor' ? 'location' : c.label === 'location' ? 'actor' : c.label;
      b.push({ ...c, label, attributes: label === c.label ? c.attributes : label === 'actor' ? { actor_type: 'state' } : {} });
    } else if (r < 0.21) { // a token wider or narrower, within the sentence
      const sameSentence = (t: number) => tokens[t] && tokens[t].sentence === tokens[c.first].sentence;
      if (r < 0.17 && sameSentence(c.last + 1)) b.push({ ...c, last: c.last + 1 });
      else if (c.last > c.first) b.push({ ...c, last: c.last - 1 });
      else if (sameSentence(c.first - 1)) b.push({ ...c, first: c.first - 1 });
      else b.push(c);
    } else b.push(c);
  }
  // Spans only B saw: capitalised words inside sentences that A left untagged.
  let extra = Math.round(a.length * 0.08 + rand() * 0.5);
  for (let tries = 0; extra > 0 && tries < 50; tries++) {
    const t = Math.floor(rand() * tokens.length);
    if (!covered.has(t) && tokens[t - 1]?.sentence === tokens[t].sentence && /^\p{Lu}\p{Ll}+$/u.test(tokens[t].word)) {
      b.push({ first: t, last: t, label: 'actor', attributes: { actor_type: 'other' } });
      covered.add(t);
      extra--;
    }
  }
  const layer = (annotator: string, spans: Span[], status: Layer['status']): Layer => ({
    schemaVersion: 1, kind: 'tagwerk-layer', documentId: doc.id, annotator, textSha256: doc.source.sha256,
    offsetUnit: 'codepoint', status, spans: spans.sort(byPosition), relations: [],
  });
  return [
    layer(ANNOTATORS[0].id, a.map(span), 'done'),
    layer(ANNOTATORS[1].id, b.map((c, k) => span(c, k + 100)), rand() < 0.9 ? 'done' : 'in_progress'),
  ];
}

interface Workload { articles: number; chars: number; spans: number; spansByLayer: number[]; txtBytes: number; keep: number }

/** Writes the project (documents and both layers) into `dir` and every article as a .txt into `txtDir`. */
function generate(dir: string, txtDir: string): Workload {
  const sentences = readSentences();
  let total = 0;
  for (let n = 0; n < ARTICLES; n++) total += buildArticle(n, sentences).candidates.length;
  const keep = Math.min(1, (SPANS_PER_ARTICLE * ARTICLES) / total);
  mkdirSync(join(dir, 'documents'), { recursive: true });
  for (const a of ANNOTATORS) mkdirSync(join(dir, 'annotations', a.id), { recursive: true });
  mkdirSync(txtDir, { recursive: true });
  writeFileSync(join(dir, 'tagwerk.json'), toJsonText({
    schemaVersion: 1, kind: 'tagwerk-project', name: 'W2 corpus', createdAt: '2026-11-01T00:00:00.000Z',
    language: 'de', tagSchema: defaultTagSchema(), annotators: ANNOTATORS,
  }));
  const workload: Workload = { articles: ARTICLES, chars: 0, spans: 0, spansByLayer: [0, 0], txtBytes: 0, keep: +keep.toFixed(3) };
  const hashes = new Set<string>();
  for (let n = 0; n < ARTICLES; n++) {
    const article = buildArticle(n, sentences);
    const sha256 = createHash('sha256').update(article.text, 'utf8').digest('hex');
    if (hashes.has(sha256)) throw new Error(`article ${n} repeats an earlier one`);
    hashes.add(sha256);
    const file = `${article.date ? `date ${article.date}\n\n` : ''}${article.text}\n`;
    const doc: TagwerkDocument = {
      schemaVersion: 1, kind: 'tagwerk-document', id: documentId(article.stem, sha256),
      title: deriveTitle(article.text, 'de', article.stem),
      meta: { ...(article.date ? { date: article.date } : {}), language: 'de' },
      source: { fileName: `${article.stem}.txt`, format: 'txt', sha256, bytes: Buffer.byteLength(file), importedAt: '2026-11-01T00:00:00.000Z' },
      text: article.text,
    };
    writeFileSync(join(dir, 'documents', `${doc.id}.json`), toJsonText(doc));
    layersOf(article, doc, n, keep).forEach((layer, i) => {
      writeFileSync(join(dir, 'annotations', layer.annotator, `${doc.id}.json`), toJsonText(layer));
      workload.spansByLayer[i] += layer.spans.length;
    });
    writeFileSync(join(txtDir, `${article.stem}.txt`), file);
    workload.chars += article.tokens.length ? article.tokens[article.tokens.length - 1].end : 0;
    workload.txtBytes += Buffer.byteLength(file);
    if ((n + 1) % 1000 === 0 || n + 1 === ARTICLES) process.stderr.write(`W2: ${n + 1}/${ARTICLES} articles written\n`);
  }
  workload.spans = workload.spansByLayer[0] + workload.spansByLayer[1];
  return workload;
}

// ── The measurements, each in a fresh process ────────────────────────────────────────────────

type ChildResult = Record<string, number | string>;

const mb = () => process.resourceUsage().maxRSS / 1024;

/** One measurement in this (fresh) process; prints its result as one JSON line. */
async function runChild(task: string, args: string[]): Promise<ChildResult> {
  const { openProjectStore } = await import('../src/main/services/project-store');
  const { createTagwerkService } = await import('../src/main/services/tagwerk-service');
  const annotator = ANNOTATORS[0];
  if (task === 'open') {
    const { openStartProjectLocked } = await import('../src/main/services/open-project');
    const t0 = performance.now();
    const { store, lock } = await openStartProjectLocked({ requested: args[0], seedsDir: join(repoRoot, 'seeds'), annotatorName: annotator.name }, 'the benchmark');
    const service = createTagwerkService(store, annotator);
    const [info, docs] = await Promise.all([service.getProject({}), service.listDocuments({})]);
    const ms = performance.now() - t0;
    await lock.release();
    return { ms, sinceStart: performance.now(), documents: docs.length, problems: info.problems.length, rss: mb() };
  }
  if (task === 'export') {
    const { exportToPath } = await import('../src/main/services/export-service');
    const [dir, format, out, annotatorId] = args;
    const o0 = performance.now();
    const store = await openProjectStore(dir);
    const openMs = performance.now() - o0;
    let progress = 0;
    const t0 = performance.now();
    const summary = await exportToPath(store, out, { format, ...(annotatorId ? { annotator: annotatorId } : {}), onProgress: () => { progress++; } });
    const ms = performance.now() - t0;
    const rss = mb(); // before the baseline below, which holds the whole output in memory
    const result: ChildResult = { ms, openMs, rss, bytes: summary.bytes, documents: summary.documents, spans: summary.spans, progress, problems: store.problems.length };
    for (const file of [out, ...summary.files]) await rm(file, { recursive: true, force: true });
    if (format === 'jsonl') {
      const { layerPairs } = await import('../src/main/services/project-store');
      // What every export pays before formatting anything: reading and validating the layers.
      const pairs = layerPairs(store);
      const r0 = performance.now();
      const layers = await store.readLayers(pairs);
      const readMs = performance.now() - r0;
      // The same documents and layers, already in memory, stringified and written in one go.
      const byDocument = new Map<string, Layer[]>();
      pairs.forEach(([d], i) => { if (!byDocument.has(d)) byDocument.set(d, []); byDocument.get(d)!.push(layers[i]); });
      const items = store.documents().map((document) => ({ document, layers: byDocument.get(document.id) ?? [] }));
      const b0 = performance.now();
      const text = items.map((item) => `${JSON.stringify(item)}\n`).join('');
      const handle = await open(`${out}.baseline`, 'w');
      await handle.writeFile(text);
      const b1 = performance.now();
      await handle.sync();
      await handle.close();
      Object.assign(result, { readMs, baselineMs: b1 - b0, baselineSyncMs: performance.now() - b1, baselineBytes: Buffer.byteLength(text) });
      await rm(`${out}.baseline`, { force: true });
    }
    return result;
  }
  if (task === 'agreement') {
    const o0 = performance.now();
    const store = await openProjectStore(args[0]);
    const service = createTagwerkService(store, annotator);
    const t0 = performance.now();
    const report = await service.agreement({});
    const ms = performance.now() - t0;
    const all = report.corpus.all;
    return {
      ms, openMs: t0 - o0, rss: mb(), documents: report.corpus.documents, tokens: report.corpus.tokens,
      f1Exact: all.spans.mean?.exact.f1 ?? NaN, f1Overlap: all.spans.mean?.overlap.f1 ?? NaN,
      kappa: all.tokens.cohenKappa?.value ?? NaN, alphaU: all.unitizing?.value ?? NaN, problems: store.problems.length,
    };
  }
  if (task === 'import') {
    const { runCli } = await import('../src/main/cli/main');
    const [txtDir, projectDir] = args;
    let stderr = '', stdout = '';
    const sink = (add: (s: string) => void) => new Writable({ write(chunk, _enc, done) { add(String(chunk)); done(); } });
    const t0 = performance.now();
    const code = await runCli(['import', '--project', projectDir, txtDir], {
      stdout: sink((s) => { stdout += s; }), stderr: sink((s) => { stderr += s; }), env: process.env, appRoot: repoRoot,
    });
    const ms = performance.now() - t0;
    const imported = Number(/Imported (\d+) document/.exec(stdout)?.[1] ?? -1);
    return { ms, code, imported, progressLines: stderr.split('\n').filter((l) => /^Importing \d+\/\d+$/.test(l)).length, rss: mb() };
  }
  throw new Error(`unknown child task ${task}`);
}

/**
 * Runs one measurement in a fresh Node process and returns what it printed. A process that
 * fails gives `{ error }` (its last line on stderr) when `mayFail`, otherwise the run stops.
 */
function child(home: string, mayFail: boolean, task: string, ...args: string[]): ChildResult {
  // Each measurement starts on a settled disk: the writes of the generation and of earlier
  // exports are flushed first, so that their write-back does not slow this one's fsyncs.
  spawnSync('sync', { stdio: 'ignore' });
  const r = spawnSync(process.execPath, ['--import', 'tsx', thisFile, '--child', task, ...args], {
    cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 24,
    env: { ...process.env, TAGWERK_HOME: home, TAGWERK_ANNOTATOR: ANNOTATORS[0].name },
  });
  process.stderr.write(r.stderr);
  if (r.status === 0) return JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildResult;
  const error = r.stderr.split('\n').find((l) => /^\w*Error\b/.test(l)) ?? `exit ${r.status}`;
  if (!mayFail) throw new Error(`measuring ${task} ${args.join(' ')} failed: ${error}`);
  return { error };
}

/** The service's importFiles (the app's import) reports progress: counts its events for a few files. */
async function serviceImportProgress(root: string, txtDir: string): Promise<number> {
  const { readdirSync } = await import('node:fs');
  const { createProject, openProjectStore } = await import('../src/main/services/project-store');
  const { createTagwerkService } = await import('../src/main/services/tagwerk-service');
  const dir = join(root, 'progress-check');
  await createProject(dir, { name: 'progress check' });
  const service = createTagwerkService(await openProjectStore(dir), ANNOTATORS[0]);
  let events = 0;
  service.onEvent((e) => { if (e.type === 'import-progress') events++; });
  const names = readdirSync(txtDir).sort().slice(0, 10);
  await service.importFiles({ files: names.map((name) => ({ name, data: readFileSync(join(txtDir, name)).toString('base64') })) });
  await rm(dir, { recursive: true, force: true });
  return events;
}

// ── Main ─────────────────────────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  const childAt = process.argv.indexOf('--child');
  if (childAt >= 0) {
    const [task, ...args] = process.argv.slice(childAt + 1);
    process.stdout.write(`${JSON.stringify(await runChild(task, args))}\n`);
    return;
  }
  const runs = runCount(3);
  const root = mkdtempSync(join(tmpdir(), 'tagwerk-w2-'));
  const dir = join(root, 'project');
  const txtDir = join(root, 'txt');
  const home = join(root, 'home');
  const keepFolder = process.argv.includes('--keep');
  try {
    const g0 = performance.now();
    const workload = generate(dir, txtDir);
    process.stderr.write(`W2: ${workload.articles} articles, ${(workload.chars / 1e6).toFixed(1)} M characters, ${workload.spans} spans in ${((performance.now() - g0) / 1000).toFixed(1)} s (${root})\n`);
    const figures: Figure[] = [];
    const repeat = (label: string, measure: () => ChildResult): ChildResult[] => Array.from({ length: runs }, (_, i) => {
      process.stderr.write(`W2: ${label}, run ${i + 1}/${runs}\n`);
      return measure();
    });
    const values = (results: ChildResult[], key: string) => results.map((r) => Number(r[key]));
    const expectClean = (what: string, results: ChildResult[]) => {
      for (const r of results) if (Number(r.problems)) throw new Error(`${what}: the project reported ${r.problems} problem(s); the generated files are wrong`);
    };

    const opened = repeat('open', () => child(home, false, 'open', dir));
    expectClean('open', opened);
    figures.push(
      figure('w2-open', 'W2 open: openStartProjectLocked + getProject + listDocuments (fresh process)', 'ms', values(opened, 'ms'), { limit: 1000, text: '≤ 1.0 s' },
        `${opened[0].documents} documents listed`),
      figure('w2-open-process', 'W2 open, counted from process start (module loading included)', 'ms', values(opened, 'sinceStart')),
    );

    // Formats that hold one layer export annotator A's.
    const oneLayer = new Set(EXPORT_FORMATS.filter((f) => f.layers === 'one').map((f) => f.id));
    const exports = (format: string, n: number) => Array.from({ length: n }, (_, i) => {
      process.stderr.write(`W2: export ${format}, run ${i + 1}/${n}\n`);
      // A failing export without a time budget is reported in the table; the others stop the run.
      return child(home, !['jsonl', 'conll'].includes(format), 'export', dir, format, join(root, `out-${format}`), oneLayer.has(format) ? ANNOTATORS[0].id : '');
    });
    const jsonl = exports('jsonl', runs);
    expectClean('export jsonl', jsonl);
    const ratios = jsonl.map((r) => Number(r.ms) / Number(r.baselineMs));
    figures.push(
      figure('w2-export-jsonl', 'W2 export jsonl, both layers (exportToPath)', 'ms', values(jsonl, 'ms'), undefined,
        `${(Number(jsonl[0].bytes) / 1e6).toFixed(0)} MB, ${jsonl[0].spans} spans; project opened before, in ${Math.round(Number(jsonl[0].openMs))} ms`),
      figure('w2-export-jsonl-baseline', 'W2 bare JSON.stringify + write of the same documents and layers', 'ms', values(jsonl, 'baselineMs'), undefined,
        `${(Number(jsonl[0].baselineBytes) / 1e6).toFixed(0)} MB; its fsync took another ${Math.round(Number(jsonl[0].baselineSyncMs))} ms (not counted)`),
      figure('w2-export-jsonl-ratio', 'W2 export jsonl ÷ bare stringify + write (same run)', 'ratio', ratios, { limit: 2, text: '≤ 2×' }),
      figure('w2-read-layers', 'W2 reading + validating every layer file (readLayers), part of each export', 'ms', values(jsonl, 'readMs')),
    );
    const conll = exports('conll', runs);
    expectClean('export conll', conll);
    figures.push(figure('w2-export-conll', `W2 export conll, ${ANNOTATORS[0].id}'s layer (exportToPath)`, 'ms', values(conll, 'ms'), { limit: 6000, text: '≤ 6 s' }));

    // Peak memory of every export format (one run each for the formats without a time budget).
    const rss: Record<string, ChildResult[]> = { jsonl, conll };
    for (const f of EXPORT_FORMATS) if (!rss[f.id] && !smoke) rss[f.id] = exports(f.id, 1);
    for (const [format, results] of Object.entries(rss)) {
      const failed = results.find((r) => r.error)?.error;
      if (format !== 'jsonl' && format !== 'conll') {
        figures.push(figure(`w2-export-${format}`, `W2 export ${format}${oneLayer.has(format) ? ', one layer' : ', both layers'}${failed ? ' FAILED' : ''}`, 'ms', values(results, 'ms'),
          undefined, failed ? `failed: ${failed}` : undefined));
      }
      figures.push(figure(`w2-export-${format}-rss`, `W2 export ${format}: peak resident memory of the process`, 'MB', values(results, 'rss'), { limit: 1024, text: '≤ 1 GB' }));
    }

    const agreement = repeat('agreement', () => child(home, false, 'agreement', dir));
    expectClean('agreement', agreement);
    const a0 = agreement[0];
    figures.push(figure('w2-agreement', 'W2 agreement over the corpus, all figures (service.agreement)', 'ms', values(agreement, 'ms'), { limit: 3000, text: '≤ 3 s' },
      `${a0.documents} documents, ${a0.tokens} tokens; F1 exact ${Number(a0.f1Exact).toFixed(3)}, overlap ${Number(a0.f1Overlap).toFixed(3)}, κ ${Number(a0.kappa).toFixed(3)}, α_u ${Number(a0.alphaU).toFixed(3)}`));

    const imports = repeat('import', () => {
      const target = join(root, 'imported');
      try { return child(home, false, 'import', txtDir, target); } finally { rmSync(target, { recursive: true, force: true }); }
    });
    for (const r of imports) if (Number(r.imported) !== ARTICLES) throw new Error(`import: ${r.imported} of ${ARTICLES} articles imported (exit ${r.code})`);
    figures.push(
      figure('w2-import', `W2 import ${ARTICLES} .txt files (tagwerk import)`, 'ms', values(imports, 'ms'), { limit: 10_000, text: '≤ 10 s' }),
      figure('w2-import-progress', 'W2 import: progress lines the CLI printed on stderr', 'count', values(imports, 'progressLines')),
      figure('w2-import-service-progress', 'importFiles (the app\'s import) of 10 files: progress events', 'count', [await serviceImportProgress(root, txtDir)]),
    );
    writeResult('corpus', { ...workload, runs }, figures);
  } finally {
    if (keepFolder) process.stderr.write(`W2: kept ${root}\n`);
    else rmSync(root, { recursive: true, force: true });
  }
}

await main();
