import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { emptyLayer, type Layer } from '../../shared/model/annotation';
import { addSpan, removeSpan, updateSpan, type OpContext } from '../../shared/ops/span-ops';
import { seedTexts } from '../../../tests/fixtures/corpora';
import type { Span } from '../../shared/model/annotation';
import { defaultTagSchema } from '../../shared/model/tag-schema';
import { createOffsetIndex } from '../../shared/text/offsets';
import { createPositionMap } from './position-map';
import type { Label } from '../../shared/model/tag-schema';
import type { OffsetIndex } from '../../shared/text/offsets';
import { createSpanPainter } from './paint-spans';
import { inWindow } from './span-decorations';
import type { PositionMap } from './position-map';

/** One painting with a fresh painter. */
const paintSpans = (spans: readonly Span[], labels: readonly Label[], index: OffsetIndex, map: PositionMap) => createSpanPainter(index, map)(spans, labels);

const text = 'Präsident Ilham Alijew 👍🏽 sagte in Stepanakert:\n„Wir haben erreicht, was wir wollten.“';
const cps = Array.from(text);
/** Code point offset of `needle` in the text (independently of Tagwerk's offset code). */
const cpOf = (needle: string) => Array.from(text.slice(0, text.indexOf(needle))).length;
const span = (id: string, start: number, end: number, label: string): Span =>
  ({ id, start, end, label, quote: cps.slice(start, end).join(''), attributes: {}, createdAt: '', modifiedAt: '' });

describe('paintSpans', () => {
  it('converts code point offsets after an emoji to positions and lays nested spans out in lanes', () => {
    // A claim over the whole first line holding an actor and a location; a span on line two.
    const spans = [
      span('claim', 0, cpOf(':') + 1, 'claim'),
      span('actor', cpOf('Ilham'), cpOf('Ilham') + 12, 'actor'),
      span('loc', cpOf('Stepanakert'), cpOf('Stepanakert') + 11, 'location'),
      span('q', cpOf('„'), cps.length, 'claim'),
    ];
    const map = createPositionMap(text);
    const painted = paintSpans(spans, defaultTagSchema().labels, createOffsetIndex(text), map);
    expect(painted.map((p) => [p.id, p.lane, p.leaf, p.color, p.name])).toEqual([
      ['claim', 0, false, '#e69f00', 'Claim'], ['actor', 1, true, '#0072b2', 'Actor'],
      ['loc', 1, true, '#009e73', 'Location'], ['q', 0, true, '#e69f00', 'Claim'],
    ]);
    // The emoji and its skin-tone modifier take two UTF-16 units each: 'Stepanakert' starts
    // two units later than its code point offset.
    const loc = painted.find((p) => p.id === 'loc')!;
    expect(loc.from).toBe(map.toPos(cpOf('Stepanakert') + 2));
    expect(text.indexOf('Stepanakert')).toBe(cpOf('Stepanakert') + 2);
    expect(text.slice(map.toOffset(loc.from), map.toOffset(loc.to))).toBe('Stepanakert');
  });

  it('paints a span of a label the schema does not know in grey, named by its id', () => {
    const painted = paintSpans([span('x', 0, 9, 'weapon')], [], createOffsetIndex(text), createPositionMap(text));
    expect(painted[0]).toMatchObject({ color: '#777777', name: 'weapon', lane: 0 });
  });

  it('paints nothing for no spans', () => {
    expect(paintSpans([], [], createOffsetIndex(text), createPositionMap(text))).toEqual([]);
  });
});

describe('createSpanPainter', () => {
  it('keeps the painted object of an unchanged span and paints a moved or nested-over span anew', () => {
    const paint = createSpanPainter(createOffsetIndex(text), createPositionMap(text));
    const labels = defaultTagSchema().labels;
    const actor = span('actor', cpOf('Ilham'), cpOf('Ilham') + 12, 'actor');
    const place = span('place', cpOf('erreicht'), cpOf('erreicht') + 8, 'claim');
    const first = paint([actor, place], labels);
    // A claim around the first line: the actor moves one lane down; line two is untouched.
    const claim = span('claim', 0, cpOf(':') + 1, 'claim');
    const second = paint([claim, actor, place], labels);
    expect(second[2]).toBe(first[1]);
    expect(second[1]).not.toBe(first[0]);
    expect(second[1]).toMatchObject({ id: 'actor', lane: 1, from: first[0].from, to: first[0].to });
    expect(second).toEqual(paintSpans([claim, actor, place], labels, createOffsetIndex(text), createPositionMap(text)));
  });
});

describe('createSpanPainter and the paint window', () => {
  it('still finds a long span touching the window after an edit far from it', () => {
    const paint = createSpanPainter(createOffsetIndex(text), createPositionMap(text));
    const map = createPositionMap(text);
    const labels = defaultTagSchema().labels;
    const claim = span('claim', 0, cpOf(':') + 1, 'claim');
    const actor = span('actor', cpOf('Ilham'), cpOf('Ilham') + 12, 'actor');
    const first = paint([claim, actor], labels);
    // A span on the second line: the first line's claim and actor are not part of the change.
    const second = paint([claim, actor, span('q', cpOf('erreicht'), cpOf('erreicht') + 8, 'claim')], labels);
    expect(second[0]).toBe(first[0]);
    const window = { from: map.toPos(cpOf('Stepanakert')), to: map.toPos(cpOf('Stepanakert') + 3) };
    expect(inWindow(second, window).map((p) => p.id)).toEqual(['claim']);
  });
});

describe('createSpanPainter over a stream of edits', () => {
  it('paints exactly what a fresh painter paints after every op on a seed article, and finds spans by id', () => {
    const seed = seedTexts()[0].text;
    const index = createOffsetIndex(seed);
    const map = createPositionMap(seed);
    const ctx: OpContext = { text: seed, index, now: '2026-11-21T00:00:00Z' };
    const labels = defaultTagSchema().labels;
    const range = fc.tuple(fc.nat(index.length - 1), fc.integer({ min: 1, max: 80 }))
      .map(([start, length]) => ({ start, end: Math.min(index.length, start + length) }));
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), range, label: fc.constantFrom(...labels.map((l) => l.id)) }),
      fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('move' as const), at: fc.nat(), range }),
      fc.record({ kind: fc.constant('retag' as const), at: fc.nat(), label: fc.constantFrom(...labels.map((l) => l.id)) }),
    );
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 40 }), range, (edits, view) => {
      const paint = createSpanPainter(index, map);
      let layer: Layer = emptyLayer('d', 'a', 'x');
      let n = 0;
      for (const e of edits) {
        const target = layer.spans.length ? layer.spans[(e as { at?: number }).at! % layer.spans.length] : undefined;
        if (e.kind === 'add') layer = addSpan(layer, { id: `s${n++}`, ...e.range, label: e.label }, ctx);
        else if (target && e.kind === 'remove') layer = removeSpan(layer, target.id);
        else if (target && e.kind === 'move') layer = updateSpan(layer, target.id, e.range, ctx);
        else if (target && e.kind === 'retag') layer = updateSpan(layer, target.id, { label: e.label }, ctx);
        const painted = paint(layer.spans, labels);
        expect(painted).toEqual(paintSpans(layer.spans, labels, index, map));
        // The extent the painter tells inWindow finds every span a window touches.
        const window = { from: map.toPos(view.start), to: map.toPos(view.end) };
        expect(inWindow(painted, window)).toEqual(painted.filter((p) => p.to > window.from && p.from < window.to));
        for (const s of layer.spans.slice(0, 5)) expect(paint.find(painted, s.id)).toBe(painted.find((p) => p.id === s.id));
        if (target && e.kind === 'remove') expect(paint.find(painted, target.id)).toBeUndefined();
      }
    }), { numRuns: 200 });
  });
});
