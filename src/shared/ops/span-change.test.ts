import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyLayer, type Layer } from '../model/annotation';
import { defaultTagSchema } from '../model/tag-schema';
import { createOffsetIndex } from '../text/offsets';
import { applySpanChange, diffLayers, isEmptyChange } from './span-change';
import { addSpan, removeSpan, retagSpan, SpanRangeError, updateSpan, type OpContext } from './span-ops';

const TEXT = '„Wir haben erreicht“, sagte Ilham Alijew 👍🏽 in Stepanakert nach mehr als 6.500 Toten in Berg-Karabach.';
const ctx: OpContext = { text: TEXT, index: createOffsetIndex(TEXT), now: '2025-07-01T10:00:00.000Z' };
const later: OpContext = { ...ctx, now: '2025-07-01T11:00:00.000Z' };
const labels = defaultTagSchema().labels;
const label = (id: string) => labels.find((l) => l.id === id)!;

function cp(needle: string) {
  const u = TEXT.indexOf(needle);
  const start = Array.from(TEXT.slice(0, u)).length;
  return { start, end: start + Array.from(needle).length };
}

function base(): Layer {
  let layer = emptyLayer('doc', 'anna', 'a'.repeat(64));
  layer = addSpan(layer, { id: 'claim', ...cp('„Wir haben erreicht“, sagte Ilham Alijew'), label: 'claim', attributes: { certainty: 'asserted' } }, ctx);
  layer = addSpan(layer, { id: 'actor', ...cp('Ilham Alijew'), label: 'actor', attributes: { actor_type: 'person' } }, ctx);
  layer = addSpan(layer, { id: 'loc', ...cp('Stepanakert'), label: 'location' }, ctx);
  return {
    ...layer,
    relations: [{ id: 'r1', type: 'attributed_to', from: 'claim', to: 'actor', createdAt: ctx.now, modifiedAt: ctx.now }],
  };
}

describe('diffLayers and applySpanChange', () => {
  const edits: [string, (l: Layer) => Layer][] = [
    ['create', (l) => addSpan(l, { id: 'fig', ...cp('mehr als 6.500 Toten'), label: 'casualty_figure' }, later)],
    ['retag', (l) => retagSpan(l, 'actor', label('actor'), label('location'), later)],
    ['resize', (l) => updateSpan(l, 'loc', cp('in Stepanakert'), later)],
    ['edit attributes and note', (l) => updateSpan(l, 'claim', { attributes: { certainty: 'reported' }, note: 'Zitat' }, later)],
    ['delete a span with a relation', (l) => removeSpan(l, 'actor')],
  ];
  for (const [name, edit] of edits) {
    it(`redo turns the layer into the edited one and undo restores it exactly: ${name}`, () => {
      const before = base();
      const after = edit(before);
      const { redo, undo } = diffLayers(before, after);
      expect(isEmptyChange(redo)).toBe(false);
      expect(applySpanChange(before, redo, ctx)).toEqual(after);
      expect(applySpanChange(after, undo, ctx)).toEqual(before);
    });
  }

  it('undo of a deletion brings back the span and the relation it took with it', () => {
    const before = base();
    const after = removeSpan(before, 'actor');
    expect(after.relations).toEqual([]);
    const restored = applySpanChange(after, diffLayers(before, after).undo, ctx);
    expect(restored.spans.map((s) => s.id)).toEqual(['claim', 'actor', 'loc']);
    expect(restored.relations.map((r) => r.id)).toEqual(['r1']);
  });

  it('the first span moves the status to in progress, and undo moves it back', () => {
    const before = emptyLayer('doc', 'anna', 'a'.repeat(64));
    const after = addSpan(before, { id: 'x', ...cp('Stepanakert'), label: 'location' }, ctx);
    const { redo, undo } = diffLayers(before, after);
    expect(redo.status).toBe('in_progress');
    expect(applySpanChange(after, undo, ctx).status).toBe('not_started');
  });

  it('refuses a span whose quote does not match the text and leaves the layer alone', () => {
    const layer = base();
    const forged = { ...layer.spans[2], quote: 'Baku' };
    expect(() => applySpanChange(layer, { removeSpans: [], putSpans: [forged], removeRelations: [], putRelations: [] }, ctx))
      .toThrow(SpanRangeError);
    expect(() => applySpanChange(layer, { removeSpans: ['nope'], putSpans: [], removeRelations: [], putRelations: [] }, ctx))
      .toThrow(/no span nope/);
  });

  it('refuses a relation to a span that is not there', () => {
    const layer = base();
    const dangling = { ...layer.relations[0], id: 'r2', to: 'ghost' };
    expect(() => applySpanChange(layer, { removeSpans: [], putSpans: [], removeRelations: [], putRelations: [dangling] }, ctx))
      .toThrow(/relation r2/);
  });

  it('any sequence of edits undone in reverse order gives back the first layer (property)', () => {
    const needles = ['Wir', 'Ilham Alijew', 'Alijew', 'Stepanakert', '6.500 Toten', 'Berg-Karabach', '👍🏽'];
    const op = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), needle: fc.constantFrom(...needles), label: fc.constantFrom('actor', 'claim', 'location') }),
      fc.record({ kind: fc.constant('retag' as const), pick: fc.nat(), label: fc.constantFrom('actor', 'claim', 'location') }),
      fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
    );
    fc.assert(fc.property(fc.array(op, { maxLength: 12 }), (ops) => {
      const layers: Layer[] = [base()];
      const undos = [];
      let n = 0;
      for (const o of ops) {
        const cur = layers[layers.length - 1];
        let next = cur;
        if (o.kind === 'add') next = addSpan(cur, { id: `n${n++}`, ...cp(o.needle), label: o.label }, later);
        else if (cur.spans.length) {
          const target = cur.spans[o.pick % cur.spans.length];
          next = o.kind === 'remove' ? removeSpan(cur, target.id) : retagSpan(cur, target.id, label(target.label), label(o.label), later);
        }
        const { redo, undo } = diffLayers(cur, next);
        expect(applySpanChange(cur, redo, ctx)).toEqual(next);
        undos.push(undo);
        layers.push(next);
      }
      let layer = layers[layers.length - 1];
      for (let i = undos.length - 1; i >= 0; i--) layer = applySpanChange(layer, undos[i], ctx);
      expect(layer).toEqual(layers[0]);
    }), { numRuns: 200 });
  });
});

describe('retagSpan', () => {
  it('keeps attributes the new label defines and drops the old label\'s', () => {
    const layer = base();
    const asClaim = retagSpan(layer, 'actor', label('actor'), label('claim'), later);
    const span = asClaim.spans.find((s) => s.id === 'actor')!;
    expect(span.label).toBe('claim');
    expect(span.attributes).toEqual({});
    expect(span.modifiedAt).toBe(later.now);
    expect(retagSpan(layer, 'actor', label('actor'), label('actor'), later)).toBe(layer);
  });
});

describe('dismissed suggestions', () => {
  const none = { removeSpans: [], putSpans: [], removeRelations: [], putRelations: [] };
  const FIGURE = `casualty_figure:${cp('mehr als 6.500 Toten').start}:${cp('mehr als 6.500 Toten').end}`;
  const PLACE = `location:${cp('Stepanakert').start}:${cp('Stepanakert').end}`;

  it('dismiss adds an id to the layer\'s dismissed list once, in the order of dismissing', () => {
    const layer = base();
    expect('dismissed' in layer).toBe(false);
    const once = applySpanChange(layer, { ...none, dismiss: [FIGURE] }, ctx);
    expect(once.dismissed).toEqual([FIGURE]);
    const twice = applySpanChange(once, { ...none, dismiss: [PLACE, FIGURE, PLACE] }, ctx);
    expect(twice.dismissed).toEqual([FIGURE, PLACE]);
    // Spans, relations and status are untouched.
    expect({ ...twice, dismissed: undefined }).toEqual({ ...layer, dismissed: undefined });
    expect(layer.dismissed).toBeUndefined();
  });

  it('undismiss removes an id, and an empty list is not kept in the layer', () => {
    const layer = applySpanChange(base(), { ...none, dismiss: [FIGURE, PLACE] }, ctx);
    const one = applySpanChange(layer, { ...none, undismiss: [FIGURE] }, ctx);
    expect(one.dismissed).toEqual([PLACE]);
    const empty = applySpanChange(one, { ...none, undismiss: [PLACE, 'actor:1:2'] }, ctx);
    expect('dismissed' in empty).toBe(false);
    expect(empty).toEqual(base());
    // Undismissing what was never dismissed changes nothing.
    expect('dismissed' in applySpanChange(base(), { ...none, undismiss: [PLACE] }, ctx)).toBe(false);
  });

  it('keeps dismissed ids through span edits that do not mention them, and rejected ids apart from them', () => {
    const layer = applySpanChange(base(), { ...none, dismiss: [FIGURE], reject: ['item-1'] }, ctx);
    expect([layer.dismissed, layer.rejected]).toEqual([[FIGURE], ['item-1']]);
    const edited = applySpanChange(layer, { ...none, removeSpans: ['loc'] }, ctx);
    expect([edited.dismissed, edited.rejected]).toEqual([[FIGURE], ['item-1']]);
    expect(applySpanChange(edited, { ...none, unreject: ['item-1'] }, ctx).dismissed).toEqual([FIGURE]);
  });

  it('diffLayers gives dismiss and undismiss, and undo restores the layer exactly', () => {
    const before = applySpanChange(base(), { ...none, dismiss: [PLACE] }, ctx);
    const after = applySpanChange(before, { ...none, dismiss: [FIGURE], undismiss: [PLACE] }, ctx);
    const { redo, undo } = diffLayers(before, after);
    expect(redo).toEqual({ ...none, dismiss: [FIGURE], undismiss: [PLACE] });
    expect(undo).toEqual({ ...none, dismiss: [PLACE], undismiss: [FIGURE] });
    expect(applySpanChange(before, redo, ctx)).toEqual(after);
    expect(applySpanChange(after, undo, ctx)).toEqual(before);
  });

  it('diffLayers from no list to one and back: undo leaves no empty list behind', () => {
    const before = base();
    const after = applySpanChange(before, { ...none, dismiss: [FIGURE] }, ctx);
    const { redo, undo } = diffLayers(before, after);
    expect(redo).toEqual({ ...none, dismiss: [FIGURE] });
    expect(undo).toEqual({ ...none, undismiss: [FIGURE] });
    const undone = applySpanChange(after, undo, ctx);
    expect(undone).toStrictEqual(before);
    expect('dismissed' in undone).toBe(false);
    // Nothing dismissed on either side: no dismiss keys at all.
    const plain = diffLayers(before, before);
    expect(Object.keys(plain.redo).sort()).toEqual(['putRelations', 'putSpans', 'removeRelations', 'removeSpans']);
  });

  it('a change that only dismisses or only undismisses is not empty', () => {
    expect(isEmptyChange({ ...none, dismiss: [FIGURE] })).toBe(false);
    expect(isEmptyChange({ ...none, undismiss: [FIGURE] })).toBe(false);
    expect(isEmptyChange({ ...none, dismiss: [], undismiss: [] })).toBe(true);
    expect(isEmptyChange(none)).toBe(true);
  });
});
