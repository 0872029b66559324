/**
 * Deterministic workloads from real text (../shared/corpora), shared by the benchmarks.
 * W1: one long document — the GermEval 2014 German NER test sentences, one per line, repeated
 * until the text reaches ~1 MB (≈150k words), with 20,000 annotations on whole words, a quarter
 * of them nested inside another.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyLayer, type Layer } from '../src/shared/model/annotation';
import { addSpans, type NewSpan, type OpContext } from '../src/shared/ops/span-ops';
import { sharedRoot } from './report.mts';

export const GERMEVAL_TEST = join(sharedRoot, 'corpora/germeval2014/NER-de-test.tsv');

/** The GermEval test sentences, tokens joined by spaces. */
export function germevalSentences(): string[] {
  const sentences: string[] = [];
  let words: string[] = [];
  for (const line of readFileSync(GERMEVAL_TEST, 'utf8').split('\n')) {
    if (line.startsWith('#')) continue;
    if (!line.trim()) { if (words.length) sentences.push(words.join(' ')); words = []; continue; }
    words.push(line.split('\t')[1]);
  }
  return sentences;
}

/** The sentences, one per line, repeated until the text reaches `chars` characters. */
export function w1Text(chars = 1_000_000): string {
  const sentences = germevalSentences();
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < chars; i++) { const s = sentences[i % sentences.length]; parts.push(s); size += s.length + 1; }
  return parts.join('\n');
}

/**
 * `count` spans over whole words (one to three words), evenly spread, every fourth nested
 * inside the one before it; labels cycle through actor, claim and location.
 */
export function w1Spans(ctx: Pick<OpContext, 'text' | 'index'>, count = 20_000): NewSpan[] {
  const words = [...ctx.text.matchAll(/\p{L}[\p{L}\p{N}-]*/gu)];
  const labels = ['actor', 'claim', 'location'];
  const outer = Math.ceil(count * 0.75);
  const step = Math.max(1, Math.floor(words.length / outer));
  const spans: NewSpan[] = [];
  for (let i = 0, n = 0; spans.length < count; i += step, n++) {
    const a = words[i % words.length];
    const b = words[Math.min(words.length - 1, (i % words.length) + 2)];
    const start = ctx.index.toCodePoint(a.index)!;
    const end = ctx.index.toCodePoint(b.index + b[0].length)!;
    spans.push({ id: `s${n}`, start, end, label: labels[n % 3] });
    if (n % 3 === 0 && spans.length < count) {
      spans.push({ id: `n${n}`, start, end: ctx.index.toCodePoint(a.index + a[0].length)!, label: 'actor' });
    }
  }
  return spans;
}

export function w1Layer(ctx: OpContext, documentId: string, annotator: string, sha256: string, count = 20_000): Layer {
  return addSpans(emptyLayer(documentId, annotator, sha256), w1Spans(ctx, count), ctx);
}
