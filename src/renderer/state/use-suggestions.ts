/**
 * The open document's suggestions (pre-annotation): fetched from the backend, shown until the
 * layer answers them. Accepting makes a span through the layer editor (undoable, like any edit);
 * rejecting records the suggestion in the layer's `dismissed` list (undoable too). Nothing here
 * reaches an export: suggestions are not in the layer until accepted.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TagwerkApi } from '../../shared/api/tagwerk-api';
import { newId } from '../../shared/model/ids';
import { openSuggestions, type Suggestion } from '../../shared/domain/suggestions';
import { addSpan, addSpans, type NewSpan } from '../../shared/ops/span-ops';
import type { LayerEditor } from './use-layer-editor';

export interface Suggestions {
  /** Whether suggestions are shown (the person's choice, kept in localStorage). */
  shown: boolean;
  setShown(shown: boolean): void;
  /** The open ones (not accepted, tagged otherwise or rejected), in text order; empty when hidden. */
  open: readonly Suggestion[];
  selected: Suggestion | null;
  select(id: string | null): void;
  /** Accepts the selected (or given) suggestion as a span and selects the next one. */
  accept(id?: string): void;
  /** Rejects it (it is not offered again in this layer) and selects the next one. */
  reject(id?: string): void;
  /** Accepts every open suggestion of this label in one undoable edit. */
  acceptAll(label: string): void;
  /** Selects the next (1) or previous (-1) open suggestion after the selected one; false when none. */
  step(direction: 1 | -1): Suggestion | null;
  /** The gazetteer was still loading: place suggestions follow. */
  loading: boolean;
  problem: string | null;
}

const SHOWN_KEY = 'tagwerk:suggestions';

/** The span an accepted suggestion becomes: its range, label and attributes, with a new id. */
const asNewSpan = (s: Suggestion): NewSpan => ({ id: newId('s'), start: s.start, end: s.end, label: s.label, attributes: s.attributes });
const NONE: readonly Suggestion[] = [];
const RETRY_MS = 2_000;

/**
 * `refresh` changes when what suggestions are made from changes (the entity list): they are asked
 * for again then; while it is null (the entity list is still loading) they are not asked for yet,
 * so that a long document's suggestions are made once, not twice. `onSelect` shows a suggestion that was selected. Without `enabled` (the curated
 * layer) there are none.
 */
export function useSuggestions(api: TagwerkApi, documentId: string, editor: LayerEditor, refresh: unknown, onSelect: (s: Suggestion) => void, enabled = true): Suggestions {
  const [chosen, setShownState] = useState(() => localStorage.getItem(SHOWN_KEY) !== 'off');
  const shown = chosen && enabled;
  // Kept with the document they were made for: the first render of another document must not paint them.
  const [made, setMade] = useState<{ documentId: string; list: readonly Suggestion[] }>({ documentId, list: [] });
  const all = made.documentId === documentId ? made.list : NONE;
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);

  useEffect(() => { setSelectedId(null); }, [documentId]);

  useEffect(() => {
    if (!shown || refresh === null) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = () => api.suggestSpans({ documentId }).then((r) => {
      if (!live) return;
      setMade({ documentId, list: r.suggestions });
      setProblem(r.problem ?? null);
      setLoading(!!r.loading);
      if (r.loading) timer = setTimeout(ask, RETRY_MS);
    }, (err: Error) => { if (live) setProblem(err.message); });
    void ask();
    return () => { live = false; clearTimeout(timer); };
  }, [api, documentId, shown, refresh]);

  const setShown = useCallback((value: boolean) => {
    localStorage.setItem(SHOWN_KEY, value ? 'on' : 'off');
    setShownState(value);
    if (!value) setSelectedId(null);
  }, []);

  const { spans, dismissed } = editor.layer;
  const open = useMemo(() => (shown ? openSuggestions(all, spans, dismissed) : []), [shown, all, spans, dismissed]);
  const selected = open.find((s) => s.id === selectedId) ?? null;

  // Commands read the latest values through a ref (they are called from key handlers).
  const latest = useRef({ open, selected, editor, onSelect });
  latest.current = { open, selected, editor, onSelect };

  const select = useCallback((id: string | null) => {
    setSelectedId(id);
    const s = id ? latest.current.open.find((o) => o.id === id) : undefined;
    if (s) latest.current.onSelect(s);
  }, []);

  /** The open suggestion after (or before) `from` in text order, `from` itself left out. */
  const neighbour = (from: Suggestion | null, direction: 1 | -1, without?: string): Suggestion | null => {
    const list = latest.current.open.filter((s) => s.id !== without);
    if (!list.length) return null;
    if (!from) return direction === 1 ? list[0] : list[list.length - 1];
    const after = direction === 1 ? list.find((s) => s.start > from.start || (s.start === from.start && s.end > from.end))
      : [...list].reverse().find((s) => s.start < from.start || (s.start === from.start && s.end < from.end));
    return after ?? null;
  };

  const step = useCallback((direction: 1 | -1) => {
    const next = neighbour(latest.current.selected, direction);
    select(next?.id ?? null);
    return next;
  }, [select]);

  const target = (id?: string) => (id ? latest.current.open.find((s) => s.id === id) : latest.current.selected) ?? null;

  const accept = useCallback((id?: string) => {
    const s = target(id);
    if (!s) return;
    const next = neighbour(s, 1, s.id);
    latest.current.editor.edit((layer, ctx) => addSpan(layer, asNewSpan(s), ctx));
    select(next?.id ?? null);
  }, [select]);

  const reject = useCallback((id?: string) => {
    const s = target(id);
    if (!s) return;
    const next = neighbour(s, 1, s.id);
    latest.current.editor.edit((layer) => ({ ...layer, dismissed: [...(layer.dismissed ?? []), s.id] }));
    select(next?.id ?? null);
  }, [select]);

  const acceptAll = useCallback((label: string) => {
    const chosen = latest.current.open.filter((s) => s.label === label);
    if (!chosen.length) return;
    latest.current.editor.edit((layer, ctx) => addSpans(layer, chosen.map(asNewSpan), ctx));
    setSelectedId(null);
  }, []);

  return { shown, setShown, open, selected, select, accept, reject, acceptAll, step, loading, problem };
}
