/**
 * Agreement between annotators' layers of a corpus: span F1, token-level κ and α, and α_u on
 * characters, for the corpus, each document and each label, as a plain JSON report and as CSV.
 *
 * Definitions (offsets are code points, as stored):
 * - Spans, for each pair of annotators (a, b) in the given order, a taken as reference. Exact
 *   match: same start, end and label. Overlap match: same label and at least one shared code
 *   point; one-to-one, pairs taken greedily by largest shared length, ties by the earlier start
 *   of a's span, then of b's. precision = matched / |b|, recall = matched / |a|,
 *   F1 = 2·matched / (|a| + |b|), each null when its denominator is 0. The mean over pairs
 *   averages each figure over the pairs where it is defined. Corpus counts are the sums over
 *   documents (micro-averaged).
 * - Tokens are exactly those of `tokenizeDocument` (the tokens of the CoNLL and Hugging Face
 *   exports). A token's category for an annotator is the label `tagDocument(…, 'outermost')`
 *   gives it, or `O`: the annotator's CoNLL export tag without its B-/I- prefix. Per label the
 *   category is binary, the label or `O`, as `tagDocument` gives it with only that label's spans:
 *   the tag of that label's file in the `per-label` CoNLL export. So a label nested in another
 *   (an actor inside a claim) counts in its own row although the outermost tags hide it. Cohen's κ
 *   with exactly two annotators, Fleiss' κ with more, Krippendorff's α (nominal) with two or more;
 *   the corpus figures pool the tokens of all documents.
 * - α_u per label (the label is the category) and overall (DKPro's mean of the per-category
 *   disagreements) on code point positions. A document is one continuum; the corpus lays the
 *   documents end to end into one continuum (so the gap at the end of one document and the gap
 *   at the start of the next form one gap in D_e; observed disagreement is unaffected, since no
 *   span crosses a document). Spans of one annotator with one label that overlap or nest are
 *   merged into their union first (α_u needs units of one category not to overlap); spans that
 *   only touch stay two units. F1 and the token figures use the spans as they are.
 * Edge cases: a coefficient is null with a `note` saying why. No spans at all: every token is
 * `O` for everyone, expected agreement is 1, so κ and α are null; F1 is null (0 / 0); α_u is null
 * (no units). One annotator: nothing to compare, every figure null, note "needs two annotators".
 * A schema label nobody used still gets its row: counts 0, figures null. Labels used in spans
 * but missing from `labels` get rows after the schema labels, in order of first use. A document
 * without a layer for an annotator counts as an empty layer; spans are clamped to the text.
 */
import { CSV_BOM, csvRecord } from '../formats/csv';
import { tokenizeDocument, type DocumentTokens, type LabelledRange } from '../formats/token-tags';
import {
  cohenKappaOfTally, fleissKappaOfTally, krippendorffAlphaOfTally, unitizingAlpha,
  type AlphaResult, type FleissResult, type KappaResult, type RatingTally, type UnitizedUnit, type UnitizingFigure,
} from './agreement-stats';
import { addTally, coveredTokens, tallyTokens, tokenCodes, type TokenTally } from './token-tally';

/** A span of one annotator's layer: code point offsets and label. */
export interface AgreementSpan { start: number; end: number; label: string }

export interface AgreementDocument {
  id: string;
  text: string;
  /** For sentences and tokens; absent: `AgreementInput.language`. */
  language?: string;
  /** Spans per annotator (code point offsets). */
  layers: Readonly<Record<string, readonly AgreementSpan[]>>;
}

export interface AgreementInput {
  /** Schema labels in order; each gets a row even when nobody used it. */
  labels: readonly string[];
  /** The annotators compared, in order (pairs are (earlier, later)). */
  annotators: readonly string[];
  documents: readonly AgreementDocument[];
  /** The project's language, for documents that name none. */
  language?: string;
}

export interface PrecisionRecall { precision: number | null; recall: number | null; f1: number | null }
/** Spans of a and of b, and how many were matched exactly and by overlap. */
export interface SpanCounts { a: number; b: number; exact: number; overlap: number }
export interface SpanPairFigures { a: string; b: string; counts: SpanCounts; exact: PrecisionRecall; overlap: PrecisionRecall }
export interface SpanFigures {
  pairs: SpanPairFigures[];
  /** Means over the pairs; null without pairs. */
  mean: { counts: SpanCounts; exact: PrecisionRecall; overlap: PrecisionRecall } | null;
}

/** A figure with the reason when it is null. */
export type Noted<T> = T & { note: string | null };
export interface TokenFigures {
  /** Tokens compared. */
  tokens: number;
  /** Exactly two annotators, else null. */
  cohenKappa: Noted<KappaResult> | null;
  /** More than two annotators, else null. */
  fleissKappa: Noted<FleissResult> | null;
  /** Two or more annotators, else null. */
  krippendorffAlpha: Noted<AlphaResult> | null;
}
/** α_u and the length of the continuum in code points. */
export type UnitizingFigures = Noted<UnitizingFigure & { length: number }>;

export interface Figures {
  spans: SpanFigures;
  tokens: TokenFigures;
  /** Null with fewer than two annotators. */
  unitizing: UnitizingFigures | null;
  /** Why the figures are missing as a whole ("needs two annotators"), else null. */
  note: string | null;
}
export interface LabelFigures extends Figures { label: string }
/** Figures over all labels and per label, for the corpus or one document. */
export interface ScopeFigures { all: Figures; labels: LabelFigures[] }
export interface DocumentFigures extends ScopeFigures { id: string; tokens: number; length: number }

export interface AgreementReport {
  annotators: string[];
  /** Row order: the schema labels, then labels used but not in the schema. */
  labels: string[];
  offsetUnit: 'codepoint';
  corpus: ScopeFigures & { documents: number; tokens: number; length: number };
  documents: DocumentFigures[];
}

/** The note of every figure group when fewer than two annotators are compared. */
export const NEEDS_TWO = 'needs two annotators';
const NO_TOKENS = 'no tokens to compare';
const KAPPA_UNDEFINED = 'expected agreement is 1: every annotator gives every token one and the same category (e.g. no spans at all), so κ is undefined';
const ALPHA_UNDEFINED = 'expected disagreement is 0: every token has one and the same category for every annotator (e.g. no spans at all), so α is undefined';
const NO_UNITS = 'no spans: expected disagreement is 0, so α_u is undefined';

const ratio = (n: number, d: number): number | null => (d === 0 ? null : n / d);

/** Precision, recall and F1 of `matched` spans between a (reference) and b. */
export function precisionRecall(matched: number, a: number, b: number): PrecisionRecall {
  return { precision: ratio(matched, b), recall: ratio(matched, a), f1: ratio(2 * matched, a + b) };
}

/** Spans by start, end, then label. */
function byPlace(x: AgreementSpan, y: AgreementSpan): number {
  return x.start - y.start || x.end - y.end || (x.label < y.label ? -1 : x.label > y.label ? 1 : 0);
}

/** Exact and overlap matches between spans `a` and `b` (one-to-one; see the module comment). */
export function matchSpans(a: readonly AgreementSpan[], b: readonly AgreementSpan[]): { exact: number; overlap: number } {
  // Exact: the size of the intersection of the two multisets, walked in sorted order.
  const as = [...a].sort(byPlace), bs = [...b].sort(byPlace);
  let exact = 0;
  for (let i = 0, j = 0; i < as.length && j < bs.length;) {
    const c = byPlace(as[i], bs[j]);
    if (c === 0) { exact++; i++; j++; } else if (c < 0) i++; else j++;
  }

  const candidates: { i: number; j: number; shared: number }[] = [];
  a.forEach((x, i) => b.forEach((y, j) => {
    const shared = Math.min(x.end, y.end) - Math.max(x.start, y.start);
    if (x.label === y.label && shared > 0) candidates.push({ i, j, shared });
  }));
  candidates.sort((p, q) => q.shared - p.shared || a[p.i].start - a[q.i].start || b[p.j].start - b[q.j].start || p.i - q.i || p.j - q.j);
  const usedA = new Set<number>(), usedB = new Set<number>();
  for (const c of candidates) if (!usedA.has(c.i) && !usedB.has(c.j)) { usedA.add(c.i); usedB.add(c.j); }
  return { exact, overlap: usedA.size };
}

/** Each token's category under `spans`: the label `tagDocument` gives it (outermost), or `O`. */
export function tokenCategories(doc: DocumentTokens, spans: readonly LabelledRange[]): string[] {
  const labels = [...new Set(spans.map((s) => s.label))];
  return Array.from(tokenCodes(doc, spans, labels), (c) => (c ? labels[c - 1] : 'O'));
}

/**
 * One annotator's spans as α_u units: per label, spans that overlap or nest merged into their
 * union (spans that only touch stay apart); empty spans left out. Sorted by label, then start.
 */
export function mergeSpans(spans: readonly AgreementSpan[]): UnitizedUnit[] {
  const out: UnitizedUnit[] = [];
  const sorted = spans.filter((x) => x.end > x.start)
    .sort((x, y) => (x.label < y.label ? -1 : x.label > y.label ? 1 : x.start - y.start));
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && last.category === s.label && s.start < last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end, category: s.label });
  }
  return out;
}

/** What one scope (a document, or the corpus) is computed from. */
interface Material {
  /** Span counts per annotator pair (in pair order): key null for all labels, a label for its own. */
  spanCounts: Map<string | null, SpanCounts[]>;
  /** Token categories tallied: key null for the outermost tags, a label for its binary ones. */
  tallies: Map<string | null, TokenTally>;
  /** α_u units per annotator, already merged and laid end to end. */
  units: UnitizedUnit[][];
  length: number;
}

/** Why a κ is null, or null. */
function kappaNote(k: KappaResult): string | null {
  return k.items === 0 ? NO_TOKENS : k.value === null ? KAPPA_UNDEFINED : null;
}

/** The mean of the values that are defined, or null. */
function meanOf(values: readonly (number | null)[]): number | null {
  let sum = 0, n = 0;
  for (const v of values) if (v !== null) { sum += v; n++; }
  return n ? sum / n : null;
}

function tokenFigures(tally: TokenTally | undefined, m: number): TokenFigures {
  const entries = [...(tally?.values() ?? [])];
  const tokens = entries.reduce((n, e) => n + e.count, 0);
  if (m < 2) return { tokens, cohenKappa: null, fleissKappa: null, krippendorffAlpha: null };
  const alpha = krippendorffAlphaOfTally(entries);
  const cohen = m === 2 ? cohenKappaOfTally(entries as RatingTally<[string, string]>[]) : null;
  const fleiss = m > 2 ? fleissKappaOfTally(entries) : null;
  return {
    tokens,
    cohenKappa: cohen && { ...cohen, note: kappaNote(cohen) },
    fleissKappa: fleiss && { ...fleiss, note: kappaNote(fleiss) },
    krippendorffAlpha: { ...alpha, note: alpha.pairableValues === 0 ? NO_TOKENS : alpha.value === null ? ALPHA_UNDEFINED : null },
  };
}

/** The pairs (earlier, later) of `annotators`, as index pairs in the order of the report. */
function pairsOf(annotators: readonly string[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < annotators.length; i++) for (let j = i + 1; j < annotators.length; j++) out.push([i, j]);
  return out;
}

/** Figures of each pair from its span counts (none, as in a corpus without documents: zeros), and their means. */
function spanFigures(annotators: readonly string[], counts: readonly SpanCounts[]): SpanFigures {
  const pairs: SpanPairFigures[] = pairsOf(annotators).map(([i, j], k) => {
    const c = counts[k] ?? { a: 0, b: 0, exact: 0, overlap: 0 };
    return { a: annotators[i], b: annotators[j], counts: c, exact: precisionRecall(c.exact, c.a, c.b), overlap: precisionRecall(c.overlap, c.a, c.b) };
  });
  if (pairs.length === 0) return { pairs, mean: null };
  const meanPr = (pick: 'exact' | 'overlap'): PrecisionRecall => ({
    precision: meanOf(pairs.map((p) => p[pick].precision)), recall: meanOf(pairs.map((p) => p[pick].recall)), f1: meanOf(pairs.map((p) => p[pick].f1)),
  });
  const sum = { a: 0, b: 0, exact: 0, overlap: 0 };
  for (const p of pairs) { sum.a += p.counts.a; sum.b += p.counts.b; sum.exact += p.counts.exact; sum.overlap += p.counts.overlap; }
  const n = pairs.length;
  return { pairs, mean: { counts: { a: sum.a / n, b: sum.b / n, exact: sum.exact / n, overlap: sum.overlap / n }, exact: meanPr('exact'), overlap: meanPr('overlap') } };
}

function unitizingFigures(figure: UnitizingFigure, length: number): UnitizingFigures {
  const { value, observedDisagreement, expectedDisagreement, units } = figure;
  const note = length === 0 ? 'empty text' : units === 0 ? NO_UNITS : value === null ? 'expected disagreement is 0, so α_u is undefined' : null;
  return { value, observedDisagreement, expectedDisagreement, units, length, note };
}

/** Figures over all labels and per label for one scope. */
function scopeFigures(annotators: readonly string[], labels: readonly string[], material: Material): ScopeFigures {
  const two = annotators.length >= 2;
  const alphaU = two ? unitizingAlpha(material.length, material.units, labels) : null;
  const figures = (label: string | null): Figures => {
    const unit = alphaU && (label === null ? alphaU : alphaU.categories.find((c) => c.category === label)!);
    return {
      spans: spanFigures(annotators, material.spanCounts.get(label) ?? []),
      tokens: tokenFigures(material.tallies.get(label), annotators.length),
      unitizing: unit && unitizingFigures(unit, material.length),
      note: two ? null : NEEDS_TWO,
    };
  };
  return { all: figures(null), labels: labels.map((label) => ({ label, ...figures(label) })) };
}

/** An annotator's layer of a document; none (not even an inherited property): empty. */
const layerOf = (doc: AgreementDocument, annotator: string): readonly AgreementSpan[] =>
  (Object.prototype.hasOwnProperty.call(doc.layers, annotator) ? doc.layers[annotator] : []);

/** What a document contributes: its own figures' material, which the corpus adds up. */
interface Prepared extends Material { tokens: number }

/** One document's span counts, token tallies and α_u units (spans clamped to the text). */
function prepare(doc: AgreementDocument, input: AgreementInput, labels: readonly string[]): Prepared {
  const tokens = tokenizeDocument(doc.text, doc.language ?? input.language);
  const length = tokens.index.length;
  const spans = input.annotators.map((a) => layerOf(doc, a).map((s) => {
    const start = Math.min(Math.max(0, s.start), length);
    return { start, end: Math.min(Math.max(start, s.end), length), label: s.label };
  }));
  const pairs = pairsOf(input.annotators);
  const spanCounts = new Map<string | null, SpanCounts[]>();
  const tallies = new Map<string | null, TokenTally>();
  tallies.set(null, tallyTokens(spans.map((s) => tokenCodes(tokens, s, labels)), ['O', ...labels]));
  // Matches pair spans of one label only, so the counts over all labels are the sums of the labels' counts.
  const all = pairs.map(() => ({ a: 0, b: 0, exact: 0, overlap: 0 }));
  for (const label of labels) {
    const own = spans.map((s) => s.filter((x) => x.label === label));
    const counts = pairs.map(([i, j]) => countMatches(own[i], own[j]));
    counts.forEach((c, k) => { all[k].a += c.a; all[k].b += c.b; all[k].exact += c.exact; all[k].overlap += c.overlap; });
    spanCounts.set(label, counts);
    tallies.set(label, tallyTokens(own.map((s) => coveredTokens(tokens, s)), ['O', label]));
  }
  spanCounts.set(null, all);
  return { tokens: tokens.tokens.length, length, spanCounts, tallies, units: spans.map(mergeSpans) };
}

/** Span counts of a pair of layers. */
function countMatches(a: readonly AgreementSpan[], b: readonly AgreementSpan[]): SpanCounts {
  return { a: a.length, b: b.length, ...matchSpans(a, b) };
}

/** The agreement report for `input` (see the module comment for every definition). */
export function computeAgreement(input: AgreementInput): AgreementReport {
  const labels = [...input.labels];
  for (const doc of input.documents) {
    for (const a of input.annotators) for (const s of layerOf(doc, a)) if (!labels.includes(s.label)) labels.push(s.label);
  }
  const annotators = [...input.annotators];
  // The corpus: span counts and token tallies summed, continua laid end to end.
  const spanCounts = new Map<string | null, SpanCounts[]>();
  const tallies = new Map<string | null, TokenTally>();
  const units: UnitizedUnit[][] = annotators.map(() => []);
  let offset = 0, tokens = 0;
  const documents = input.documents.map((doc): DocumentFigures => {
    const p = prepare(doc, input, labels);
    for (const [key, counts] of p.spanCounts) {
      const sum = spanCounts.get(key) ?? counts.map(() => ({ a: 0, b: 0, exact: 0, overlap: 0 }));
      counts.forEach((c, k) => { sum[k].a += c.a; sum[k].b += c.b; sum[k].exact += c.exact; sum[k].overlap += c.overlap; });
      spanCounts.set(key, sum);
    }
    for (const [key, tally] of p.tallies) {
      if (!tallies.has(key)) tallies.set(key, new Map());
      addTally(tallies.get(key)!, tally);
    }
    p.units.forEach((list, a) => { for (const u of list) units[a].push({ start: u.start + offset, end: u.end + offset, category: u.category }); });
    offset += p.length;
    tokens += p.tokens;
    return { id: doc.id, tokens: p.tokens, length: p.length, ...scopeFigures(annotators, labels, p) };
  });
  const corpus = scopeFigures(annotators, labels, { spanCounts, tallies, units, length: offset });
  return {
    annotators, labels, offsetUnit: 'codepoint',
    corpus: { documents: documents.length, tokens, length: offset, ...corpus },
    documents,
  };
}

/** Columns of `agreementCsv`. */
export const AGREEMENT_CSV_COLUMNS = [
  'scope', 'document', 'label', 'measure', 'annotator_a', 'annotator_b', 'value', 'observed', 'expected', 'items',
  'units', 'spans_a', 'spans_b', 'matched', 'precision', 'recall', 'note',
] as const;
type CsvRow = Partial<Record<(typeof AGREEMENT_CSV_COLUMNS)[number], string | number | null>>;

/** The CSV rows of one scope's figures for one label (null: all labels). */
function figureRows(base: CsvRow, f: Figures): CsvRow[] {
  const rows: CsvRow[] = [];
  const spanRows = (a: string, b: string, counts: SpanCounts, exact: PrecisionRecall, overlap: PrecisionRecall) => {
    for (const [measure, pr, matched] of [['span_exact', exact, counts.exact], ['span_overlap', overlap, counts.overlap]] as const) {
      rows.push({ ...base, measure, annotator_a: a, annotator_b: b, value: pr.f1, spans_a: counts.a, spans_b: counts.b, matched, precision: pr.precision, recall: pr.recall });
    }
  };
  for (const p of f.spans.pairs) spanRows(p.a, p.b, p.counts, p.exact, p.overlap);
  if (f.spans.mean) spanRows('', '', f.spans.mean.counts, f.spans.mean.exact, f.spans.mean.overlap);
  const { cohenKappa: ck, fleissKappa: fk, krippendorffAlpha: ka } = f.tokens;
  if (ck) rows.push({ ...base, measure: 'cohen_kappa', value: ck.value, observed: ck.observed, expected: ck.expected, items: ck.items, note: ck.note });
  if (fk) rows.push({ ...base, measure: 'fleiss_kappa', value: fk.value, observed: fk.observed, expected: fk.expected, items: fk.items, note: fk.note });
  if (ka) rows.push({ ...base, measure: 'krippendorff_alpha', value: ka.value, observed: ka.observedDisagreement, expected: ka.expectedDisagreement, items: ka.pairableValues, note: ka.note });
  const u = f.unitizing;
  if (u) rows.push({ ...base, measure: 'unitizing_alpha', value: u.value, observed: u.observedDisagreement, expected: u.expectedDisagreement, items: u.length, units: u.units, note: u.note });
  if (f.note) rows.push({ ...base, measure: '', note: f.note });
  return rows;
}

/**
 * The report as CSV (RFC 4180, CRLF, with the UTF-8 byte order mark of the CSV export), one row
 * per scope (`corpus` or `document`), document, label and measure, with the counts behind it.
 * `document` is empty for the corpus, `label` empty for all labels; span rows (`span_exact`,
 * `span_overlap`: value = F1) name the pair, or no annotators for the mean over pairs.
 * `observed`/`expected` are agreements for κ and disagreements for α and α_u; `items` counts
 * tokens (κ), pairable values (α) or code points (α_u, whose `units` counts units). Null is empty.
 */
export function agreementCsv(report: AgreementReport): string {
  const scopes: { base: CsvRow; figures: ScopeFigures }[] = [
    { base: { scope: 'corpus', document: '' }, figures: report.corpus },
    ...report.documents.map((d) => ({ base: { scope: 'document', document: d.id }, figures: d })),
  ];
  let out = CSV_BOM + csvRecord(AGREEMENT_CSV_COLUMNS);
  for (const { base, figures } of scopes) {
    const rows = [
      ...figureRows({ ...base, label: '' }, figures.all),
      ...figures.labels.flatMap((l) => figureRows({ ...base, label: l.label }, l)),
    ];
    for (const row of rows) out += csvRecord(AGREEMENT_CSV_COLUMNS.map((c) => { const v = row[c]; return v === null || v === undefined ? '' : String(v); }));
  }
  return out;
}

/** How many spans each annotator has in these figures (from the pair counts; 0 without pairs). */
export function spansPerAnnotator(f: Figures, annotators: readonly string[]): number[] {
  return annotators.map((a) => {
    const p = f.spans.pairs.find((x) => x.a === a) ?? f.spans.pairs.find((x) => x.b === a);
    return p ? (p.a === a ? p.counts.a : p.counts.b) : 0;
  });
}

/**
 * The corpus figures as a plain-text table for a terminal: one row per label, then all labels;
 * F1 as the mean over annotator pairs, κ as Cohen's (two annotators) or Fleiss' (more), `–`
 * where a figure is undefined (the JSON and CSV say why).
 */
export function agreementTable(report: AgreementReport): string {
  const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '–' : v.toFixed(3));
  const kappaName = report.annotators.length > 2 ? "Fleiss' κ" : "Cohen's κ";
  const head = ['label', 'spans', 'F1 exact', 'F1 overlap', kappaName, 'α', 'α_u'];
  const row = (name: string, f: Figures): string[] => {
    const mean = f.spans.mean;
    const spans = spansPerAnnotator(f, report.annotators).join('/');
    const kappa = f.tokens.cohenKappa ?? f.tokens.fleissKappa;
    return [name, spans, fmt(mean?.exact.f1), fmt(mean?.overlap.f1), fmt(kappa?.value), fmt(f.tokens.krippendorffAlpha?.value), fmt(f.unitizing?.value)];
  };
  const rows = [head, ...report.corpus.labels.map((l) => row(l.label, l)), row('all labels', report.corpus.all)];
  const widths = head.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  const c = report.corpus;
  return [
    `Agreement of ${report.annotators.join(', ')} on ${c.documents} document(s), ${c.tokens} tokens, ${c.length} characters`,
    '',
    line(head), ...rows.slice(1).map(line),
    '',
    'spans: spans per annotator; F1: mean over annotator pairs; κ and α on tokens (as in the CoNLL export); α_u on characters.',
  ].join('\n');
}
