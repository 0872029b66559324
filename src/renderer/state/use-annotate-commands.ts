/**
 * What the annotator's keys and buttons do: tag the selection, retag, delete, move a boundary,
 * step through spans, undo and redo, move between documents. Every change is a pure op from
 * src/shared applied through the layer editor; this hook only decides which op applies.
 */
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import type { Span } from '../../shared/model/annotation';
import { newId } from '../../shared/model/ids';
import type { Label } from '../../shared/model/tag-schema';
import { addSpan, removeSpan, retagSpan, updateSpan } from '../../shared/ops/span-ops';
import { addRelation } from '../../shared/ops/relation-ops';
import { relationTypeFor, relationTypeName } from '../../shared/domain/relation-types';
import type { SpanChange } from '../../shared/ops/span-change';
import { stepBoundary, type Granularity, type TextRange } from '../../shared/text/tokens';
import type { ArticleHandle } from '../components/ArticleView';
import { commandFor, type EditorCommand } from '../editor/keymap';
import { stepSpan } from '../editor/pick-span';
import type { LayerEditor } from './use-layer-editor';
import type { Suggestions } from './use-suggestions';

interface Options {
  editor: LayerEditor;
  labels: readonly Label[];
  article: RefObject<ArticleHandle | null>;
  selectedId: string | null;
  select: (id: string | null) => void;
  granularity: Granularity;
  toggleGranularity: () => void;
  language: string | undefined;
  /** Opens the next / previous document in the list; `notDone` skips documents marked done. */
  openNeighbour: (direction: 1 | -1, notDone?: boolean) => void;
  /** Says something short to the person (no text selected, …). */
  hint: (message: string) => void;
  /** The annotation a relation is being drawn from (Shift+R), waiting for a click on its target. */
  linkFrom: string | null;
  setLinkFrom: (spanId: string | null) => void;
  suggestions: Suggestions;
}

export interface AnnotateCommands {
  /** Tags the selected text with the label, or retags the selected span. */
  applyLabel(labelId: string, precise?: boolean): void;
  /** Gives a span another label. */
  retag(spanId: string, labelId: string): void;
  remove(): void;
  undo(): void;
  redo(): void;
  /** Changes the selected span's boundaries. */
  resize(spanId: string, range: TextRange): void;
  /** Ends a relation started with Shift+R at this span (type from the two labels); false when it cannot. */
  relateTo(targetId: string): boolean;
  /** Handles a key press; true when it did something (the caller then stops the browser default). */
  onKey(event: KeyboardEvent, inArticle: boolean): boolean;
}

/** Commands that also work while the focus is outside the article (toolbar, panel, page). */
const GLOBAL: ReadonlySet<EditorCommand['type']> = new Set(['label', 'undo', 'redo', 'next-document', 'prev-document', 'done-and-next', 'toggle-precision', 'escape', 'delete', 'relate', 'accept']);

export function useAnnotateCommands(o: Options): AnnotateCommands {
  const ref = useRef(o);
  ref.current = o;

  const selected = (): Span | undefined => ref.current.editor.layer.spans.find((s) => s.id === ref.current.selectedId);
  const labelById = (id: string) => ref.current.labels.find((l) => l.id === id);

  const retag = useCallback((spanId: string, labelId: string) => {
    const { editor } = ref.current;
    const span = editor.layer.spans.find((s) => s.id === spanId);
    const to = labelById(labelId);
    if (span && to) editor.edit((layer, ctx) => retagSpan(layer, spanId, labelById(span.label), to, ctx));
  }, []);

  const applyLabel = useCallback((labelId: string, precise = false): boolean => {
    const { editor, article, select, granularity, hint } = ref.current;
    const label = labelById(labelId);
    if (!label) return false;
    const range = article.current?.selection(precise ? 'character' : granularity);
    if (range) {
      const same = editor.layer.spans.find((s) => s.start === range.start && s.end === range.end && s.label === labelId);
      if (same) { select(same.id); article.current?.collapseSelection(); return true; }
      const id = newId('s');
      editor.edit((layer, ctx) => addSpan(layer, { id, start: range.start, end: range.end, label: labelId }, ctx));
      select(id);
      article.current?.collapseSelection();
      return true;
    }
    if (article.current?.hasSelection()) {
      hint('The selection holds only spaces and punctuation: nothing to tag.');
      return true;
    }
    const span = selected();
    if (span) {
      retag(span.id, labelId);
      return true;
    }
    hint('Select some text first, then press a label key.');
    return true;
  }, []);

  const remove = useCallback((): boolean => {
    const span = selected();
    if (!span) return false;
    ref.current.editor.edit((layer) => removeSpan(layer, span.id));
    ref.current.select(null);
    return true;
  }, []);

  /** After undo or redo, select what came back (or nothing) and show it. */
  const afterStep = (change: SpanChange | null) => {
    if (!change) return;
    const back = change.putSpans[0];
    // A step that only adds or removes relations keeps the annotation they start from in view.
    const onlyRelations = !change.putSpans.length && !change.removeSpans.length;
    if (onlyRelations) { ref.current.select(change.putRelations[0]?.from ?? ref.current.selectedId); return; }
    ref.current.select(back?.id ?? null);
    if (back) ref.current.article.current?.reveal(back);
  };

  const undo = useCallback(() => afterStep(ref.current.editor.undo()), []);
  const redo = useCallback(() => afterStep(ref.current.editor.redo()), []);

  const resize = useCallback((spanId: string, range: TextRange) => {
    ref.current.editor.edit((layer, ctx) => updateSpan(layer, spanId, range, ctx));
  }, []);

  const moveEdge = (edge: 'start' | 'end', direction: 1 | -1): boolean => {
    const { editor, article, granularity, language } = ref.current;
    const span = selected();
    if (!span || article.current?.selection('character')) return false;
    const { text, index } = editor.context();
    const from = index.toUtf16(edge === 'start' ? span.start : span.end);
    const to = index.toCodePoint(stepBoundary(text, from, direction, edge, granularity, language));
    if (to === null) return true;
    const range = edge === 'start' ? { start: to, end: span.end } : { start: span.start, end: to };
    if (range.end > range.start && (range.start !== span.start || range.end !== span.end)) resize(span.id, range);
    return true;
  };

  const step = (direction: 1 | -1): boolean => {
    const { editor, select, article, selectedId } = ref.current;
    const next = stepSpan(editor.layer.spans, selectedId, direction);
    if (!next) return false;
    select(next.id);
    article.current?.reveal(next);
    return true;
  };

  const relateTo = (targetId: string): boolean => {
    const { editor, linkFrom, setLinkFrom, hint } = ref.current;
    const from = editor.layer.spans.find((s) => s.id === linkFrom);
    const to = editor.layer.spans.find((s) => s.id === targetId);
    setLinkFrom(null);
    if (!from || !to || from.id === to.id) { hint('No relation: click another annotation to relate to.'); return false; }
    const type = relationTypeFor(from.label, to.label);
    editor.edit((layer, ctx) => addRelation(layer, { id: newId('r'), type, from: from.id, to: to.id }, ctx));
    hint(`“${from.quote.slice(0, 40)}” ${relationTypeName(type)} “${to.quote.slice(0, 40)}”`);
    return true;
  };

  const run = (command: EditorCommand): boolean => {
    const o = ref.current;
    switch (command.type) {
      case 'label': {
        const label = o.labels.find((l) => l.key?.toLowerCase() === command.key);
        return label ? applyLabel(label.id, command.precise) : false;
      }
      case 'delete': return remove();
      case 'undo': undo(); return true;
      case 'redo': redo(); return true;
      case 'next-span': return o.suggestions.selected ? !!o.suggestions.step(1) : step(1);
      case 'prev-span': return o.suggestions.selected ? !!o.suggestions.step(-1) : step(-1);
      case 'accept':
        if (!o.suggestions.selected) return false;
        o.suggestions.accept();
        return true;
      case 'move-edge': return moveEdge(command.edge, command.direction);
      case 'relate':
        if (!o.selectedId) { o.hint('Select an annotation first, then press Shift+R and click the one it relates to.'); return true; }
        o.setLinkFrom(o.selectedId);
        o.hint('Click the annotation it relates to (Esc cancels).');
        return true;
      case 'escape':
        if (o.linkFrom) { o.setLinkFrom(null); return true; }
        if (o.suggestions.selected) { o.suggestions.reject(); return true; }
        if (!o.selectedId) return false;
        o.select(null);
        return true;
      case 'next-document': o.openNeighbour(1); return true;
      case 'prev-document': o.openNeighbour(-1); return true;
      case 'done-and-next':
        o.editor.setStatus('done');
        o.openNeighbour(1, true);
        return true;
      case 'toggle-precision': o.toggleGranularity(); return true;
    }
  };

  const onKey = useCallback((event: KeyboardEvent, inArticle: boolean): boolean => {
    const command = commandFor(event);
    if (!command || (!inArticle && !GLOBAL.has(command.type))) return false;
    return run(command);
  }, []);

  // Keys pressed while the focus is elsewhere on the page (not in a form field or dialog).
  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.defaultPrevented || !target || target.closest('.tw-article-text')) return;
      if (target.closest('input, textarea, select, dialog, [contenteditable="true"]')) return;
      if (target.closest('[role="listbox"]') && ['Delete', 'Backspace'].includes(event.key)) return;
      // Enter on a button presses the button; it must not also accept a suggestion.
      if (event.key === 'Enter' && target.closest('button, a, summary')) return;
      if (onKey(event, false)) event.preventDefault();
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [onKey]);

  return {
    applyLabel: (id, precise) => { applyLabel(id, precise); },
    retag,
    remove: () => { remove(); },
    undo, redo, resize, onKey, relateTo,
  };
}
