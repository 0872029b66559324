/**
 * The current annotator's layer of the open document, edited optimistically: each edit is a
 * pure op applied here at once (so the highlight appears on the key press), recorded as a
 * reversible change for undo, and sent in order to the backend, which applies the same change
 * and answers once it is durable. The save state says whether everything has reached the disk.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { DocumentDetail, TagwerkApi } from '../../shared/api/tagwerk-api';
import { emptyLayer, type Layer } from '../../shared/model/annotation';
import type { DocumentStatus } from '../../shared/model/document';
import { emptyHistory, record, redo as redoStep, undo as undoStep, canRedo, canUndo, type History } from '../../shared/ops/history';
import { applySpanChange, diffLayers, isEmptyChange, type ReversibleChange, type SpanChange } from '../../shared/ops/span-change';
import type { OpContext } from '../../shared/ops/span-ops';
import { createOffsetIndex } from '../../shared/text/offsets';
import { stampCuratedEdits } from '../../shared/review/adjudicate';
import { normalizeCasualtySpans } from '../../shared/domain/casualty-spans';

/** Records a save's duration as a user timing, keeping the timeline short in long sessions. */
let timings = 0;
function timeSave(name: string, start: number): void {
  if (++timings % 2000 === 0) { performance.clearMeasures('tagwerk:save-ui'); performance.clearMeasures('tagwerk:save-durable'); }
  performance.measure(name, { start });
}

/**
 * Resolves after the next frame has been painted, or after 50 ms where frames are not drawn (a
 * hidden window), so that a save never waits on the screen.
 */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 50);
    if (typeof requestAnimationFrame !== 'function') return;
    requestAnimationFrame(() => setTimeout(() => { clearTimeout(timer); resolve(); }, 0));
  });
}

export type SaveState = 'saved' | 'saving' | 'error';

export interface LayerEditor {
  layer: Layer;
  /** Offsets and text for ops. */
  context(): OpContext;
  /** Applies an op and records it for undo; returns the new layer (the old one when nothing changed). */
  edit(op: (layer: Layer, ctx: OpContext) => Layer): Layer;
  /** Undoes the last edit; returns the change applied, or null when there was nothing to undo. */
  undo(): SpanChange | null;
  redo(): SpanChange | null;
  canUndo: boolean;
  canRedo: boolean;
  /** Sets the document's status (not part of the undo history). */
  setStatus(status: DocumentStatus): void;
  saveState: SaveState;
  /** The last failure, in words. */
  error: string | null;
  /** Number of changes not yet durable. */
  pending(): number;
}

interface Options {
  api: TagwerkApi;
  detail: DocumentDetail;
  annotatorId: string;
  /** `curated`: edit the curated layer (annotatorId is then CURATED_LAYER). */
  target?: 'curated';
  /** Called after each durable change with the layer's span count and status. */
  onSaved?: (documentId: string, summary: { spanCount: number; status: DocumentStatus }) => void;
}

export function useLayerEditor({ api, detail, annotatorId, target, onSaved }: Options): LayerEditor {
  const doc = detail.document;
  const index = useMemo(() => createOffsetIndex(doc.text), [doc.text]);
  const serverLayer = detail.layers.find((l) => l.annotator === annotatorId) ?? emptyLayer(doc.id, annotatorId, doc.source.sha256);
  const layerRef = useRef(serverLayer);
  const docRef = useRef(doc.id);
  const seenDetail = useRef(detail);
  const histories = useRef(new Map<string, History<ReversibleChange>>());
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const pendingRef = useRef(0);
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;
  const [, bump] = useReducer((n: number) => n + 1, 0);
  const [saveState, setSaveState] = useState<SaveState>('saved');
  const [error, setError] = useState<string | null>(null);

  // A new document, or a fresh copy of this one from the backend while nothing is in flight.
  if (seenDetail.current !== detail) {
    if (docRef.current !== doc.id || pendingRef.current === 0) layerRef.current = serverLayer;
    seenDetail.current = detail;
    docRef.current = doc.id;
  }

  const context = useCallback((): OpContext => ({ text: doc.text, index, now: new Date().toISOString() }), [doc.text, index]);

  const resync = useCallback(async (documentId: string) => {
    const fresh = await api.getDocument({ documentId });
    if (docRef.current !== documentId) return;
    layerRef.current = fresh.layers.find((l) => l.annotator === annotatorId) ?? emptyLayer(documentId, annotatorId, fresh.document.source.sha256);
    histories.current.delete(documentId);
    bump();
  }, [api, annotatorId]);

  const send = useCallback((documentId: string, change: SpanChange) => {
    pendingRef.current++;
    setSaveState('saving');
    // Sent once the key press's frame is painted: handing a change to the transport costs the
    // UI thread a millisecond or more, which the highlight need not wait for.
    queue.current = queue.current.then(afterPaint).then(async () => {
      try {
        // The UI thread's share of a save is handing the change to the transport; the layer is
        // serialised and written by the backend. Both times are user timings (DevTools, npm run bench).
        const sent = performance.now();
        const reply = api.applyChange({ documentId, change, ...(target ? { layer: target } : {}) });
        timeSave('tagwerk:save-ui', sent);
        const result = await reply;
        timeSave('tagwerk:save-durable', sent);
        onSavedRef.current?.(documentId, result);
        pendingRef.current--;
        if (pendingRef.current === 0) setSaveState('saved');
      } catch (err) {
        pendingRef.current--;
        setSaveState('error');
        setError(`Could not save the last change: ${(err as Error).message}. The document was reloaded from disk.`);
        await resync(documentId).catch(() => undefined);
      }
    });
  }, [api, resync, target]);

  const historyOf = (id: string) => histories.current.get(id) ?? emptyHistory<ReversibleChange>();

  const edit = useCallback((op: (layer: Layer, ctx: OpContext) => Layer): Layer => {
    const before = layerRef.current;
    let after: Layer;
    try {
      const ctx = context();
      // Casualty figures get the parser's normalised attributes; the researcher's corrections are marked.
      after = normalizeCasualtySpans(before, op(before, ctx), ctx);
      // The curator's own changes are recorded in the curated spans' origins.
      if (target === 'curated') after = stampCuratedEdits(before, after);
    } catch (err) {
      setError((err as Error).message);
      return before;
    }
    if (after === before) return before;
    const change = diffLayers(before, after);
    if (isEmptyChange(change.redo)) return before;
    layerRef.current = after;
    // The status an edit implies (the first span starts the document) is sent with it but not
    // undone: undoing a span must not reopen a document the person has since marked done.
    const { status: _redoStatus, ...redo } = change.redo;
    const { status: _undoStatus, ...undo } = change.undo;
    histories.current.set(doc.id, record(historyOf(doc.id), { redo, undo }));
    setError(null);
    bump();
    send(doc.id, change.redo);
    return after;
  }, [context, doc.id, send, target]);

  const step = useCallback((direction: 'undo' | 'redo'): SpanChange | null => {
    const stepped = direction === 'undo' ? undoStep(historyOf(doc.id)) : redoStep(historyOf(doc.id));
    if (!stepped) return null;
    const change = direction === 'undo' ? stepped.entry.undo : stepped.entry.redo;
    try {
      layerRef.current = applySpanChange(layerRef.current, change, context());
    } catch (err) {
      setError(`Cannot ${direction}: ${(err as Error).message}`);
      return null;
    }
    histories.current.set(doc.id, stepped.history);
    setError(null);
    bump();
    send(doc.id, change);
    return change;
  }, [context, doc.id, send]);

  const setStatus = useCallback((status: DocumentStatus) => {
    if (layerRef.current.status === status) return;
    layerRef.current = { ...layerRef.current, status };
    bump();
    send(doc.id, { removeSpans: [], putSpans: [], removeRelations: [], putRelations: [], status });
  }, [doc.id, send]);

  // Leaving the page with changes in flight asks first (they are usually durable within ~50 ms).
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => { if (pendingRef.current > 0) event.preventDefault(); };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  const history = historyOf(doc.id);
  return {
    layer: layerRef.current, context, edit,
    undo: () => step('undo'), redo: () => step('redo'),
    canUndo: canUndo(history), canRedo: canRedo(history),
    setStatus, saveState, error, pending: () => pendingRef.current,
  };
}
