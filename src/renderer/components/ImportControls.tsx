/** File ▸ Open… in the page: buttons for files and folders, the progress bar and the report. */
import { useRef } from 'react';
import { IMPORT_ANYWAY_COST, IMPORTABLE_EXTENSIONS } from '../../shared/formats/source-formats';
import type { ImportState } from '../state/use-import';

const ACCEPT = IMPORTABLE_EXTENSIONS.map((e) => `.${e}`).join(',');

interface Props {
  state: ImportState;
  onFiles(files: File[]): void;
  /** Imports the files refused as not UTF-8 again, with U+FFFD for each invalid byte sequence. */
  onReadReplacing(): void;
  onDismiss(): void;
}

export function ImportControls({ state, onFiles, onReadReplacing, onDismiss }: Props) {
  const notDecoded = state.report?.failed.filter((f) => f.invalidEncoding).length ?? 0;
  const filesRef = useRef<HTMLInputElement>(null);
  const folderRef = useRef<HTMLInputElement>(null);
  const take = (input: HTMLInputElement | null) => {
    if (!input?.files?.length) return;
    onFiles(Array.from(input.files));
    input.value = '';
  };
  return (
    <div className="tw-import">
      <button type="button" onClick={() => filesRef.current?.click()} disabled={state.running}>Open files…</button>
      <button type="button" onClick={() => folderRef.current?.click()} disabled={state.running}>Open folder…</button>
      <input ref={filesRef} type="file" multiple hidden data-testid="open-files"
        accept={ACCEPT} onChange={(e) => take(e.currentTarget)} />
      <input ref={folderRef} type="file" hidden data-testid="open-folder"
        {...{ webkitdirectory: '', directory: '' }} onChange={(e) => take(e.currentTarget)} />
      {state.running && (
        <div className="tw-progress" role="progressbar" aria-label="Importing"
          aria-valuemin={0} aria-valuemax={state.total} aria-valuenow={state.done}>
          <div className="tw-progress-bar" style={{ width: `${state.total ? (100 * state.done) / state.total : 0}%` }} />
          <span className="tw-progress-text">Importing {state.done}/{state.total}</span>
        </div>
      )}
      {!state.running && (state.report || state.error) && (
        <div className="tw-import-report" role="status">
          {state.report && (
            <span>
              Imported {state.report.imported.length}
              {state.report.duplicates.length > 0 && `, ${state.report.duplicates.length} already in the project`}
              {state.report.failed.length > 0 && `, ${new Set(state.report.failed.map((f) => f.fileName)).size} not imported`}
              {state.report.spansAdded > 0 && `, ${state.report.spansAdded} spans`}
            </span>
          )}
          {state.error && <span className="tw-error">{state.error}</span>}
          {state.notDecoded.length > 0 && (
            <button type="button" className="tw-import-replace" onClick={onReadReplacing}
              title={`Import ${notDecoded === 1 ? 'the file that is' : `the ${notDecoded} files that are`} not UTF-8 all the same. ${IMPORT_ANYWAY_COST}`}>
              Import anyway with {'\u{FFFD}'}
            </button>
          )}
          {state.report && (state.report.failed.length + state.report.spansRejected.length + state.report.warnings.length) > 0 && (
            <details>
              <summary>Details</summary>
              <ul>
                {state.report.failed.map((f, i) => <li key={`f${i}`} className="tw-error">{f.message}</li>)}
                {state.report.spansRejected.map((f, i) => <li key={`r${i}`}>{f.message}</li>)}
                {state.report.warnings.map((f, i) => <li key={`w${i}`} className="tw-muted">{f.message}</li>)}
              </ul>
            </details>
          )}
          <button type="button" className="tw-link" onClick={onDismiss} aria-label="Dismiss">×</button>
        </div>
      )}
    </div>
  );
}
