/** Importing files from the UI in batches, with progress and a merged report. */
import { useCallback, useState } from 'react';
import type { ImportReport, TagwerkApi } from '../../shared/api/tagwerk-api';
import { formatOf, MAX_IMPORT_BYTES, oversizedFileMessage, unsupportedFileMessage } from '../../shared/formats/source-formats';
import { batchFiles, filesNotDecoded, toIncoming } from './read-files';

export interface ImportState {
  running: boolean;
  done: number;
  total: number;
  report: ImportReport | null;
  error: string | null;
  /** Files of the last import refused as not UTF-8, which replacement characters would make readable. */
  notDecoded: readonly File[];
}

const IDLE: ImportState = { running: false, done: 0, total: 0, report: null, error: null, notDecoded: [] };

export interface ImportRun {
  /** Read text that is not valid UTF-8 with U+FFFD for each invalid byte sequence. */
  replaceInvalid?: boolean;
}

export function useImport(api: TagwerkApi, onImported: () => void) {
  const [state, setState] = useState<ImportState>(IDLE);
  const run = useCallback(async (files: readonly File[], options: ImportRun = {}) => {
    // Refused here, before a byte is read: reading a 200 MB file would hold the page for seconds.
    const refusal = (f: File) => (!formatOf(f.name) ? unsupportedFileMessage(f.name)
      : f.size > MAX_IMPORT_BYTES ? oversizedFileMessage(f.name, f.size) : null);
    const usable = files.filter((f) => !refusal(f));
    const report: ImportReport = {
      imported: [], duplicates: [], spansAdded: 0, spansRejected: [], warnings: [],
      failed: files.flatMap((f) => { const message = refusal(f); return message ? [{ fileName: f.name, message }] : []; }),
    };
    setState({ running: true, done: 0, total: usable.length, report: null, error: null, notDecoded: [] });
    let done = 0;
    let error: string | null = null;
    try {
      for (const batch of batchFiles(usable)) {
        const incoming = await Promise.all(batch.map(toIncoming));
        const part = await api.importFiles({ files: incoming, ...(options.replaceInvalid && { replaceInvalid: true }) });
        report.imported.push(...part.imported);
        report.duplicates.push(...part.duplicates);
        report.failed.push(...part.failed);
        report.spansRejected.push(...part.spansRejected);
        report.warnings.push(...part.warnings);
        report.spansAdded += part.spansAdded;
        done += batch.length;
        setState((s) => ({ ...s, done }));
      }
    } catch (err) {
      error = (err as Error).message;
    }
    setState({ running: false, done, total: usable.length, report, error, notDecoded: filesNotDecoded(usable, report.failed) });
    onImported();
  }, [api, onImported]);
  const readReplacing = useCallback(() => run(state.notDecoded, { replaceInvalid: true }), [run, state.notDecoded]);
  const dismiss = useCallback(() => setState(IDLE), []);
  return { state, run, readReplacing, dismiss };
}
