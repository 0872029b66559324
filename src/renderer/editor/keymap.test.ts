import { describe, expect, it } from 'vitest';
import { commandFor, type KeyPress } from './keymap';
import { pickAt, spansAt, stepSpan } from './pick-span';

const press = (key: string, code: string, mods: Partial<KeyPress> = {}): KeyPress =>
  ({ key, code, shiftKey: false, altKey: false, ctrlKey: false, metaKey: false, ...mods });

describe('commandFor', () => {
  it('maps digits and letters to label keys, with Alt for character precision (also where Option changes the key)', () => {
    expect(commandFor(press('1', 'Digit1'), false)).toEqual({ type: 'label', key: '1', precise: false });
    expect(commandFor(press('¡', 'Digit1', { altKey: true }), true)).toEqual({ type: 'label', key: '1', precise: true });
    expect(commandFor(press('a', 'KeyA'), false)).toEqual({ type: 'label', key: 'a', precise: false });
    expect(commandFor(press(' ', 'Space'), false)).toBeNull();
    expect(commandFor(press('!', 'Digit1', { shiftKey: true }), false)).toBeNull();
  });

  it('follows the keyboard layout: the key printed Z undoes on a German keyboard, where it sits at the US Y', () => {
    expect(commandFor(press('z', 'KeyY', { ctrlKey: true }), false)).toEqual({ type: 'undo' });
    expect(commandFor(press('y', 'KeyZ', { ctrlKey: true }), false)).toEqual({ type: 'redo' });
    expect(commandFor(press('z', 'KeyY', { metaKey: true }), true)).toEqual({ type: 'undo' });
  });

  it('uses Ctrl for undo/redo on Linux and Windows and Cmd on macOS, never both', () => {
    expect(commandFor(press('z', 'KeyZ', { ctrlKey: true }), false)).toEqual({ type: 'undo' });
    expect(commandFor(press('Z', 'KeyZ', { ctrlKey: true, shiftKey: true }), false)).toEqual({ type: 'redo' });
    expect(commandFor(press('y', 'KeyY', { ctrlKey: true }), false)).toEqual({ type: 'redo' });
    expect(commandFor(press('z', 'KeyZ', { metaKey: true }), true)).toEqual({ type: 'undo' });
    expect(commandFor(press('z', 'KeyZ', { ctrlKey: true }), true)).toBeNull();
    expect(commandFor(press('1', 'Digit1', { ctrlKey: true }), false)).toBeNull();
  });

  it('maps Shift+arrows to the end and Shift+Alt+arrows to the start of the selected span', () => {
    expect(commandFor(press('ArrowRight', 'ArrowRight', { shiftKey: true }), false)).toEqual({ type: 'move-edge', edge: 'end', direction: 1 });
    expect(commandFor(press('ArrowLeft', 'ArrowLeft', { shiftKey: true, altKey: true }), false)).toEqual({ type: 'move-edge', edge: 'start', direction: -1 });
    expect(commandFor(press('ArrowRight', 'ArrowRight'), false)).toBeNull();
  });

  it('starts a relation with Shift+R by the key position, also with Caps Lock; plain r stays a label key', () => {
    expect(commandFor(press('R', 'KeyR', { shiftKey: true }))).toEqual({ type: 'relate' });
    expect(commandFor(press('r', 'KeyR', { shiftKey: true }))).toEqual({ type: 'relate' });
    expect(commandFor(press('r', 'KeyR'))).toEqual({ type: 'label', key: 'r', precise: false });
  });

  it('has keys for deleting, stepping through spans and moving between documents', () => {
    expect(commandFor(press('Backspace', 'Backspace'), false)).toEqual({ type: 'delete' });
    expect(commandFor(press('Delete', 'Delete'), false)).toEqual({ type: 'delete' });
    expect(commandFor(press('Tab', 'Tab', { shiftKey: true }), false)).toEqual({ type: 'prev-span' });
    expect(commandFor(press('ArrowDown', 'ArrowDown', { altKey: true }), false)).toEqual({ type: 'next-document' });
    expect(commandFor(press('Enter', 'Enter', { ctrlKey: true }), false)).toEqual({ type: 'done-and-next' });
  });

  it('accepts a suggestion with plain Enter only; Esc rejects it through the escape command', () => {
    expect(commandFor(press('Enter', 'Enter'), false)).toEqual({ type: 'accept' });
    expect(commandFor(press('Enter', 'NumpadEnter'), false)).toEqual({ type: 'accept' });
    expect(commandFor(press('Enter', 'Enter', { shiftKey: true }), false)).toBeNull();
    expect(commandFor(press('Enter', 'Enter', { altKey: true }), false)).toBeNull();
    expect(commandFor(press('Escape', 'Escape'), false)).toEqual({ type: 'escape' });
  });
});

// A claim [0, 50) holding an actor [0, 12) and a figure [30, 50); a location [60, 71) after it.
const spans = [
  { id: 'claim', start: 0, end: 50 }, { id: 'actor', start: 0, end: 12 },
  { id: 'figure', start: 30, end: 50 }, { id: 'loc', start: 60, end: 71 },
];

describe('picking spans', () => {
  it('a click on a nested actor selects the actor; clicking again selects the claim around it, then the actor again', () => {
    expect(spansAt(spans, 5).map((s) => s.id)).toEqual(['actor', 'claim']);
    expect(pickAt(spans, 5, null)?.id).toBe('actor');
    expect(pickAt(spans, 5, 'actor')?.id).toBe('claim');
    expect(pickAt(spans, 5, 'claim')?.id).toBe('actor');
    expect(pickAt(spans, 20, 'actor')?.id).toBe('claim');
    expect(pickAt(spans, 55, 'claim')).toBeNull();
  });

  it('counts the end as outside the span', () => {
    expect(spansAt(spans, 12).map((s) => s.id)).toEqual(['claim']);
  });

  it('Tab steps through spans in document order and lets go after the last one', () => {
    expect(stepSpan(spans, null, 1)?.id).toBe('claim');
    expect(stepSpan(spans, 'claim', 1)?.id).toBe('actor');
    expect(stepSpan(spans, 'loc', 1)).toBeNull();
    expect(stepSpan(spans, 'claim', -1)).toBeNull();
    expect(stepSpan(spans, null, -1)?.id).toBe('loc');
    expect(stepSpan([], null, 1)).toBeNull();
  });
});
