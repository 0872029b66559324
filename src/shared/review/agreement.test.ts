import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { cp, documentOf, EMOJI_TEXT, runExport, span } from '../../../tests/fixtures/formats/kit';
import { conllExport } from '../formats/conll';
import type { ExportSpan } from '../formats/export-format';
import { tokenizeDocument } from '../formats/token-tags';
import {
  AGREEMENT_CSV_COLUMNS, agreementCsv, computeAgreement, matchSpans, mergeSpans, NEEDS_TWO, tokenCategories,
  type AgreementInput, type AgreementSpan, type Figures,
} from './agreement';
import { cohenKappa, unitizingAlpha } from './agreement-stats';

const LABELS = ['actor', 'claim', 'location', 'casualty_figure'];

/** A span over the `nth` occurrence of `needle` in `text`. */
const at = (text: string, needle: string, label: string, nth = 0): AgreementSpan => ({ ...cp(text, needle, nth), label });

/** The figures of `label` in a scope. */
const row = (scope: { labels: (Figures & { label: string })[] }, label: string) => scope.labels.find((l) => l.label === label)!;

describe('agreement of two annotators with nested and overlapping spans (computed by hand)', () => {
  const text = 'Ilham Alijew sagte in Baku, 63 Menschen starben.';
  // Tokens: Ilham Alijew sagte in Baku , 63 Menschen starben .
  const anna = [
    at(text, 'Ilham Alijew sagte in Baku', 'claim'), at(text, 'Ilham Alijew', 'actor'), // actor nested in the claim
    at(text, 'Baku', 'location'), at(text, '63 Menschen', 'casualty_figure'),
  ];
  const ben = [at(text, 'Alijew', 'actor'), at(text, 'in Baku', 'location'), at(text, '63 Menschen starben', 'casualty_figure')];
  const input: AgreementInput = { labels: LABELS, annotators: ['anna', 'ben'], language: 'de', documents: [{ id: 'd1', text, layers: { anna, ben } }] };
  const report = computeAgreement(input);

  it('gives each token the outermost label, as the CoNLL tags do', () => {
    const doc = tokenizeDocument(text, 'de');
    //            Ilham    Alijew   sagte    in       Baku     ,    63  Menschen starben .
    expect(tokenCategories(doc, anna)).toEqual(['claim', 'claim', 'claim', 'claim', 'claim', 'O', 'casualty_figure', 'casualty_figure', 'O', 'O']);
    expect(tokenCategories(doc, ben)).toEqual(['O', 'actor', 'O', 'location', 'location', 'O', 'casualty_figure', 'casualty_figure', 'casualty_figure', 'O']);
  });

  it("computes Cohen's κ and Krippendorff's α over the tokens", () => {
    const t = report.corpus.all.tokens;
    // Agreeing tokens: `,` (O), 63, Menschen (casualty_figure), `.` (O): p_o = 4/10.
    // Marginals anna: claim 5, O 3, cf 2; ben: O 4, actor 1, location 2, cf 3.
    // p_e = (3·4 + 2·3) / 100 = 0.18; κ = (0.4 − 0.18) / 0.82 = 11/41.
    expect(t.tokens).toBe(10);
    expect(t.cohenKappa!.observed).toBeCloseTo(0.4, 12);
    expect(t.cohenKappa!.expected).toBeCloseTo(0.18, 12);
    expect(t.cohenKappa!.value).toBeCloseTo(11 / 41, 12);
    expect(t.cohenKappa!.items).toBe(10);
    expect(t.fleissKappa).toBeNull();
    // α: n = 20 values, 6 disagreeing units each contribute (4 − 2)/1: D_o = 12/20.
    // n_c: claim 5, O 7, cf 5, actor 1, location 2: D_e = (400 − 104) / 380; α = 1 − 0.6·380/296 = 17/74.
    expect(t.krippendorffAlpha!.observedDisagreement).toBeCloseTo(0.6, 12);
    expect(t.krippendorffAlpha!.expectedDisagreement).toBeCloseTo(296 / 380, 12);
    expect(t.krippendorffAlpha!.value).toBeCloseTo(17 / 74, 12);
  });

  it('counts the per-label tokens as the per-label CoNLL files do: a nested actor keeps its label', () => {
    // actor: anna Ilham Alijew (2 tokens, nested in her claim), ben Alijew. p_o = 9/10,
    // p_e = (2·1 + 8·9)/100 = 0.74, κ = 0.16/0.26 = 8/13.
    expect(row(report.corpus, 'actor').tokens.cohenKappa!.value).toBeCloseTo(8 / 13, 12);
    // claim: anna 5 tokens, ben none. p_o = 0.5 = p_e = (5·0 + 5·10)/100: κ = 0.
    expect(row(report.corpus, 'claim').tokens.cohenKappa!.value).toBeCloseTo(0, 12);
    // location: anna Baku, ben in Baku. p_o = 0.9, p_e = (1·2 + 9·8)/100 = 0.74: κ = 8/13.
    expect(row(report.corpus, 'location').tokens.cohenKappa!.value).toBeCloseTo(8 / 13, 12);
    // casualty_figure: anna 2 tokens, ben 3. p_o = 0.9, p_e = (2·3 + 8·7)/100 = 0.62: κ = 0.28/0.38 = 14/19.
    expect(row(report.corpus, 'casualty_figure').tokens.cohenKappa!.value).toBeCloseTo(14 / 19, 12);
  });

  it('matches spans exactly and by overlap, anna taken as reference', () => {
    const [pair] = report.corpus.all.spans.pairs;
    // No span is identical; actor, location and casualty figure overlap their counterparts.
    expect(pair).toMatchObject({ a: 'anna', b: 'ben', counts: { a: 4, b: 3, exact: 0, overlap: 3 } });
    expect(pair.exact).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(pair.overlap).toEqual({ precision: 1, recall: 0.75, f1: 6 / 7 });
    expect(report.corpus.all.spans.mean!.overlap.f1).toBeCloseTo(6 / 7, 12);
    // Per label: ben has no claim, so precision is 0/0.
    expect(row(report.corpus, 'claim').spans.pairs[0].overlap).toEqual({ precision: null, recall: 0, f1: 0 });
    expect(row(report.corpus, 'actor').spans.pairs[0].counts).toEqual({ a: 1, b: 1, exact: 0, overlap: 1 });
  });

  it('computes α_u per label on code points', () => {
    // casualty_figure, L = 48: anna 28–39 (l = 11), ben 28–47 (l = 19).
    // D_o = 2·(0² + 8²) / (2·1·48²) = 64/2304. Gaps 28, 9 (anna) and 28, 1 (ben).
    // D_e = (2/48)·[1·11·10·21/3 + 11²·(18 + 18) + 1·19·18·37/3 + 19²·(10 + 10)] / (96·95 − (110 + 342))
    //     = (2/48)·16564 / 8668.
    const cf = row(report.corpus, 'casualty_figure').unitizing!;
    expect(cf.observedDisagreement).toBeCloseTo(64 / 2304, 12);
    expect(cf.expectedDisagreement).toBeCloseTo((2 / 48) * 16564 / 8668, 12);
    expect(cf.value).toBeCloseTo(1 - (64 / 2304) / ((2 / 48) * 16564 / 8668), 12);
    expect(cf).toMatchObject({ units: 2, length: 48, note: null });
    // Overall: DKPro's mean over the labels used, the same as computing on the spans directly.
    const direct = unitizingAlpha(48, [mergeSpans(anna), mergeSpans(ben)], LABELS);
    expect(report.corpus.all.unitizing!.value).toBeCloseTo(direct.value!, 12);
  });

  it('gives the document the same figures as the corpus when there is one document', () => {
    const [doc] = report.documents;
    expect(doc).toMatchObject({ id: 'd1', tokens: 10, length: 48 });
    expect(doc.all).toEqual(report.corpus.all);
    expect(doc.labels).toEqual(report.corpus.labels);
  });
});

/** "Baku meldete 63 Tote." by Anna, Ben and Cem: Cem calls Baku an actor and marks only "Tote". */
function threeAnnotators(id: string): AgreementInput {
  const text = 'Baku meldete 63 Tote.';
  return {
    labels: LABELS, annotators: ['anna', 'ben', 'cem'], language: 'de',
    documents: [{
      id, text, layers: {
        anna: [at(text, 'Baku', 'location'), at(text, '63 Tote', 'casualty_figure')],
        ben: [at(text, 'Baku', 'location'), at(text, '63 Tote', 'casualty_figure')],
        cem: [at(text, 'Baku', 'actor'), at(text, 'Tote', 'casualty_figure')],
      },
    }],
  };
}

describe("three annotators: Fleiss' κ", () => {
  const input = threeAnnotators('d');
  const report = computeAgreement(input);

  it("computes Fleiss' κ and α over the tokens by hand", () => {
    //         Baku      meldete  63   Tote  .
    // anna:   location  O        cf   cf    O
    // ben:    location  O        cf   cf    O
    // cem:    actor     O        O    cf    O
    // P_i = 1/3, 1, 1/3, 1, 1: P̄ = 11/15. Totals location 2, actor 1, O 7, cf 5 of 15:
    // P̄e = (4 + 1 + 49 + 25)/225 = 79/225; κ = (165 − 79)/(225 − 79) = 43/73.
    const t = report.corpus.all.tokens;
    expect(t.cohenKappa).toBeNull();
    expect(t.fleissKappa).toMatchObject({ items: 5, raters: 3, note: null });
    expect(t.fleissKappa!.observed).toBeCloseTo(11 / 15, 12);
    expect(t.fleissKappa!.expected).toBeCloseTo(79 / 225, 12);
    expect(t.fleissKappa!.value).toBeCloseTo(43 / 73, 12);
    // α: D_o = ((9 − 5)/2 + (9 − 5)/2)/15 = 4/15, D_e = (225 − 79)/(15·14): α = 1 − 840/2190 = 45/73.
    expect(t.krippendorffAlpha!.value).toBeCloseTo(45 / 73, 12);
  });

  it('reports every pair of annotators and the mean over pairs', () => {
    const { pairs, mean } = report.corpus.all.spans;
    expect(pairs.map((p) => [p.a, p.b, p.exact.f1, p.overlap.f1])).toEqual([
      ['anna', 'ben', 1, 1], ['anna', 'cem', 0, 0.5], ['ben', 'cem', 0, 0.5],
    ]);
    expect(mean!.exact.f1).toBeCloseTo(1 / 3, 12);
    expect(mean!.overlap.f1).toBeCloseTo(2 / 3, 12);
    expect(mean!.counts).toEqual({ a: 2, b: 2, exact: 2 / 3, overlap: 4 / 3 });
  });
});

describe('span matching', () => {
  const s = (start: number, end: number, label = 'claim'): AgreementSpan => ({ start, end, label });

  it('pairs one-to-one, the largest overlap first', () => {
    // a's span overlaps b's first by 4 and b's second by 7: it takes the second.
    expect(matchSpans([s(0, 10)], [s(0, 4), s(3, 10)])).toEqual({ exact: 0, overlap: 1 });
    // Both of a's spans overlap b's one span; only one of them is matched.
    expect(matchSpans([s(0, 4), s(6, 10)], [s(2, 8)])).toEqual({ exact: 0, overlap: 1 });
    // Greedy, not a maximum matching: 0–10 takes 2–10 (8 shared), so 0–3 (which only 0–10
    // overlaps) and 8–12 stay unmatched, although 0–10/0–3 and 8–12/2–10 would match both.
    expect(matchSpans([s(0, 10), s(8, 12)], [s(2, 10), s(0, 3)])).toEqual({ exact: 0, overlap: 1 });
  });

  it('breaks ties by the earlier start', () => {
    // b's 2–8 shares 2 code points with both 0–4 and 6–10: 0–4, which starts earlier, gets it.
    // So 3–4 (inside 0–4 only) stays unmatched; the other tie-break would have matched both.
    expect(matchSpans([s(0, 4), s(6, 10)], [s(2, 8), s(3, 4)])).toEqual({ exact: 0, overlap: 1 });
    expect(matchSpans([s(6, 10), s(0, 4)], [s(2, 8), s(3, 4)])).toEqual({ exact: 0, overlap: 1 });
  });

  it('needs the same label and a shared code point; exact matches count duplicates once each', () => {
    expect(matchSpans([s(0, 4, 'actor')], [s(0, 4, 'location')])).toEqual({ exact: 0, overlap: 0 });
    expect(matchSpans([s(0, 4)], [s(4, 8)])).toEqual({ exact: 0, overlap: 0 });
    expect(matchSpans([s(0, 4), s(0, 4)], [s(0, 4)])).toEqual({ exact: 1, overlap: 1 });
  });
});

describe('α_u merges nested spans of one annotator and label', () => {
  const text = 'Russland sagte, die Armee habe die Stadt eingenommen. Kiew widersprach.';
  const outer = at(text, 'Russland sagte, die Armee habe die Stadt eingenommen', 'claim');
  const inner = at(text, 'die Armee habe die Stadt eingenommen', 'claim');

  it('merges overlapping and nested spans into their union, keeps touching ones apart', () => {
    expect(mergeSpans([inner, outer])).toEqual([{ start: outer.start, end: outer.end, category: 'claim' }]);
    expect(mergeSpans([{ start: 0, end: 5, label: 'x' }, { start: 3, end: 8, label: 'x' }, { start: 8, end: 9, label: 'x' }, { start: 2, end: 4, label: 'y' }]))
      .toEqual([{ start: 0, end: 8, category: 'x' }, { start: 8, end: 9, category: 'x' }, { start: 2, end: 4, category: 'y' }]);
  });

  it('so a claim with a nested claim agrees perfectly on characters with the outer claim alone', () => {
    const report = computeAgreement({ labels: ['claim'], annotators: ['anna', 'ben'], documents: [{ id: 'd', text, layers: { anna: [outer, inner], ben: [outer] } }] });
    const claim = row(report.corpus, 'claim');
    expect(claim.unitizing!.value).toBe(1);
    expect(claim.spans.pairs[0].counts).toEqual({ a: 2, b: 1, exact: 1, overlap: 1 });
    expect(claim.spans.pairs[0].exact.f1).toBeCloseTo(2 / 3, 12);
  });
});

describe('corpus figures', () => {
  const t1 = 'Baku meldete 63 Tote.';
  const t2 = 'Ilham Alijew sagte das.';
  const input: AgreementInput = {
    labels: LABELS, annotators: ['anna', 'ben'], language: 'de',
    documents: [
      { id: 'd1', text: t1, layers: { anna: [at(t1, 'Baku', 'location'), at(t1, '63 Tote', 'casualty_figure')], ben: [at(t1, 'Baku', 'location')] } },
      { id: 'd2', text: t2, layers: { anna: [at(t2, 'Ilham Alijew', 'actor')], ben: [at(t2, 'Alijew', 'actor'), at(t2, 'das', 'claim')] } },
    ],
  };
  const report = computeAgreement(input);

  it('pool the tokens of all documents and sum the span counts', () => {
    expect(report.corpus).toMatchObject({ documents: 2, tokens: 5 + 5, length: 21 + 23 });
    const doc = (d: number) => report.documents[d].all.tokens.cohenKappa!;
    expect(report.corpus.all.tokens.cohenKappa!.items).toBe(doc(0).items + doc(1).items);
    // κ of the pooled tokens is not the mean of the documents' κ.
    const cats = (text: string, spans: readonly AgreementSpan[]) => tokenCategories(tokenizeDocument(text, 'de'), spans);
    const a = [...cats(t1, input.documents[0].layers.anna), ...cats(t2, input.documents[1].layers.anna)];
    const b = [...cats(t1, input.documents[0].layers.ben), ...cats(t2, input.documents[1].layers.ben)];
    expect(report.corpus.all.tokens.cohenKappa!.value).toBeCloseTo(cohenKappa(a.map((x, i) => [x, b[i]] as const)).value!, 12);
    expect(report.corpus.all.spans.pairs[0].counts).toEqual({ a: 3, b: 3, exact: 1, overlap: 2 });
  });

  it('lay the documents end to end for α_u', () => {
    const shift = (spans: readonly AgreementSpan[], by: number) => mergeSpans(spans.map((s) => ({ ...s, start: s.start + by, end: s.end + by })));
    const coders = ['anna', 'ben'].map((a) => [...shift(input.documents[0].layers[a], 0), ...shift(input.documents[1].layers[a], 21)]);
    const direct = unitizingAlpha(44, coders, LABELS);
    expect(report.corpus.all.unitizing!.value).toBeCloseTo(direct.value!, 12);
    expect(row(report.corpus, 'actor').unitizing!.value).toBeCloseTo(direct.categories[0].value!, 12);
    // Each document is its own continuum.
    expect(report.documents[1].all.unitizing!.length).toBe(23);
  });
});

describe('edge cases', () => {
  const text = 'Baku meldete 63 Tote.';

  it('no spans at all: κ and α null because expected agreement is 1, F1 null, α_u null, each with a note', () => {
    const report = computeAgreement({ labels: LABELS, annotators: ['anna', 'ben'], documents: [{ id: 'd', text, layers: { anna: [], ben: [] } }] });
    const { all } = report.corpus;
    expect(all.tokens.cohenKappa).toEqual({ value: null, observed: 1, expected: 1, items: 5, note: expect.stringContaining('expected agreement is 1') });
    expect(all.tokens.krippendorffAlpha).toMatchObject({ value: null, note: expect.stringContaining('expected disagreement is 0') });
    expect(all.spans.pairs[0]).toMatchObject({ counts: { a: 0, b: 0, exact: 0, overlap: 0 }, exact: { precision: null, recall: null, f1: null } });
    expect(all.spans.mean!.overlap.f1).toBeNull();
    expect(all.unitizing).toMatchObject({ value: null, units: 0, note: expect.stringContaining('no spans') });
    expect(all.note).toBeNull();
    expect(report.corpus.labels.map((l) => l.label)).toEqual(LABELS);
  });

  it('one annotator: every coefficient null, note "needs two annotators"', () => {
    const report = computeAgreement({ labels: LABELS, annotators: ['anna'], documents: [{ id: 'd', text, layers: { anna: [at(text, 'Baku', 'location')] } }] });
    for (const f of [report.corpus.all, ...report.corpus.labels, report.documents[0].all]) {
      expect(f.note).toBe(NEEDS_TWO);
      expect(f.tokens).toMatchObject({ cohenKappa: null, fleissKappa: null, krippendorffAlpha: null });
      expect(f.spans).toEqual({ pairs: [], mean: null });
      expect(f.unitizing).toBeNull();
    }
    expect(report.corpus.all.tokens.tokens).toBe(5);
  });

  it('a label nobody used keeps its row: counts 0, figures null', () => {
    const report = computeAgreement({
      labels: LABELS, annotators: ['anna', 'ben'],
      documents: [{ id: 'd', text, layers: { anna: [at(text, 'Baku', 'location')], ben: [at(text, 'Baku', 'location')] } }],
    });
    const claim = row(report.corpus, 'claim');
    expect(claim.spans.pairs[0].counts).toEqual({ a: 0, b: 0, exact: 0, overlap: 0 });
    expect(claim.spans.pairs[0].overlap).toEqual({ precision: null, recall: null, f1: null });
    expect(claim.tokens.cohenKappa!.value).toBeNull();
    expect(claim.tokens.krippendorffAlpha!.value).toBeNull();
    expect(claim.unitizing).toMatchObject({ value: null, units: 0 });
    expect(row(report.corpus, 'location').tokens.cohenKappa!.value).toBe(1);
  });

  it('a label outside the schema gets a row after the schema labels; a missing layer is an empty one', () => {
    const report = computeAgreement({ labels: ['actor'], annotators: ['anna', 'ben'], documents: [{ id: 'd', text, layers: { anna: [at(text, 'Baku', 'place')] } }] });
    expect(report.labels).toEqual(['actor', 'place']);
    expect(row(report.corpus, 'place').spans.pairs[0].counts).toEqual({ a: 1, b: 0, exact: 0, overlap: 0 });
  });

  it('no documents: no tokens to compare', () => {
    const report = computeAgreement({ labels: LABELS, annotators: ['anna', 'ben'], documents: [] });
    expect(report.corpus).toMatchObject({ documents: 0, tokens: 0, length: 0 });
    expect(report.corpus.all.tokens.cohenKappa).toMatchObject({ value: null, items: 0, note: 'no tokens to compare' });
    expect(report.corpus.all.unitizing).toMatchObject({ value: null, note: 'empty text' });
  });

  it('is plain JSON', () => {
    const report = computeAgreement({ labels: LABELS, annotators: ['anna', 'ben'], documents: [{ id: 'd', text, layers: { anna: [], ben: [] } }] });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});

describe('token categories are the CoNLL export tags', () => {
  // Two sentences, a ZWJ emoji, a combining accent and an emoji outside the BMP: code points differ from UTF-16.
  const text = `${EMOJI_TEXT} Ilham Alijew sagte in Baku, die Armee habe 63 Menschen getötet.`;
  const layer = (annotator: string, spans: [string, string][]): ExportSpan[] =>
    spans.map(([needle, label], i) => span(text, `${annotator}${i}`, needle, label, {}, undefined, annotator));
  const anna = layer('anna', [
    ['„Café“ in Bakú', 'claim'], ['Bakú', 'location'], ['12 Tote 😢', 'casualty_figure'],
    ['Ilham Alijew sagte in Baku, die Armee habe 63 Menschen getötet', 'claim'], ['Ilham Alijew', 'actor'], ['63 Menschen', 'casualty_figure'],
  ]);
  const ben = layer('ben', [
    ['Ärztin', 'actor'], ['Café', 'location'], ['12 Tote', 'casualty_figure'],
    ['Alijew', 'actor'], ['Baku', 'location'], ['die Armee habe 63 Menschen getötet', 'claim'],
  ]);
  const document = documentOf('emoji', text, { language: 'de' });

  /** The tag column of a CoNLL export with the B-/I- prefix removed. */
  function exportedCategories(spans: ExportSpan[]): string[] {
    const { main } = runExport(conllExport, [{ document, spans, relations: [] }]);
    return main.split('\n').filter((l) => l && !l.startsWith('-DOCSTART-')).map((l) => l.split('\t')[1].replace(/^[BI]-/, ''));
  }

  it("match the exported tags token for token, so Cohen's κ can be recomputed from two CoNLL exports", () => {
    const strip = (spans: ExportSpan[]) => spans.map(({ start, end, label }) => ({ start, end, label }));
    const report = computeAgreement({ labels: LABELS, annotators: ['anna', 'ben'], language: 'de', documents: [{ id: 'emoji', text, language: 'de', layers: { anna: strip(anna), ben: strip(ben) } }] });
    const a = exportedCategories(anna), b = exportedCategories(ben);
    const doc = tokenizeDocument(text, 'de');
    expect(a).toEqual(tokenCategories(doc, anna));
    expect(b).toEqual(tokenCategories(doc, ben));
    expect(a).toContain('casualty_figure');
    const fromConll = cohenKappa(a.map((x, i) => [x, b[i]] as const));
    expect(report.corpus.all.tokens.cohenKappa!.items).toBe(a.length);
    expect(report.corpus.all.tokens.cohenKappa!.value).toBeCloseTo(fromConll.value!, 12);
    expect(report.corpus.all.tokens.cohenKappa!.observed).toBeCloseTo(fromConll.observed, 12);
  });
});

describe('agreementCsv', () => {
  // A document id with a comma and quotes, to check the CSV quoting.
  const report = computeAgreement(threeAnnotators('bericht, "eins"'));
  const csv = agreementCsv(report);
  const rows = parse(csv, { bom: true, columns: true }) as Record<string, string>[];

  it('writes RFC 4180 records with a header, CRLF and quoted fields', () => {
    expect(csv.startsWith(`\uFEFF${AGREEMENT_CSV_COLUMNS.join(',')}\r\n`)).toBe(true);
    expect(csv).toContain('document,"bericht, ""eins""",');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('has one row per scope, document, label and measure, with the counts', () => {
    // Per scope and label: 3 pairs + mean, each exact and overlap (8 rows), Fleiss, α, α_u.
    expect(rows).toHaveLength(2 * (1 + LABELS.length) * 11);
    const fleiss = rows.find((r) => r.scope === 'corpus' && r.label === '' && r.measure === 'fleiss_kappa')!;
    expect(Number(fleiss.value)).toBeCloseTo(43 / 73, 12);
    expect(fleiss).toMatchObject({ document: '', items: '5', note: '' });
    const pair = rows.find((r) => r.scope === 'document' && r.label === 'casualty_figure' && r.measure === 'span_overlap' && r.annotator_b === 'cem' && r.annotator_a === 'anna')!;
    expect(pair).toMatchObject({ document: 'bericht, "eins"', spans_a: '1', spans_b: '1', matched: '1', value: '1', precision: '1', recall: '1' });
    const claim = rows.find((r) => r.scope === 'corpus' && r.label === 'claim' && r.measure === 'fleiss_kappa')!;
    expect(claim.value).toBe('');
    expect(claim.note).toContain('expected agreement is 1');
    const mean = rows.find((r) => r.scope === 'corpus' && r.label === '' && r.measure === 'span_exact' && r.annotator_a === '')!;
    expect(Number(mean.value)).toBeCloseTo(1 / 3, 12);
  });
});
