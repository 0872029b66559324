/**
 * Exports: runs a dataset format (src/shared/formats) over the project one document at a time
 * and streams its output to a stream, a file or a folder. Files appear complete or not at all:
 * they are written under temporary names, fsynced and renamed into place. Layers are read a
 * hundred documents at a time (`layerBatches`), the next batch while this one is written, not
 * one file at a time, and not kept.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { basename, dirname, extname, join, normalize, sep } from 'node:path';
import { ApiError } from '../../shared/api/tagwerk-api';
import { CURATED_LAYER, type Layer } from '../../shared/model/annotation';
import type { ExportComment, ExportItem, ExportSpan, NestedPolicy, OutputChunk } from '../../shared/formats/export-format';
import type { OffsetUnit } from '../../shared/formats/jsonl';
import type { ExportFormat } from '../../shared/formats/export-format';
import { exportFormat, EXPORT_FORMATS } from '../../shared/formats/registry';
import { hasAnnotated } from '../../shared/review/threads';
import { syncDirectory } from './durable-json-file';
import { layerBatches } from './layer-batches';
import { layerPairs, type ProjectStore } from './project-store';

/** How many documents' layers are read in one go ahead of the format. */
const LAYERS_AHEAD = 100;

export interface ExportOptions {
  /** Format id (see src/shared/formats/registry.ts); default `jsonl`. */
  format?: string;
  /** Only this annotator's layer; default: every annotator's layer (single-layer formats: the only one there is). */
  annotator?: string;
  /** `curated`: the curated layer (written with annotator `curated_layer`) instead of annotators' layers. */
  layer?: 'curated';
  /** Only spans with these labels; default: all. */
  labels?: readonly string[];
  unit?: OffsetUnit;
  nested?: NestedPolicy;
  onProgress?(done: number, total: number): void;
  /** Stop after this many documents (a preview). */
  limit?: number;
  /** Replace an existing output (the app's exports folder); otherwise a non-empty output folder is refused. */
  replace?: boolean;
}

export interface ExportSummary {
  documents: number;
  spans: number;
  relations: number;
  bytes: number;
  /** Things the format could not carry, with counts (e.g. nested spans left out). */
  warnings: string[];
  /** Files written, relative to the output folder or next to the output file. */
  files: string[];
}

/**
 * Runs the format over the project's documents in list order and hands every chunk of output
 * to `emit`, awaiting it (back-pressure). Shared by the stream, file and folder targets.
 */
export async function runExport(
  store: ProjectStore, options: ExportOptions, emit: (chunk: OutputChunk) => Promise<void>,
): Promise<ExportSummary> {
  const format = exportFormat(options.format ?? 'jsonl');
  if (!format) throw new ApiError('invalid-argument', `unknown export format "${options.format}" (formats: ${EXPORT_FORMATS.map((f) => f.id).join(', ')})`);
  if (options.layer === 'curated' && options.annotator) throw new ApiError('invalid-argument', 'export either one annotator\'s layer or the curated layer, not both');
  const annotators = options.layer === 'curated' ? [CURATED_LAYER] : await layersToExport(store, format, options.annotator);
  const labels = options.labels ? new Set(options.labels) : null;
  const warnings = new Map<string, number>();
  const writer = format.create({
    unit: options.unit ?? 'codepoint',
    labels: store.manifest.tagSchema.labels,
    language: store.manifest.language,
    nested: options.nested ?? 'outermost',
    ...(annotators?.length === 1 ? { layer: layerName(store, annotators[0]) } : {}),
    warn: (message) => warnings.set(message, (warnings.get(message) ?? 0) + 1),
  });
  const summary: ExportSummary = { documents: 0, spans: 0, relations: 0, bytes: 0, warnings: [], files: [] };
  const send = async (chunks: readonly OutputChunk[]) => {
    for (const c of chunks) {
      summary.bytes += typeof c.data === 'string' ? Buffer.byteLength(c.data) : c.data.byteLength;
      await emit(c);
    }
  };
  await send(writer.begin?.() ?? []);
  const docs = store.documents().slice(0, options.limit ?? Infinity);
  const exported = (a: string) => (annotators === null ? a !== CURATED_LAYER : annotators.includes(a));
  for await (const batch of layerBatches(store, docs, exported, LAYERS_AHEAD)) {
    // The exported layers of each document of the batch, in annotator order.
    const ahead = new Map<string, [string, Layer][]>();
    batch.pairs.forEach(([d, a], k) => { if (!ahead.has(d)) ahead.set(d, []); ahead.get(d)!.push([a, batch.layers[k]]); });
    for (const doc of batch.documents) {
      const spans: ExportSpan[] = [];
      const relations: ExportItem['relations'][number][] = [];
      const comments: ExportComment[] = [];
      for (const [a, layer] of ahead.get(doc.id) ?? []) {
        const kept = labels ? layer.spans.filter((s) => labels.has(s.label)) : layer.spans;
        const ids = layer.relations.length ? new Set(kept.map((s) => s.id)) : null;
        const by = { annotator: a };
        // Object.assign gives what `{ ...s, annotator: a }` gives (the span's keys, then the
        // annotator), five times faster: V8 leaves its fast path for a spread with a key after it.
        for (const s of kept) spans.push(Object.assign({}, s, by));
        for (const r of layer.relations) if (ids!.has(r.from) && ids!.has(r.to)) relations.push(Object.assign({}, r, by));
        for (const c of layer.comments ?? []) comments.push(Object.assign({}, c, by));
      }
      summary.documents++;
      summary.spans += spans.length;
      summary.relations += relations.length;
      await send(writer.document({ document: doc, spans, relations, comments }));
      options.onProgress?.(summary.documents, docs.length);
    }
  }
  await send(writer.end?.() ?? []);
  summary.warnings = [...warnings].map(([m, n]) => (n > 1 ? `${m} (${n} times)` : m));
  return summary;
}

/** The id and display name of a layer. */
function layerName(store: ProjectStore, id: string): { id: string; name: string } {
  if (id === CURATED_LAYER) return { id, name: 'Curated' };
  return { id, name: store.manifest.annotators.find((a) => a.id === id)?.name ?? id };
}

/** Which annotators' layers to read; null = all. Single-layer formats need exactly one. */
async function layersToExport(store: ProjectStore, format: ExportFormat, annotator: string | undefined): Promise<string[] | null> {
  const known = store.manifest.annotators.map((a) => a.id);
  if (annotator) {
    if (!known.includes(annotator)) throw new ApiError('not-found', `no annotator "${annotator}" in this project (annotators: ${known.join(', ') || 'none'})`);
    return [annotator];
  }
  if (format.layers === 'many') return null;
  // Someone who only commented on colleagues' work has not annotated.
  const pairs = layerPairs(store, store.documents(), (a) => known.includes(a));
  const read = await store.readLayers(pairs);
  const annotated = new Set(pairs.filter((_, i) => hasAnnotated(read[i])).map(([, a]) => a));
  const withLayers = known.filter((a) => annotated.has(a));
  if (withLayers.length > 1) {
    throw new ApiError('invalid-argument', `${format.id} holds one annotator's layer: choose one of ${withLayers.join(', ')} (--annotator)`);
  }
  return withLayers;
}

/**
 * Streams a one-file format to `sink` (standard output). Extra files a format writes beside its
 * output (a label list) cannot go to a stream: they are left out with a warning.
 */
export async function writeExport(store: ProjectStore, sink: NodeJS.WritableStream, options: ExportOptions = {}): Promise<ExportSummary> {
  const skipped = new Set<string>();
  const summary = await runExport(store, options, async (chunk) => {
    if (chunk.path) { skipped.add(chunk.path); return; }
    if (!sink.write(chunk.data)) await once(sink, 'drain');
  });
  for (const p of skipped) summary.warnings.push(`${p} is not written to standard output; export to a file to get it`);
  return summary;
}

/**
 * Exports to `out`: a file for one-file formats (extra files go beside it as `<name>.<path>`),
 * a folder for folder formats (which must be missing or empty).
 */
export async function exportToPath(store: ProjectStore, out: string, options: ExportOptions = {}): Promise<ExportSummary> {
  const format = exportFormat(options.format ?? 'jsonl');
  if (format?.output === 'folder') return exportToFolder(store, out, options);
  const stem = out.slice(0, out.length - extname(out).length);
  await mkdir(dirname(out), { recursive: true });
  const files = new TempFiles();
  try {
    const summary = await runExport(store, options, (chunk) => files.write(chunk.path ? `${stem}.${safeRelative(chunk.path)}` : out, chunk.data));
    summary.files = await files.commit();
    return summary;
  } catch (err) {
    await files.abort();
    throw err;
  }
}

async function exportToFolder(store: ProjectStore, out: string, options: ExportOptions): Promise<ExportSummary> {
  const existing = await readdir(out).catch(() => null);
  if (existing && existing.length && !options.replace) throw new ApiError('conflict', `${out} is not empty: export a folder format into a new or empty folder`);
  const tmp = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  const files = new TempFiles(false);
  try {
    const summary = await runExport(store, options, (chunk) => files.write(join(tmp, safeRelative(chunk.path ?? `export.${exportFormat(options.format ?? '')?.extension ?? 'txt'}`)), chunk.data));
    await files.commit();
    await syncDirectory(tmp);
    // Swap the old export out only once the new one is complete.
    const old = existing ? `${tmp}.old` : null;
    if (old) await rename(out, old);
    await rename(tmp, out);
    if (old) await rm(old, { recursive: true, force: true });
    await syncDirectory(dirname(out));
    summary.files = files.paths.map((p) => p.slice(tmp.length + 1));
    return summary;
  } catch (err) {
    await files.abort();
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}

/** A relative path inside the output: never absolute, never climbing out with `..`. */
function safeRelative(path: string): string {
  const clean = normalize(path).replace(/^([/\\])+/, '');
  if (clean.split(/[/\\]/).includes('..') || clean === '' || clean === '.') throw new ApiError('internal', `a format produced an unsafe file name: ${path}`);
  return clean.split('/').join(sep);
}

/** How many output files are open at a time; the others are closed and reopened to append. */
const MAX_OPEN_FILES = 32;
/** Buffer of each output stream: few, large writes. */
const STREAM_BUFFER = 1 << 20;
/** How many files are fsynced at the same time when the export is committed. */
const PARALLEL_SYNCS = 8;

interface TempFile { tmp: string; stream: WriteStream | null; started: boolean; error: Error | null }

/**
 * Files being written through streams, each under a temporary name until `commit` fsyncs and
 * renames them all (or, when `rename` is false, just fsyncs them in place). A folder export
 * writes thousands of files (brat: two per document): at most MAX_OPEN_FILES streams are open,
 * the least recently written is closed to open another, and reopened to append to it.
 */
class TempFiles {
  private readonly files = new Map<string, TempFile>();
  /** The files with an open stream, least recently written first. */
  private readonly open = new Map<string, TempFile>();
  readonly paths: string[] = [];
  constructor(private readonly renameIntoPlace = true) {}

  async write(path: string, data: string | Uint8Array): Promise<void> {
    let file = this.files.get(path);
    if (!file) {
      await mkdir(dirname(path), { recursive: true });
      file = { tmp: this.renameIntoPlace ? join(dirname(path), `.${basename(path)}.${process.pid}.tmp`) : path, stream: null, started: false, error: null };
      this.files.set(path, file);
      this.paths.push(path);
    }
    if (file.error) throw file.error;
    if (!file.stream) {
      if (this.open.size >= MAX_OPEN_FILES) await this.close(this.open.keys().next().value!);
      const stream = createWriteStream(file.tmp, { flags: file.started ? 'a' : 'w', highWaterMark: STREAM_BUFFER });
      const target = file;
      // Kept for the next write or the commit: an 'error' without a listener would end the process.
      stream.on('error', (err) => { target.error ??= err; });
      file.stream = stream;
      file.started = true;
    }
    this.open.delete(path);
    this.open.set(path, file);
    if (!file.stream.write(data)) await once(file.stream, 'drain');
  }

  /** Ends the stream of `path` once its data is written. */
  private async close(path: string): Promise<void> {
    const file = this.open.get(path)!;
    this.open.delete(path);
    const stream = file.stream!;
    file.stream = null;
    if (!stream.destroyed) { stream.end(); await once(stream, 'close'); }
    if (file.error) throw file.error;
  }

  async commit(): Promise<string[]> {
    for (const path of [...this.open.keys()]) await this.close(path);
    const files = [...this.files.values()];
    let next = 0;
    const sync = async () => {
      while (next < files.length) {
        const handle = await open(files[next++].tmp, 'r+');
        try { await handle.sync(); } finally { await handle.close(); }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_SYNCS, files.length) }, sync));
    const folders = new Set<string>();
    for (const [path, file] of this.files) {
      if (this.renameIntoPlace) await rename(file.tmp, path);
      folders.add(dirname(path));
    }
    for (const folder of folders) await syncDirectory(folder);
    return this.paths;
  }

  async abort(): Promise<void> {
    for (const file of this.files.values()) {
      file.stream?.destroy();
      if (this.renameIntoPlace) await rm(file.tmp, { force: true });
    }
  }
}
