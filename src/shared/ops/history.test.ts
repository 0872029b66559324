import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, emptyHistory, record, redo, undo } from './history';

describe('undo history', () => {
  it('undoes in reverse order and redoes in order', () => {
    let h = record(record(record(emptyHistory<string>(), 'a'), 'b'), 'c');
    const steps: string[] = [];
    for (let u = undo(h); u; u = undo(h)) { steps.push(u.entry); h = u.history; }
    expect(steps).toEqual(['c', 'b', 'a']);
    expect(canUndo(h)).toBe(false);
    const again: string[] = [];
    for (let r = redo(h); r; r = redo(h)) { again.push(r.entry); h = r.history; }
    expect(again).toEqual(['a', 'b', 'c']);
    expect(canRedo(h)).toBe(false);
  });

  it('a new edit after undo drops what could have been redone', () => {
    let h = record(record(emptyHistory<string>(), 'a'), 'b');
    h = undo(h)!.history;
    h = record(h, 'x');
    expect(h.entries).toEqual(['a', 'x']);
    expect(redo(h)).toBeNull();
    expect(undo(h)!.entry).toBe('x');
  });

  it('keeps only the newest entries beyond the limit', () => {
    let h = emptyHistory<number>();
    for (let i = 0; i < 10; i++) h = record(h, i, 4);
    expect(h.entries).toEqual([6, 7, 8, 9]);
    expect(h.done).toBe(4);
  });

  it('does nothing on an empty history', () => {
    expect(undo(emptyHistory())).toBeNull();
    expect(redo(emptyHistory())).toBeNull();
  });
});
