/** The main window: document list, the article being annotated, its annotations; drop files anywhere to import. */
import { lazy, Suspense, useCallback, useEffect, useState, type DragEvent } from 'react';
import type { TagwerkBridge } from '../shared/api/tagwerk-api';
import type { DocumentStatus } from '../shared/model/document';
import { AnnotateView } from './components/AnnotateView';
import { AnnotatorNameDialog } from './components/AnnotatorNameDialog';
import { ReviewView } from './components/ReviewView';
import { DocumentList } from './components/DocumentList';
import { ImportControls } from './components/ImportControls';
import { neighbourDocument } from './state/neighbour-document';
import { filesFromDrop } from './state/read-files';
import { useImport } from './state/use-import';
import { useProject } from './state/use-project';

// Loaded when first opened: the agreement charts (Observable Plot) and the export dialog are not
// needed to open and annotate a document, and the app starts faster without them.
const AgreementDialog = lazy(() => import('./components/AgreementDialog').then((m) => ({ default: m.AgreementDialog })));
const ExportDialog = lazy(() => import('./components/ExportDialog').then((m) => ({ default: m.ExportDialog })));

export function App({ bridge }: { bridge: TagwerkBridge }) {
  const { project, documents, selectedId, select, detail, error, refresh, patchDocument } = useProject(bridge);
  const { state: importState, run: runImport, readReplacing, dismiss } = useImport(bridge.api, refresh);
  const [dragging, setDragging] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [agreement, setAgreement] = useState(false);
  const [naming, setNaming] = useState(false);
  const [mode, setMode] = useState<'annotate' | 'review'>('annotate');
  /** Annotate mode edits my layer, or the curated layer (entered from the Review mode). */
  const [curated, setCurated] = useState<{ spanId: string | null } | null>(null);
  const editCurated = (spanId: string | null) => { setCurated({ spanId }); setMode('annotate'); };
  useEffect(() => bridge.onEvent((e) => { if (e.type === 'open-export') setExporting(true); }), [bridge]);

  const onDrop = async (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const files = await filesFromDrop(event.dataTransfer);
    if (files.length) await runImport(files);
  };

  const openNeighbour = useCallback((direction: 1 | -1, notDone = false) => {
    const id = neighbourDocument(documents, selectedId, direction, notDone);
    if (id) select(id);
  }, [documents, selectedId, select]);

  const onSaved = useCallback((id: string, summary: { spanCount: number; status: DocumentStatus }) => patchDocument(id, summary), [patchDocument]);

  return (
    <div className={dragging ? 'tw-app tw-dragging' : 'tw-app'}
      onDragOver={(e) => { if (e.dataTransfer.types.includes('Files')) { e.preventDefault(); setDragging(true); } }}
      onDragLeave={(e) => { if (e.currentTarget === e.target) setDragging(false); }}
      onDrop={(e) => void onDrop(e)}>
      <header className="tw-topbar">
        <span className="tw-brand">Tagwerk</span>
        <span className="tw-project" title={project?.dir}>{project?.name ?? 'Opening project…'}</span>
        <ImportControls state={importState} onFiles={(f) => void runImport(f)} onReadReplacing={() => void readReplacing()} onDismiss={dismiss} />
        <button type="button" onClick={() => setExporting(true)} disabled={!project}>Export…</button>
        <span className="tw-mode" role="group" aria-label="Mode">
          <button type="button" aria-pressed={mode === 'annotate'} onClick={() => { setMode('annotate'); setCurated(null); }}>Annotate</button>
          <button type="button" aria-pressed={mode === 'review'} onClick={() => setMode('review')}>Review</button>
        </span>
        <button type="button" onClick={() => setAgreement(true)} disabled={!project}>Agreement…</button>
        {project && <button type="button" className="tw-annotator" title="Annotations you make are stamped with this name. Click to change it." onClick={() => setNaming(true)}>{project.currentAnnotator.name}</button>}
      </header>
      {error && <div className="tw-banner tw-error" role="alert">{error}</div>}
      {project && project.problems.length > 0 && (
        <details className="tw-banner tw-warning" role="alert">
          <summary>{project.problems.length} file(s) in this project could not be loaded and were left untouched</summary>
          <ul>{project.problems.map((p) => <li key={p.file}>{p.message}</li>)}</ul>
        </details>
      )}
      <nav className="tw-sidebar" aria-label="Documents">
        <h2 className="tw-sidebar-title">Documents <span className="tw-muted">{documents.length}</span></h2>
        <DocumentList documents={documents} selectedId={selectedId} onSelect={select} />
      </nav>
      {detail && project && mode === 'review'
        ? <ReviewView api={bridge.api} project={project} detail={detail} onEditCurated={editCurated} />
        : detail && project
        ? <AnnotateView key={curated ? 'curated' : project.currentAnnotator.id} api={bridge.api} project={project} detail={detail} openNeighbour={openNeighbour} onSaved={onSaved} onSchemaSaved={() => void refresh()}
            {...(curated ? { layer: 'curated' as const, initialSpanId: curated.spanId, onLeaveCurated: () => setCurated(null) } : {})} />
        : <main className="tw-main"><p className="tw-empty">{documents.length ? 'Select a document.' : ''}</p></main>}
      <Suspense fallback={null}>
        {exporting && project && <ExportDialog bridge={bridge} project={project} onClose={() => setExporting(false)} />}
        {naming && project && <AnnotatorNameDialog api={bridge.api} current={project.currentAnnotator.name} onSaved={() => void refresh()} onClose={() => setNaming(false)} />}
        {agreement && project && <AgreementDialog api={bridge.api} project={project} titles={new Map(documents.map((d) => [d.id, d.title]))} onClose={() => setAgreement(false)} />}
      </Suspense>
      {dragging && <div className="tw-dropzone" aria-hidden>Drop articles or folders to import them</div>}
    </div>
  );
}
