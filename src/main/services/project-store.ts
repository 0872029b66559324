/**
 * The project store: a folder of human-readable JSON, read and written through lowdb.
 *
 *   tagwerk.json                          manifest: name, tag schema, annotators
 *   documents/<documentId>.json           canonical text, metadata, source (written once, at import)
 *   annotations/<annotator>/<documentId>.json   one annotator's spans on one document
 *
 * Every file loads through validate(migrate(raw)); a file that fails is reported by name and
 * left untouched, and the rest of the project opens. Layer writes are debounced and durable:
 * `updateLayer` resolves only when the change is fsynced.
 */
import { mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { emptyLayer, type Layer } from '../../shared/model/annotation';
import { compareDocuments, type TagwerkDocument } from '../../shared/model/document';
import { SAFE_ID } from '../../shared/model/ids';
import { FileFormatError, loadFile } from '../../shared/model/migrate';
import type { Manifest } from '../../shared/model/project';
import { defaultTagSchema } from '../../shared/model/tag-schema';
import { ApiError, type ProjectProblem } from '../../shared/api/tagwerk-api';
import { createOffsetIndex, sliceCodePoints } from '../../shared/text/offsets';
import { createDebouncedWriter, type DebouncedWriter } from './debounced-writer';
import { DurableJsonFile } from './durable-json-file';

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
  /** Writes a new document file durably. */
  addDocument(doc: TagwerkDocument): Promise<void>;
  /** Annotator ids that have a layer file for the document. */
  annotatorsOf(documentId: string): string[];
  /** The annotator's layer for the document (empty if none was written yet). */
  getLayer(documentId: string, annotator: string): Promise<Layer>;
  /**
   * Applies `change` to the layer and resolves once the result is durably on disk.
   * A change that returns the layer object itself writes nothing.
   */
  updateLayer(documentId: string, annotator: string, change: (layer: Layer) => Layer): Promise<Layer>;
  /** Writes everything pending. */
  flush(): Promise<void>;
}

interface LayerEntry {
  db: Low<Layer>;
  writer: DebouncedWriter;
  /** Set when the file on disk could not be loaded: it is never overwritten. */
  damaged: string | null;
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
  await forEachLimited(docFiles, 16, async (file) => {
    const rel = `${DOCUMENTS_DIR}/${file}`;
    try {
      const raw = await new DurableJsonFile<unknown>(join(dir, DOCUMENTS_DIR, file)).read();
      const doc = loadFile('tagwerk-document', raw);
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
  const layers = new Map<string, LayerEntry>();
  const loadingLayers = new Map<string, Promise<LayerEntry>>();

  const loadLayer = async (documentId: string, annotator: string): Promise<LayerEntry> => {
    const doc = docs.get(documentId);
    if (!doc) throw new ApiError('not-found', `no document ${documentId} in this project`);
    if (!SAFE_ID.test(annotator)) throw new ApiError('invalid-argument', `not an annotator id: ${annotator}`);
    const rel = `${ANNOTATIONS_DIR}/${annotator}/${documentId}.json`;
    const file = join(dir, rel);
    const db = new Low<Layer>(new DurableJsonFile(file), emptyLayer(documentId, annotator, doc.source.sha256));
    let damaged: string | null = null;
    try {
      await db.read();
      const layer = loadFile('tagwerk-layer', db.data);
      checkLayerAgainstDocument(layer, doc);
      db.data = layer;
    } catch (err) {
      damaged = `${rel} ${describeLoadError(err)}; it was left untouched`;
      problems.push({ file: rel, message: damaged });
      db.data = emptyLayer(documentId, annotator, doc.source.sha256);
    }
    const writer = createDebouncedWriter(async () => {
      await mkdir(join(dir, ANNOTATIONS_DIR, annotator), { recursive: true });
      await db.write();
    }, LAYER_WRITE_DELAY_MS);
    return { db, writer, damaged };
  };

  const layerEntry = (documentId: string, annotator: string): Promise<LayerEntry> => {
    const key = `${annotator}/${documentId}`;
    const ready = layers.get(key);
    if (ready) return Promise.resolve(ready);
    let loading = loadingLayers.get(key);
    if (!loading) {
      loading = loadLayer(documentId, annotator).then((entry) => {
        layers.set(key, entry);
        loadingLayers.delete(key);
        return entry;
      }, (err) => { loadingLayers.delete(key); throw err; });
      loadingLayers.set(key, loading);
    }
    return loading;
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
      const db = new Low<TagwerkDocument>(new DurableJsonFile(join(dir, DOCUMENTS_DIR, `${doc.id}.json`)), checked);
      await db.write();
      docs.set(doc.id, checked);
      sorted = null;
      byHash.set(checked.source.sha256, checked.id);
    },
    annotatorsOf: (documentId) => [...(layerIndex.get(documentId) ?? [])].sort(),
    async getLayer(documentId, annotator) {
      return (await layerEntry(documentId, annotator)).db.data;
    },
    async updateLayer(documentId, annotator, change) {
      const entry = await layerEntry(documentId, annotator);
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
      await Promise.all([...layers.values()].map((l) => l.writer.flush()));
    },
  };
  return store;
}

/** Offsets must point into this document's text and quotes must match it. */
function checkLayerAgainstDocument(layer: Layer, doc: TagwerkDocument): void {
  if (layer.documentId !== doc.id) throw new FileFormatError(`belongs to document ${layer.documentId}`, 'invalid');
  if (layer.textSha256 !== doc.source.sha256) {
    throw new FileFormatError('was made on a different text of this document (text hash differs)', 'invalid');
  }
  const index = createOffsetIndex(doc.text);
  for (const s of layer.spans) {
    if (s.end > index.length || sliceCodePoints(doc.text, index, s.start, s.end) !== s.quote) {
      throw new FileFormatError(`has span ${s.id} whose quote does not match the text at ${s.start}–${s.end}`, 'invalid');
    }
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

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => { while (next < items.length) { const i = next++; await fn(items[i], i); } };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
