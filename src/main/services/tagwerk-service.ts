/** The Node implementation of TagwerkApi over one open project. Every transport calls this. */
import { ApiError, type TagwerkApi, type TagwerkEvent } from '../../shared/api/tagwerk-api';
import type { Layer } from '../../shared/model/annotation';
import type { Annotator } from '../../shared/model/project';
import type { DocumentSummary } from '../../shared/model/document';
import { newId } from '../../shared/model/ids';
import { createOffsetIndex, type OffsetIndex } from '../../shared/text/offsets';
import { addSpan, removeSpan, setStatus, SpanRangeError, updateSpan, type OpContext } from '../../shared/ops/span-ops';
import { ensureAnnotator } from './annotators';
import { importSources } from './import-service';
import type { ProjectStore } from './project-store';

export interface TagwerkService extends TagwerkApi {
  readonly store: ProjectStore;
  /** Subscribes to events (document list changed, import progress); returns unsubscribe. */
  onEvent(listener: (event: TagwerkEvent) => void): () => void;
  /** Tells every subscriber; used by importers that run outside the API (menus, CLI). */
  emit(event: TagwerkEvent): void;
}

export function createTagwerkService(store: ProjectStore, annotator: Annotator): TagwerkService {
  const listeners = new Set<(e: TagwerkEvent) => void>();
  const emit = (event: TagwerkEvent) => { for (const l of listeners) l(event); };
  const indexes = new Map<string, OffsetIndex>();
  let registered: Promise<Annotator> | null = null;
  const me = () => (registered ??= ensureAnnotator(store, annotator));

  const docOrThrow = (id: string) => {
    const doc = store.getDocument(id);
    if (!doc) throw new ApiError('not-found', `no document ${id} in this project`);
    return doc;
  };
  const context = (documentId: string): OpContext => {
    const doc = docOrThrow(documentId);
    let index = indexes.get(documentId);
    if (!index) { index = createOffsetIndex(doc.text); indexes.set(documentId, index); }
    return { text: doc.text, index, now: new Date().toISOString() };
  };
  const checkLabel = (label: string) => {
    if (!store.manifest.tagSchema.labels.some((l) => l.id === label)) {
      throw new ApiError('invalid-argument', `unknown label "${label}" (labels: ${store.manifest.tagSchema.labels.map((l) => l.id).join(', ')})`);
    }
  };
  /** Runs a pure op on my layer; op errors become invalid-argument errors. */
  const edit = async <T>(documentId: string, op: (layer: Layer, ctx: OpContext) => { layer: Layer; result: T }): Promise<T> => {
    const ctx = context(documentId);
    const { id } = await me();
    let result!: T;
    await store.updateLayer(documentId, id, (layer) => {
      try {
        const out = op(layer, ctx);
        result = out.result;
        return out.layer;
      } catch (err) {
        if (err instanceof SpanRangeError) throw new ApiError('invalid-argument', err.message);
        throw err;
      }
    });
    return result;
  };

  return {
    store,
    emit,
    onEvent(listener) { listeners.add(listener); return () => { listeners.delete(listener); }; },

    async getProject() {
      const m = store.manifest;
      return {
        name: m.name, dir: store.dir, language: m.language, tagSchema: m.tagSchema, annotators: m.annotators,
        currentAnnotator: annotator, documentCount: store.documents().length, problems: [...store.problems],
      };
    },

    async listDocuments() {
      const out: DocumentSummary[] = [];
      for (const doc of store.documents()) {
        const hasLayer = store.annotatorsOf(doc.id).includes(annotator.id);
        const layer = hasLayer ? await store.getLayer(doc.id, annotator.id) : null;
        out.push({
          id: doc.id, title: doc.title, date: doc.meta.date ?? null, status: layer?.status ?? 'not_started',
          length: context(doc.id).index.length, spanCount: layer?.spans.length ?? 0, fileName: doc.source.fileName,
        });
      }
      return out;
    },

    async getDocument({ documentId }) {
      const document = docOrThrow(documentId);
      const layers = await Promise.all(store.annotatorsOf(documentId).map((a) => store.getLayer(documentId, a)));
      return { document, layers };
    },

    async importFiles({ files }) {
      const sources = files.map((f) => {
        const bytes = Buffer.from(f.data, 'base64');
        return { name: f.name.split(/[\\/]/).pop() || f.name, size: bytes.length, read: async () => new Uint8Array(bytes) };
      });
      const report = await importSources(store, sources, {
        fallbackAnnotator: annotator.name,
        onProgress: (done, total) => emit({ type: 'import-progress', done, total }),
      });
      if (report.imported.length || report.spansAdded) emit({ type: 'documents-changed' });
      return report;
    },

    // async: a refused label must reject the promise, not throw at the call.
    async createSpan({ documentId, start, end, label, attributes, note }) {
      checkLabel(label);
      return edit(documentId, (layer, ctx) => {
        const id = newId('s');
        const next = addSpan(layer, { id, start, end, label, attributes, note }, ctx);
        return { layer: next, result: next.spans.find((s) => s.id === id)! };
      });
    },

    async updateSpan({ documentId, spanId, patch }) {
      if (patch.label) checkLabel(patch.label);
      return edit(documentId, (layer, ctx) => {
        const next = updateSpan(layer, spanId, patch, ctx);
        return { layer: next, result: next.spans.find((s) => s.id === spanId)! };
      });
    },

    deleteSpan({ documentId, spanId }) {
      return edit(documentId, (layer) => ({ layer: removeSpan(layer, spanId), result: { deleted: spanId } }));
    },

    setDocumentStatus({ documentId, status }) {
      return edit(documentId, (layer) => ({ layer: setStatus(layer, status), result: { status } }));
    },
  };
}
