import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inWindow } from './span-decorations';

describe('inWindow', () => {
  const item = (from: number, to: number) => ({ from, to });

  it('keeps what overlaps the window, including a long item that starts well before it', () => {
    const items = [item(0, 500), item(10, 12), item(95, 100), item(99, 101), item(120, 130), item(150, 160), item(200, 210)];
    expect(inWindow(items, { from: 100, to: 150 })).toEqual([item(0, 500), item(99, 101), item(120, 130)]);
    expect(inWindow(items, null)).toBe(items);
  });

  it('agrees with a plain filter, ordered or not', () => {
    const items = fc.array(fc.tuple(fc.nat(400), fc.integer({ min: 1, max: 90 })).map(([from, length]) => item(from, from + length)), { maxLength: 60 });
    fc.assert(fc.property(items, fc.nat(400), fc.integer({ min: 1, max: 200 }), fc.boolean(), (list, from, length, order) => {
      const input = order ? [...list].sort((a, b) => a.from - b.from) : list;
      const window = { from, to: from + length };
      expect(inWindow(input, window)).toEqual(input.filter((x) => x.to > window.from && x.from < window.to));
    }));
  });
});
