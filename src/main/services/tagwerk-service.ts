/** The Node implementation of TagwerkApi over one open project. Every transport calls this. */
import { ApiError, type ProjectInfo, type TagwerkApi, type TagwerkEvent } from '../../shared/api/tagwerk-api';
import { CURATED_LAYER, type Attributes, type Layer, type Span } from '../../shared/model/annotation';
import { computeAgreement, type AgreementSpan } from '../../shared/review/agreement';
import { addComment, CommentNotFoundError, commentTarget, editComment, hasAnnotated, removeComment } from '../../shared/review/threads';
import type { Annotator } from '../../shared/model/project';
import type { DocumentSummary } from '../../shared/model/document';
import { newId } from '../../shared/model/ids';
import { createOffsetIndex, type OffsetIndex } from '../../shared/text/offsets';
import { addSpan, quoteAt, removeSpan, setStatus, SpanRangeError, updateSpan, type OpContext } from '../../shared/ops/span-ops';
import { applySpanChange } from '../../shared/ops/span-change';
import { normalizeCasualtySpans } from '../../shared/domain/casualty-spans';
import { invalidatedAttributes, removedLabels, schemaProblems } from '../../shared/ops/tag-schema-ops';
import type { TagSchema } from '../../shared/model/tag-schema';
import { attributeProblems } from '../../shared/model/attribute-values';
import { annotatorFromName, ensureAnnotator } from './annotators';
import { importSources } from './import-service';
import { layerBatches } from './layer-batches';
import { ANNOTATIONS_DIR, layerPairs, type ProjectStore } from './project-store';
import { exportToPath, runExport } from './export-service';
import { createEntityStore, projectMentions } from './entity-store';
import { linkedEntity, removeEntity, saveEntity, sortEntities } from '../../shared/model/entities';
import { createPlaceStore, projectGazetteers, searchProjectPlaces } from './place-store';
import { refuseWhileLinked } from './linked-spans';
import { isUserPlaceId, linkedPlace, removeUserPlace, saveUserPlace } from '../../shared/model/user-places';
import { exactPlaces, getPlace } from '../../shared/domain/gazetteer';
import { mergeSuggestions, suggestActors, suggestCasualtyFigures, suggestPlaces, trustedPlace, ACTOR_LABEL, LOCATION_LABEL } from '../../shared/domain/suggestions';
import { CASUALTY_LABEL } from '../../shared/domain/casualty-spans';
import { findOccurrences, tagRanges } from '../../shared/domain/occurrences';
import { GAZETTEER_ATTRIBUTION, loadGazetteer } from '../domain/gazetteer-data';
import { join } from 'node:path';

/**
 * Length of `text` in code points, without building an offset index: the document list shows
 * it for every document. Counts the surrogate pairs, which a text without any skips at once.
 */
function codePointCount(text: string): number {
  return text.length - (text.match(/[\ud800-\udbff][\udc00-\udfff]/g)?.length ?? 0);
}

export interface TagwerkService extends TagwerkApi {
  readonly store: ProjectStore;
  /** Subscribes to events (document list changed, import progress); returns unsubscribe. */
  onEvent(listener: (event: TagwerkEvent) => void): () => void;
  /** Tells every subscriber; used by importers that run outside the API (menus, CLI). */
  emit(event: TagwerkEvent): void;
}

/** How long suggestions wait for the packaged gazetteer before they answer without places (`loading`). */
const SUGGEST_GAZETTEER_WAIT_MS = 2_000;

/** How many documents' layers the agreement reads in one go. */
const AGREEMENT_READ_AHEAD = 1000;

/** Folder inside the project that exports from the app are written to. */
export const EXPORTS_DIR = 'exports';
/** How much of an export the preview shows. */
const PREVIEW_DOCUMENTS = 3;
const PREVIEW_CHARS = 6000;

export interface ServiceHooks {
  /** Keeps the annotator name the user chose (the settings file); without it the name lasts for this session. */
  saveAnnotatorName?(name: string): Promise<void>;
}

export function createTagwerkService(store: ProjectStore, initialAnnotator: Annotator, hooks: ServiceHooks = {}): TagwerkService {
  let annotator = initialAnnotator;
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
  const checkLabel = (label: string, attributes?: Attributes) => {
    const def = store.manifest.tagSchema.labels.find((l) => l.id === label);
    if (!def) {
      throw new ApiError('invalid-argument', `unknown label "${label}" (labels: ${store.manifest.tagSchema.labels.map((l) => l.id).join(', ')})`);
    }
    const problems = attributes ? attributeProblems(def, attributes) : [];
    if (problems.length) throw new ApiError('invalid-argument', `${def.name}: ${problems.join('; ')}`);
  };
  const projectInfo = (): ProjectInfo => {
    const m = store.manifest;
    return {
      name: m.name, dir: store.dir, language: m.language, tagSchema: m.tagSchema, annotators: m.annotators,
      currentAnnotator: annotator, documentCount: store.documents().length, problems: [...store.problems],
    };
  };
  /** Calls `visit` for every span of every layer that can be read; returns how many layer files could not. */
  const eachSpan = async (visit: (span: Span) => void): Promise<number> => {
    for (const layer of await store.readLayers(layerPairs(store))) for (const s of layer.spans) visit(s);
    return store.problems.filter((p) => p.file.startsWith(`${ANNOTATIONS_DIR}/`)).length;
  };
  const labelUsage = async (): Promise<Record<string, number>> => {
    const usage = new Map<string, number>();
    await eachSpan((s) => usage.set(s.label, (usage.get(s.label) ?? 0) + 1));
    return Object.fromEntries(usage);
  };
  /** Why the project cannot switch to `next`: labels or attribute values still in use. */
  const schemaConflicts = async (next: TagSchema): Promise<string[]> => {
    const before = store.manifest.tagSchema;
    const removed = removedLabels(before, next);
    const usage = new Map<string, number>();
    const invalid = new Map<string, number>();
    const unreadable = await eachSpan((s) => {
      usage.set(s.label, (usage.get(s.label) ?? 0) + 1);
      for (const key of invalidatedAttributes(before, next, s)) invalid.set(key, (invalid.get(key) ?? 0) + 1);
    });
    const nameOf = (key: string) => {
      const [labelId, attrId] = key.split('.');
      const label = before.labels.find((l) => l.id === labelId);
      return `${label?.name ?? labelId} › ${label?.attributes.find((a) => a.id === attrId)?.name ?? attrId}`;
    };
    const plural = (n: number) => `${n} span${n === 1 ? '' : 's'}`;
    const out: string[] = [];
    const inUse = removed.filter((l) => usage.get(l.id));
    if (inUse.length) out.push(`Cannot remove ${inUse.map((l) => `"${l.name}" (${plural(usage.get(l.id)!)})`).join(', ')}: delete or retag those spans first.`);
    if (removed.length && unreadable) out.push(`Cannot remove a label while ${unreadable} annotation file(s) cannot be read: they may use it.`);
    for (const [key, n] of invalid) out.push(`"${nameOf(key)}": ${plural(n)} hold values the new definition does not allow; change them first.`);
    return out;
  };

  // Schema changes and edits that check labels take turns: an edit started before a schema
  // change finishes first, one started after it sees the new schema.
  let schemaTurn: Promise<unknown> = Promise.resolve();
  const labelEdits = new Set<Promise<unknown>>();
  const withSchema = <T>(run: () => Promise<T>): Promise<T> => {
    const p = schemaTurn.then(run);
    labelEdits.add(p);
    const done = () => { labelEdits.delete(p); };
    p.then(done, done);
    return p;
  };

  /** Runs a pure op on my layer (or the curated layer); op errors become invalid-argument errors. */
  const edit = async <T>(documentId: string, op: (layer: Layer, ctx: OpContext) => { layer: Layer; result: T }, target?: 'curated'): Promise<T> => {
    const ctx = context(documentId);
    const id = target === 'curated' ? CURATED_LAYER : (await me()).id;
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

  /** Changes my comments on a document; an unknown comment is not-found. */
  const commentEdit = async (documentId: string, op: (layer: Layer) => Layer): Promise<Layer> => {
    docOrThrow(documentId);
    try {
      return await store.updateLayer(documentId, (await me()).id, op);
    } catch (err) {
      if (err instanceof CommentNotFoundError) throw new ApiError('not-found', err.message);
      throw err;
    }
  };

  return {
    store,
    emit,
    onEvent(listener) { listeners.add(listener); return () => { listeners.delete(listener); }; },

    async getProject() {
      return projectInfo();
    },

    async listDocuments() {
      const layers = await store.layerSummaries(annotator.id);
      return store.documents().map((doc): DocumentSummary => {
        const layer = layers.get(doc.id);
        return {
          id: doc.id, title: doc.title, date: doc.meta.date ?? null, status: layer?.status ?? 'not_started',
          length: codePointCount(doc.text), spanCount: layer?.spanCount ?? 0, fileName: doc.source.fileName,
        };
      });
    },

    async getDocument({ documentId }) {
      const document = docOrThrow(documentId);
      const layers = await Promise.all(store.annotatorsOf(documentId).map((a) => store.getLayer(documentId, a)));
      return { document, layers };
    },

    async importFiles({ files, replaceInvalid }) {
      const sources = files.map((f) => {
        const bytes = Buffer.from(f.data, 'base64');
        return { name: f.name.split(/[\\/]/).pop() || f.name, location: f.name, size: bytes.length, read: async () => new Uint8Array(bytes) };
      });
      const report = await importSources(store, sources, {
        fallbackAnnotator: annotator.name, replaceInvalid,
        onProgress: (done, total) => emit({ type: 'import-progress', done, total }),
      });
      if (report.imported.length || report.spansAdded) emit({ type: 'documents-changed' });
      return report;
    },

    // async: a refused label must reject the promise, not throw at the call.
    createSpan({ documentId, start, end, label, attributes, note }) {
      return withSchema(async () => {
        checkLabel(label, attributes);
        return edit(documentId, (layer, ctx) => {
          const id = newId('s');
          const next = normalizeCasualtySpans(layer, addSpan(layer, { id, start, end, label, attributes, note }, ctx), ctx);
          return { layer: next, result: next.spans.find((s) => s.id === id)! };
        });
      });
    },

    updateSpan({ documentId, spanId, patch }) {
      return withSchema(async () => {
        if (patch.label || patch.attributes) {
          const current = (await store.getLayer(documentId, (await me()).id)).spans.find((s) => s.id === spanId);
          checkLabel(patch.label ?? current?.label ?? '', patch.attributes ?? current?.attributes);
        }
        return edit(documentId, (layer, ctx) => {
          const next = normalizeCasualtySpans(layer, updateSpan(layer, spanId, patch, ctx), ctx);
          return { layer: next, result: next.spans.find((s) => s.id === spanId)! };
        });
      });
    },

    deleteSpan({ documentId, spanId }) {
      return edit(documentId, (layer) => ({ layer: removeSpan(layer, spanId), result: { deleted: spanId } }));
    },

    setDocumentStatus({ documentId, status }) {
      return edit(documentId, (layer) => ({ layer: setStatus(layer, status), result: { status } }));
    },

    applyChange({ documentId, change, layer: target }) {
      return withSchema(async () => {
        if ((change.reject?.length || change.unreject?.length) && target !== 'curated') {
          throw new ApiError('invalid-argument', 'only the curated layer marks comparison items as resolved "neither"');
        }
        return edit(documentId, (layer, ctx) => {
          // Values are checked where they change: a span imported with a value that does not
          // fit the schema can still get a note, new boundaries or another label.
          for (const span of change.putSpans) {
            const current = layer.spans.find((s) => s.id === span.id);
            const changed = Object.fromEntries(Object.entries(span.attributes)
              .filter(([k, v]) => !current || !Object.prototype.hasOwnProperty.call(current.attributes, k) || current.attributes[k] !== v));
            checkLabel(span.label, changed);
          }
          const next = applySpanChange(layer, change, ctx);
          return { layer: next, result: { spanCount: next.spans.length, status: next.status } };
        }, target);
      });
    },

    async updateTagSchema({ tagSchema }) {
      const problems = schemaProblems(tagSchema);
      if (problems.length) throw new ApiError('invalid-argument', problems.join(' '));
      const waitFor = [...labelEdits];
      const turn = schemaTurn.then(async () => {
        await Promise.allSettled(waitFor);
        const conflicts = await schemaConflicts(tagSchema);
        if (conflicts.length) throw new ApiError('conflict', conflicts.join(' '));
        await store.updateManifest((m) => ({ ...m, tagSchema }));
      });
      schemaTurn = turn.catch(() => undefined);
      await turn;
      emit({ type: 'project-changed' });
      return projectInfo();
    },

    labelUsage: () => labelUsage(),

    async setAnnotatorName({ name }) {
      const next = annotatorFromName(name);
      await hooks.saveAnnotatorName?.(next.name);
      annotator = next;
      registered = null;
      emit({ type: 'project-changed' });
      return projectInfo();
    },

    async addComment({ documentId, target, text }) {
      docOrThrow(documentId);
      const span = store.annotatorsOf(documentId).includes(target.annotator)
        ? (await store.getLayer(documentId, target.annotator)).spans.find((s) => s.id === target.spanId) : undefined;
      if (!span) throw new ApiError('not-found', `no annotation ${target.spanId} of ${target.annotator} on this document`);
      const id = newId('c');
      const layer = await store.updateLayer(documentId, (await me()).id,
        (l) => addComment(l, { id, target: commentTarget(target.annotator, span), text }, new Date().toISOString()));
      return layer.comments!.find((c) => c.id === id)!;
    },

    async updateComment({ documentId, commentId, text }) {
      const layer = await commentEdit(documentId, (l) => editComment(l, commentId, text, new Date().toISOString()));
      return layer.comments!.find((c) => c.id === commentId)!;
    },

    async deleteComment({ documentId, commentId }) {
      await commentEdit(documentId, (l) => removeComment(l, commentId));
      return { deleted: commentId };
    },

    async agreement({ annotators: asked, labels }) {
      const known = store.manifest.annotators.map((a) => a.id);
      for (const a of asked ?? []) {
        if (!known.includes(a)) throw new ApiError('not-found', `no annotator "${a}" in this project (annotators: ${known.join(', ') || 'none'})`);
      }
      const docs = store.documents();
      // Layers are read a thousand documents at a time (the next thousand while these are used)
      // and only their spans' places and labels kept: the layers of a large project need not all
      // be in memory at once.
      const spansOf = new Map<string, AgreementSpan[]>();
      // A layer counts once its annotator has annotated the document, not when they only commented on it.
      const annotated = new Map<string, string[]>(docs.map((d) => [d.id, []]));
      for await (const { pairs, layers } of layerBatches(store, docs, (a) => a !== CURATED_LAYER, AGREEMENT_READ_AHEAD)) {
        layers.forEach((layer, k) => {
          const [d, a] = pairs[k];
          if (hasAnnotated(layer)) annotated.get(d)!.push(a);
          spansOf.set(`${a}/${d}`, layer.spans.map((x) => ({ start: x.start, end: x.end, label: x.label })));
        });
      }
      const annotators = asked ?? known.filter((a) => docs.some((d) => annotated.get(d.id)!.includes(a)));
      const wanted = labels ? new Set(labels) : null;
      const documents = [];
      const skipped = [];
      for (const doc of docs) {
        const present = annotated.get(doc.id)!;
        const missing = annotators.filter((a) => !present.includes(a));
        if (missing.length && missing.length < annotators.length) skipped.push({ documentId: doc.id, title: doc.title, missing });
        if (missing.length) continue;
        const layers: Record<string, AgreementSpan[]> = {};
        for (const a of annotators) {
          const spans = spansOf.get(`${a}/${doc.id}`)!;
          layers[a] = wanted ? spans.filter((s) => wanted.has(s.label)) : spans;
        }
        documents.push({ id: doc.id, text: doc.text, language: doc.meta.language, layers });
      }
      const schemaLabels = store.manifest.tagSchema.labels.map((l) => l.id);
      const report = computeAgreement({
        labels: wanted ? schemaLabels.filter((l) => wanted.has(l)) : schemaLabels,
        annotators, documents, language: store.manifest.language,
      });
      return { ...report, skipped };
    },

    async previewExport(request) {
      const main: string[] = [];
      const files = new Set<string>();
      let size = 0;
      const summary = await runExport(store, { ...request, limit: PREVIEW_DOCUMENTS }, async (chunk) => {
        if (chunk.path) files.add(chunk.path);
        if (size >= PREVIEW_CHARS) return;
        // The main output, or for folder formats the files of the first document.
        if (!chunk.path || files.size <= 2) {
          const text = typeof chunk.data === 'string' ? chunk.data : `[${chunk.data.byteLength} bytes of binary data]\n`;
          main.push(chunk.path ? `── ${chunk.path} ──\n${text}` : text);
          size += text.length;
        }
      });
      const preview = main.join('');
      return { preview: preview.length > PREVIEW_CHARS ? `${preview.slice(0, PREVIEW_CHARS)}…` : preview, files: [...files], warnings: summary.warnings };
    },

    async exportProject({ fileName, ...request }) {
      const path = join(store.dir, EXPORTS_DIR, fileName);
      const summary = await exportToPath(store, path, {
        ...request, replace: true, onProgress: (done, total) => emit({ type: 'export-progress', done, total }),
      });
      return { path, ...summary };
    },

    async listEntities() {
      const { file, problem } = await createEntityStore(store.dir).read();
      return problem ? { entities: [], problem } : { entities: sortEntities(file.entities) };
    },

    saveEntity({ entity }) {
      return createEntityStore(store.dir).update((file) => {
        const out = saveEntity(file, entity, new Date().toISOString());
        return { file: out.file, result: out.entity };
      });
    },

    async deleteEntity({ id }) {
      const entities = createEntityStore(store.dir);
      const { file, problem } = await entities.read();
      const entity = file.entities.find((e) => e.id === id);
      if (!problem && !entity) throw new ApiError('not-found', `no entity ${id} in this project`);
      if (entity) await refuseWhileLinked(store, entity.name, (span) => linkedEntity(span) === id);
      return entities.update((f) => ({ file: removeEntity(f, id), result: { deleted: id } }));
    },

    async entityMentions({ entityId, layer }) {
      const { file, problem } = await createEntityStore(store.dir).read();
      if (problem) throw new ApiError('conflict', problem);
      if (entityId !== undefined && !file.entities.some((e) => e.id === entityId)) {
        throw new ApiError('not-found', `no entity ${entityId} in this project`);
      }
      return (await projectMentions(store, file.entities, { layers: layer === 'curated' ? 'curated' : 'annotators', entityId })).mentions;
    },

    async searchPlaces({ query, limit }) {
      const { hits, loading, problems } = await searchProjectPlaces(createPlaceStore(store.dir), query, limit ?? 10);
      return {
        places: hits.map((hit) => ({ ...hit.place, match: hit.match, via: hit.via })),
        ...(loading ? { loading } : {}),
        attribution: GAZETTEER_ATTRIBUTION,
        ...(problems.length ? { problem: problems.join(' ') } : {}),
      };
    },

    async getPlace({ id }) {
      if (isUserPlaceId(id)) {
        const { file, problem } = await createPlaceStore(store.dir).read();
        if (problem) throw new ApiError('conflict', problem);
        const own = file.places.find((p) => p.id === id);
        if (!own) throw new ApiError('not-found', `no place ${id} in this project`);
        return own;
      }
      const gazetteer = await loadGazetteer().catch((err: Error) => {
        throw new ApiError('io', `The gazetteer could not be loaded (${err.message}).`);
      });
      const place = getPlace(gazetteer, id);
      if (!place) throw new ApiError('not-found', `no place ${id} in the gazetteer`);
      return place;
    },

    savePlace({ place }) {
      return createPlaceStore(store.dir).update((file) => {
        const out = saveUserPlace(file, place);
        return { file: out.file, result: out.place };
      });
    },

    async suggestSpans({ documentId }) {
      const doc = docOrThrow(documentId);
      const has = new Set(store.manifest.tagSchema.labels.map((l) => l.id));
      const language = doc.meta.language ?? store.manifest.language;
      const problems: string[] = [];
      let loading = false;
      const lists = [];
      if (has.has(CASUALTY_LABEL)) lists.push(suggestCasualtyFigures(doc.text));
      if (has.has(ACTOR_LABEL)) {
        const { file, problem } = await createEntityStore(store.dir).read();
        if (problem) problems.push(problem);
        lists.push(suggestActors(doc.text, file.entities));
      }
      if (has.has(LOCATION_LABEL)) {
        const places = await projectGazetteers(createPlaceStore(store.dir), { waitMs: SUGGEST_GAZETTEER_WAIT_MS });
        problems.push(...places.problems);
        loading = places.loading;
        lists.push(suggestPlaces(doc.text, (phrase) => trustedPlace(phrase, exactPlaces(places.indexes, phrase), language)));
      }
      return { suggestions: mergeSuggestions(...lists), ...(loading ? { loading } : {}), ...(problems.length ? { problem: problems.join(' ') } : {}) };
    },

    async findOccurrences({ phrases, label, documentId }) {
      checkLabel(label);
      const docs = documentId ? [docOrThrow(documentId)] : store.documents();
      const mine = (await me()).id;
      const pairs = layerPairs(store, docs, (a) => a === mine);
      const read = await store.readLayers(pairs);
      const mineOf = new Map(pairs.map(([d], i) => [d, read[i]]));
      const occurrences = [];
      for (const doc of docs) {
        const spans = mineOf.get(doc.id)?.spans.filter((s) => s.label === label) ?? [];
        for (const o of findOccurrences(doc.text, phrases, spans)) occurrences.push({ ...o, documentId: doc.id, title: doc.title });
      }
      return { occurrences };
    },

    tagOccurrences({ label, attributes, occurrences }) {
      return withSchema(async () => {
        checkLabel(label, attributes);
        const byDocument = new Map<string, { start: number; end: number }[]>();
        // Every range is checked before anything is written: a bad one leaves every layer as it was.
        for (const o of occurrences) {
          try {
            if (o.end <= o.start) throw new SpanRangeError(`${o.start}–${o.end} is empty`);
            quoteAt(context(o.documentId), o.start, o.end);
          } catch (err) {
            if (err instanceof SpanRangeError) throw new ApiError('invalid-argument', `${o.documentId}: ${err.message}`);
            throw err;
          }
          const list = byDocument.get(o.documentId);
          if (list) list.push(o); else byDocument.set(o.documentId, [o]);
        }
        const created: { documentId: string; spanId: string }[] = [];
        let skipped = 0;
        for (const [documentId, ranges] of byDocument) {
          await edit(documentId, (layer, ctx) => {
            const out = tagRanges(layer, ranges, label, attributes ?? {}, ctx, () => newId('s'));
            skipped += out.skipped;
            for (const spanId of out.created) created.push({ documentId, spanId });
            return { layer: normalizeCasualtySpans(layer, out.layer, ctx), result: undefined };
          });
        }
        // The document list shows span counts and statuses: it changed for these documents.
        if (created.length) emit({ type: 'documents-changed' });
        return { created, skipped };
      });
    },

    async deletePlace({ id }) {
      const places = createPlaceStore(store.dir);
      const { file, problem } = await places.read();
      const place = file.places.find((p) => p.id === id);
      if (!problem && !place) throw new ApiError('not-found', `no place ${id} in this project`);
      if (place) await refuseWhileLinked(store, place.name, (span) => linkedPlace(span) === id);
      return places.update((f) => ({ file: removeUserPlace(f, id), result: { deleted: id } }));
    },
  };
}
