/**
 * Chance-corrected agreement coefficients on generic data: Cohen's κ (two raters), Fleiss' κ
 * (many raters), Krippendorff's α for nominal data (any number of coders, missing values) and
 * Krippendorff's α_u for unitizing a continuum.
 *
 * Definitions (n items, categories c):
 * - Cohen's κ (Cohen 1960): observed agreement p_o = share of items both raters put in one
 *   category; expected p_e = Σ_c p_a(c)·p_b(c) from each rater's own marginals;
 *   κ = (p_o − p_e) / (1 − p_e).
 * - Fleiss' κ (Fleiss 1971): each item rated by the same number m of raters; n_ic raters put item
 *   i in c. P_i = (Σ_c n_ic² − m) / (m(m − 1)), observed P̄ = mean of P_i; p_c = Σ_i n_ic / (n·m),
 *   expected P̄_e = Σ_c p_c²; κ = (P̄ − P̄_e) / (1 − P̄_e).
 * - Krippendorff's α, nominal (Krippendorff 2011, "Computing Krippendorff's alpha-reliability"):
 *   a unit with m_u ≥ 2 values is pairable, the others are ignored; n = number of pairable values,
 *   n_c of them c. D_o = (1/n) Σ_u (m_u² − Σ_c n_uc²) / (m_u − 1);
 *   D_e = (n² − Σ_c n_c²) / (n(n − 1)); α = 1 − D_o / D_e.
 * - α_u (Krippendorff 1995, "On the reliability of unitizing continuous data", Sociological
 *   Methodology 25), in the form of DKPro Statistics' `KrippendorffAlphaUnitizingAgreement`: see
 *   `unitizingAlpha`.
 *
 * Undefined values are `null`, never NaN, so that results stay JSON: a coefficient is null when
 * there is nothing to compare (no items, fewer than two raters) or when chance agreement is
 * already perfect (p_e = 1, D_e = 0: every rating is one and the same category, so there is no
 * variation for agreement to be measured against). Perfect agreement with variation is 1.
 * With nothing to compare, observed and expected are reported as 0.
 */

/** A κ coefficient with the figures behind it. */
export interface KappaResult {
  /** κ; null when there are no items or expected agreement is 1 (see the module comment). */
  value: number | null;
  /** Observed agreement, 0–1. */
  observed: number;
  /** Agreement expected by chance, 0–1. */
  expected: number;
  /** Items compared. */
  items: number;
}

/** Fleiss' κ and the number of raters per item. */
export interface FleissResult extends KappaResult { raters: number }

/** Krippendorff's α with the figures behind it. */
export interface AlphaResult {
  /** α; null without pairable values or when expected disagreement is 0. */
  value: number | null;
  observedDisagreement: number;
  expectedDisagreement: number;
  /** Values in units with at least two values (n in Krippendorff's notation). */
  pairableValues: number;
}

/** Adds `by` (one unless told) to `key`'s count. */
function bump(counts: Map<string, number>, key: string, by = 1): void {
  counts.set(key, (counts.get(key) ?? 0) + by);
}

/** Σ of the squares of the counts. */
function sumOfSquares(counts: Map<string, number>): number {
  let s = 0;
  for (const n of counts.values()) s += n * n;
  return s;
}

/**
 * Units rated alike, counted once: the category each rater gave (null: none) and how many
 * units were rated exactly so. The `…OfTally` coefficients take their units in this form, so
 * that the tokens of a whole corpus are a few dozen entries instead of millions of arrays.
 */
export interface RatingTally<R extends readonly (string | null)[] = readonly (string | null)[]> {
  ratings: R;
  count: number;
}

/** Each unit as a tally entry of its own. */
const eachOnce = <R extends readonly (string | null)[]>(units: readonly R[]): RatingTally<R>[] => units.map((ratings) => ({ ratings, count: 1 }));

/**
 * Cohen's κ for two raters; `pairs` holds each item's two categories (rater a, rater b).
 * Expected agreement uses each rater's own marginals; it is 1 exactly when both raters use one
 * and the same category for every item, and κ is then null.
 */
export function cohenKappa(pairs: readonly (readonly [string, string])[]): KappaResult {
  return cohenKappaOfTally(eachOnce(pairs));
}

/** Cohen's κ of tallied pairs (see `cohenKappa`). */
export function cohenKappaOfTally(tally: readonly RatingTally<readonly [string, string]>[]): KappaResult {
  const a = new Map<string, number>(), b = new Map<string, number>();
  let items = 0, agree = 0;
  for (const { ratings: [x, y], count } of tally) {
    items += count;
    if (x === y) agree += count;
    bump(a, x, count);
    bump(b, y, count);
  }
  if (items === 0) return { value: null, observed: 0, expected: 0, items };
  // Integer sums, so that "expected is 1" is an exact test.
  let chance = 0;
  for (const [c, n] of a) chance += n * (b.get(c) ?? 0);
  const observed = agree / items, expected = chance / (items * items);
  return { value: chance === items * items ? null : (observed - expected) / (1 - expected), observed, expected, items };
}

/**
 * Fleiss' κ; each unit lists the category every rater gave it, the same number of raters for
 * every unit (a RangeError otherwise). Null with no units, fewer than two raters, or when every
 * rating is the same category (expected agreement 1).
 */
export function fleissKappa(units: readonly (readonly string[])[]): FleissResult {
  return fleissKappaOfTally(eachOnce(units));
}

/** Fleiss' κ of tallied units (see `fleissKappa`). */
export function fleissKappaOfTally(tally: readonly RatingTally<readonly string[]>[]): FleissResult {
  const items = tally.reduce((n, t) => n + t.count, 0);
  const raters = tally.length > 0 ? tally[0].ratings.length : 0;
  if (tally.some((t) => t.ratings.length !== raters)) throw new RangeError('fleissKappa: every unit needs the same number of ratings');
  if (items === 0 || raters < 2) return { value: null, observed: 0, expected: 0, items, raters };
  const totals = new Map<string, number>();
  let agreeSum = 0;
  for (const { ratings, count } of tally) {
    const counts = new Map<string, number>();
    for (const c of ratings) { bump(counts, c); bump(totals, c, count); }
    agreeSum += (count * (sumOfSquares(counts) - raters)) / (raters * (raters - 1));
  }
  const all = items * raters;
  const squares = sumOfSquares(totals);
  const observed = agreeSum / items, expected = squares / (all * all);
  return { value: squares === all * all ? null : (observed - expected) / (1 - expected), observed, expected, items, raters };
}

/**
 * Krippendorff's α for nominal data; each unit lists one value per coder, null where the coder
 * gave none. Units with fewer than two values are not pairable and are ignored. Null without
 * pairable values or when all pairable values are one category (expected disagreement 0).
 */
export function krippendorffAlphaNominal(units: readonly (readonly (string | null)[])[]): AlphaResult {
  return krippendorffAlphaOfTally(eachOnce(units));
}

/** Krippendorff's nominal α of tallied units (see `krippendorffAlphaNominal`). */
export function krippendorffAlphaOfTally(tally: readonly RatingTally[]): AlphaResult {
  const totals = new Map<string, number>();
  let n = 0, disagreeing = 0;
  for (const { ratings, count } of tally) {
    const counts = new Map<string, number>();
    let m = 0;
    for (const v of ratings) if (v !== null) { bump(counts, v); m++; }
    if (m < 2) continue;
    for (const [c, k] of counts) bump(totals, c, k * count);
    n += m * count;
    disagreeing += (count * (m * m - sumOfSquares(counts))) / (m - 1);
  }
  if (n === 0) return { value: null, observedDisagreement: 0, expectedDisagreement: 0, pairableValues: 0 };
  const squares = sumOfSquares(totals);
  const observedDisagreement = disagreeing / n;
  const expectedDisagreement = (n * n - squares) / (n * (n - 1));
  return {
    value: squares === n * n ? null : 1 - observedDisagreement / expectedDisagreement,
    observedDisagreement, expectedDisagreement, pairableValues: n,
  };
}

/** A unit a coder marked on the continuum: positions `start` to `end - 1`, with its category. */
export interface UnitizedUnit { start: number; end: number; category: string }

/** α_u of one category, or over all categories. */
export interface UnitizingFigure {
  /** α_u; null with fewer than two coders, an empty continuum, or expected disagreement 0 (no units). */
  value: number | null;
  observedDisagreement: number;
  expectedDisagreement: number;
  /** Units of this category (all coders together); over all categories, every unit. */
  units: number;
}

/** α_u per category (in the order asked for, then the others in order of appearance) and overall. */
export interface UnitizingResult extends UnitizingFigure {
  length: number;
  coders: number;
  categories: (UnitizingFigure & { category: string })[];
}

/** A stretch of one coder's segmentation of the continuum: a unit, or a gap between units. */
export interface UnitizingSegment { start: number; end: number; isUnit: boolean }
type Segment = UnitizingSegment;

/** One coder's units of one category, sorted, with the gaps between them: a partition of [0, L). */
function segmentsOf(units: readonly UnitizedUnit[], length: number): Segment[] {
  const sorted = [...units].sort((x, y) => x.start - y.start);
  const out: Segment[] = [];
  let pos = 0;
  for (const u of sorted) {
    if (u.start < pos) throw new RangeError(`unitizingAlpha: units of category '${u.category}' of one coder overlap at ${u.start}; merge them first`);
    if (u.start > pos) out.push({ start: pos, end: u.start, isUnit: false });
    out.push({ start: u.start, end: u.end, isUnit: true });
    pos = u.end;
  }
  if (pos < length) out.push({ start: pos, end: length, isUnit: false });
  return out;
}

/**
 * Krippendorff's squared distance between segments of two coders: for two intersecting units,
 * (start difference)² + (end difference)²; for a unit lying wholly inside the other coder's
 * gap, its length²; otherwise (gap and gap, a unit only partly in a gap, disjoint units) 0.
 */
export function unitDistance(g: UnitizingSegment, h: UnitizingSegment): number {
  if (g.isUnit && h.isUnit) return g.start >= h.end || h.start >= g.end ? 0 : (g.start - h.start) ** 2 + (g.end - h.end) ** 2;
  if (g.isUnit && h.start <= g.start && g.end <= h.end) return (g.end - g.start) ** 2;
  if (h.isUnit && g.start <= h.start && h.end <= g.end) return (h.end - h.start) ** 2;
  return 0;
}

/** Σ of the distances of every intersecting pair of segments of two coders (a merge of two partitions). */
function pairDistance(a: readonly Segment[], b: readonly Segment[]): number {
  let sum = 0, i = 0, j = 0;
  while (i < a.length && j < b.length) {
    sum += unitDistance(a[i], b[j]);
    if (a[i].end < b[j].end) i++;
    else if (b[j].end < a[i].end) j++;
    else { i++; j++; }
  }
  return sum;
}

/** How many of `gaps` (sorted descending) are at least `l` long. */
function atLeast(gaps: readonly number[], l: number): number {
  let lo = 0, hi = gaps.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (gaps[mid] >= l) lo = mid + 1; else hi = mid; }
  return lo;
}

/** Observed and expected disagreement of one category; `segments` per coder. */
function categoryDisagreement(segments: readonly Segment[][], length: number): { observed: number; expected: number; units: number } {
  const m = segments.length;
  let distance = 0;
  for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) distance += pairDistance(segments[i], segments[j]);
  const observed = (2 * distance) / (m * (m - 1) * length * length);

  const lengths: number[] = [], gaps: number[] = [];
  for (const coder of segments) for (const s of coder) (s.isUnit ? lengths : gaps).push(s.end - s.start);
  // Gaps sorted descending with running count and sum: Σ_{g ≥ l} (g − l + 1) in O(log) per unit.
  gaps.sort((x, y) => y - x);
  const count: number[] = [0], sum: number[] = [0];
  for (const g of gaps) { count.push(count[count.length - 1] + 1); sum.push(sum[sum.length - 1] + g); }
  const nc = lengths.length;
  let numerator = 0, within = 0;
  for (const l of lengths) {
    const k = atLeast(gaps, l);
    numerator += ((nc - 1) * l * (l - 1) * (2 * l - 1)) / 3 + l * l * (sum[k] - (l - 1) * count[k]);
    within += l * (l - 1);
  }
  const expected = ((2 / length) * numerator) / (m * length * (m * length - 1) - within);
  return { observed, expected, units: nc };
}

/** 1 − D_o / D_e, or null when D_e is 0. */
const alphaOf = (observed: number, expected: number): number | null => (expected > 0 ? 1 - observed / expected : null);

/**
 * Krippendorff's α_u for unitizing the continuum [0, `length`) (Krippendorff 1995, in the form
 * DKPro Statistics implements). `coders[i]` lists coder i's units, half-open; within one
 * category a coder's units must not overlap (a RangeError otherwise: the caller merges them);
 * units of different categories may. Units of length 0 are left out; units must lie in the
 * continuum. Each category is its own unitization into units and gaps (m coders, L = length):
 * - D_o(c) = 2 / (m(m − 1)·L²) · Σ over coder pairs Σ over intersecting segments δ² (`unitDistance`);
 * - D_e(c) = (2/L) Σ_units [ (N_c − 1)·l(l − 1)(2l − 1)/3 + l² Σ_{gaps g ≥ l} (g − l + 1) ]
 *   / (mL(mL − 1) − Σ_units l(l − 1)), N_c the number of units of c, l their lengths, the
 *   gaps those of every coder;
 * - α_u(c) = 1 − D_o(c) / D_e(c). Overall, as DKPro: D_o and D_e are the means over the
 *   categories that occur in some unit, and α_u = 1 − D_o / D_e.
 * Unlike DKPro, which returns 0 when D_o = D_e, a category without units (D_e = 0) gets null;
 * where D_o = D_e > 0 both give 0. `categories` fixes the order of the per-category rows (and
 * gives a row to a category nobody used, with null).
 */
export function unitizingAlpha(length: number, coders: readonly (readonly UnitizedUnit[])[], categories: readonly string[] = []): UnitizingResult {
  const m = coders.length;
  const names = [...categories];
  for (const coder of coders) {
    for (const u of coder) {
      if (!(u.start >= 0 && u.start <= u.end && u.end <= length)) throw new RangeError(`unitizingAlpha: unit ${u.start}–${u.end} outside the continuum 0–${length}`);
      if (!names.includes(u.category)) names.push(u.category);
    }
  }
  const rows = names.map((category) => {
    const units = coders.map((coder) => coder.filter((u) => u.category === category && u.end > u.start));
    const total = units.reduce((n, c) => n + c.length, 0);
    if (m < 2 || length <= 0 || total === 0) return { category, value: null, observedDisagreement: 0, expectedDisagreement: 0, units: total };
    const d = categoryDisagreement(units.map((c) => segmentsOf(c, length)), length);
    return { category, value: alphaOf(d.observed, d.expected), observedDisagreement: d.observed, expectedDisagreement: d.expected, units: total };
  });
  const used = rows.filter((r) => r.units > 0);
  const observed = used.length ? used.reduce((s, r) => s + r.observedDisagreement, 0) / used.length : 0;
  const expected = used.length ? used.reduce((s, r) => s + r.expectedDisagreement, 0) / used.length : 0;
  return {
    value: m < 2 ? null : alphaOf(observed, expected), observedDisagreement: observed, expectedDisagreement: expected,
    units: used.reduce((n, r) => n + r.units, 0), length, coders: m, categories: rows,
  };
}
