/**
 * An undo history as an immutable value: a list of entries and a cursor. Undo moves the cursor
 * back and hands out the entry to reverse; redo moves it forward. A new entry drops the redo tail.
 */

export interface History<E> {
  readonly entries: readonly E[];
  /** Number of entries that are applied (undo takes `entries[done - 1]`). */
  readonly done: number;
}

/** How many steps are kept; older ones fall off. */
export const HISTORY_LIMIT = 500;

export function emptyHistory<E>(): History<E> {
  return { entries: [], done: 0 };
}

/** Records a new entry after the applied ones, discarding anything that could have been redone. */
export function record<E>(history: History<E>, entry: E, limit = HISTORY_LIMIT): History<E> {
  const entries = [...history.entries.slice(0, history.done), entry];
  const dropped = Math.max(0, entries.length - limit);
  return { entries: entries.slice(dropped), done: entries.length - dropped };
}

export const canUndo = (h: History<unknown>): boolean => h.done > 0;
export const canRedo = (h: History<unknown>): boolean => h.done < h.entries.length;

/** The entry to reverse and the history after undoing it, or null when there is nothing to undo. */
export function undo<E>(history: History<E>): { entry: E; history: History<E> } | null {
  if (!canUndo(history)) return null;
  return { entry: history.entries[history.done - 1], history: { ...history, done: history.done - 1 } };
}

/** The entry to apply again and the history after redoing it, or null when there is nothing to redo. */
export function redo<E>(history: History<E>): { entry: E; history: History<E> } | null {
  if (!canRedo(history)) return null;
  return { entry: history.entries[history.done], history: { ...history, done: history.done + 1 } };
}
