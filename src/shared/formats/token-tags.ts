/**
 * Token tags for the token-based formats (CoNLL, Hugging Face): which token carries which span
 * under a nesting policy, the IOB1 / IOB2 / BIOES encodings of that, and reading tags back.
 *
 * Tokens and sentences are always those of `sentencesWithTokens`, so that token-level agreement
 * can be recomputed from an export. A token belongs to a span when the two overlap: a span
 * boundary inside a token widens the span to the whole token (counted as `boundaryAdjusted`).
 * A token carries one tag, so nested and overlapping spans need a policy:
 * - `outermost`: each token takes the longest span covering it (ties: the earlier span);
 * - `innermost`: each token takes the shortest span covering it, so an outer span may be cut
 *   into pieces around the spans nested in it;
 * - `per-label` is the caller's business: it runs `outermost` once per label with only that
 *   label's spans, so nesting of different labels survives (same-label nesting still counts).
 * Spans that get no token, or only some of their tokens, are counted, never dropped silently.
 * A span that crosses a sentence boundary is cut there (one piece per sentence, counted).
 */
import { createOffsetIndex, type OffsetIndex } from '../text/offsets';
import { sentenceRanges, type Sentence } from '../text/sentences';
import type { TextRange } from '../text/tokens';
import type { NestedPolicy } from './export-format';
import { tokenizeSentence } from './sentence-tokens';

/** The tag encodings Tagwerk reads; it writes IOB2 unless asked otherwise. */
export type TagScheme = 'iob1' | 'iob2' | 'bioes';
/** How one tag sequence resolves nesting (see the module comment). */
export type TagPolicy = 'outermost' | 'innermost';

/** Tokens `start` to `end - 1` (indices into a token list) carry `label`. */
export interface TokenSpan { start: number; end: number; label: string }
/** A labelled range of offsets (UTF-16 for `assignTokens`, code points for `tagDocument`). */
export interface LabelledRange extends TextRange { label: string }

/** What a tag sequence could not carry exactly; every field counts spans. */
export interface TagCounts {
  /** Covered by no token at all (only whitespace). */
  noToken: number;
  /** Every token taken by another span (nested, overlapping or duplicate). */
  leftOut: number;
  /** Some tokens taken by another span: written shorter, or in pieces. */
  partlyLeftOut: number;
  /** A boundary fell inside a token and was widened to it. */
  boundaryAdjusted: number;
  /** Crossed a sentence boundary and was written (wholly or partly) as one piece per sentence. */
  crossSentence: number;
}

/** Zero counts, to add to. */
export function emptyCounts(): TagCounts {
  return { noToken: 0, leftOut: 0, partlyLeftOut: 0, boundaryAdjusted: 0, crossSentence: 0 };
}

/** Adds `more` into `total`. */
export function addCounts(total: TagCounts, more: TagCounts): void {
  for (const k of Object.keys(total) as (keyof TagCounts)[]) total[k] += more[k];
}

/** One message per non-zero count, for `ExportContext.warn`: what the tags could not carry. */
export function countWarnings(c: TagCounts, policy: NestedPolicy): string[] {
  const spans = (n: number) => `${n} ${n === 1 ? 'span' : 'spans'}`;
  const out: string[] = [];
  const by = policy === 'per-label' ? 'of the same label ' : '';
  if (c.leftOut) out.push(`${spans(c.leftOut)} nested in or overlapping another span ${by}left out (policy ${policy})`);
  if (c.partlyLeftOut) out.push(`${spans(c.partlyLeftOut)} partly left out: other spans ${by}took some of their tokens, so they are written shorter or in pieces (policy ${policy})`);
  if (c.boundaryAdjusted) out.push(`${spans(c.boundaryAdjusted)} widened to whole tokens (a boundary fell inside a token)`);
  if (c.crossSentence) out.push(`${spans(c.crossSentence)} crossing a sentence boundary written as one span per sentence`);
  if (c.noToken) out.push(`${spans(c.noToken)} covering only whitespace left out`);
  return out;
}

/**
 * Assigns spans (UTF-16 offsets) to tokens (sorted UTF-16 ranges) under `policy`. Returns the
 * pieces in token order: maximal runs of tokens owned by one span, cut at `sentenceStarts`
 * (indices of tokens that begin a sentence), so no piece crosses a sentence.
 */
export function assignTokens(
  tokens: readonly TextRange[], spans: readonly LabelledRange[], policy: TagPolicy, sentenceStarts: readonly number[] = [],
): { spans: TokenSpan[]; counts: TagCounts } {
  const counts = emptyCounts();
  const breaks = new Set(sentenceStarts);
  const candidates: { first: number; last: number; label: string; crossing: boolean }[] = [];
  for (const s of spans) {
    const { first, last } = tokensOf(tokens, s);
    if (last < first) { counts.noToken++; continue; }
    if (tokens[first].start < s.start || tokens[last].end > s.end) counts.boundaryAdjusted++;
    let crossing = false;
    for (let t = first + 1; t <= last && !crossing; t++) crossing = breaks.has(t);
    candidates.push({ first, last, label: s.label, crossing });
  }
  const order = candidates.map((_, i) => i).sort((a, b) => {
    const la = candidates[a].last - candidates[a].first, lb = candidates[b].last - candidates[b].first;
    return (policy === 'outermost' ? lb - la : la - lb) || candidates[a].first - candidates[b].first || a - b;
  });
  const owner = new Int32Array(tokens.length).fill(-1);
  for (const c of order) {
    const { first, last } = candidates[c];
    let taken = 0;
    for (let t = first; t <= last; t++) if (owner[t] === -1) { owner[t] = c; taken++; }
    if (taken === 0) { counts.leftOut++; continue; }
    if (taken < last - first + 1) counts.partlyLeftOut++;
    // Only what is written can be written in pieces; a span left out is counted once, above.
    if (candidates[c].crossing) counts.crossSentence++;
  }
  const out: TokenSpan[] = [];
  for (let t = 0; t < tokens.length; t++) {
    if (owner[t] === -1) continue;
    const prev = out[out.length - 1];
    if (prev && prev.end === t && owner[t - 1] === owner[t] && !breaks.has(t)) prev.end = t + 1;
    else out.push({ start: t, end: t + 1, label: candidates[owner[t]].label });
  }
  return { spans: out, counts };
}

/**
 * The tokens a range overlaps, `first` to `last` (indices into `tokens`, sorted UTF-16 ranges);
 * `last < first` when it overlaps none (it covers only whitespace).
 */
export function tokensOf(tokens: readonly TextRange[], range: TextRange): { first: number; last: number } {
  const first = firstTokenEndingAfter(tokens, range.start);
  let last = first - 1;
  while (last + 1 < tokens.length && tokens[last + 1].start < range.end) last++;
  return { first, last };
}

/** Index of the first token whose end lies after `offset` (binary search). */
function firstTokenEndingAfter(tokens: readonly TextRange[], offset: number): number {
  let lo = 0, hi = tokens.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (tokens[mid].end <= offset) lo = mid + 1; else hi = mid; }
  return lo;
}

/** A sentence ready for a token-based format: its range, token ranges (UTF-16) and token spans. */
export interface TaggedSentence extends TextRange {
  tokens: TextRange[];
  /** Indices into `tokens`. */
  spans: TokenSpan[];
}

/** A document's sentences and tokens, computed once and tagged as often as needed (per label). */
export interface DocumentTokens {
  text: string;
  index: OffsetIndex;
  sentences: Sentence[];
  /** Every token of the document, in order (UTF-16 ranges). */
  tokens: TextRange[];
  /** Index in `tokens` of each sentence's first token. */
  starts: number[];
}

/**
 * Sentences and tokens of `text`, exactly as `sentencesWithTokens(text, language)` gives them
 * (the sentences of `sentenceRanges`, each tokenized with `tokenizeSentence`, which gives the
 * tokens `tokenize` gives, faster).
 */
export function tokenizeDocument(text: string, language?: string): DocumentTokens {
  const sentences: Sentence[] = [];
  const tokens: Sentence['tokens'] = [];
  const starts: number[] = [];
  for (const range of sentenceRanges(text, language)) {
    const first = tokens.length;
    for (const t of tokenizeSentence(text, language, range)) tokens.push(t);
    if (tokens.length === first) continue;
    starts.push(first);
    sentences.push({ start: range.start, end: range.end, tokens: tokens.slice(first) });
  }
  return { text, index: createOffsetIndex(text), sentences, tokens, starts };
}

/** Token spans per sentence for `spans` (code point offsets, as stored) under `policy`. */
export function tagDocument(doc: DocumentTokens, spans: readonly LabelledRange[], policy: TagPolicy): { sentences: TaggedSentence[]; counts: TagCounts } {
  const utf16 = spans.map((s) => ({ start: doc.index.toUtf16(s.start), end: doc.index.toUtf16(s.end), label: s.label }));
  const { spans: pieces, counts } = assignTokens(doc.tokens, utf16, policy, doc.starts);
  const out: TaggedSentence[] = doc.sentences.map((s) => ({ start: s.start, end: s.end, tokens: s.tokens, spans: [] }));
  let k = 0;
  for (const p of pieces) {
    while (k + 1 < doc.starts.length && doc.starts[k + 1] <= p.start) k++;
    out[k].spans.push({ start: p.start - doc.starts[k], end: p.end - doc.starts[k], label: p.label });
  }
  return { sentences: out, counts };
}

/**
 * Tags for `length` tokens carrying `spans` (sorted, not overlapping). IOB1 writes `B-` only
 * where a span directly follows one of the same label; BIOES writes `S-` for single tokens.
 */
export function encodeTags(length: number, spans: readonly TokenSpan[], scheme: TagScheme): string[] {
  const tags = new Array<string>(length).fill('O');
  let prev: TokenSpan | undefined;
  for (const s of spans) {
    for (let t = s.start; t < s.end; t++) tags[t] = `I-${s.label}`;
    if (scheme === 'iob2') tags[s.start] = `B-${s.label}`;
    else if (scheme === 'iob1') { if (prev && prev.end === s.start && prev.label === s.label) tags[s.start] = `B-${s.label}`; }
    else if (s.end - s.start === 1) tags[s.start] = `S-${s.label}`;
    else { tags[s.start] = `B-${s.label}`; tags[s.end - 1] = `E-${s.label}`; }
    prev = s;
  }
  return tags;
}

/** A tag split into its prefix and label, or null when it is not `O` or `B-`/`I-`/`E-`/`S-` + label. */
export function parseTag(tag: string): { prefix: 'O' | 'B' | 'I' | 'E' | 'S'; label: string } | null {
  if (tag === 'O') return { prefix: 'O', label: '' };
  const m = /^([BIES])-(\S+)$/.exec(tag);
  return m ? { prefix: m[1] as 'B' | 'I' | 'E' | 'S', label: m[2] } : null;
}

/** Something wrong in a tag sequence: `invalid` tags are read as `O`, `repaired` ones as explained. */
export interface TagIssue { index: number; kind: 'invalid' | 'repaired'; message: string }

/**
 * Reads one sentence's tags back into token spans. Ill-formed sequences are repaired the
 * conventional way (as seqeval and the CoNLL evaluation script read them) and reported:
 * an `I-` after `O` or after another label starts a new span; in BIOES, a span that is not
 * closed with `E-` ends at its last token, and an `E-` without its start is a one-token span.
 */
export function decodeTags(tags: readonly string[], scheme: TagScheme): { spans: TokenSpan[]; issues: TagIssue[] } {
  const spans: TokenSpan[] = [];
  const issues: TagIssue[] = [];
  let open: { start: number; label: string } | null = null;
  const close = (end: number) => { if (open) spans.push({ start: open.start, end, label: open.label }); open = null; };
  const repaired = (index: number, message: string) => issues.push({ index, kind: 'repaired', message });
  const unclosed = (index: number) => { if (open && scheme === 'bioes') repaired(index, `'${tags[index - 1]}' ends a span without E-${open.label}`); };
  for (let i = 0; i < tags.length; i++) {
    const tag = parseTag(tags[i]);
    if (!tag || (scheme !== 'bioes' && (tag.prefix === 'E' || tag.prefix === 'S'))) {
      issues.push({ index: i, kind: 'invalid', message: `'${tags[i]}' is not an ${scheme.toUpperCase()} tag` });
      close(i);
      continue;
    }
    const before = i === 0 ? 'the sentence start' : `'${tags[i - 1]}'`;
    const continues = open !== null && open.label === tag.label;
    if (tag.prefix === 'I' && continues) continue;
    if (tag.prefix === 'E' && continues) { close(i + 1); continue; }
    if (tag.prefix === 'I' && scheme !== 'iob1') repaired(i, `'${tags[i]}' after ${before} starts a new span`);
    else if (tag.prefix === 'E') repaired(i, `'${tags[i]}' after ${before} is read as a one-token span`);
    else if (tag.prefix === 'B' && scheme === 'iob1' && !continues) repaired(i, `'${tags[i]}' after ${before}: IOB1 uses B- only between two spans of one label`);
    if (tag.prefix !== 'I' && tag.prefix !== 'E') unclosed(i);
    close(i);
    if (tag.prefix === 'O') continue;
    open = { start: i, label: tag.label };
    if (tag.prefix === 'S' || tag.prefix === 'E') close(i + 1);
  }
  // `open` is reassigned inside `close`, which TypeScript's narrowing does not follow.
  const pending = open as { start: number; label: string } | null;
  if (pending && scheme === 'bioes') repaired(tags.length - 1, `'${tags[tags.length - 1]}' ends the sentence without E-${pending.label}`);
  close(tags.length);
  return { spans, issues };
}

/**
 * The scheme of tag sequences (sentences): BIOES when any `E-` or `S-` occurs; IOB2 when a
 * `B-` starts a span after `O`, another label or the sentence start; IOB1 when spans start
 * with `I-`; IOB2 when there are no spans.
 */
export function detectScheme(sentences: Iterable<readonly string[]>): TagScheme {
  let hasI = false, hasFreeB = false;
  for (const tags of sentences) {
    for (let i = 0; i < tags.length; i++) {
      const tag = parseTag(tags[i]);
      if (!tag) continue;
      if (tag.prefix === 'E' || tag.prefix === 'S') return 'bioes';
      if (tag.prefix === 'I') hasI = true;
      if (tag.prefix === 'B' && parseTag(tags[i - 1] ?? 'O')?.label !== tag.label) hasFreeB = true;
    }
  }
  return hasFreeB || !hasI ? 'iob2' : 'iob1';
}

/** Rewrites a tag sequence in another scheme (reading it as `from`, repairing as `decodeTags`). */
export function convertTags(tags: readonly string[], from: TagScheme, to: TagScheme): string[] {
  return encodeTags(tags.length, decodeTags(tags, from).spans, to);
}
