/**
 * The article's canonical text in a calm tiptap view with the annotations painted on top.
 * The text cannot change; it can be selected with mouse and keyboard. Outside this component
 * everything speaks code point offsets; inside, ProseMirror positions and UTF-16 offsets.
 */
import { useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState, type Ref } from 'react';
import { EditorContent, useEditor } from '@tiptap/react';
import { TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import type { Span } from '../../shared/model/annotation';
import type { TagwerkDocument } from '../../shared/model/document';
import type { Label } from '../../shared/model/tag-schema';
import { createOffsetIndex } from '../../shared/text/offsets';
import { snapSelection, type Granularity, type TextRange } from '../../shared/text/tokens';
import { ArticleBlock, ArticleDoc, ArticleParagraph, ArticleText } from '../editor/article-schema';
import { createSpanPainter } from '../editor/paint-spans';
import { spansAt } from '../editor/pick-span';
import { articleDocJson, createPositionMap, type PositionMap } from '../editor/position-map';
import { ReadOnlyText } from '../editor/read-only-text';
import { keepReactOffSelection } from '../editor/react-selection';
import { withDomSelection } from '../editor/dom-selection';
import { SpanDecorations, spanDecorationsKey, type PaintedSuggestion, type PaintWindow } from '../editor/span-decorations';
import type { Suggestion } from '../../shared/domain/suggestions';

/** What the annotate commands ask of the view. Ranges are code point offsets. */
export interface ArticleHandle {
  /** The selected text, snapped (token or character), or null when nothing usable is selected. */
  selection(granularity: Granularity): TextRange | null;
  /** Whether any text is selected (even if it snaps to nothing). */
  hasSelection(): boolean;
  /** Collapses the text selection to its end (EDITOR_PERF.md: keeps redraws cheap). */
  collapseSelection(): void;
  /** Scrolls the span into view. */
  reveal(span: Pick<Span, 'start' | 'end'>): void;
  focus(): void;
}

interface Props {
  document: TagwerkDocument;
  spans: readonly Span[];
  labels: readonly Label[];
  selectedId: string | null;
  granularity: Granularity;
  /** The document's language (for word boundaries). */
  language: string | undefined;
  onKeyDown: (event: KeyboardEvent) => boolean;
  /** A click (not a drag) on the character at this offset. */
  onPick: (offset: number) => void;
  /** A drag handle of the selected span was dropped: its new, snapped boundaries. */
  onResize: (spanId: string, range: TextRange) => void;
  handleRef: Ref<ArticleHandle>;
  /** Relations to draw as arrows over the text (the selected annotation's). */
  links?: readonly ArticleLink[];
  /** A relation is being drawn: the pointer says "click the target". */
  linking?: boolean;
  /** Suggestions to draw (not annotations), and the one selected. */
  suggestions?: readonly Suggestion[];
  selectedSuggestionId?: string | null;
}

/** A relation drawn on the text, from one span to another, with its type's name. */
export interface ArticleLink { id: string; from: Span; to: Span; type: string }

/** The default: one array, so that a view without relations does not re-measure on every render. */
const NO_LINKS: readonly ArticleLink[] = [];
const NO_SUGGESTIONS: readonly Suggestion[] = [];

/** A measured arrow: from and to points relative to the article, and where its name sits. */
interface Arrow { id: string; path: string; labelX: number; labelY: number; type: string }

interface Hover { x: number; y: number; names: { name: string; color: string }[]; suggestion?: string }

/** Where the selected span's handles sit, relative to the article element. */
interface Handles { start: Box; end: Box; color: string; name: string }
interface Box { left: number; top: number; height: number }

export function ArticleView({ document: doc, spans, labels, selectedId, granularity, language, onKeyDown, onPick, onResize, handleRef, links = NO_LINKS, linking = false,
  suggestions = NO_SUGGESTIONS, selectedSuggestionId = null }: Props) {
  const map = useMemo(() => createPositionMap(doc.text), [doc.text]);
  const index = useMemo(() => createOffsetIndex(doc.text), [doc.text]);
  const [hover, setHover] = useState<Hover | null>(null);

  // Handlers change every render; the editor reads them through refs when an event arrives.
  const latest = useRef({ onKeyDown, onPick, onResize, spans, selectedId, granularity, suggestions });
  latest.current = { onKeyDown, onPick, onResize, spans, selectedId, granularity, suggestions };
  const articleRef = useRef<HTMLElement>(null);
  const [handles, setHandles] = useState<Handles | null>(null);
  const [preview, setPreview] = useState<{ from: number; to: number } | null>(null);

  /** Document position -> code point offset of the character there. */
  const offsetAt = (pos: number) => index.toCodePoint(map.toOffset(pos)) ?? 0;

  const content = useMemo(() => articleDocJson(doc.text), [doc.text]);
  const editor = useEditor({
    extensions: [
      ArticleDoc, ArticleBlock, ArticleParagraph, ArticleText,
      ReadOnlyText.configure({
        onKeyDown: () => (event) => latest.current.onKeyDown(event),
        onClick: () => (pos, event, view) => {
          if (!view.state.selection.empty || event.shiftKey) return false;
          latest.current.onPick(offsetAt(pos));
          return false;
        },
      }),
      SpanDecorations,
    ],
    editable: true,
    enableCoreExtensions: { keymap: false, drop: false, paste: false, delete: false },
    content,
    editorProps: {
      attributes: {
        class: 'tw-article-text', 'aria-label': 'Article text', 'aria-readonly': 'true', 'aria-multiline': 'true',
        role: 'textbox', spellcheck: 'false', lang: doc.meta.language ?? language ?? '', 'data-testid': 'article-text',
      },
    },
  }, [doc.id]);

  useEffect(() => { if (editor && !editor.isDestroyed) keepReactOffSelection(editor.view.dom); }, [editor]);

  // Repaint when spans, labels or the selection change.
  const painter = useMemo(() => createSpanPainter(index, map), [index, map]);
  const painted = useMemo(() => painter(spans, labels), [painter, spans, labels]);
  const selectedPainted = useMemo(() => painter.find(painted, selectedId), [painter, painted, selectedId]);
  // The open suggestions change with every edit, mostly by one: each keeps its painted object.
  const paintedSuggestionOf = useMemo(() => new WeakMap<Suggestion, PaintedSuggestion>(), [index, map]);
  const paintedSuggestions = useMemo(() => {
    const colors = new Map(labels.map((l) => [l.id, l.color]));
    return suggestions.map((s) => {
      const color = colors.get(s.label) ?? '#777777';
      const old = paintedSuggestionOf.get(s);
      if (old?.color === color) return old;
      const fresh = { id: s.id, color, from: map.toPos(index.toUtf16(s.start)), to: map.toPos(index.toUtf16(s.end)) };
      paintedSuggestionOf.set(s, fresh);
      return fresh;
    });
  }, [suggestions, labels, index, map, paintedSuggestionOf]);
  // A repaint re-wraps text nodes; one arriving while a mouse button is down (suggestions come
  // in asynchronously) would pull the text out from under a selection being dragged. It waits
  // for the button to come up.
  const pointerDown = useRef(false);
  const paintLater = useRef(false);
  const paint = useRef(() => {});
  // Only blocks near the viewport are decorated (span-decorations.ts); at first, the top of the text.
  const paintWindow = useRef<PaintWindow>(blocksWindow(map, 0, 1));
  // A selection to collapse after a label key: done by the repaint the key press causes, if
  // one comes in the same task, so that the text and the selection are redrawn once.
  const collapseNext = useRef(false);
  paint.current = () => {
    if (!editor || editor.isDestroyed) return;
    let tr = withDomSelection(editor.view, editor.state.tr.setMeta(spanDecorationsKey, {
      spans: painted, selected: selectedPainted ?? null, preview: null, suggestions: paintedSuggestions, selectedSuggestion: selectedSuggestionId, window: paintWindow.current,
    }));
    if (collapseNext.current) {
      collapseNext.current = false;
      if (!tr.selection.empty) tr = tr.setSelection(TextSelection.create(tr.doc, tr.selection.to));
    }
    editor.view.dispatch(tr);
  };
  // The blocks within a screen's height of the viewport, as they scroll in and out.
  useEffect(() => {
    const view = editor?.view;
    const scroller = view?.dom.closest('.tw-main');
    if (!view || !scroller) return;
    const near = new Set<number>();
    const blocks = Array.from(view.dom.children);
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries) {
        const b = blocks.indexOf(entry.target);
        if (entry.isIntersecting) near.add(b); else near.delete(b);
      }
      if (!near.size || editor.isDestroyed) return;
      const next = blocksWindow(map, Math.min(...near), Math.max(...near));
      if (next.from === paintWindow.current.from && next.to === paintWindow.current.to) return;
      paintWindow.current = next;
      if (!pointerDown.current) editor.view.dispatch(withDomSelection(editor.view, editor.state.tr.setMeta(spanDecorationsKey, { window: next })));
      else paintLater.current = true;
    }, { root: scroller, rootMargin: '100% 0px' });
    for (const block of blocks) observer.observe(block);
    return () => observer.disconnect();
  }, [editor, map]);
  // Before the layout effects that measure the painted text (the handles, the arrows), so that
  // they measure it once, with the new highlights in place.
  useLayoutEffect(() => {
    if (pointerDown.current) paintLater.current = true; else paint.current();
  }, [editor, painted, selectedPainted, paintedSuggestions, selectedSuggestionId]);
  useEffect(() => {
    const up = () => {
      pointerDown.current = false;
      if (!paintLater.current) return;
      paintLater.current = false;
      // After the editor has handled the mouse-up (and a click has said what it selects).
      requestAnimationFrame(() => paint.current());
    };
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', up);
    return () => { window.removeEventListener('pointerup', up); window.removeEventListener('pointercancel', up); };
  }, []);

  // The selected span's handles: measured after each paint and when the text reflows.
  useLayoutEffect(() => {
    const view = editor?.view;
    const article = articleRef.current;
    if (!view || !article || !selectedPainted) { setHandles(null); return; }
    const measure = () => {
      const origin = article.getBoundingClientRect();
      const box = (pos: number, side: 1 | -1): Box => {
        const c = view.coordsAtPos(pos, side);
        return { left: (side === 1 ? c.left : c.right) - origin.left, top: c.top - origin.top, height: c.bottom - c.top };
      };
      const from = preview?.from ?? selectedPainted.from;
      const to = preview?.to ?? selectedPainted.to;
      setHandles({ start: box(from, 1), end: box(to, -1), color: selectedPainted.color, name: selectedPainted.name });
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(view.dom);
    return () => observer.disconnect();
  }, [editor, selectedPainted, preview]);

  // Relation arrows: measured like the handles, after each paint and when the text reflows.
  const [arrows, setArrows] = useState<Arrow[]>([]);
  useLayoutEffect(() => {
    const view = editor?.view;
    const article = articleRef.current;
    if (!view || !article || !links.length) { setArrows((now) => (now.length ? [] : now)); return; }
    const measure = () => {
      const origin = article.getBoundingClientRect();
      /** The top middle of a span's first line, relative to the article. */
      const anchor = (span: Span) => {
        const a = view.coordsAtPos(map.toPos(index.toUtf16(span.start)), 1);
        const b = view.coordsAtPos(map.toPos(index.toUtf16(span.end)), -1);
        const right = Math.abs(b.top - a.top) < 4 ? b.right : a.left + 24;
        return { x: (a.left + right) / 2 - origin.left, y: a.top - origin.top };
      };
      setArrows(links.map((link) => {
        const p = anchor(link.from);
        const q = anchor(link.to);
        const lift = 18 + Math.min(80, Math.abs(q.x - p.x) / 6 + Math.abs(q.y - p.y) / 4);
        const top = Math.min(p.y, q.y) - lift;
        return {
          id: link.id, type: link.type,
          path: `M ${p.x} ${p.y - 2} C ${p.x} ${top}, ${q.x} ${top}, ${q.x} ${q.y - 4}`,
          labelX: (p.x + q.x) / 2, labelY: top + lift * 0.25,
        };
      }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(view.dom);
    return () => observer.disconnect();
  }, [editor, links, painted, map, index]);

  // Dragging a handle moves that end of the selected span; the result snaps like a selection.
  const startDrag = (edge: 'start' | 'end', down: React.PointerEvent) => {
    down.preventDefault();
    const view = editor?.view;
    const span = latest.current.spans.find((s) => s.id === latest.current.selectedId);
    if (!view || !span) return;
    const fixed = edge === 'start' ? index.toUtf16(span.end) : index.toUtf16(span.start);
    let range: TextRange | null = null;
    const move = (event: PointerEvent) => {
      const hit = view.posAtCoords({ left: event.clientX, top: event.clientY });
      if (!hit) return;
      const at = map.toOffset(hit.pos);
      const raw = edge === 'start' ? { start: Math.min(at, fixed - 1), end: fixed } : { start: fixed, end: Math.max(at, fixed + 1) };
      range = snapSelection(doc.text, raw, latest.current.granularity, language);
      if (range) {
        const next = { from: map.toPos(range.start), to: map.toPos(range.end) };
        setPreview(next);
        view.dispatch(view.state.tr.setMeta(spanDecorationsKey, { preview: next }));
      }
    };
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      setPreview(null);
      view.dispatch(view.state.tr.setMeta(spanDecorationsKey, { preview: null }));
      const r = range as TextRange | null;
      const start = r && index.toCodePoint(r.start);
      const end = r && index.toCodePoint(r.end);
      if (r && start !== null && end !== null) latest.current.onResize(span.id, { start, end });
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };

  useImperativeHandle(handleRef, () => ({
    selection(g) {
      if (!editor || editor.isDestroyed) return null;
      const { from, to, empty } = editor.state.selection;
      if (empty) return null;
      const snapped = snapSelection(doc.text, { start: map.toOffset(from), end: map.toOffset(to) }, g, language);
      if (!snapped) return null;
      const start = index.toCodePoint(snapped.start);
      const end = index.toCodePoint(snapped.end);
      return start === null || end === null ? null : { start, end };
    },
    hasSelection() {
      return !!editor && !editor.isDestroyed && !editor.state.selection.empty;
    },
    collapseSelection() {
      if (!editor || editor.isDestroyed) return;
      collapseNext.current = true;
      // React renders a key press's changes in a microtask queued before this one.
      queueMicrotask(() => {
        if (!collapseNext.current || editor.isDestroyed) return;
        collapseNext.current = false;
        const { state } = editor.view;
        if (!state.selection.empty) editor.view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, state.selection.to)));
      });
    },
    reveal(span) {
      if (!editor || editor.isDestroyed) return;
      revealPosition(editor.view, map.toPos(index.toUtf16(span.start)));
    },
    focus() { editor?.view.focus(); },
  }), [editor, doc.text, map, index, language]);

  // Hovering shows the labels of every span under the pointer, outermost first.
  const frame = useRef(0);
  const onMouseMove = (event: React.MouseEvent) => {
    const { clientX: x, clientY: y } = event;
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => {
      const view = editor?.view;
      const hit = view?.posAtCoords({ left: x, top: y });
      const target = globalThis.document.elementFromPoint(x, y);
      if (!hit || !target?.closest('.tw-span, .tw-suggestion')) { setHover(null); return; }
      const at = offsetAt(hit.pos);
      const here = spansAt(latest.current.spans, at).reverse();
      const byId = new Map(labels.map((l) => [l.id, l]));
      const names = here.map((s) => ({ name: byId.get(s.label)?.name ?? s.label, color: byId.get(s.label)?.color ?? '#777777' }));
      const suggested = latest.current.suggestions.find((s) => s.start <= at && at < s.end);
      if (suggested) names.push({ name: `Suggested: ${byId.get(suggested.label)?.name ?? suggested.label}`, color: byId.get(suggested.label)?.color ?? '#777777' });
      setHover(names.length ? { x, y, names, ...(suggested ? { suggestion: suggested.reason } : {}) } : null);
    });
  };

  return (
    <article className={linking ? 'tw-article tw-linking' : 'tw-article'} ref={articleRef} data-document-id={doc.id} onMouseMove={onMouseMove} onMouseLeave={() => setHover(null)}
      onPointerDown={() => { pointerDown.current = true; }}>
      <header className="tw-article-header">
        <h1 className="tw-article-title">{doc.title}</h1>
        <p className="tw-article-byline">
          {doc.meta.date && <time dateTime={doc.meta.date} data-testid="article-date">{formatDate(doc.meta.date)}</time>}
          <span className="tw-article-source">{doc.source.fileName}</span>
        </p>
      </header>
      <EditorContent editor={editor} />
      {handles && (['start', 'end'] as const).map((edge) => (
        <div key={edge} className={`tw-handle tw-handle-${edge}`} aria-hidden data-testid={`handle-${edge}`}
          title={edge === 'start' ? 'Drag to move the start' : 'Drag to move the end'}
          style={{ left: handles[edge].left, top: handles[edge].top, height: handles[edge].height, '--tw-handle': handles.color } as React.CSSProperties}
          onPointerDown={(e) => startDrag(edge, e)}>
          {edge === 'start' && <span className="tw-chip" data-label={handles.name} />}
        </div>
      ))}
      {arrows.length > 0 && (
        <svg className="tw-arrows" aria-hidden data-testid="relation-arrows">
          <defs>
            <marker id="tw-arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" />
            </marker>
          </defs>
          {arrows.map((a) => (
            <g key={a.id} className="tw-arrow">
              <path d={a.path} markerEnd="url(#tw-arrowhead)" />
              <text x={a.labelX} y={a.labelY} textAnchor="middle">{a.type}</text>
            </g>
          ))}
        </svg>
      )}
      {hover && (
        <div className="tw-hovercard" role="tooltip" style={{ left: hover.x + 12, top: hover.y + 16 }}>
          {hover.names.map((n, i) => <span key={i} className="tw-hovercard-label" style={{ '--tw-swatch': n.color } as React.CSSProperties}>{n.name}</span>)}
          {hover.suggestion && <span className="tw-hovercard-note">{hover.suggestion} · click it, then Enter accepts, Esc rejects</span>}
        </div>
      )}
    </article>
  );
}

/** The document positions of blocks `first` to `last` (clamped to the document). */
function blocksWindow(map: PositionMap, first: number, last: number): PaintWindow {
  return { from: map.blockRange(first).from, to: map.blockRange(Math.min(last, map.blocks - 1)).to };
}

/**
 * Scrolls the article's pane so that the position sits in its upper third, unless it is in view
 * already. Blocks off screen have estimated heights (content-visibility), so the position is
 * measured again after the first scroll has laid them out.
 */
function revealPosition(view: EditorView, pos: number, again = true): void {
  const scroller = view.dom.closest('.tw-main');
  if (!scroller) return;
  const box = scroller.getBoundingClientRect();
  const at = view.coordsAtPos(pos);
  if (at.top >= box.top + 40 && at.bottom <= box.bottom - 40) return;
  scroller.scrollTop += at.top - box.top - box.height / 3;
  if (again) requestAnimationFrame(() => revealPosition(view, pos, false));
}

/** `2025-07` -> `July 2025`; `2025-07-14` -> `14 July 2025` (in the UI's locale). */
export function formatDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const value = new Date(Date.UTC(y, m - 1, d ?? 1));
  return new Intl.DateTimeFormat(undefined, d ? { dateStyle: 'long', timeZone: 'UTC' } : { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(value);
}
