import { describe, expect, it } from 'vitest';
import { cp, NOW } from '../../../tests/fixtures/formats/kit';
import { emptyLayer, LayerFileSchema, type Attributes, type Layer, type Span } from '../model/annotation';
import { applySpanChange, diffLayers } from '../ops/span-change';
import { SpanRangeError, updateSpan } from '../ops/span-ops';
import { createOffsetIndex } from '../text/offsets';
import {
  acceptAllAgreements, acceptItem, acceptSpans, adjudicationProgress, CURATED_LAYER, copyRelations, curatedFromItem, itemDecided, itemRejected, stampCuratedEdits, type AdjudicationContext,
} from './adjudicate';
import { compareLayers, type ComparisonItem } from './compare';

const TEXT = '🇦🇿 Präsident Ilham Alijew sagte, in Stepanakert seien 63 Menschen getötet worden, meldete das Ministerium.';
const CLAIM = 'Präsident Ilham Alijew sagte, in Stepanakert seien 63 Menschen getötet worden';
const LATER = '2025-07-02T09:00:00.000Z';

function sp(id: string, needle: string, label: string, attributes: Attributes = {}, note?: string): Span {
  return { id, ...cp(TEXT, needle), label, quote: needle, attributes, ...(note ? { note } : {}), createdAt: NOW, modifiedAt: NOW };
}

// Brat-style ids: both layers have their own T1…T5.
const ANNA = [
  sp('T1', CLAIM, 'claim', { certainty: 'asserted' }, 'Zitat aus dem Fernsehen'),
  sp('T2', 'Ilham Alijew', 'actor', { actor_type: 'person' }),
  sp('T3', 'Stepanakert', 'location'),
  sp('T4', '63 Menschen', 'casualty_figure', { count_min: 63 }),
  sp('T5', 'Präsident', 'actor'),
];
const BEN = [
  sp('T1', CLAIM, 'claim', { certainty: 'reported' }),
  sp('T2', 'Präsident Ilham Alijew', 'actor'),
  sp('T3', 'Stepanakert', 'actor'),
  sp('T4', '63 Menschen', 'casualty_figure', { count_min: 63 }),
  sp('T5', 'das Ministerium', 'actor'),
];
const CARL = [sp('C2', 'Ilham Alijew', 'actor', { actor_type: 'state' }), sp('C4', '63 Menschen', 'casualty_figure')];

const items = compareLayers({ anna: ANNA, ben: BEN }, ['anna', 'ben']);
const item = (id: string): ComparisonItem => items.find((i) => i.id === id)!;
const claim = item('anna:T1|ben:T1');
const actor = item('anna:T2|ben:T2');
const place = item('anna:T3|ben:T3');
const figure = item('anna:T4|ben:T4');
const annaOnly = item('anna:T5');
const benOnly = item('ben:T5');

/** A context whose new span ids are c1, c2, … */
function context(now = NOW): AdjudicationContext {
  let n = 0;
  return { text: TEXT, index: createOffsetIndex(TEXT), now, newId: () => `c${++n}` };
}
const curated = (): Layer => emptyLayer('doc', CURATED_LAYER, 'a'.repeat(64));
const view = (layer: Layer) => layer.spans.map((s) => [s.quote, s.label, s.origin]);

describe('accepting spans into the curated layer', () => {
  it('copies an agreed item as one span that names both annotators and keeps the text invariant', () => {
    const layer = acceptItem(curated(), claim, 'both', context());
    expect(layer.status).toBe('in_progress');
    expect(layer.spans).toEqual([{
      id: 'c1', ...cp(TEXT, CLAIM), label: 'claim', quote: CLAIM, attributes: { certainty: 'asserted' }, note: 'Zitat aus dem Fernsehen',
      createdAt: NOW, modifiedAt: NOW, origin: { annotators: ['anna', 'ben'], spanIds: ['T1', 'T1'], decision: 'accepted' },
    } satisfies Span]);
  });

  it('makes identical picks one span and takes each pick once', () => {
    const layer = acceptSpans(curated(), [
      { annotator: 'ben', span: BEN[3] }, { annotator: 'anna', span: ANNA[3] }, { annotator: 'ben', span: BEN[3] },
    ], context());
    expect(view(layer)).toEqual([['63 Menschen', 'casualty_figure', { annotators: ['ben', 'anna'], spanIds: ['T4', 'T4'], decision: 'accepted' }]]);
  });

  it('extends the origin of a curated span that is already there instead of duplicating it', () => {
    const once = acceptSpans(curated(), [{ annotator: 'anna', span: ANNA[3] }], context());
    const twice = acceptSpans(once, [{ annotator: 'ben', span: BEN[3] }], context(LATER));
    expect(twice.spans).toHaveLength(1);
    expect(twice.spans[0]).toMatchObject({ id: 'c1', attributes: { count_min: 63 }, createdAt: NOW, modifiedAt: LATER });
    expect(twice.spans[0].origin).toEqual({ annotators: ['anna', 'ben'], spanIds: ['T4', 'T4'], decision: 'accepted' });
    // Nothing new: the very same layer, so the editor records no step.
    expect(acceptSpans(twice, [{ annotator: 'anna', span: ANNA[3] }], context(LATER))).toBe(twice);
    expect(acceptItem(twice, figure, 'both', context(LATER))).toBe(twice);
  });

  it('keeps an edited span edited while it still names the span it was edited from', () => {
    const taken = acceptSpans(curated(), [{ annotator: 'anna', span: ANNA[3] }], context());
    const edited = { ...taken, spans: taken.spans.map((s) => ({ ...s, attributes: { count_min: 60 }, origin: { ...s.origin!, decision: 'edited' as const } })) };
    const joined = acceptSpans(edited, [{ annotator: 'ben', span: BEN[3] }], context(LATER));
    expect(joined.spans[0].origin).toEqual({ annotators: ['anna', 'ben'], spanIds: ['T4', 'T4'], decision: 'edited' });
    expect(joined.spans[0].attributes).toEqual({ count_min: 60 });
    // Choosing Ben's side alone withdraws Anna's span: what is left is Ben's span, accepted.
    const bens = acceptItem(edited, figure, { annotator: 'ben' }, context(LATER));
    expect(bens.spans[0].origin).toEqual({ annotators: ['ben'], spanIds: ['T4'], decision: 'accepted' });
  });

  it("turns the curator's own span into an accepted one when an annotator's span matches it", () => {
    const own: Span = { ...sp('mine', 'Stepanakert', 'location'), origin: { annotators: [], spanIds: [], decision: 'added' } };
    const layer = acceptItem({ ...curated(), spans: [own] }, place, { annotator: 'anna' }, context(LATER));
    expect(view(layer)).toEqual([['Stepanakert', 'location', { annotators: ['anna'], spanIds: ['T3'], decision: 'accepted' }]]);
    expect(layer.spans[0].id).toBe('mine');
  });

  it('accepts both sides of a boundary item of three annotators as two spans, the identical ones merged', () => {
    const three = compareLayers({ anna: ANNA, ben: BEN, carl: CARL }, ['anna', 'ben', 'carl']);
    const actors = three.find((i) => i.id === 'anna:T2|ben:T2|carl:C2')!;
    const layer = acceptItem(curated(), actors, 'both', context());
    expect(view(layer)).toEqual([
      ['Präsident Ilham Alijew', 'actor', { annotators: ['ben'], spanIds: ['T2'], decision: 'accepted' }],
      ['Ilham Alijew', 'actor', { annotators: ['anna', 'carl'], spanIds: ['T2', 'C2'], decision: 'accepted' }],
    ]);
    // The first pick in item order gives the attributes.
    expect(layer.spans[1].attributes).toEqual({ actor_type: 'person' });
  });
});

describe('deciding an item', () => {
  it('replaces an earlier choice, and neither takes back what was accepted from the item', () => {
    const ctx = context();
    const base = acceptItem(curated(), figure, 'both', ctx);
    const ben = acceptItem(base, place, { annotator: 'ben' }, ctx);
    expect(view(ben).map(([q, l]) => [q, l])).toEqual([['Stepanakert', 'actor'], ['63 Menschen', 'casualty_figure']]);
    const anna = acceptItem(ben, place, { annotator: 'anna' }, ctx);
    expect(view(anna).map(([q, l]) => [q, l])).toEqual([['Stepanakert', 'location'], ['63 Menschen', 'casualty_figure']]);
    const both = acceptItem(anna, place, 'both', ctx);
    expect(view(both)).toEqual([
      ['Stepanakert', 'actor', { annotators: ['ben'], spanIds: ['T3'], decision: 'accepted' }],
      ['Stepanakert', 'location', { annotators: ['anna'], spanIds: ['T3'], decision: 'accepted' }],
      ['63 Menschen', 'casualty_figure', { annotators: ['anna', 'ben'], spanIds: ['T4', 'T4'], decision: 'accepted' }],
    ]);
    const neither = acceptItem(both, place, 'neither', ctx);
    expect(neither.spans).toEqual(base.spans);
    expect(itemRejected(neither, place)).toBe(true);
    expect(itemDecided(neither, place)).toBe(true);
    expect(itemDecided(neither, figure)).toBe(true);
  });

  it('keeps the curated span when the same span is chosen again from one side of an agreement', () => {
    const both = acceptItem(curated(), figure, 'both', context());
    const one = acceptItem(both, figure, { annotator: 'anna' }, context(LATER));
    expect(one.spans.map((s) => s.id)).toEqual(['c1']);
    expect(one.spans[0].origin).toEqual({ annotators: ['anna'], spanIds: ['T4'], decision: 'accepted' });
  });

  it('removes an edited span of the item on neither, with its relations, and leaves the other spans alone', () => {
    const ctx = context();
    let layer = acceptItem(curated(), actor, { annotator: 'anna' }, ctx);
    layer = acceptItem(layer, claim, 'both', ctx);
    const [claimSpan, actorSpan] = layer.spans;
    // The curator widens the accepted actor and links the claim to it.
    const widened = updateSpan(layer, actorSpan.id, cp(TEXT, 'Präsident Ilham Alijew'), ctx);
    layer = {
      ...widened,
      spans: widened.spans.map((s) => (s.id === actorSpan.id ? { ...s, origin: { ...s.origin!, decision: 'edited' } } : s)),
      relations: [{ id: 'r1', type: 'attributed_to', from: claimSpan.id, to: actorSpan.id, createdAt: NOW, modifiedAt: NOW }],
    };
    const neither = acceptItem(layer, actor, 'neither', ctx);
    expect(neither.spans.map((s) => s.id)).toEqual([claimSpan.id]);
    expect(neither.relations).toEqual([]);
  });

  it('tells apart spans of different annotators that share an id', () => {
    const layer = acceptItem(curated(), benOnly, 'both', context());
    expect(acceptItem(layer, annaOnly, 'neither', context()).spans).toBe(layer.spans);
    expect(itemDecided(layer, benOnly)).toBe(true);
    expect(itemDecided(layer, annaOnly)).toBe(false);
  });

  it('refuses an annotator without a span in the item, a layer that is not curated, and a span off the text', () => {
    expect(() => acceptItem(curated(), benOnly, { annotator: 'anna' }, context())).toThrow(/anna has no span/);
    expect(() => acceptItem(emptyLayer('doc', 'anna', 'a'.repeat(64)), claim, 'both', context())).toThrow(/not the curated layer/);
    const forged = { ...ANNA[2], quote: 'Baku' };
    expect(() => acceptSpans(curated(), [{ annotator: 'anna', span: forged }], context())).toThrow(SpanRangeError);
  });
});

describe('accepting all agreements and measuring progress', () => {
  it('accepts every agreement item once, skipping those rejected or already decided', () => {
    const ctx = context();
    const all = acceptAllAgreements(curated(), items, ctx);
    expect(view(all).map(([q, l]) => [q, l])).toEqual([[CLAIM, 'claim'], ['63 Menschen', 'casualty_figure']]);
    expect(acceptAllAgreements(all, items, ctx)).toBe(all);

    // The figure was taken from Ben and its count corrected; the claim was rejected.
    const taken = acceptItem(curated(), figure, { annotator: 'ben' }, ctx);
    const edited = { ...taken, spans: taken.spans.map((s) => ({ ...s, attributes: { count_min: 60 }, origin: { ...s.origin!, decision: 'edited' as const } })) };
    const rejected = acceptItem(edited, claim, 'neither', ctx);
    expect(rejected.rejected).toEqual([claim.id]);
    expect(acceptAllAgreements(rejected, items, ctx)).toBe(rejected);
  });

  it('counts items decided by a curated span or rejected as neither', () => {
    const ctx = context();
    expect(adjudicationProgress(curated(), items)).toEqual({ decided: 0, left: 6, total: 6 });
    let layer = acceptAllAgreements(curated(), items, ctx);
    layer = acceptItem(layer, actor, { annotator: 'ben' }, ctx);
    expect(adjudicationProgress(layer, items)).toEqual({ decided: 3, left: 3, total: 6 });
    for (const item of [annaOnly, benOnly]) layer = acceptItem(layer, item, 'neither', ctx);
    expect(adjudicationProgress(layer, items)).toEqual({ decided: 5, left: 1, total: 6 });
    // Neither on an accepted item withdraws its span; accepting a version again takes the neither back.
    layer = acceptItem(layer, actor, 'neither', ctx);
    expect(itemRejected(layer, actor)).toBe(true);
    expect(curatedFromItem(layer, actor)).toEqual([]);
    expect(adjudicationProgress(layer, items)).toEqual({ decided: 5, left: 1, total: 6 });
    layer = acceptItem(layer, benOnly, { annotator: 'ben' }, ctx);
    expect(itemRejected(layer, benOnly)).toBe(false);
    expect(itemDecided(layer, benOnly)).toBe(true);
    expect(layer.rejected).toEqual([annaOnly.id, actor.id]);
  });

  it('is undone, redone and saved like any edit, through diffLayers and applySpanChange', () => {
    const ctx = context();
    const before = acceptItem(acceptAllAgreements(curated(), items, ctx), place, { annotator: 'anna' }, ctx);
    for (const step of [
      (l: Layer) => acceptItem(l, place, { annotator: 'ben' }, { ...ctx, now: LATER }),
      (l: Layer) => acceptItem(l, claim, 'neither', ctx),
      (l: Layer) => acceptItem(l, figure, { annotator: 'anna' }, { ...ctx, now: LATER }),
    ]) {
      const after = step(before);
      const { redo, undo } = diffLayers(before, after);
      expect(applySpanChange(before, redo, ctx)).toEqual(after);
      expect(applySpanChange(after, undo, ctx)).toEqual(before);
      // What is saved is what is loaded: the layer file schema keeps the origins.
      expect(LayerFileSchema.parse(after)).toEqual(after);
    }
  });
});

describe("the curator's own edits", () => {
  it('mark an accepted span edited when its place, label, attributes or note change, and a new span added', () => {
    const ctx = context();
    const accepted = acceptItem(curated(), figure, { annotator: 'ben' }, ctx);
    const span = accepted.spans[0];
    expect(span.origin!.decision).toBe('accepted');
    // Re-accepting the origin pairs only (no content change) stays accepted.
    expect(stampCuratedEdits(accepted, accepted)).toBe(accepted);
    const recounted = { ...accepted, spans: [{ ...span, attributes: { count_min: 60 } }] };
    const stamped = stampCuratedEdits(accepted, recounted);
    expect(stamped.spans[0].origin).toEqual({ ...span.origin, decision: 'edited' });
    // An edit of an edited span keeps it edited; a span of the curator's own is added.
    const own = { ...span, id: 's_own', origin: undefined };
    const withOwn = stampCuratedEdits(stamped, { ...stamped, spans: [...stamped.spans, own] });
    expect(withOwn.spans.map((s) => [s.id, s.origin?.decision])).toEqual([[span.id, 'edited'], ['s_own', 'added']]);
    expect(withOwn.spans[1].origin).toEqual({ annotators: [], spanIds: [], decision: 'added' });
    expect(LayerFileSchema.parse(withOwn)).toEqual(withOwn);
  });
});

describe('relations into the curated layer', () => {
  const rel = (id: string, type: string, from: string, to: string) => ({ id, type, from, to, createdAt: NOW, modifiedAt: NOW });
  const layers: Layer[] = [
    { ...emptyLayer('doc', 'anna', 'a'.repeat(64)), spans: ANNA, relations: [rel('R1', 'attributed_to', 'T1', 'T2')] },
    { ...emptyLayer('doc', 'ben', 'a'.repeat(64)), spans: BEN, relations: [rel('R1', 'attributed_to', 'T1', 'T2'), rel('R2', 'reported_by', 'T4', 'T5')] },
  ];

  it('join the curated spans both ends went into, once per type and direction, and leave with their span', () => {
    const ctx = context();
    let layer = acceptItem(curated(), claim, 'both', ctx);
    // Only the claim is curated: no relation can be carried yet.
    expect(copyRelations(layer, layers, ctx)).toBe(layer);
    layer = copyRelations(acceptItem(layer, actor, { annotator: 'anna' }, ctx), layers, ctx);
    const [claimSpan, actorSpan] = [layer.spans.find((s) => s.label === 'claim')!, layer.spans.find((s) => s.label === 'actor')!];
    expect(layer.relations.map((r) => [r.type, r.from, r.to])).toEqual([['attributed_to', claimSpan.id, actorSpan.id]]);
    // Ben's actor too: his relation joins the claim to his version as well; Anna's is not doubled.
    layer = copyRelations(acceptItem(layer, actor, 'both', ctx), layers, ctx);
    expect(layer.relations).toHaveLength(2);
    expect(copyRelations(layer, layers, ctx)).toBe(layer);
    // Neither on the actor removes both actor spans and the relations with them.
    layer = acceptItem(layer, actor, 'neither', ctx);
    expect(layer.relations).toEqual([]);
  });
});
