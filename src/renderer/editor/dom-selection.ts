/**
 * Repaints that arrive between a keyboard selection change and its `selectionchange` event.
 *
 * Shift+arrow moves the browser's selection at once, but ProseMirror reads it only when the
 * `selectionchange` event comes, a task later. A repaint in between (suggestions or a new
 * viewport window arriving) redraws the paragraph holding the caret and writes ProseMirror's
 * older selection back into the DOM: the key press is lost. ProseMirror guards the same race
 * for mouse drags only. A repaint's transaction therefore carries the DOM's current selection
 * when it differs from the state's.
 */
import { TextSelection, type Transaction } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';

export function withDomSelection(view: EditorView, tr: Transaction): Transaction {
  if (!view.hasFocus()) return tr;
  const selection = view.dom.ownerDocument.getSelection();
  const { anchorNode, focusNode } = selection ?? {};
  if (!selection || !anchorNode || !focusNode || !view.dom.contains(anchorNode) || !view.dom.contains(focusNode)) return tr;
  try {
    const anchor = view.posAtDOM(anchorNode, selection.anchorOffset);
    const head = view.posAtDOM(focusNode, selection.focusOffset);
    if (anchor === tr.selection.anchor && head === tr.selection.head) return tr;
    return tr.setSelection(TextSelection.between(tr.doc.resolve(anchor), tr.doc.resolve(head)));
  } catch {
    // A DOM position ProseMirror cannot map (inside a widget): leave the selection to it.
    return tr;
  }
}
