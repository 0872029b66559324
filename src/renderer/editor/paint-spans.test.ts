import { describe, expect, it } from 'vitest';
import { emptyLayer, type Layer, type Span } from '../../shared/model/annotation';
import { defaultTagSchema } from '../../shared/model/tag-schema';
import { createPositionMap } from './position-map';
import { paintSpans } from './paint-spans';

const text = 'Präsident Ilham Alijew 👍🏽 sagte in Stepanakert:\n„Wir haben erreicht, was wir wollten.“';
const cps = Array.from(text);
/** Code point offset of `needle` in the text (independently of Tagwerk's offset code). */
const cpOf = (needle: string) => Array.from(text.slice(0, text.indexOf(needle))).length;
const span = (id: string, start: number, end: number, label: string): Span =>
  ({ id, start, end, label, quote: Array.from(text).slice(start, end).join(''), attributes: {}, createdAt: '', modifiedAt: '' });

describe('paintSpans', () => {
  it('converts code point offsets after an emoji to positions and counts nesting depth', () => {
    const layer: Layer = {
      ...emptyLayer('d', 'anna', '0'.repeat(64)),
      // A claim over the whole first line holding an actor and a location; a span on line two.
      spans: [
        span('claim', 0, cpOf(':') + 1, 'claim'),
        span('actor', cpOf('Ilham'), cpOf('Ilham') + 12, 'actor'),
        span('loc', cpOf('Stepanakert'), cpOf('Stepanakert') + 11, 'location'),
        span('q', cpOf('„'), cps.length, 'claim'),
      ],
    };
    const map = createPositionMap(text);
    const painted = paintSpans(text, layer, defaultTagSchema().labels, map);
    expect(painted.map((p) => [p.id, p.depth, p.color])).toEqual([
      ['claim', 0, '#e69f00'], ['actor', 1, '#0072b2'], ['loc', 1, '#009e73'], ['q', 0, '#e69f00'],
    ]);
    // The emoji and its skin-tone modifier take two UTF-16 units each: 'Stepanakert' starts
    // two units later than its code point offset.
    const loc = painted.find((p) => p.id === 'loc')!;
    expect(loc.from).toBe(map.toPos(cpOf('Stepanakert') + 2));
    expect(text.indexOf('Stepanakert')).toBe(cpOf('Stepanakert') + 2);
    expect(text.slice(map.toOffset(loc.from), map.toOffset(loc.to))).toBe('Stepanakert');
  });

  it('paints nothing for a missing or empty layer', () => {
    expect(paintSpans(text, undefined, [], createPositionMap(text))).toEqual([]);
  });
});
