/**
 * The project store: a folder of human-readable JSON, read and written through lowdb.
 *
 *   tagwerk.json                          manifest: name, tag schema, annotators
 *   documents/<documentId>.json           canonical text, metadata, source (written once, at import)
 *   annotations/<annotator>/<documentId>.json   one annotator's spans on one document
 *
 * Every file loads through validate(migrate(raw)); a file that fails is reported by name and
 * left untouched, and the rest of the project opens. Layer writes are debounced and durable:
 * `updateLayer` resolves only when the change is fsynced. New documents are written in group
 * commits (one folder fsync for many files), and a layer is never written before its
 * document is durable.
 */
import { mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { emptyLayer, type Layer } from '../../shared/model/annotation';
import { compareDocuments, DOCUMENT_STATUSES, type DocumentStatus, type TagwerkDocument } from '../../shared/model/document';
import { SAFE_ID } from '../../shared/model/ids';
import { CURRENT_VERSION, FileFormatError, loadFile } from '../../shared/model/migrate';
import type { Manifest } from '../../shared/model/project';
import { defaultTagSchema } from '../../shared/model/tag-schema';
import { ApiError, type ProjectProblem } from '../../shared/api/tagwerk-api';
import { createOffsetIndex, sliceCodePoints } from '../../shared/text/offsets';
import { createDebouncedWriter, type DebouncedWriter } from './debounced-writer';
import { DurableJsonFile, parseJsonObject, toJsonText } from './durable-json-file';
import { createGroupCommit } from './group-commit';
import { createBackgroundReader, readFilesAhead } from './background-reader';
import { readTextFile, readTextFiles, type FileText } from './read-files';

export const MANIFEST_FILE = 'tagwerk.json';
export const DOCUMENTS_DIR = 'documents';
export const ANNOTATIONS_DIR = 'annotations';

/** How long layer changes are collected before one durable write. */
const LAYER_WRITE_DELAY_MS = 30;

export interface ProjectStore {
  readonly dir: string;
  readonly manifest: Manifest;
  /** Files that could not be loaded, by path relative to the project. */
  readonly problems: readonly ProjectProblem[];
  updateManifest(change: (m: Manifest) => Manifest): Promise<Manifest>;
  /** All documents, in list order (`compareDocuments`: date, then title). */
  documents(): readonly TagwerkDocument[];
  getDocument(id: string): TagwerkDocument | undefined;
  /** The document whose canonical text has this SHA-256, if any. */
  findByTextHash(sha256: string): TagwerkDocument | undefined;
  /**
   * Adds a new document: it is in the project at once, and its file is written with the next
   * group commit. Resolves once the file is durable; if it cannot be written, the document
   * leaves the project again and the promise rejects.
   */
  addDocument(doc: TagwerkDocument): Promise<void>;
  /** Annotator ids that have a layer file for the document. */
  annotatorsOf(documentId: string): string[];
  /** The annotator's layer for the document (empty if none was written yet). */
  getLayer(documentId: string, annotator: string): Promise<Layer>;
  /**
   * The layers of these (document, annotator) pairs, in order, as `getLayer` gives them: for a
   * pass over many documents (exports, agreement, searches). Layers that are not loaded are
   * read from their files in one go (on a worker thread, a chunk ahead of their parsing: see
   * background-reader.ts), much faster than one `getLayer` at a time, and are not kept: a pass
   * over the whole project does not hold every layer in memory. A layer that cannot be loaded
   * is reported in `problems` and is empty here.
   */
  readLayers(pairs: readonly (readonly [documentId: string, annotator: string])[]): Promise<Layer[]>;
  /**
   * Status and span count of each of the annotator's layers, by document id (documents without
   * a layer file of the annotator are left out). A layer not loaded yet is only read for this,
   * not validated span by span: that happens when it is loaded (a file that is not a layer of
   * its document is loaded, and reported, at once).
   */
  layerSummaries(annotator: string): Promise<Map<string, LayerSummary>>;
  /**
   * Applies `change` to the layer and resolves once the result is durably on disk.
   * A change that returns the layer object itself writes nothing.
   */
  updateLayer(documentId: string, annotator: string, change: (layer: Layer) => Layer): Promise<Layer>;
  /** Writes everything pending. */
  flush(): Promise<void>;
}

export interface LayerSummary { status: DocumentStatus; spanCount: number }

interface LayerEntry {
  db: Low<Layer>;
  writer: DebouncedWriter;
  /** Set when the file on disk could not be loaded: it is never overwritten. */
  damaged: string | null;
}

/**
 * The (document, annotator) pairs that have a layer file, over `documents` (default: all) and
 * the annotators `keep` accepts: what a pass over them hands to `readLayers`.
 */
export function layerPairs(
  store: ProjectStore, documents: readonly TagwerkDocument[] = store.documents(), keep: (annotator: string) => boolean = () => true,
): [string, string][] {
  return documents.flatMap((d) => store.annotatorsOf(d.id).filter(keep).map((a): [string, string] => [d.id, a]));
}

/** Creates a new, empty project in `dir` (which must be missing or empty). */
export async function createProject(dir: string, options: { name: string; language?: string }): Promise<void> {
  await mkdir(dir, { recursive: true });
  const entries = (await readdir(dir)).filter((e) => !e.startsWith('.'));
  if (entries.length > 0) {
    throw new ApiError('conflict', `${dir} is not empty and has no ${MANIFEST_FILE}: not creating a project there`);
  }
  await mkdir(join(dir, DOCUMENTS_DIR), { recursive: true });
  await mkdir(join(dir, ANNOTATIONS_DIR), { recursive: true });
  const manifest: Manifest = {
    schemaVersion: 1, kind: 'tagwerk-project', name: options.name, createdAt: new Date().toISOString(),
    language: options.language ?? 'de', tagSchema: defaultTagSchema(), annotators: [],
  };
  await new DurableJsonFile<Manifest>(join(dir, MANIFEST_FILE)).write(manifest);
}

/** Whether `dir` holds a Tagwerk project. */
export async function isProject(dir: string): Promise<boolean> {
  try { return (await stat(join(dir, MANIFEST_FILE))).isFile(); } catch { return false; }
}

/** Opens the project in `dir`. Throws when the manifest itself cannot be loaded. */
export async function openProjectStore(dir: string): Promise<ProjectStore> {
  const manifestDb = new Low<Manifest>(new DurableJsonFile(join(dir, MANIFEST_FILE)), null as unknown as Manifest);
  try {
    await manifestDb.read();
  } catch (err) {
    throw new ApiError('invalid-input', `${join(dir, MANIFEST_FILE)} is not valid JSON: ${(err as Error).message}`);
  }
  if (manifestDb.data === null) throw new ApiError('not-found', `${dir} is not a Tagwerk project (no ${MANIFEST_FILE})`);
  try {
    manifestDb.data = loadFile('tagwerk-project', manifestDb.data);
  } catch (err) {
    throw new ApiError('invalid-input', `${join(dir, MANIFEST_FILE)} ${(err as Error).message}`);
  }
  await mkdir(join(dir, DOCUMENTS_DIR), { recursive: true });
  await mkdir(join(dir, ANNOTATIONS_DIR), { recursive: true });

  const problems: ProjectProblem[] = [];
  const docs = new Map<string, TagwerkDocument>();
  const byHash = new Map<string, string>();
  const docFiles = (await readdir(join(dir, DOCUMENTS_DIR))).filter((f) => f.endsWith('.json') && !f.startsWith('.')).sort();
  await readTextFiles(docFiles.map((f) => join(dir, DOCUMENTS_DIR, f)), (text, i) => {
    const file = docFiles[i];
    const rel = `${DOCUMENTS_DIR}/${file}`;
    try {
      const doc = loadFile('tagwerk-document', parseFileText(text));
      if (`${doc.id}.json` !== file) throw new FileFormatError(`has id ${doc.id}, which does not match its file name`, 'invalid');
      docs.set(doc.id, doc);
      byHash.set(doc.source.sha256, doc.id);
    } catch (err) {
      problems.push({ file: rel, message: `${rel} ${describeLoadError(err)}; it was left untouched and is not shown` });
    }
  });

  // Which annotators have a layer for which document (files are read lazily).
  const layerIndex = new Map<string, Set<string>>();
  for (const annotator of await readdirSafe(join(dir, ANNOTATIONS_DIR))) {
    if (!SAFE_ID.test(annotator)) continue;
    for (const file of await readdirSafe(join(dir, ANNOTATIONS_DIR, annotator))) {
      if (!file.endsWith('.json') || file.startsWith('.')) continue;
      const documentId = file.slice(0, -5);
      if (!layerIndex.has(documentId)) layerIndex.set(documentId, new Set());
      layerIndex.get(documentId)!.add(annotator);
    }
  }

  let sorted: TagwerkDocument[] | null = null;
  /** Reads the layer files of a pass on a worker thread, ahead of their parsing. */
  const reader = createBackgroundReader();
  const layers = new Map<string, LayerEntry>();
  /** Summaries of layers read for the document list but not loaded (see `layerSummaries`). */
  const summaries = new Map<string, LayerSummary>();
  const documentWrites = createGroupCommit(join(dir, DOCUMENTS_DIR));
  /** Documents whose file is not durable yet: their layers wait for it. */
  const unwritten = new Map<string, Promise<void>>();

  const layerKey = (documentId: string, annotator: string) => `${annotator}/${documentId}`;
  const layerRel = (documentId: string, annotator: string) => `${ANNOTATIONS_DIR}/${annotator}/${documentId}.json`;
  const checkPair = (documentId: string, annotator: string): TagwerkDocument => {
    const doc = docs.get(documentId);
    if (!doc) throw new ApiError('not-found', `no document ${documentId} in this project`);
    if (!SAFE_ID.test(annotator)) throw new ApiError('invalid-argument', `not an annotator id: ${annotator}`);
    return doc;
  };

  /** Reports a file that cannot be loaded, once (a layer may be read by a pass, then loaded). */
  const report = (file: string, message: string) => {
    if (!problems.some((p) => p.file === file)) problems.push({ file, message });
  };

  /** The layer in a layer file's text (null: no file yet), or why it cannot be used. */
  const layerOf = (doc: TagwerkDocument, annotator: string, text: FileText): { layer: Layer; damaged: string | null } => {
    const empty = emptyLayer(doc.id, annotator, doc.source.sha256);
    try {
      const layer = loadFile('tagwerk-layer', text === null ? empty : parseFileText(text));
      checkLayerAgainstDocument(layer, doc);
      return { layer, damaged: null };
    } catch (err) {
      const rel = layerRel(doc.id, annotator);
      const damaged = `${rel} ${describeLoadError(err)}; it was left untouched`;
      report(rel, damaged);
      return { layer: empty, damaged };
    }
  };

  /** The entry that edits a layer; a file that fails is never overwritten. */
  const entryOf = (doc: TagwerkDocument, annotator: string, text: FileText): LayerEntry => {
    const { layer, damaged } = layerOf(doc, annotator, text);
    const db = new Low<Layer>(new DurableJsonFile(join(dir, layerRel(doc.id, annotator))), layer);
    const writer = createDebouncedWriter(async () => {
      await unwritten.get(doc.id);
      // A document that could not be written left the project: no layer for it.
      if (docs.get(doc.id) !== doc) throw new ApiError('not-found', `document ${doc.id} could not be written, so neither can its layer`);
      await mkdir(join(dir, ANNOTATIONS_DIR, annotator), { recursive: true });
      await db.write();
    }, LAYER_WRITE_DELAY_MS);
    summaries.delete(layerKey(doc.id, annotator));
    return { db, writer, damaged };
  };

  /** The layer's entry, loaded on first use (read and checked at once: there is no half-loaded layer). */
  const layerEntry = (documentId: string, annotator: string): LayerEntry => {
    const key = layerKey(documentId, annotator);
    let entry = layers.get(key);
    if (!entry) {
      const doc = checkPair(documentId, annotator);
      entry = entryOf(doc, annotator, readTextFile(join(dir, layerRel(documentId, annotator))));
      layers.set(key, entry);
    }
    return entry;
  };

  /** The layers of `pairs`: loaded ones as they are, the others read (in one go) and not kept. */
  const readLayers = async (pairs: readonly (readonly [string, string])[]): Promise<Layer[]> => {
    const out = new Array<Layer>(pairs.length);
    const unread: { at: number; doc: TagwerkDocument; annotator: string }[] = [];
    pairs.forEach(([documentId, annotator], at) => {
      const entry = layers.get(layerKey(documentId, annotator));
      if (entry) out[at] = entry.db.data;
      else unread.push({ at, doc: checkPair(documentId, annotator), annotator });
    });
    await readFilesAhead(reader, unread.map((u) => join(dir, layerRel(u.doc.id, u.annotator))), (text, i) => {
      const { at, doc, annotator } = unread[i];
      // Loaded meanwhile (an edit): the entry is newer than the file.
      out[at] = layers.get(layerKey(doc.id, annotator))?.db.data ?? layerOf(doc, annotator, text).layer;
    });
    return out;
  };

  const store: ProjectStore = {
    dir,
    get manifest() { return manifestDb.data; },
    problems,
    async updateManifest(change) {
      const next = change(manifestDb.data);
      manifestDb.data = loadFile('tagwerk-project', next);
      await manifestDb.write();
      return manifestDb.data;
    },
    documents: () => (sorted ??= [...docs.values()].sort(compareDocuments)),
    getDocument: (id) => docs.get(id),
    findByTextHash: (sha) => { const id = byHash.get(sha); return id === undefined ? undefined : docs.get(id); },
    async addDocument(doc) {
      if (docs.has(doc.id)) throw new ApiError('conflict', `document ${doc.id} exists already`);
      const checked = loadFile('tagwerk-document', doc);
      docs.set(checked.id, checked);
      byHash.set(checked.source.sha256, checked.id);
      sorted = null;
      const durable = documentWrites.write(join(dir, DOCUMENTS_DIR, `${checked.id}.json`), toJsonText(checked));
      unwritten.set(checked.id, durable);
      try {
        await durable;
      } catch (err) {
        docs.delete(checked.id);
        byHash.delete(checked.source.sha256);
        sorted = null;
        throw err;
      } finally {
        unwritten.delete(checked.id);
      }
    },
    annotatorsOf: (documentId) => [...(layerIndex.get(documentId) ?? [])].sort(),
    async getLayer(documentId, annotator) {
      return layerEntry(documentId, annotator).db.data;
    },
    readLayers,
    async layerSummaries(annotator) {
      const out = new Map<string, LayerSummary>();
      const fromLayer = (layer: Layer): LayerSummary => ({ status: layer.status, spanCount: layer.spans.length });
      const unread: TagwerkDocument[] = [];
      for (const doc of docs.values()) {
        if (!layerIndex.get(doc.id)?.has(annotator)) continue;
        const key = layerKey(doc.id, annotator);
        const entry = layers.get(key), summary = summaries.get(key);
        if (entry) out.set(doc.id, fromLayer(entry.db.data));
        else if (summary) out.set(doc.id, summary);
        else unread.push(doc);
      }
      await readTextFiles(unread.map((d) => join(dir, layerRel(d.id, annotator))), (text, i) => {
        const doc = unread[i];
        const key = layerKey(doc.id, annotator);
        // Loaded meanwhile (an edit): the entry is newer than the file.
        const loaded = layers.get(key);
        if (loaded) { out.set(doc.id, fromLayer(loaded.db.data)); return; }
        const summary = summaryOf(text, doc);
        if (summary) {
          summaries.set(key, summary);
          out.set(doc.id, summary);
          return;
        }
        // A file that is not plainly a current layer of its document is loaded, which reports why.
        const entry = entryOf(doc, annotator, text);
        layers.set(key, entry);
        out.set(doc.id, fromLayer(entry.db.data));
      });
      return out;
    },
    async updateLayer(documentId, annotator, change) {
      const entry = layerEntry(documentId, annotator);
      if (entry.damaged) throw new ApiError('conflict', `${entry.damaged}. Repair or remove the file to edit this layer.`);
      const next = change(entry.db.data);
      if (next === entry.db.data) return next; // nothing changed: nothing to write
      entry.db.data = next;
      if (!layerIndex.has(documentId)) layerIndex.set(documentId, new Set());
      layerIndex.get(documentId)!.add(annotator);
      await entry.writer.schedule();
      return next;
    },
    async flush() {
      await documentWrites.idle();
      await Promise.all([...layers.values()].map((l) => l.writer.flush()));
    },
  };
  return store;
}

/** The JSON object a file's text holds; a missing file is an error here. */
function parseFileText(text: FileText): unknown {
  if (text === null) throw new Error('the file disappeared');
  if (text instanceof Error) throw text;
  return parseJsonObject(text);
}

/**
 * Status and span count from a layer file read for the document list, or null when the file is
 * not plainly a current layer of this document (it is then loaded, which reports why).
 */
function summaryOf(text: FileText, doc: TagwerkDocument): LayerSummary | null {
  if (typeof text !== 'string') return null;
  let raw: Record<string, unknown>;
  try { raw = parseJsonObject(text); } catch { return null; }
  const status = raw.status as DocumentStatus;
  const plain = raw.kind === 'tagwerk-layer' && raw.schemaVersion === CURRENT_VERSION && raw.documentId === doc.id
    && raw.textSha256 === doc.source.sha256 && DOCUMENT_STATUSES.includes(status) && Array.isArray(raw.spans);
  return plain ? { status, spanCount: (raw.spans as unknown[]).length } : null;
}

/** Whether a document's text has surrogate pairs (code point and UTF-16 offsets differ), by document. */
const hasSurrogates = new WeakMap<TagwerkDocument, boolean>();

/** Offsets must point into this document's text and quotes must match it. */
function checkLayerAgainstDocument(layer: Layer, doc: TagwerkDocument): void {
  if (layer.documentId !== doc.id) throw new FileFormatError(`belongs to document ${layer.documentId}`, 'invalid');
  if (layer.textSha256 !== doc.source.sha256) {
    throw new FileFormatError('was made on a different text of this document (text hash differs)', 'invalid');
  }
  let surrogates = hasSurrogates.get(doc);
  if (surrogates === undefined) hasSurrogates.set(doc, (surrogates = /[\ud800-\udbff]/.test(doc.text)));
  // Without surrogate pairs code point offsets are UTF-16 offsets: no index to build (most texts),
  // and the quote is compared in place (the same as comparing it with the slice, without making one).
  const { text } = doc;
  const index = surrogates ? createOffsetIndex(text) : null;
  const length = index ? index.length : text.length;
  for (const s of layer.spans) {
    const matches = s.end <= length && (index
      ? sliceCodePoints(text, index, s.start, s.end) === s.quote
      : s.quote.length === s.end - s.start && text.startsWith(s.quote, s.start));
    if (!matches) throw new FileFormatError(`has span ${s.id} whose quote does not match the text at ${s.start}–${s.end}`, 'invalid');
  }
}

function describeLoadError(err: unknown): string {
  if (err instanceof SyntaxError) return `is not valid JSON (${err.message})`;
  if (err instanceof FileFormatError) return err.message;
  return `could not be read (${(err as Error).message})`;
}

async function readdirSafe(path: string): Promise<string[]> {
  try { return (await readdir(path)).sort(); } catch { return []; }
}
