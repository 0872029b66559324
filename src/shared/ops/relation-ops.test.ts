import { describe, expect, it } from 'vitest';
import { emptyLayer, type Layer, type Span } from '../model/annotation';
import { relationTypeFor } from '../domain/relation-types';
import { addRelation, removeRelation, retypeRelation } from './relation-ops';
import { SpanRangeError } from './span-ops';

const span = (id: string, label: string): Span => ({ id, start: 0, end: 1, label, quote: 'x', attributes: {}, createdAt: 't', modifiedAt: 't' });
const layer: Layer = { ...emptyLayer('d', 'anna', '0'.repeat(64)), spans: [span('claim', 'claim'), span('alijew', 'actor'), span('toten', 'casualty_figure'), span('karabach', 'location')] };
const ctx = { now: '2026-11-21T10:00:00.000Z' };

describe('relations', () => {
  it('get the domain type from the two labels', () => {
    expect(relationTypeFor('claim', 'actor')).toBe('attributed_to');
    expect(relationTypeFor('casualty_figure', 'actor')).toBe('reported_by');
    expect(relationTypeFor('casualty_figure', 'location')).toBe('located_in');
    expect(relationTypeFor('actor', 'claim')).toBe('related_to');
  });

  it('are added once per type and direction, retyped and removed; never to itself or a missing span', () => {
    const one = addRelation(layer, { id: 'r1', type: 'attributed_to', from: 'claim', to: 'alijew' }, ctx);
    expect(one.relations).toEqual([{ id: 'r1', type: 'attributed_to', from: 'claim', to: 'alijew', createdAt: ctx.now, modifiedAt: ctx.now }]);
    expect(addRelation(one, { id: 'r2', type: 'attributed_to', from: 'claim', to: 'alijew' }, ctx)).toBe(one);
    expect(addRelation(one, { id: 'r2', type: 'related_to', from: 'claim', to: 'alijew' }, ctx).relations).toHaveLength(2);
    expect(() => addRelation(layer, { id: 'r', type: 't', from: 'claim', to: 'claim' }, ctx)).toThrow(SpanRangeError);
    expect(() => addRelation(layer, { id: 'r', type: 't', from: 'claim', to: 'ghost' }, ctx)).toThrow(/no span ghost/);
    const retyped = retypeRelation(one, 'r1', 'related_to', { now: 'later' });
    expect(retyped.relations[0]).toMatchObject({ type: 'related_to', modifiedAt: 'later' });
    expect(removeRelation(retyped, 'r1').relations).toEqual([]);
    expect(() => removeRelation(layer, 'r1')).toThrow(/no relation r1/);
  });
});
