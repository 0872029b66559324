import { describe, expect, it } from 'vitest';
import { attributeProblems, attributesForLabel, coerceAttribute, parseNumberInput, withAttribute } from './attribute-values';
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

describe('parseNumberInput', () => {
  it('reads German and English thousands separators and decimal marks as researchers type them', () => {
    const cases: [string, number | null][] = [
      ['6.500', 6500], ['6,500', 6500], ['6 500', 6500], ['1.234.567', 1234567], ['63', 63], ['-12', -12],
      ['1,5', 1.5], ['1.5', 1.5], ['1.234,5', 1234.5], ['1,234.5', 1234.5], ['0,25', 0.25], ['12.34', 12.34], ['1,234', 1234], ['+7', 7],
      ['', null], ['viele', null], ['0x10', null], ['1e3', null], ['1,2,3', null], ['1.234.5', null], ['6.500.', null],
    ];
    for (const [raw, expected] of cases) expect(parseNumberInput(raw), raw).toBe(expected);
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

describe('withAttribute', () => {
  it('sets, replaces and unsets a value, and returns the same object when nothing changes', () => {
    const attrs = { outcome: 'killed', count_min: 63 };
    expect(withAttribute(attrs, 'victims', 'civilian')).toEqual({ outcome: 'killed', count_min: 63, victims: 'civilian' });
    expect(withAttribute(attrs, 'count_min', null)).toEqual({ outcome: 'killed' });
    expect(withAttribute(attrs, 'outcome', 'killed')).toBe(attrs);
    expect(withAttribute(attrs, 'victims', null)).toBe(attrs);
    expect(attrs).toEqual({ outcome: 'killed', count_min: 63 });
  });
});
