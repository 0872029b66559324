import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { changedRange } from './changed-range';

describe('changedRange', () => {
  const a = { id: 'a' }, b = { id: 'b' }, c = { id: 'c' }, d = { id: 'd' }, x = { id: 'x' };

  it('finds an insertion, a removal and a replacement between shared heads and tails', () => {
    expect(changedRange([a, b, c], [a, x, b, c])).toEqual({ before: [], after: [x], head: 1 });
    expect(changedRange([a, b, c], [a, c])).toEqual({ before: [b], after: [], head: 1 });
    expect(changedRange([a, b, c, d], [a, { ...b }, c, d])).toEqual({ before: [b], after: [{ id: 'b' }], head: 1 });
  });

  it('spans the distance between two touched places (a span moved by a resize)', () => {
    expect(changedRange([a, b, c, d], [b, c, a, d])).toEqual({ before: [a, b, c], after: [b, c, a], head: 0 });
  });

  it('is empty for the same list and for lists of the same objects', () => {
    const list = [a, b];
    expect(changedRange(list, list)).toEqual({ before: [], after: [], head: 2 });
    expect(changedRange([a, b], [a, b])).toEqual({ before: [], after: [], head: 2 });
  });

  it('puts every difference in the middle: head + middle + tail rebuilds both lists', () => {
    const pool = [a, b, c, d, x];
    const list = fc.array(fc.constantFrom(...pool), { maxLength: 12 });
    fc.assert(fc.property(list, list, (before, after) => {
      const r = changedRange(before, after);
      const tailBefore = before.length - r.head - r.before.length;
      const tailAfter = after.length - r.head - r.after.length;
      expect(tailBefore).toBe(tailAfter);
      expect(tailBefore).toBeGreaterThanOrEqual(0);
      expect(before.slice(0, r.head)).toEqual(after.slice(0, r.head));
      expect([...before.slice(0, r.head), ...r.before, ...before.slice(before.length - tailBefore)]).toEqual(before);
      expect([...after.slice(0, r.head), ...r.after, ...after.slice(after.length - tailAfter)]).toEqual(after);
      expect(before.slice(before.length - tailBefore).every((v, i) => v === after[after.length - tailAfter + i])).toBe(true);
    }));
  });
});
