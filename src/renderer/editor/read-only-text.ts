/**
 * Keeps the article's text immutable while the view stays focusable and selectable with the
 * keyboard (Shift+arrows, Shift+End…): the view is editable for the caret's sake, but every
 * transaction that would change the document is dropped and every input event is cancelled.
 * Keys and clicks go to the app's own handlers, before ProseMirror's defaults.
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';

export interface ReadOnlyTextOptions {
  /** Handles a key press in the article; returns true when it did something. */
  onKeyDown: () => ((event: KeyboardEvent, view: EditorView) => boolean) | null;
  /** A click (not a drag) at a document position. */
  onClick: () => ((pos: number, event: MouseEvent, view: EditorView) => boolean) | null;
}

const cancel = (_view: EditorView, event: Event) => { event.preventDefault(); return true; };

export const ReadOnlyText = Extension.create<ReadOnlyTextOptions>({
  name: 'readOnlyText',
  // Before every other plugin, so that its key handling comes first.
  priority: 1000,
  addOptions() {
    return { onKeyDown: () => null, onClick: () => null };
  },
  addProseMirrorPlugins() {
    const { onKeyDown, onClick } = this.options;
    return [new Plugin({
      key: new PluginKey('tagwerk-read-only'),
      filterTransaction: (tr) => !tr.docChanged,
      props: {
        handleKeyDown: (view, event) => onKeyDown()?.(event, view) ?? false,
        handleClick: (view, pos, event) => onClick()?.(pos, event, view) ?? false,
        handleTextInput: () => true,
        handleDOMEvents: { beforeinput: cancel, cut: cancel, dragstart: cancel, drop: cancel, paste: cancel },
      },
    })];
  },
});
