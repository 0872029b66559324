/**
 * Keeps React from measuring the article's selection on every render.
 *
 * Before each commit React saves the selection of the focused element when that element is an
 * input or reports `contentEditable === 'true'`, and for a contenteditable it does so by walking
 * the DOM from the element's start to the selection (react-dom's `getModernOffsetsFromPoints`).
 * The article view is a contenteditable (for the caret and keyboard selection) holding the whole
 * document: on 1 MB of text that walk took ~100 ms per render of any component while the
 * article had the focus — every key press, every hover card.
 *
 * ProseMirror, not React, owns this DOM and its selection, so React's save and restore protect
 * nothing here. The view's root reports its editing mode as `plaintext-only` to scripts, which
 * React does not treat as a selection it must keep. The attribute — what the browser and
 * assistive technology read — stays `contenteditable="true"`, and ProseMirror only ever asks
 * whether an element's `contentEditable` is `"false"`.
 */
export function keepReactOffSelection(root: HTMLElement): void {
  Object.defineProperty(root, 'contentEditable', { configurable: true, get: () => 'plaintext-only', set: () => undefined });
}
