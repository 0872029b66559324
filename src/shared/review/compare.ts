/**
 * Side-by-side comparison of annotators' layers of one document: their spans grouped into
 * items, each a place in the text where the annotators agree or where a curator has to decide.
 *
 * Offsets are code points, as stored. `annotators` is the list compared, in order; a missing
 * layer counts as empty. With `options.labels`, only spans with one of those labels take part.
 *
 * Grouping (an item holds at most one span per annotator, so nested spans of one annotator,
 * such as an actor inside that annotator's claim, are never one item):
 * 1. Exact matches first, as `agreement.ts` defines them: same start, end and label. Every
 *    (start, end, label) that two or more annotators marked becomes one group with one span of
 *    each of them (an annotator who marked it twice contributes the first by `compareSpans`;
 *    the duplicate stays behind).
 * 2. Every other span is a group of its own. Candidate pairs are all pairs of spans of two
 *    different annotators (a earlier than b in `annotators`) that share at least one code
 *    point. Same-label pairs come first, ordered as `agreement.ts`'s overlap matching orders
 *    them: largest shared length, then the earlier start of a's span, then of b's. Then
 *    different-label pairs: largest shared length, then the smaller union (the closer
 *    boundaries: an actor "Stepanakert" pairs with a location "Stepanakert", not with a claim
 *    around it), then the earlier start of a's span, then of b's. Remaining ties go by annotator
 *    order, then span order. Walking the pairs in that order, the two spans' groups are merged
 *    when they are different groups, have no annotator in common, and every span of one shares
 *    a code point with every span of the other. With two annotators this is the greedy
 *    one-to-one largest-overlap matching of `agreement.ts`, extended across labels; with more,
 *    groups grow by the same preference and their spans overlap pairwise.
 *
 * Kinds, with n the number of annotators compared:
 * - `agreement`: all n have a span, and all spans have the same start, end and label.
 * - `label`: all n have a span and the labels differ. This includes items whose boundaries
 *   differ too: the label is the first thing a curator decides, and a label item shows every
 *   extent anyway.
 * - `boundary`: all n have a span, the labels are the same and the offsets differ.
 * - `partial`: only some annotators marked it (fewer than n spans), whatever the spans'
 *   labels and offsets; a span marked by one annotator only is a partial item of its own.
 *
 * Items come in text order: by start, then longer first, then by id. An item's id is its
 * members' `annotator:spanId` references, sorted and joined with `|`: the same spans give the
 * same id on every call, whatever the order of the input.
 */
import type { Span } from '../model/annotation';
import { compareSpans } from '../ops/span-ops';

export type ComparisonKind = 'agreement' | 'label' | 'boundary' | 'partial';

/** A span and the annotator whose layer it is in. */
export interface AnnotatorSpan { annotator: string; span: Span }

export interface ComparisonItem {
  /** Stable: the sorted `annotator:spanId` references of its spans, joined with `|`. */
  id: string;
  kind: ComparisonKind;
  /** The union range of its spans (code points, half-open). */
  start: number;
  end: number;
  /** At most one span per annotator, in the order of `annotators`. */
  spans: AnnotatorSpan[];
  /** The distinct labels of its spans, in the order of `spans`. */
  labels: string[];
}

export interface CompareOptions {
  /** Only spans with these labels take part; absent: all. */
  labels?: readonly string[];
}

/** Counts of items per kind. */
export type ComparisonSummary = Record<ComparisonKind, number> & { total: number };

type Extent = Pick<Span, 'start' | 'end' | 'label'>;

/** Exact match, as in `agreement.ts`: same start, end and label. */
export function isExactMatch(a: Extent, b: Extent): boolean {
  return a.start === b.start && a.end === b.end && a.label === b.label;
}

/**
 * A span's reference across layers. Span ids are unique only within a layer (brat imports
 * give every layer its own T1), so a span is named together with its annotator.
 */
export function spanRef(annotator: string, spanId: string): string {
  return `${annotator}:${spanId}`;
}

/** An item's id: the sorted references of its spans, joined with `|`. */
export function itemId(spans: readonly AnnotatorSpan[]): string {
  return spans.map((s) => spanRef(s.annotator, s.span.id)).sort().join('|');
}

/** The kind of an item with these spans, out of `annotatorCount` annotators (see the module comment). */
export function classifyItem(spans: readonly AnnotatorSpan[], annotatorCount: number): ComparisonKind {
  if (spans.length < annotatorCount || spans.length === 0) return 'partial';
  const first = spans[0].span;
  if (spans.some((s) => s.span.label !== first.label)) return 'label';
  return spans.every((s) => s.span.start === first.start && s.span.end === first.end) ? 'agreement' : 'boundary';
}

/** Code points two spans share (≤ 0 when they do not overlap). */
const sharedLength = (x: Span, y: Span): number => Math.min(x.end, y.end) - Math.max(x.start, y.start);

interface Member { a: number; index: number; span: Span }
interface Candidate { x: Member; y: Member; same: boolean; shared: number; union: number }

/** The candidate order of grouping step 2 (see the module comment). */
function byPreference(p: Candidate, q: Candidate): number {
  return Number(q.same) - Number(p.same) || q.shared - p.shared || (p.same ? 0 : p.union - q.union)
    || p.x.span.start - q.x.span.start || p.y.span.start - q.y.span.start
    || p.x.a - q.x.a || p.y.a - q.y.a || p.x.index - q.x.index || p.y.index - q.y.index;
}

/**
 * Groups the spans of two or more annotators' layers of one document into comparison items,
 * in text order (see the module comment for the grouping rule and the kinds).
 * @throws RangeError with fewer than two distinct annotators.
 */
export function compareLayers(
  layers: Readonly<Record<string, readonly Span[]>>,
  annotators: readonly string[],
  options: CompareOptions = {},
): ComparisonItem[] {
  const names = [...new Set(annotators)];
  if (names.length < 2) throw new RangeError('comparing layers needs two annotators');
  const wanted = options.labels ? new Set(options.labels) : null;
  const members: Member[][] = names.map((name, a) => {
    const spans = Object.prototype.hasOwnProperty.call(layers, name) ? layers[name] : [];
    return spans.filter((s) => !wanted || wanted.has(s.label)).slice().sort(compareSpans)
      .map((span, index) => ({ a, index, span }));
  });

  // 1. Exact matches across annotators.
  const groupOf = new Map<Member, Member[]>();
  const exact = new Map<string, Member[]>();
  for (const m of members.flat()) {
    const key = `${m.span.start}\u0000${m.span.end}\u0000${m.span.label}`;
    const group = exact.get(key) ?? [];
    if (!group.some((g) => g.a === m.a)) group.push(m);
    exact.set(key, group);
  }
  for (const group of exact.values()) if (group.length >= 2) for (const m of group) groupOf.set(m, group);
  for (const m of members.flat()) if (!groupOf.has(m)) groupOf.set(m, [m]);

  // 2. Overlapping spans, by preference.
  const candidates: Candidate[] = [];
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) {
      for (const x of members[i]) for (const y of members[j]) {
        const shared = sharedLength(x.span, y.span);
        if (shared <= 0) continue;
        const union = Math.max(x.span.end, y.span.end) - Math.min(x.span.start, y.span.start);
        candidates.push({ x, y, same: x.span.label === y.span.label, shared, union });
      }
    }
  }
  candidates.sort(byPreference);
  for (const { x, y } of candidates) {
    const g = groupOf.get(x)!, h = groupOf.get(y)!;
    if (g === h || g.some((m) => h.some((n) => n.a === m.a || sharedLength(m.span, n.span) <= 0))) continue;
    const merged = [...g, ...h];
    for (const m of merged) groupOf.set(m, merged);
  }

  const items = [...new Set(groupOf.values())].map((group) => toItem(group, names));
  return items.sort((p, q) => p.start - q.start || q.end - p.end || (p.id < q.id ? -1 : p.id > q.id ? 1 : 0));
}

function toItem(group: readonly Member[], names: readonly string[]): ComparisonItem {
  const spans = group.slice().sort((m, n) => m.a - n.a).map((m) => ({ annotator: names[m.a], span: m.span }));
  return {
    id: itemId(spans),
    kind: classifyItem(spans, names.length),
    start: Math.min(...spans.map((s) => s.span.start)),
    end: Math.max(...spans.map((s) => s.span.end)),
    spans,
    labels: [...new Set(spans.map((s) => s.span.label))],
  };
}

/** How many items there are of each kind, and in all. */
export function summarizeComparison(items: readonly ComparisonItem[]): ComparisonSummary {
  const summary: ComparisonSummary = { agreement: 0, label: 0, boundary: 0, partial: 0, total: items.length };
  for (const item of items) summary[item.kind]++;
  return summary;
}

/**
 * The next item after (`direction` 1) or before (-1) the item `fromItemId` whose kind is not
 * `agreement`, for keyboard navigation; without a current item (null, or an id no longer among
 * `items`) the first, or the last, disagreement. Null at the end: there is no wrapping around.
 */
export function nextDisagreement(
  items: readonly ComparisonItem[], fromItemId: string | null, direction: 1 | -1,
): ComparisonItem | null {
  const from = fromItemId === null ? -1 : items.findIndex((item) => item.id === fromItemId);
  for (let k = from === -1 ? (direction === 1 ? 0 : items.length - 1) : from + direction; k >= 0 && k < items.length; k += direction) {
    if (items[k].kind !== 'agreement') return items[k];
  }
  return null;
}
