/**
 * The first load of the project: its manifest, its document list and the document to open. It
 * is started by `early-start.ts`, a small script that runs before the app's bundle has been
 * parsed, so that the backend reads the document while the browser is still busy with the
 * bundle (`../shared/design/EDITOR_PERF.md`: ~200 ms off the first paint of a long document).
 * `useProject` takes it over on its first refresh.
 */
import type { DocumentDetail, ProjectInfo, TagwerkApi } from '../../shared/api/tagwerk-api';
import type { DocumentSummary } from '../../shared/model/document';

export interface ProjectLoad {
  project: Promise<ProjectInfo>;
  documents: Promise<DocumentSummary[]>;
  /** The document `initialSelection` chooses, with its id (null when there is none). */
  detail: Promise<{ id: string; detail: Promise<DocumentDetail> } | null>;
}

const selectionKey = (dir: string) => `tagwerk:selected:${dir}`;

/** The document to show at first: the one last selected in this project, else the first. */
export function initialSelection(project: ProjectInfo, documents: readonly DocumentSummary[]): string | null {
  const remembered = localStorage.getItem(selectionKey(project.dir));
  return documents.find((d) => d.id === remembered)?.id ?? documents[0]?.id ?? null;
}

/** Remembers the selected document of a project for the next start. */
export function rememberSelection(project: ProjectInfo, documentId: string): void {
  localStorage.setItem(selectionKey(project.dir), documentId);
}

let started: ProjectLoad | null = null;

export function startProjectLoad(api: TagwerkApi): void {
  const project = api.getProject({});
  const documents = api.listDocuments({});
  const detail = Promise.all([project, documents]).then(([p, d]) => {
    const id = initialSelection(p, d);
    return id ? { id, detail: api.getDocument({ documentId: id }) } : null;
  });
  // Failures are reported by whoever takes the load over; none is left unhandled meanwhile.
  for (const p of [project, documents, detail.then((d) => d?.detail)]) p.catch(() => undefined);
  started = { project, documents, detail };
}

/** The load started early, once (later refreshes ask the backend again). */
export function takeProjectLoad(): ProjectLoad | null {
  const load = started;
  started = null;
  return load;
}
