/** Importing files from the UI in batches, with progress and a merged report. */
import { useCallback, useState } from 'react';
import type { ImportReport, TagwerkApi } from '../../shared/api/tagwerk-api';
import { formatOf, unsupportedFileMessage } from '../../shared/formats/source-formats';
import { batchFiles, toIncoming } from './read-files';

export interface ImportState {
  running: boolean;
  done: number;
  total: number;
  report: ImportReport | null;
  error: string | null;
}

const IDLE: ImportState = { running: false, done: 0, total: 0, report: null, error: null };

export function useImport(api: TagwerkApi, onImported: () => void) {
  const [state, setState] = useState<ImportState>(IDLE);
  const run = useCallback(async (files: readonly File[]) => {
    const skipped = files.filter((f) => !formatOf(f.name));
    const usable = files.filter((f) => formatOf(f.name));
    const report: ImportReport = {
      imported: [], duplicates: [], spansAdded: 0, spansRejected: [], warnings: [],
      failed: skipped.map((f) => ({ fileName: f.name, message: unsupportedFileMessage(f.name) })),
    };
    setState({ running: true, done: 0, total: usable.length, report: null, error: null });
    let done = 0;
    try {
      for (const batch of batchFiles(usable)) {
        const part = await api.importFiles({ files: await Promise.all(batch.map(toIncoming)) });
        report.imported.push(...part.imported);
        report.duplicates.push(...part.duplicates);
        report.failed.push(...part.failed);
        report.spansRejected.push(...part.spansRejected);
        report.warnings.push(...part.warnings);
        report.spansAdded += part.spansAdded;
        done += batch.length;
        setState((s) => ({ ...s, done }));
      }
      setState({ running: false, done, total: usable.length, report, error: null });
    } catch (err) {
      setState({ running: false, done, total: usable.length, report, error: (err as Error).message });
    }
    onImported();
  }, [api, onImported]);
  const dismiss = useCallback(() => setState(IDLE), []);
  return { state, run, dismiss };
}
