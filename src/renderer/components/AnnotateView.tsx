/**
 * Annotating one document: the toolbar and article in the main pane; the selected annotation,
 * the document's annotation list and its metadata in the side panel.
 */
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { DocumentDetail, ProjectInfo, TagwerkApi } from '../../shared/api/tagwerk-api';
import { CURATED_LAYER } from '../../shared/model/annotation';
import type { DocumentStatus } from '../../shared/model/document';
import { updateSpan } from '../../shared/ops/span-ops';
import { applySpanChange } from '../../shared/ops/span-change';
import { tagRanges } from '../../shared/domain/occurrences';
import { newId } from '../../shared/model/ids';
import { OccurrencesDialog } from './OccurrencesDialog';
import type { Granularity } from '../../shared/text/tokens';
import { pickAt } from '../editor/pick-span';
import { useAnnotateCommands } from '../state/use-annotate-commands';
import { useLayerEditor } from '../state/use-layer-editor';
import { AnnotateToolbar } from './AnnotateToolbar';
import { ArticleView, type ArticleHandle } from './ArticleView';
import { SchemaEditor } from './SchemaEditor';
import { AnnotatePanel, type PanelActions, type PanelState } from './AnnotatePanel';
import { useEntities } from '../state/use-entities';
import { useSuggestions } from '../state/use-suggestions';
import { relationTypeName } from '../../shared/domain/relation-types';
import { removeRelation, retypeRelation } from '../../shared/ops/relation-ops';

interface Props {
  api: TagwerkApi;
  project: ProjectInfo;
  detail: DocumentDetail;
  openNeighbour: (direction: 1 | -1, notDone?: boolean) => void;
  onSaved: (documentId: string, summary: { spanCount: number; status: DocumentStatus }) => void;
  onSchemaSaved: () => void;
  /** `curated`: edit the curated (adjudicated) layer instead of my own. */
  layer?: 'curated';
  /** A span to select at first (coming from the Review mode). */
  initialSpanId?: string | null;
  /** Leaves the curated layer for my own. */
  onLeaveCurated?: () => void;
}

const GRANULARITY_KEY = 'tagwerk:granularity';

export function AnnotateView({ api, project, detail, openNeighbour, onSaved, onSchemaSaved, layer, initialSpanId, onLeaveCurated }: Props) {
  const labels = project.tagSchema.labels;
  const curatedMode = layer === 'curated';
  const editor = useLayerEditor(curatedMode
    ? { api, detail, annotatorId: CURATED_LAYER, target: 'curated' }
    : { api, detail, annotatorId: project.currentAnnotator.id, onSaved });
  const article = useRef<ArticleHandle>(null);
  const [selectedId, setSelectedId] = useState<string | null>(initialSpanId ?? null);
  const [granularity, setGranularity] = useState<Granularity>(() => (localStorage.getItem(GRANULARITY_KEY) === 'character' ? 'character' : 'token'));
  const [hint, setHint] = useState<string | null>(null);
  const [editingSchema, setEditingSchema] = useState(false);
  const [occurrencesOf, setOccurrencesOf] = useState<string | null>(null);
  const doc = detail.document;
  const language = doc.meta.language ?? project.language;

  const firstDoc = useRef(doc.id);
  useEffect(() => { if (doc.id !== firstDoc.current) setSelectedId(null); }, [doc.id]);
  useEffect(() => {
    const span = initialSpanId ? editor.layer.spans.find((s) => s.id === initialSpanId) : undefined;
    if (span) article.current?.reveal(span);
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    if (!hint) return;
    const t = setTimeout(() => setHint(null), 3000);
    return () => clearTimeout(t);
  }, [hint]);

  const toggleGranularity = useCallback(() => setGranularity((g) => {
    const next = g === 'token' ? 'character' : 'token';
    localStorage.setItem(GRANULARITY_KEY, next);
    return next;
  }), []);

  const [linkFrom, setLinkFrom] = useState<string | null>(null);
  const entities = useEntities(api);
  // The curated layer is adjudicated from the annotators' layers, not pre-annotated.
  const suggestions = useSuggestions(api, doc.id, editor, entities.loaded ? entities.list : null, (s) => { setSelectedId(null); article.current?.reveal(s); }, !curatedMode);
  const selectSpan = useCallback((id: string | null) => {
    setSelectedId(id);
    if (id) suggestions.select(null);
  }, [suggestions.select]);
  const commands = useAnnotateCommands({
    editor, labels, article, selectedId, select: selectSpan, granularity, toggleGranularity,
    language, openNeighbour, hint: setHint, linkFrom, setLinkFrom, suggestions,
  });

  const spans = editor.layer.spans;
  // The current annotator is registered with their first edit: until then only the session knows the name.
  const names = useMemo(() => new Map([[project.currentAnnotator.id, project.currentAnnotator.name], ...project.annotators.map((a) => [a.id, a.name] as const)]),
    [project.annotators, project.currentAnnotator]);
  const selected = useMemo(() => (selectedId ? spans.find((s) => s.id === selectedId) : undefined), [spans, selectedId]);
  const annotatorName = curatedMode ? 'Curated layer' : project.annotators.find((a) => a.id === editor.layer.annotator)?.name ?? project.currentAnnotator.name;
  const relations = editor.layer.relations;
  const links = useMemo(() => {
    const mine = selectedId ? relations.filter((r) => r.from === selectedId || r.to === selectedId) : [];
    if (!mine.length) return [];
    const byId = new Map(spans.map((s) => [s.id, s]));
    return mine.flatMap((r) => { const from = byId.get(r.from), to = byId.get(r.to); return from && to ? [{ id: r.id, from, to, type: relationTypeName(r.type) }] : []; });
  }, [relations, spans, selectedId]);
  // The side panel follows the text one step behind (AnnotatePanel): a key press paints first.
  const panel: PanelState = useDeferredValue({ layer: editor.layer, selectedId, suggestions, entities, annotatorName });
  const panelActions = useRef<PanelActions>(null!);
  panelActions.current = {
    retag: commands.retag,
    remove: commands.remove,
    patch: (spanId, patch) => { editor.edit((layer, ctx) => updateSpan(layer, spanId, patch, ctx)); },
    show: (span) => { selectSpan(span.id); article.current?.reveal(span); },
    tagOccurrences: setOccurrencesOf,
    retypeRelation: (id, type) => { editor.edit((layer, ctx) => retypeRelation(layer, id, type, ctx)); },
    removeRelation: (id) => { editor.edit((layer) => removeRelation(layer, id)); },
  };

  return (
    <>
      <main className="tw-main">
        <AnnotateToolbar labels={labels} onLabel={(id) => commands.applyLabel(id)} granularity={granularity} onToggleGranularity={toggleGranularity}
          canUndo={editor.canUndo} canRedo={editor.canRedo} onUndo={commands.undo} onRedo={commands.redo}
          status={editor.layer.status} onStatus={editor.setStatus} saveState={editor.saveState} onEditLabels={() => setEditingSchema(true)}
          suggestions={curatedMode ? undefined : { shown: suggestions.shown, count: suggestions.open.length, onToggle: () => suggestions.setShown(!suggestions.shown) }}
          notice={curatedMode && (
            <p className="tw-curated-banner" data-testid="curated-banner">
              <span>Editing the <b>curated layer</b>: changes to accepted spans are recorded as edited, new spans as added.</span>
              <button type="button" onClick={onLeaveCurated}>Back to my layer</button>
            </p>
          )} />
        {editor.error && <p className="tw-inline-alert tw-error" role="alert">{editor.error}</p>}
        {/* Hints float over the text: the article must not move under the pointer when they come and go. */}
        {hint && !editor.error && <p className="tw-toast" role="status" data-testid="hint">{hint}</p>}
        <ArticleView key={doc.id} document={doc} spans={spans} labels={labels} selectedId={selectedId} granularity={granularity} language={language}
          handleRef={article} onKeyDown={(event) => commands.onKey(event, true)}
          onPick={(offset) => {
            const picked = pickAt(spans, offset, linkFrom ? null : selectedId);
            if (linkFrom) { if (picked) commands.relateTo(picked.id); else setLinkFrom(null); return; }
            // A click on a suggestion where no annotation is selects the suggestion.
            const suggested = picked ? undefined : suggestions.open.find((s) => s.start <= offset && offset < s.end);
            if (suggested) { setSelectedId(null); suggestions.select(suggested.id); return; }
            selectSpan(picked?.id ?? null);
            if (!picked) suggestions.select(null);
          }}
          links={links} linking={linkFrom !== null}
          suggestions={suggestions.open} selectedSuggestionId={suggestions.selected?.id ?? null}
          onResize={commands.resize} />
      </main>
      <AnnotatePanel {...panel} api={api} project={project} detail={detail} labels={labels} curatedMode={curatedMode} names={names} actions={panelActions} />
      {occurrencesOf && selected?.id === occurrencesOf && (
        <OccurrencesDialog api={api} span={selected} label={labels.find((l) => l.id === selected.label)} documentId={doc.id} entities={entities.list}
          onClose={() => setOccurrencesOf(null)}
          tagHere={(ranges, attributes) => {
            let created: string[] = [];
            editor.edit((layer, ctx) => {
              const out = tagRanges(layer, ranges, selected.label, attributes, ctx, () => newId('s'));
              created = out.created;
              return out.layer;
            });
            return created;
          }}
          untagHere={(ids) => editor.edit((layer, ctx) => { const gone = new Set(ids); return applySpanChange(layer, { removeSpans: layer.spans.filter((s) => gone.has(s.id)).map((s) => s.id), putSpans: [], removeRelations: [], putRelations: [] }, ctx); })} />
      )}
      {editingSchema && <SchemaEditor api={api} schema={project.tagSchema} onClose={() => setEditingSchema(false)} onSaved={onSchemaSaved} />}
    </>
  );
}
