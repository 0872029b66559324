/**
 * Issue 7, first figures (Node, no browser yet): what one key press costs the editor's pure code
 * on workload W1, a ~1 MB document with 20,000 annotations (a quarter nested), built
 * deterministically from the GermEval 2014 test sentences in ../shared/corpora. Per edit the
 * editor runs the op, normalizeCasualtySpans and diffLayers (use-layer-editor.ts), and the
 * suggestions filter (openSuggestions); the durable save serialises the layer.
 *
 * Run: npx tsx bench/editor-ops.mts [--runs N]. Writes bench/results/editor-ops.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyLayer, type Layer } from '../src/shared/model/annotation';
import { addSpan, addSpans, type OpContext } from '../src/shared/ops/span-ops';
import { diffLayers } from '../src/shared/ops/span-change';
import { normalizeCasualtySpans } from '../src/shared/domain/casualty-spans';
import { openSuggestions, suggestCasualtyFigures } from '../src/shared/domain/suggestions';
import { createOffsetIndex } from '../src/shared/text/offsets';

const root = join(import.meta.dirname, '..');
const corpus = join(root, '../shared/corpora/germeval2014/NER-de-test.tsv');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 200;

/** The GermEval test sentences, tokens joined by spaces, repeated until the text reaches ~1 MB. */
function w1Text(): string {
  const sentences: string[] = [];
  let words: string[] = [];
  for (const line of readFileSync(corpus, 'utf8').split('\n')) {
    if (line.startsWith('#')) continue;
    if (!line.trim()) { if (words.length) sentences.push(words.join(' ')); words = []; continue; }
    words.push(line.split('\t')[1]);
  }
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < 1_000_000; i++) { const s = sentences[i % sentences.length]; parts.push(s); size += s.length + 1; }
  return parts.join('\n');
}

/** 20,000 spans over whole words, every fourth nested inside the one before it. */
function w1Layer(text: string, ctx: OpContext): Layer {
  const words = [...text.matchAll(/\p{L}[\p{L}\p{N}-]*/gu)];
  const labels = ['actor', 'claim', 'location', 'casualty_figure'];
  const step = Math.floor(words.length / 15_000);
  const spans = [];
  for (let i = 0, n = 0; spans.length < 20_000; i += step, n++) {
    const a = words[i % words.length];
    const b = words[Math.min(words.length - 1, (i % words.length) + 2)];
    const start = ctx.index.toCodePoint(a.index)!;
    const end = ctx.index.toCodePoint(b.index + b[0].length)!;
    spans.push({ id: `s${n}`, start, end, label: labels[n % 3 === 2 ? 2 : n % 2] });
    if (n % 3 === 0) spans.push({ id: `n${n}`, start, end: ctx.index.toCodePoint(a.index + a[0].length)!, label: 'actor' });
  }
  return addSpans(emptyLayer('w1', 'bench', 'a'.repeat(64)), spans.slice(0, 20_000), ctx);
}

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: +q(0.5).toFixed(3), p95: +q(0.95).toFixed(3), max: +s[s.length - 1].toFixed(3) };
}

const text = w1Text();
const index = createOffsetIndex(text);
const ctx: OpContext = { text, index, now: '2026-11-21T00:00:00.000Z' };
let layer = w1Layer(text, ctx);
const suggestions = suggestCasualtyFigures(text);
const nested = layer.spans.filter((s) => s.id.startsWith('n')).length;

const edit: number[] = [];
const serialise: number[] = [];
const filter: number[] = [];
for (let k = 0; k < runs; k++) {
  const at = Math.floor((k / runs) * (index.length - 20));
  const t0 = performance.now();
  const after = normalizeCasualtySpans(layer, addSpan(layer, { id: `new${k}`, start: at, end: at + 5, label: 'claim' }, ctx), ctx);
  diffLayers(layer, after);
  edit.push(performance.now() - t0);
  const t1 = performance.now();
  openSuggestions(suggestions, after.spans, after.dismissed);
  filter.push(performance.now() - t1);
  const t2 = performance.now();
  JSON.stringify(after, null, 1);
  serialise.push(performance.now() - t2);
  layer = after;
}
const report = {
  workload: { chars: text.length, spans: layer.spans.length - runs, nested, suggestions: suggestions.length, runs },
  ms: { editPipeline: stats(edit), openSuggestions: stats(filter), serialiseLayer: stats(serialise) },
  node: process.version,
};
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/editor-ops.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log(JSON.stringify(report, null, 2));
