import { describe, expect, it } from 'vitest';
import { attributeProblems, attributesForLabel, coerceAttribute } from './attribute-values';
import { defaultTagSchema, type AttributeDef } from './tag-schema';

const labels = defaultTagSchema().labels;
const get = (id: string) => labels.find((l) => l.id === id)!;
const def = (labelId: string, attr: string): AttributeDef => get(labelId).attributes.find((a) => a.id === attr)!;

describe('coerceAttribute', () => {
  it('reads form input by type', () => {
    expect(coerceAttribute(def('casualty_figure', 'count_min'), '6500')).toBe(6500);
    expect(coerceAttribute(def('casualty_figure', 'count_min'), ' 6 500 ')).toBe(6500);
    expect(coerceAttribute(def('casualty_figure', 'count_min'), '')).toBeNull();
    expect(coerceAttribute(def('casualty_figure', 'count_min'), 'viele')).toBeNull();
    expect(coerceAttribute(def('casualty_figure', 'approximate'), true)).toBe(true);
    expect(coerceAttribute(def('casualty_figure', 'outcome'), 'killed')).toBe('killed');
    expect(coerceAttribute(def('casualty_figure', 'outcome'), 'exploded')).toBeNull();
    expect(coerceAttribute({ id: 'source', name: 'Source', type: 'text' }, 'AFP')).toBe('AFP');
  });
});

describe('attributeProblems', () => {
  it('names each value that does not fit its definition and accepts unset values and unknown keys', () => {
    expect(attributeProblems(get('casualty_figure'), { count_min: '6.500', outcome: 'killed', approximate: null, wikidata: 'Q1' }))
      .toEqual(['attribute "count_min" must be a number, not "6.500"']);
    expect(attributeProblems(get('claim'), { certainty: 'maybe' })).toEqual(['attribute "certainty" must be one of asserted, hedged, reported, denied, not "maybe"']);
  });
});

describe('attributesForLabel', () => {
  it('drops the old label\'s attributes, keeps shared and unknown ones', () => {
    const custom = { ...get('location'), attributes: [{ id: 'actor_type', name: 'Type', type: 'text' as const }] };
    expect(attributesForLabel({ actor_type: 'person', wikidata: 'Q1' }, get('actor'), get('claim'))).toEqual({ wikidata: 'Q1' });
    expect(attributesForLabel({ actor_type: 'person' }, get('actor'), custom)).toEqual({ actor_type: 'person' });
  });
});
