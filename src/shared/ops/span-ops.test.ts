import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { emptyLayer, LayerFileSchema, type Layer } from '../model/annotation';
import { createOffsetIndex } from '../text/offsets';
import { addSpan, addSpans, compareSpans, quoteAt, removeSpan, setStatus, SpanRangeError, updateSpan, type OpContext } from './span-ops';

// From seeds/003_6a4deb1d4d02bbfd.txt, with an emoji added before the figure to shift UTF-16 offsets.
const TEXT = 'Nach einem Krieg 👍🏽 mit mehr als 6.500 Toten vermittelte Armeniens Schutzmacht Russland einen '
  + 'Waffenstillstand und stoppte eine militärische Befreiung des Gebiets Berg-Karabach.';
const SHA = 'a'.repeat(64);
const T0 = '2025-07-01T10:00:00.000Z';
const T1 = '2025-07-01T10:05:00.000Z';

function ctx(now = T0): OpContext {
  return { text: TEXT, index: createOffsetIndex(TEXT), now };
}

/** Code point offsets of `needle` in TEXT, computed independently of the code under test. */
function cp(needle: string): { start: number; end: number } {
  const u = TEXT.indexOf(needle);
  if (u < 0) throw new Error(`not in text: ${needle}`);
  const start = Array.from(TEXT.slice(0, u)).length;
  return { start, end: start + Array.from(needle).length };
}

function layerWith(...spans: { id: string; needle: string; label: string }[]): Layer {
  let layer = emptyLayer('seed-003-6a4deb1d', 'anna', SHA);
  for (const s of spans) layer = addSpan(layer, { id: s.id, ...cp(s.needle), label: s.label }, ctx());
  return layer;
}

describe('quoteAt', () => {
  it('returns the text between code point offsets, past an emoji', () => {
    const figure = cp('mehr als 6.500 Toten');
    expect(figure).toEqual({ start: 24, end: 44 });
    expect(quoteAt(ctx(), 24, 44)).toBe('mehr als 6.500 Toten');
  });

  it('refuses empty, reversed, negative, fractional and out-of-range spans', () => {
    const length = Array.from(TEXT).length;
    const refusals: [number, number, string][] = [
      [5, 5, 'span 5–5 is empty'],
      [6, 5, 'span 6–5 is reversed: its start comes after its end'],
      [-1, 3, `span -1–3 is outside the text (0–${length})`],
      [1.5, 4, 'span 1.5–4: offsets must be whole numbers'],
      [0, length + 1, `span 0–${length + 1} is outside the text (0–${length})`],
    ];
    for (const [s, e, message] of refusals) {
      expect(() => quoteAt(ctx(), s, e)).toThrow(SpanRangeError);
      expect(() => quoteAt(ctx(), s, e)).toThrow(message);
    }
    expect(quoteAt(ctx(), 0, length)).toBe(TEXT);
  });
});

describe('addSpan', () => {
  it('stores offsets, the quote from the text, attributes and times, and starts the layer', () => {
    const layer = addSpan(emptyLayer('d', 'anna', SHA), {
      id: 's_1', ...cp('6.500 Toten'), label: 'casualty_figure',
      attributes: { count_min: 6500, outcome: 'killed', approximate: false }, note: 'mehr als',
    }, ctx());
    expect(layer.status).toBe('in_progress');
    expect(layer.spans).toEqual([{
      id: 's_1', start: 33, end: 44, label: 'casualty_figure', quote: '6.500 Toten',
      attributes: { count_min: 6500, outcome: 'killed', approximate: false }, note: 'mehr als',
      createdAt: T0, modifiedAt: T0,
    }]);
    expect(LayerFileSchema.safeParse(layer).success).toBe(true);
  });

  it('keeps overlapping and nested spans, ordered by start with the outer span first', () => {
    const layer = layerWith(
      { id: 'inner', needle: 'Russland', label: 'actor' },
      { id: 'claim', needle: 'Armeniens Schutzmacht Russland einen Waffenstillstand', label: 'claim' },
      { id: 'fig', needle: 'mehr als 6.500 Toten', label: 'casualty_figure' },
      { id: 'loc', needle: 'Berg-Karabach', label: 'location' },
      { id: 'outer', needle: 'Armeniens Schutzmacht Russland', label: 'actor' },
    );
    expect(layer.spans.map((s) => s.id)).toEqual(['fig', 'claim', 'outer', 'inner', 'loc']);
    expect(layer.spans.map((s) => s.quote)).toEqual([
      'mehr als 6.500 Toten', 'Armeniens Schutzmacht Russland einen Waffenstillstand',
      'Armeniens Schutzmacht Russland', 'Russland', 'Berg-Karabach',
    ]);
    const sorted = [...layer.spans].sort(compareSpans);
    expect(sorted).toEqual(layer.spans);
  });

  it('keeps the layer in order through any sequence of added spans (the insertion point is found by binary search)', () => {
    const length = createOffsetIndex(TEXT).length;
    const span = fc.record({ start: fc.nat(length - 2), length: fc.integer({ min: 1, max: 30 }), label: fc.constantFrom('actor', 'claim', 'location') });
    fc.assert(fc.property(fc.array(span, { minLength: 1, maxLength: 60 }), (added) => {
      let layer = emptyLayer('doc_1', 'anna', SHA);
      added.forEach((a, i) => { layer = addSpan(layer, { id: `s_${i}`, start: a.start, end: Math.min(length, a.start + a.length), label: a.label }, ctx()); });
      expect(layer.spans).toEqual([...layer.spans].sort(compareSpans));
      expect(layer.spans).toHaveLength(added.length);
    }), { numRuns: 300 });
  });

  it('refuses a second span with the same id and leaves the layer unchanged', () => {
    const layer = layerWith({ id: 's_1', needle: 'Russland', label: 'actor' });
    expect(() => addSpan(layer, { id: 's_1', ...cp('Berg-Karabach'), label: 'location' }, ctx())).toThrow(/exists already/);
    expect(layer.spans).toHaveLength(1);
  });

  it('does not change the layer it was given (pure)', () => {
    const before = layerWith({ id: 'a', needle: 'Russland', label: 'actor' });
    const snapshot = structuredClone(before);
    addSpan(before, { id: 'b', ...cp('Berg-Karabach'), label: 'location' }, ctx());
    expect(before).toEqual(snapshot);
  });

  it('keeps a layer that is done as done', () => {
    const done = setStatus(emptyLayer('d', 'anna', SHA), 'done');
    expect(addSpan(done, { id: 'x', ...cp('Russland'), label: 'actor' }, ctx()).status).toBe('done');
  });
});

describe('updateSpan', () => {
  it('moves boundaries and re-quotes the text, keeping createdAt and updating modifiedAt', () => {
    const layer = layerWith({ id: 'fig', needle: '6.500 Toten', label: 'casualty_figure' });
    const next = updateSpan(layer, 'fig', { start: cp('mehr als 6.500').start }, ctx(T1));
    expect(next.spans[0]).toMatchObject({ start: 24, end: 44, quote: 'mehr als 6.500 Toten', createdAt: T0, modifiedAt: T1 });
  });

  it('changes label and attributes, and an empty note removes the note', () => {
    let layer = layerWith({ id: 'r', needle: 'Russland', label: 'location' });
    layer = updateSpan(layer, 'r', { label: 'actor', attributes: { actor_type: 'state' }, note: 'Schutzmacht' }, ctx(T1));
    expect(layer.spans[0]).toMatchObject({ label: 'actor', attributes: { actor_type: 'state' }, note: 'Schutzmacht', quote: 'Russland' });
    layer = updateSpan(layer, 'r', { note: '' }, ctx(T1));
    expect(layer.spans[0]).not.toHaveProperty('note');
    expect(layer.spans[0].attributes).toEqual({ actor_type: 'state' });
  });

  it('re-sorts a span whose start moved', () => {
    const layer = layerWith({ id: 'a', needle: 'Krieg', label: 'claim' }, { id: 'b', needle: 'Russland', label: 'actor' });
    const next = updateSpan(layer, 'a', cp('Berg-Karabach'), ctx(T1));
    expect(next.spans.map((s) => [s.id, s.quote])).toEqual([['b', 'Russland'], ['a', 'Berg-Karabach']]);
  });

  it('refuses a boundary outside the text and an unknown id', () => {
    const layer = layerWith({ id: 'a', needle: 'Krieg', label: 'claim' });
    expect(() => updateSpan(layer, 'a', { end: 10_000 }, ctx())).toThrow(SpanRangeError);
    expect(() => updateSpan(layer, 'a', { start: cp('Krieg').end }, ctx())).toThrow(SpanRangeError);
    expect(() => updateSpan(layer, 'nope', { label: 'actor' }, ctx())).toThrow(/no span nope/);
  });
});

describe('removeSpan', () => {
  it('removes the span and every relation that uses it, keeping the others', () => {
    let layer = layerWith(
      { id: 'claim', needle: 'einen Waffenstillstand', label: 'claim' },
      { id: 'actor', needle: 'Russland', label: 'actor' },
      { id: 'fig', needle: '6.500 Toten', label: 'casualty_figure' },
      { id: 'loc', needle: 'Berg-Karabach', label: 'location' },
    );
    layer = {
      ...layer,
      relations: [
        { id: 'r1', type: 'attributed_to', from: 'claim', to: 'actor', createdAt: T0, modifiedAt: T0 },
        { id: 'r2', type: 'located_in', from: 'fig', to: 'loc', createdAt: T0, modifiedAt: T0 },
      ],
    };
    const next = removeSpan(layer, 'actor');
    expect(layer.spans.map((s) => s.id)).toEqual(['fig', 'actor', 'claim', 'loc']);
    expect(next.spans.map((s) => s.id)).toEqual(['fig', 'claim', 'loc']);
    expect(next.relations.map((r) => r.id)).toEqual(['r2']);
    expect(() => removeSpan(next, 'actor')).toThrow(/no span actor/);
  });
});

describe('addSpans', () => {
  it('adds several spans at once exactly as addSpan one by one would, sorted and quoted', () => {
    const one = layerWith({ id: 'r', needle: 'Russland', label: 'location' });
    const batch = addSpans(one, [
      { id: 'b', ...cp('Berg-Karabach'), label: 'location' },
      { id: 'f', ...cp('mehr als 6.500 Toten'), label: 'casualty_figure', attributes: { count_min: 6500 } },
      { id: 'a', ...cp('Armeniens'), label: 'location' },
    ], ctx());
    let single = one;
    for (const [id, needle, label] of [['b', 'Berg-Karabach', 'location'], ['f', 'mehr als 6.500 Toten', 'casualty_figure'], ['a', 'Armeniens', 'location']] as const) {
      single = addSpan(single, { id, ...cp(needle), label, ...(id === 'f' ? { attributes: { count_min: 6500 } } : {}) }, ctx());
    }
    expect(batch).toEqual(single);
    expect(batch.spans.map((s) => [s.id, s.quote])).toEqual([['f', 'mehr als 6.500 Toten'], ['a', 'Armeniens'], ['r', 'Russland'], ['b', 'Berg-Karabach']]);
    expect(LayerFileSchema.parse(batch)).toEqual(batch);
  });

  it('refuses an id the layer or the batch has already, and a range outside the text, adding nothing', () => {
    const one = layerWith({ id: 'r', needle: 'Russland', label: 'location' });
    expect(() => addSpans(one, [{ id: 'r', ...cp('Armeniens'), label: 'location' }], ctx())).toThrow(SpanRangeError);
    expect(() => addSpans(one, [{ id: 'x', ...cp('Armeniens'), label: 'location' }, { id: 'x', ...cp('Russland'), label: 'actor' }], ctx())).toThrow(SpanRangeError);
    expect(() => addSpans(one, [{ id: 'y', start: 5, end: 5000, label: 'actor' }], ctx())).toThrow(SpanRangeError);
    expect(addSpans(one, [], ctx())).toBe(one);
  });
});
