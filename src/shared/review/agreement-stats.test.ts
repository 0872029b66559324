import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cohenKappa, cohenKappaOfTally, fleissKappa, fleissKappaOfTally, krippendorffAlphaNominal, krippendorffAlphaOfTally, unitDistance, unitizingAlpha,
  type RatingTally, type UnitizedUnit,
} from './agreement-stats';

/** `actual` lies within `delta` of `expected` (the tolerance the cited source states or implies). */
function near(actual: number | null, expected: number, delta: number): void {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(delta);
}

/** `count` copies of the pair (a, b). */
const times = (count: number, a: string, b: string): [string, string][] => Array.from({ length: count }, () => [a, b]);

describe("Cohen's κ", () => {
  it('gives 0.4 on Wikipedia\'s "Cohen\'s kappa" example (50 proposals: yes/yes 20, yes/no 5, no/yes 10, no/no 15)', () => {
    const r = cohenKappa([...times(20, 'yes', 'yes'), ...times(5, 'yes', 'no'), ...times(10, 'no', 'yes'), ...times(15, 'no', 'no')]);
    // p_o = 35/50 = 0.7; p_e = 0.5·0.6 + 0.5·0.4 = 0.5; κ = 0.2 / 0.5.
    expect(r.observed).toBeCloseTo(0.7, 12);
    expect(r.expected).toBeCloseTo(0.5, 12);
    expect(r.value).toBeCloseTo(0.4, 12);
    expect(r.items).toBe(50);
  });

  it('is 1 for perfect agreement with variation, and null when both raters use one category only', () => {
    expect(cohenKappa([['a', 'a'], ['b', 'b'], ['a', 'a']]).value).toBe(1);
    expect(cohenKappa(times(5, 'O', 'O'))).toEqual({ value: null, observed: 1, expected: 1, items: 5 });
  });

  it('is null with no items, reporting 0 observed and expected', () => {
    expect(cohenKappa([])).toEqual({ value: null, observed: 0, expected: 0, items: 0 });
  });

  it('is 0 or below when agreement is no better than chance', () => {
    // Rater b says "yes" throughout: p_o = 0.5 = p_e.
    expect(cohenKappa([['yes', 'yes'], ['no', 'yes']]).value).toBe(0);
    expect(cohenKappa([['a', 'b'], ['b', 'a']]).value).toBe(-1);
  });
});

describe("Fleiss' κ", () => {
  // Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories. Each row
  // says how many raters put the subject into category 1…5.
  const table = [
    [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
  ];
  const units = table.map((row) => row.flatMap((n, c) => Array.from({ length: n }, () => `c${c + 1}`)));

  it('gives 0.210 on Wikipedia\'s worked example, with P̄ = 0.378 and P̄e = 0.213', () => {
    const r = fleissKappa(units);
    expect(r.value!.toFixed(3)).toBe('0.210');
    expect(r.observed.toFixed(3)).toBe('0.378');
    expect(r.expected.toFixed(3)).toBe('0.213');
    expect(r).toMatchObject({ items: 10, raters: 14 });
  });

  it('does not depend on the order of the ratings within a unit', () => {
    const shuffled = units.map((u) => [...u].reverse());
    expect(fleissKappa(shuffled).value).toBeCloseTo(fleissKappa(units).value!, 12);
  });

  it('is 1 for perfect agreement, null without variation, without units or with one rater', () => {
    expect(fleissKappa([['a', 'a', 'a'], ['b', 'b', 'b']]).value).toBe(1);
    expect(fleissKappa([['O', 'O', 'O'], ['O', 'O', 'O']])).toEqual({ value: null, observed: 1, expected: 1, items: 2, raters: 3 });
    expect(fleissKappa([])).toEqual({ value: null, observed: 0, expected: 0, items: 0, raters: 0 });
    expect(fleissKappa([['a'], ['b']]).value).toBeNull();
  });

  it('refuses units with different numbers of ratings', () => {
    expect(() => fleissKappa([['a', 'b'], ['a']])).toThrow(RangeError);
  });
});

describe("Krippendorff's α (nominal)", () => {
  // Krippendorff (2011), "Computing Krippendorff's alpha-reliability", section C: 4 observers,
  // 12 units, missing values (null). Also the example in the `krippendorff` Python package.
  const A = [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null];
  const B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3];
  const C = [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null];
  const D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null];
  const units = A.map((_, u) => [A[u], B[u], C[u], D[u]].map((v) => (v === null ? null : String(v))));

  it('gives 0.743 on the worked example of Krippendorff (2011), leaving out unit 12 (one value)', () => {
    const r = krippendorffAlphaNominal(units);
    expect(r.value!.toFixed(3)).toBe('0.743');
    // By hand: n = 40 pairable values (unit 12 has one). Disagreeing units 2 (2,2,3,2), 6 (1,2,3,4)
    // and 8 (1,1,2,1) give Σ_u (m_u² − Σ_c n_uc²)/(m_u − 1) = 6/3 + 12/3 + 6/3 = 8, so D_o = 8/40;
    // n_1..n_5 = 9, 13, 10, 5, 3, so D_e = (40² − 384) / (40·39) = 1216/1560; α = 1 − 312/1216.
    expect(r.pairableValues).toBe(40);
    expect(r.observedDisagreement).toBeCloseTo(8 / 40, 12);
    expect(r.expectedDisagreement).toBeCloseTo(1216 / 1560, 12);
    expect(r.value).toBeCloseTo(1 - 312 / 1216, 12);
  });

  it('is 1 for perfect agreement, null when every value is the same or nothing is pairable', () => {
    expect(krippendorffAlphaNominal([['a', 'a'], ['b', 'b', null]]).value).toBe(1);
    expect(krippendorffAlphaNominal([['O', 'O'], ['O', 'O']])).toEqual({ value: null, observedDisagreement: 0, expectedDisagreement: 0, pairableValues: 4 });
    expect(krippendorffAlphaNominal([['a', null], [null, 'b'], []])).toEqual({ value: null, observedDisagreement: 0, expectedDisagreement: 0, pairableValues: 0 });
    expect(krippendorffAlphaNominal([]).value).toBeNull();
  });

  it("differs from Fleiss' κ on complete data only by the small-sample factor: 1 − α = (1 − κ)·(n − 1)/n", () => {
    // D_o = 1 − P̄ and D_e = (1 − P̄e)·n/(n − 1), n = 12 values.
    const complete = [['a', 'a', 'b'], ['b', 'b', 'b'], ['a', 'c', 'c'], ['c', 'c', 'c']];
    const k = fleissKappa(complete).value!, a = krippendorffAlphaNominal(complete).value!;
    expect(1 - a).toBeCloseTo((1 - k) * (11 / 12), 12);
  });
});

describe('Krippendorff\'s α_u (unitizing), reproducing DKPro Statistics\' tests', () => {
  const seg = (start: number, end: number, isUnit: boolean) => ({ start, end, isUnit });
  /** DKPro's measureDistance(offset1, length1, category1, offset2, length2, category2) in our terms. */
  const dist = (o1: number, l1: number, unit1: boolean, o2: number, l2: number, unit2: boolean) => unitDistance(seg(o1, o1 + l1, unit1), seg(o2, o2 + l2, unit2));

  it('measures Krippendorff\'s (2004) distances between units and gaps (DKPro Krippendorff2004Test, UnitizingAgreementTest)', () => {
    expect(dist(2, 3, false, 2, 2, true) + dist(5, 6, true, 4, 7, false)).toBe(40);
    expect(dist(3, 2, false, 3, 2, true) + dist(5, 6, true, 5, 6, false)).toBe(40);
    expect([[4, 2], [5, 2], [6, 2], [7, 2], [6, 4], [5, 6]].map(([o, l]) => dist(5, 6, true, o, l, true))).toEqual([26, 16, 10, 8, 2, 0]);
    expect(dist(225, 70, true, 220, 80, true)).toBe(50);
    expect(dist(370, 30, true, 355, 20, true)).toBe(850);
    expect(dist(400, 50, false, 400, 20, true)).toBe(400);
    expect(dist(0, 1, false, 0, 2, false)).toBe(0);
    expect([[0, 2, false], [2, 1, true], [3, 1, false], [4, 1, true], [5, 1, false], [6, 1, true], [7, 4, false]]
      .map(([o, l, u]) => dist(1, 8, true, o as number, l as number, u as boolean))).toEqual([0, 37, 0, 25, 0, 29, 0]);
    expect(dist(9, 2, false, 7, 4, false)).toBe(0);
  });

  /**
   * Krippendorff (2004: p. 254), "Content Analysis", 2nd ed.: two observers on the continuum
   * 150–450 (DKPro Krippendorff2004Test); shifted here to begin at 0.
   */
  function krippendorff2004() {
    const u = (start: number, length: number, category: string): UnitizedUnit => ({ start: start - 150, end: start - 150 + length, category });
    return unitizingAlpha(300, [
      [u(225, 70, 'c'), u(370, 30, 'c'), u(180, 60, 'k'), u(300, 50, 'k')],
      [u(220, 80, 'c'), u(355, 20, 'c'), u(400, 20, 'c'), u(180, 60, 'k'), u(300, 50, 'k')],
    ], ['c', 'k']);
  }

  it('gives α_u = 0.8591 overall and c: D_o 0.0144, D_e 0.0532, α 0.7286; k: 0, 0.0490, 1 on Krippendorff\'s (2004) example', () => {
    const r = krippendorff2004();
    near(r.value, 0.8591, 0.0005);
    const [c, k] = r.categories;
    expect(c.category).toBe('c');
    near(c.observedDisagreement, 0.0144, 0.0001);
    near(c.expectedDisagreement, 0.0532, 0.0001);
    near(c.value, 0.7286, 0.0001);
    near(k.observedDisagreement, 0, 0.0001);
    near(k.expectedDisagreement, 0.0490, 0.0001);
    near(k.value, 1, 0.0001);
    expect(r).toMatchObject({ length: 300, coders: 2, units: 9 });
  });

  /**
   * Krippendorff (1995: p. 57), "On the reliability of unitizing continuous data": four pairs of
   * coders on a continuum of 24, one category each (A Bertha/Bill, B John/Jill, C Gerret/Gill,
   * D Heather/Hill), as DKPro's Krippendorff1995Test builds it, every position and length
   * multiplied by `stretch` and truncated as Java's (int) cast does.
   */
  function krippendorff1995(stretch: number) {
    const coders: UnitizedUnit[][] = [[], []];
    const add = (offset: number, length: number, coder: number, category: string) => {
      const start = Math.trunc(offset * stretch);
      coders[coder].push({ start, end: start + Math.trunc(length * stretch), category });
    };
    // A Bertha:  0 0|1 1 1 1 1 1 1 1|0 0 0 0|1 1 1 1 1 1|0 0 0 0
    //   Bill:    0 0 0 0|1 1 1 1|0 0 0 0 0 0 0|1 1|0 0 0 0 0 0 0
    add(2, 8, 0, 'A'); add(14, 6, 0, 'A'); add(4, 4, 1, 'A'); add(15, 2, 1, 'A');
    // B John:    1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1|0 0 0 0 0 0
    //   Jill:    1 1|1|1|1|1|1 1 1|1|0 0 0 0 0 0 0 0 0 0 0 0 0 0
    add(0, 18, 0, 'B');
    for (const [o, l] of [[0, 2], [2, 1], [3, 1], [4, 1], [5, 1], [6, 3], [9, 1]]) add(o, l, 1, 'B');
    // C Gerret:  0 0|1 1 1 1 1 1|0 0|1 1|0 0|1 1 1 1|0 0|1 1|0 0
    //   Gill:    1 1|0 0|1 1 1 1|0 0|1 1 1 1|0 0|1 1|0 0|1 1|0 0
    for (const [o, l] of [[2, 6], [10, 2], [14, 4], [20, 2]]) add(o, l, 0, 'C');
    for (const [o, l] of [[0, 2], [4, 4], [10, 4], [16, 2], [20, 2]]) add(o, l, 1, 'C');
    // D Heather: 1 1|1 1 1 1 1 1 1 1|1 1 1 1|1 1 1 1 1 1|1 1 1 1
    //   Hill:    1 1 1 1|1 1 1 1|1 1 1 1 1 1 1|1 1|1 1 1 1 1 1 1
    for (const [o, l] of [[0, 2], [2, 8], [10, 4], [14, 6], [20, 4]]) add(o, l, 0, 'D');
    for (const [o, l] of [[0, 4], [4, 4], [8, 7], [15, 2], [17, 7]]) add(o, l, 1, 'D');
    const r = unitizingAlpha(Math.trunc(24 * stretch), coders, ['A', 'B', 'C', 'D']);
    return Object.fromEntries(r.categories.map((c) => [c.category, c]));
  }

  it('reproduces the observed disagreements of Krippendorff\'s (1995) example: A 0.03125, B 2.26736, C 0.02777, D 0.38715', () => {
    const r = krippendorff1995(1);
    near(r.A.observedDisagreement, 0.03125, 0.00001);
    near(r.B.observedDisagreement, 2.26736, 0.00001);
    near(r.C.observedDisagreement, 0.02777, 0.00001);
    near(r.D.observedDisagreement, 0.38715, 0.00001);
  });

  it('reproduces expected disagreements and α_u of the 1995 example at length 1,200,000: A 0.553, B −0.926, C 0.679, D 0.066', () => {
    const r = krippendorff1995(1200000 / 24);
    near(r.A.expectedDisagreement, 0.06990, 0.005);
    near(r.B.expectedDisagreement, 1.17731, 0.005);
    near(r.C.expectedDisagreement, 0.08642, 0.005);
    near(r.D.expectedDisagreement, 0.41445, 0.005);
    near(r.A.value, 0.553, 0.02);
    near(r.B.value, -0.926, 0.02);
    near(r.C.value, 0.679, 0.02);
    near(r.D.value, 0.066, 0.02);
  });

  it('reproduces how α_u of category C grows with the resolution of the continuum (DKPro testVaryingLengths)', () => {
    const cases: [number, number, number, number][] = [
      // stretch, D_e, tolerance of D_e, α_u (±0.02)
      [12 / 24, 0.05494, 0.00001, 0.494],
      [120 / 24, 0.08234, 0.005, 0.663],
      [1200 / 24, 0.08600, 0.005, 0.677],
      [12000 / 24, 0.08638, 0.005, 0.678],
      [120000 / 24, 0.08642, 0.005, 0.679],
      [1200000 / 24, 0.08642, 0.005, 0.679],
    ];
    for (const [stretch, expected, tolerance, alpha] of cases) {
      const { C } = krippendorff1995(stretch);
      near(C.observedDisagreement, 0.02777, 0.00001);
      near(C.expectedDisagreement, expected, tolerance);
      near(C.value, alpha, 0.02);
    }
  });

  it('gives D_o 0.9100, D_e 0.5351, α_u −0.7003 for one long unit against three short ones (DKPro UnitizingAgreementTest)', () => {
    // r0: -11111111-
    // r1: --1-1-1---
    const r = unitizingAlpha(10, [
      [{ start: 1, end: 9, category: 'A' }],
      [2, 4, 6].map((s) => ({ start: s, end: s + 1, category: 'A' })),
    ]);
    const [a] = r.categories;
    near(a.observedDisagreement, 0.9100, 0.0001);
    near(a.expectedDisagreement, 0.5351, 0.0001);
    near(a.value, -0.7003, 0.0001);
  });

  it('gives 0 for a single unit of one coder among three, and null (DKPro: NaN) with no units', () => {
    near(unitizingAlpha(20, [[{ start: 0, end: 1, category: 'X' }], [], []]).value, 0, 1e-12);
    const empty = unitizingAlpha(20, [[], [], []], ['X']);
    expect(empty.value).toBeNull();
    expect(empty.categories).toEqual([{ category: 'X', value: null, observedDisagreement: 0, expectedDisagreement: 0, units: 0 }]);
  });

  it('is 1 when the coders unitize identically, and null with one coder or an empty continuum', () => {
    const units = [{ start: 2, end: 5, category: 'X' }, { start: 7, end: 9, category: 'X' }];
    expect(unitizingAlpha(12, [units, units]).value).toBe(1);
    expect(unitizingAlpha(12, [units]).value).toBeNull();
    expect(unitizingAlpha(0, [[], []]).value).toBeNull();
  });

  it('refuses overlapping units of one category of one coder, and units outside the continuum', () => {
    expect(() => unitizingAlpha(10, [[{ start: 0, end: 5, category: 'X' }, { start: 4, end: 6, category: 'X' }], []])).toThrow(/overlap/);
    expect(() => unitizingAlpha(10, [[{ start: 8, end: 11, category: 'X' }], []])).toThrow(/outside/);
    // Different categories may overlap; touching units of one category are two units.
    expect(() => unitizingAlpha(10, [[{ start: 0, end: 5, category: 'X' }, { start: 4, end: 6, category: 'Y' }, { start: 6, end: 8, category: 'Y' }], []])).not.toThrow();
  });
});

describe('coefficients of tallied units', () => {
  /** Identical units counted once, in order of first appearance. */
  function tally<R extends readonly (string | null)[]>(units: readonly R[]): RatingTally<R>[] {
    const out = new Map<string, RatingTally<R>>();
    for (const u of units) {
      const key = JSON.stringify(u);
      const entry = out.get(key);
      if (entry) entry.count++; else out.set(key, { ratings: u, count: 1 });
    }
    return [...out.values()];
  }
  const close = (a: { value: number | null }, b: { value: number | null }) => {
    if (a.value === null || b.value === null) expect(a.value).toBe(b.value);
    else expect(a.value).toBeCloseTo(b.value, 10);
  };
  const category = fc.constantFrom('O', 'actor', 'location', 'claim');

  it("give Cohen's κ, Fleiss' κ and Krippendorff's α of the units they count", () => {
    fc.assert(fc.property(fc.array(fc.tuple(category, category), { maxLength: 60 }), (pairs) => {
      const direct = cohenKappa(pairs), counted = cohenKappaOfTally(tally(pairs));
      expect(counted.items).toBe(direct.items);
      expect(counted.observed).toBeCloseTo(direct.observed, 12);
      close(counted, direct);
    }));
    fc.assert(fc.property(fc.array(fc.array(category, { minLength: 3, maxLength: 3 }), { maxLength: 60 }), (units) => {
      close(fleissKappaOfTally(tally(units)), fleissKappa(units));
    }));
    fc.assert(fc.property(fc.array(fc.array(fc.option(category), { minLength: 3, maxLength: 3 }), { maxLength: 60 }), (units) => {
      const direct = krippendorffAlphaNominal(units), counted = krippendorffAlphaOfTally(tally(units));
      expect(counted.pairableValues).toBe(direct.pairableValues);
      close(counted, direct);
    }));
  });

  it('count a million tokens as a handful of entries', () => {
    const pairs: RatingTally<[string, string]>[] = [
      { ratings: ['O', 'O'], count: 900_000 }, { ratings: ['actor', 'actor'], count: 90_000 },
      { ratings: ['actor', 'O'], count: 6_000 }, { ratings: ['O', 'actor'], count: 4_000 },
    ];
    const k = cohenKappaOfTally(pairs);
    expect(k.items).toBe(1_000_000);
    expect(k.observed).toBeCloseTo(0.99, 12);
    // p_e = 0.904·0.906 + 0.096·0.094
    expect(k.expected).toBeCloseTo(0.904 * 0.906 + 0.096 * 0.094, 12);
  });
});
