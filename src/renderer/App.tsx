/** The main window: document list, the article, its metadata; drop files anywhere to import. */
import { useMemo, useState, type DragEvent } from 'react';
import type { TagwerkBridge } from '../shared/api/tagwerk-api';
import { ArticleView } from './components/ArticleView';
import { DocumentList } from './components/DocumentList';
import { ImportControls } from './components/ImportControls';
import { MetaPanel } from './components/MetaPanel';
import { filesFromDrop } from './state/read-files';
import { useImport } from './state/use-import';
import { useProject } from './state/use-project';

export function App({ bridge }: { bridge: TagwerkBridge }) {
  const { project, documents, selectedId, select, detail, error, refresh } = useProject(bridge);
  const { state: importState, run: runImport, dismiss } = useImport(bridge.api, refresh);
  const [dragging, setDragging] = useState(false);
  const labels = useMemo(() => project?.tagSchema.labels ?? [], [project]);

  const onDrop = async (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const files = await filesFromDrop(event.dataTransfer);
    if (files.length) await runImport(files);
  };

  return (
    <div className={dragging ? 'tw-app tw-dragging' : 'tw-app'}
      onDragOver={(e) => { if (e.dataTransfer.types.includes('Files')) { e.preventDefault(); setDragging(true); } }}
      onDragLeave={(e) => { if (e.currentTarget === e.target) setDragging(false); }}
      onDrop={(e) => void onDrop(e)}>
      <header className="tw-topbar">
        <span className="tw-brand">Tagwerk</span>
        <span className="tw-project" title={project?.dir}>{project?.name ?? 'Opening project…'}</span>
        <ImportControls state={importState} onFiles={(f) => void runImport(f)} onDismiss={dismiss} />
        {project && <span className="tw-annotator" title="Annotations you make are stamped with this name">{project.currentAnnotator.name}</span>}
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
      <main className="tw-main">
        {detail && project
          ? <ArticleView key={detail.document.id} detail={detail} labels={labels} annotatorId={project.currentAnnotator.id} />
          : <p className="tw-empty">{documents.length ? 'Select a document.' : ''}</p>}
      </main>
      {detail && project && <MetaPanel detail={detail} annotators={project.annotators} />}
      {dragging && <div className="tw-dropzone" aria-hidden>Drop articles or folders to import them</div>}
    </div>
  );
}
