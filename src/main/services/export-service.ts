/** Writes exports to disk: streamed line by line into a temporary file, then renamed into place. */
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
 * Writes the project as Tagwerk JSONL to `outFile`: one line per document, in the document
 * list's order. The target appears complete or not at all.
 */
export async function exportJsonl(store: ProjectStore, outFile: string, options: ExportOptions = {}): Promise<ExportSummary> {
  if (options.annotator && !store.manifest.annotators.some((a) => a.id === options.annotator)) {
    const known = store.manifest.annotators.map((a) => a.id).join(', ') || 'none';
    throw new ApiError('not-found', `no annotator "${options.annotator}" in this project (annotators: ${known})`);
  }
  const docs = sortedDocuments(store);
  const tmp = join(dirname(outFile), `.${basename(outFile)}.${process.pid}.tmp`);
  const stream = createWriteStream(tmp, { encoding: 'utf8' });
  const summary: ExportSummary = { documents: 0, spans: 0, relations: 0, bytes: 0 };
  try {
    let done = 0;
    for (const doc of docs) {
      const annotators = options.annotator ? [options.annotator] : store.annotatorsOf(doc.id);
      const layers: Layer[] = [];
      for (const a of annotators) if (store.annotatorsOf(doc.id).includes(a)) layers.push(await store.getLayer(doc.id, a));
      const record = toJsonlRecord(doc, layers, options.unit ?? 'codepoint');
      const line = `${JSON.stringify(record)}\n`;
      summary.documents++;
      summary.spans += record.spans.length;
      summary.relations += record.relations.length;
      summary.bytes += Buffer.byteLength(line);
      if (!stream.write(line)) await once(stream, 'drain');
      options.onProgress?.(++done, docs.length);
    }
    stream.end();
    await once(stream, 'finish');
    const handle = await open(tmp, 'r+');
    try { await handle.sync(); } finally { await handle.close(); }
    await rename(tmp, outFile);
    await syncDirectory(dirname(outFile));
  } catch (err) {
    stream.destroy();
    await unlink(tmp).catch(() => {});
    throw err;
  }
  return summary;
}

/** Documents by date (undated last), then title: the order of the document list and of exports. */
export function sortedDocuments(store: ProjectStore) {
  return [...store.documents()].sort((a, b) => {
    const da = a.meta.date ?? '\uffff', db = b.meta.date ?? '\uffff';
    return da < db ? -1 : da > db ? 1 : a.title.localeCompare(b.title) || a.id.localeCompare(b.id);
  });
}
