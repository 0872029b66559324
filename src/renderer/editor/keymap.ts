/**
 * The editor's keyboard map: which command a key press means. Pure, so that the whole map can
 * be tested and listed in the help; whether a command applies is decided by its handler.
 */
import { RESERVED_KEYS } from '../../shared/ops/tag-schema-ops';

export type EditorCommand =
  | { type: 'label'; key: string; precise: boolean }
  | { type: 'delete' }
  | { type: 'next-span' }
  | { type: 'prev-span' }
  | { type: 'escape' }
  | { type: 'move-edge'; edge: 'start' | 'end'; direction: 1 | -1 }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'next-document' }
  | { type: 'prev-document' }
  | { type: 'done-and-next' }
  | { type: 'toggle-precision' }
  /** Start a relation from the selected annotation (a click on the target ends it). */
  | { type: 'relate' }
  /** Accept the selected suggestion. */
  | { type: 'accept' };

/** The parts of a KeyboardEvent the map reads. */
export interface KeyPress {
  key: string;
  code: string;
  shiftKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

/** Ctrl on Windows and Linux, Cmd on macOS. */
export function isMacPlatform(): boolean {
  const nav = globalThis.navigator as (Navigator & { userAgentData?: { platform?: string } }) | undefined;
  return /mac/i.test(nav?.userAgentData?.platform ?? nav?.platform ?? '');
}

/**
 * The character of the key as printed on it. `key` follows the keyboard layout (the key marked
 * Z on a German keyboard gives `z`); only with Alt/Option, which turns `key` into another
 * character on macOS, does the key's position (`code`) stand in for it.
 */
function plainChar(press: KeyPress): string | null {
  if (!press.altKey && press.key.length === 1) return press.key.toLowerCase();
  const digit = /^Digit(\d)$/.exec(press.code) ?? /^Numpad(\d)$/.exec(press.code);
  if (digit) return digit[1];
  const letter = /^Key([A-Z])$/.exec(press.code);
  if (letter) return letter[1].toLowerCase();
  return press.key.length === 1 ? press.key.toLowerCase() : null;
}

export function commandFor(press: KeyPress, mac = isMacPlatform()): EditorCommand | null {
  const mod = mac ? press.metaKey : press.ctrlKey;
  const otherMod = mac ? press.ctrlKey : press.metaKey;
  if (otherMod) return null;
  if (mod) {
    const char = plainChar(press);
    if (char === 'z') return press.shiftKey ? { type: 'redo' } : { type: 'undo' };
    if (char === 'y' && !mac) return { type: 'redo' };
    if (press.key === 'Enter') return { type: 'done-and-next' };
    if (char === '.' || press.code === 'Period') return { type: 'toggle-precision' };
    return null;
  }
  switch (press.key) {
    case 'Delete':
    case 'Backspace':
      return { type: 'delete' };
    case 'Tab':
      return press.shiftKey ? { type: 'prev-span' } : { type: 'next-span' };
    case 'Escape':
      return { type: 'escape' };
    case 'Enter':
      return press.shiftKey || press.altKey ? null : { type: 'accept' };
    case 'ArrowRight':
    case 'ArrowLeft': {
      if (!press.shiftKey) return null;
      const direction = press.key === 'ArrowRight' ? 1 : -1;
      return { type: 'move-edge', edge: press.altKey ? 'start' : 'end', direction };
    }
    case 'ArrowDown':
      return press.altKey && !press.shiftKey ? { type: 'next-document' } : null;
    case 'ArrowUp':
      return press.altKey && !press.shiftKey ? { type: 'prev-document' } : null;
  }
  // By the key's position, so that Caps Lock and layouts do not matter.
  if (press.shiftKey && !press.altKey && press.code === 'KeyR') return { type: 'relate' };
  if (press.shiftKey) return null;
  const char = plainChar(press);
  return char && !(RESERVED_KEYS as readonly string[]).includes(char) ? { type: 'label', key: char, precise: press.altKey } : null;
}

/** The shortcuts as people read them, for the help panel. */
export function shortcutList(mac = isMacPlatform()): [keys: string, what: string][] {
  const mod = mac ? '⌘' : 'Ctrl';
  const alt = mac ? '⌥' : 'Alt';
  return [
    ['1 … 9, label keys', 'Tag the selected text, or retag the selected annotation'],
    [`${alt} + label key`, 'Tag with character precision (no snapping to words)'],
    ['Tab / Shift+Tab', 'Next / previous annotation'],
    ['Shift+→ / Shift+←', 'Move the end of the selected annotation by a word (a character without snapping)'],
    [`Shift+${alt}+→ / Shift+${alt}+←`, 'Move its start the same way'],
    ['Shift+R, then click', 'Relate the selected annotation to the one clicked (claim → actor: attributed to, …)'],
    ['Delete / Backspace', 'Delete the selected annotation'],
    ['Enter / Esc', 'Accept / reject the selected suggestion (then on to the next one)'],
    ['Tab on a suggestion', 'Next suggestion'],
    ['Esc', 'Deselect'],
    [`${mod}+Z / ${mod}+Shift+Z`, 'Undo / redo'],
    [`${mod}+.`, 'Switch between word and character precision'],
    [`${alt}+↓ / ${alt}+↑`, 'Next / previous document'],
    [`${mod}+Enter`, 'Mark the document done and open the next one not done'],
  ];
}
