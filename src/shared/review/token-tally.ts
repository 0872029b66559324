/**
 * Token categories of several annotators, tallied: each token's category code per annotator
 * (0 for `O`), and the count of tokens per combination of categories, so that the tokens of a
 * corpus are a few dozen entries that add up across documents (the input of the `…OfTally`
 * coefficients in agreement-stats.ts).
 */
import { assignTokens, tokensOf, type DocumentTokens, type LabelledRange } from '../formats/token-tags';
import type { RatingTally } from './agreement-stats';

/**
 * The tokens of one scope tallied by the categories the annotators gave them (see
 * `RatingTally`), keyed by the category codes, so that the tallies of documents add up to the
 * corpus's.
 */
export type TokenTally = Map<number | string, RatingTally<string[]>>;

/**
 * Each token's category code under `spans` (code point offsets): 1 + the index in `labels` of
 * the label `tagDocument(…, 'outermost')` gives it, 0 (`O`) for the others.
 */
export function tokenCodes(doc: DocumentTokens, spans: readonly LabelledRange[], labels: readonly string[]): Uint16Array {
  const out = new Uint16Array(doc.tokens.length);
  if (!spans.length) return out;
  const utf16 = spans.map((s) => ({ start: doc.index.toUtf16(s.start), end: doc.index.toUtf16(s.end), label: s.label }));
  for (const p of assignTokens(doc.tokens, utf16, 'outermost', doc.starts).spans) out.fill(labels.indexOf(p.label) + 1, p.start, p.end);
  return out;
}

/**
 * 1 for each token some span of `spans` overlaps, 0 for the others: the category codes of the
 * tokens under the spans of one label. Which span a token goes to only matters between labels,
 * so this is what `tokenCodes` gives for one label's spans, without the nesting policy's work.
 */
export function coveredTokens(doc: DocumentTokens, spans: readonly LabelledRange[]): Uint16Array {
  const out = new Uint16Array(doc.tokens.length);
  for (const s of spans) {
    const { first, last } = tokensOf(doc.tokens, { start: doc.index.toUtf16(s.start), end: doc.index.toUtf16(s.end) });
    if (last >= first) out.fill(1, first, last + 1);
  }
  return out;
}

/**
 * The tally of `columns` (one per annotator, category codes per token); `names[code]` is the
 * category. Keys combine the codes, so tallies over the same `names` can be added.
 */
export function tallyTokens(columns: readonly Uint16Array[], names: readonly string[]): TokenTally {
  const tally: TokenTally = new Map();
  const m = columns.length;
  if (m === 0) return tally;
  const tokens = columns[0].length;
  const cells = names.length ** m;
  if (cells <= 1 << 16) {
    // Few combinations (two annotators, a handful of labels): count in an array, keyed by the codes.
    const counts = new Uint32Array(cells);
    const first = new Int32Array(cells).fill(-1);
    for (let t = 0; t < tokens; t++) {
      let key = 0;
      for (let a = m - 1; a >= 0; a--) key = key * names.length + columns[a][t];
      if (counts[key]++ === 0) first[key] = t;
    }
    for (let key = 0; key < cells; key++) if (counts[key]) tally.set(key, { ratings: ratingsAt(columns, names, first[key]), count: counts[key] });
    return tally;
  }
  for (let t = 0; t < tokens; t++) {
    const key = columns.map((c) => c[t]).join(',');
    const entry = tally.get(key);
    if (entry) entry.count++;
    else tally.set(key, { ratings: ratingsAt(columns, names, t), count: 1 });
  }
  return tally;
}

/** The categories the annotators gave token `t`. */
function ratingsAt(columns: readonly Uint16Array[], names: readonly string[], t: number): string[] {
  return columns.map((c) => names[c[t]]);
}

/** Adds the counts of `more` into `total`. */
export function addTally(total: TokenTally, more: TokenTally): void {
  for (const [key, entry] of more) {
    const have = total.get(key);
    if (have) have.count += entry.count;
    else total.set(key, { ratings: entry.ratings, count: entry.count });
  }
}
