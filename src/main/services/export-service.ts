/** Exports: streamed line by line to a file (through a temporary file renamed into place) or a stream. */
import { createWriteStream } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { once } from 'node:events';
import { toJsonlRecord, type OffsetUnit } from '../../shared/formats/jsonl';
import type { Layer } from '../../shared/model/annotation';
import { ApiError } from '../../shared/api/tagwerk-api';
import { syncDirectory } from './durable-json-file';
import type { ProjectStore } from './project-store';

export interface ExportOptions {
  /** Only this annotator's layer; default: every layer. */
  annotator?: string;
  unit?: OffsetUnit;
  onProgress?(done: number, total: number): void;
}

export interface ExportSummary { documents: number; spans: number; relations: number; bytes: number }

/**
 * Writes the project as Tagwerk JSONL to `sink` (a file stream, standard output): one line per
 * document, in the document list's order, respecting back-pressure. Does not end the sink.
 */
export async function writeJsonl(store: ProjectStore, sink: NodeJS.WritableStream, options: ExportOptions = {}): Promise<ExportSummary> {
  if (options.annotator && !store.manifest.annotators.some((a) => a.id === options.annotator)) {
    const known = store.manifest.annotators.map((a) => a.id).join(', ') || 'none';
    throw new ApiError('not-found', `no annotator "${options.annotator}" in this project (annotators: ${known})`);
  }
  const docs = store.documents();
  const summary: ExportSummary = { documents: 0, spans: 0, relations: 0, bytes: 0 };
  for (const doc of docs) {
    const present = store.annotatorsOf(doc.id);
    const annotators = options.annotator ? present.filter((a) => a === options.annotator) : present;
    const layers: Layer[] = [];
    for (const a of annotators) layers.push(await store.getLayer(doc.id, a));
    const record = toJsonlRecord(doc, layers, options.unit ?? 'codepoint');
    const line = `${JSON.stringify(record)}\n`;
    summary.documents++;
    summary.spans += record.spans.length;
    summary.relations += record.relations.length;
    summary.bytes += Buffer.byteLength(line);
    if (!sink.write(line)) await once(sink, 'drain');
    options.onProgress?.(summary.documents, docs.length);
  }
  return summary;
}

/**
 * Writes the project as Tagwerk JSONL to `outFile`, through a temporary file that is fsynced
 * and renamed: the target appears complete or not at all.
 */
export async function exportJsonl(store: ProjectStore, outFile: string, options: ExportOptions = {}): Promise<ExportSummary> {
  const tmp = join(dirname(outFile), `.${basename(outFile)}.${process.pid}.tmp`);
  const stream = createWriteStream(tmp, { encoding: 'utf8' });
  try {
    const summary = await writeJsonl(store, stream, options);
    stream.end();
    await once(stream, 'finish');
    const handle = await open(tmp, 'r+');
    try { await handle.sync(); } finally { await handle.close(); }
    await rename(tmp, outFile);
    await syncDirectory(dirname(outFile));
    return summary;
  } catch (err) {
    stream.destroy();
    await unlink(tmp).catch(() => {});
    throw err;
  }
}
