/** The open project, its document list and the selected document, kept in step with the backend. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocumentDetail, ProjectInfo, TagwerkBridge } from '../../shared/api/tagwerk-api';
import type { DocumentSummary } from '../../shared/model/document';
import { initialSelection, rememberSelection, takeProjectLoad } from './project-load';

export function useProject(bridge: TagwerkBridge) {
  const { api } = bridge;
  const [project, setProject] = useState<ProjectInfo | null>(null);
  const [documents, setDocuments] = useState<DocumentSummary[]>([]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [detail, setDetail] = useState<DocumentDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  // The first document's detail, when its load was started before the app (project-load.ts).
  const early = useRef<{ id: string; detail: Promise<DocumentDetail> } | null>(null);

  const refresh = useCallback(async () => {
    try {
      const load = takeProjectLoad();
      const [info, docs] = await Promise.all(load ? [load.project, load.documents] : [api.getProject({}), api.listDocuments({})]);
      if (load) early.current = await load.detail.catch(() => null);
      setProject(info);
      setDocuments(docs);
      setSelectedId((current) => (current && docs.some((d) => d.id === current) ? current : initialSelection(info, docs)));
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  }, [api]);

  useEffect(() => { void refresh(); }, [refresh]);
  useEffect(() => bridge.onEvent((event) => {
    if (event.type === 'documents-changed' || event.type === 'project-changed') void refresh();
  }), [bridge, refresh]);

  /** Keeps a document's row (status, span count) in step with edits made in this window. */
  const patchDocument = useCallback((id: string, patch: Partial<Pick<DocumentSummary, 'status' | 'spanCount'>>) => {
    setDocuments((docs) => docs.map((d) => (d.id === id ? { ...d, ...patch } : d)));
  }, []);

  useEffect(() => {
    if (!selectedId || !project) { setDetail(null); return; }
    rememberSelection(project, selectedId);
    let current = true;
    const started = early.current?.id === selectedId ? early.current.detail : null;
    early.current = null;
    (started ?? api.getDocument({ documentId: selectedId }))
      .then((d) => { if (current) setDetail(d); })
      .catch((err: Error) => { if (current) setError(err.message); });
    return () => { current = false; };
  }, [api, selectedId, project]);

  return { project, documents, selectedId, select: setSelectedId, detail, error, refresh, patchDocument };
}
