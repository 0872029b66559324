/**
 * W1 in Node: what one key press costs the editor's pure code on a ~1 MB document with 20,000
 * annotations. Per edit the editor runs the op, normalizeCasualtySpans and diffLayers
 * (use-layer-editor.ts) and, with suggestions shown, the suggestions filter (openSuggestions);
 * the backend serialises the layer for its durable write.
 *
 * Run: npx tsx bench/editor-ops.mts [--runs N] [--smoke]
 */
import { addSpan, type OpContext } from '../src/shared/ops/span-ops';
import { diffLayers } from '../src/shared/ops/span-change';
import { normalizeCasualtySpans } from '../src/shared/domain/casualty-spans';
import { openSuggestions, suggestCasualtyFigures } from '../src/shared/domain/suggestions';
import { createOffsetIndex } from '../src/shared/text/offsets';
import { figure, percentile, runCount, smoke, writeResult } from './report.mts';
import { w1Layer, w1Text } from './workloads.mts';

const edits = smoke ? 5 : runCount(200);
const text = w1Text(smoke ? 20_000 : 1_000_000);
const index = createOffsetIndex(text);
const ctx: OpContext = { text, index, now: '2026-11-21T00:00:00.000Z' };
let layer = w1Layer(ctx, 'w1', 'bench', 'a'.repeat(64), smoke ? 400 : 20_000);
const spans = layer.spans.length;
const suggestions = suggestCasualtyFigures(text);

const edit: number[] = [];
const serialise: number[] = [];
const filter: number[] = [];
for (let k = 0; k < edits; k++) {
  const at = Math.floor((k / edits) * (index.length - 20));
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

writeResult('editor-ops', { document: 'W1', chars: text.length, spans, nested: layer.spans.filter((s) => /^n\d/.test(s.id)).length, suggestions: suggestions.length, edits }, [
  figure('w1-node-edit', 'W1 (Node): one added annotation — op, casualty normalisation, diff', 'ms', edit,
    undefined, `${edits} edits; per-edit median and spread; p95 ${percentile(edit, 0.95).toFixed(2)} ms`),
  figure('w1-node-suggestions', 'W1 (Node): open suggestions after an edit', 'ms', filter, undefined, `p95 ${percentile(filter, 0.95).toFixed(2)} ms`),
  figure('w1-node-serialise', 'W1 (Node): serialise the whole layer (backend, per durable write)', 'ms', serialise),
]);

