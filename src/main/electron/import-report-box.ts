/** The message box that reports an import from the File menu, and offers to read files that are not UTF-8 anyway. */
import type { MessageBoxOptions } from 'electron';
import type { ImportReport } from '../../shared/api/tagwerk-api';
import { IMPORT_ANYWAY_COST } from '../../shared/formats/source-formats';

/** Lines of each kind listed in the box; the rest are counted. */
const LISTED = 20;

export interface ImportReportBox {
  options: MessageBoxOptions;
  /** Paths to import again with replacement characters when the box answers `READ_ANYWAY`. */
  notDecoded: string[];
}

/** The button index of "Import anyway with U+FFFD". */
export const READ_ANYWAY = 1;

/** The box for an import's report; null when there is nothing to tell beyond the documents appearing. */
export function importReportBox(report: ImportReport): ImportReportBox | null {
  const problems = [...report.failed, ...report.spansRejected];
  if (!problems.length && !report.warnings.length) return null;
  const notDecoded = report.failed.flatMap((f) => (f.invalidEncoding ? [f.invalidEncoding.location] : []));
  const list = (lines: readonly { message: string }[]) => [
    ...lines.slice(0, LISTED).map((l) => l.message),
    ...(lines.length > LISTED ? [`… and ${lines.length - LISTED} more`] : []),
  ];
  const failedFiles = new Set(report.failed.map((f) => f.fileName)).size;
  const detail = [...list(problems), ...list(report.warnings)];
  if (notDecoded.length) {
    detail.push('', `${notDecoded.length === 1 ? 'One file is' : `${notDecoded.length} files are`} not UTF-8 text, and can be imported anyway. ${IMPORT_ANYWAY_COST}`);
  }
  return {
    notDecoded,
    options: {
      type: problems.length ? 'warning' : 'info',
      title: problems.length ? 'Some files were not imported' : 'Import finished',
      message: `${report.imported.length} imported, ${report.duplicates.length} already in the project, ${failedFiles} not imported`
        + `${report.spansRejected.length ? `, ${report.spansRejected.length} annotation${report.spansRejected.length === 1 ? '' : 's'} refused` : ''}.`,
      detail: detail.join('\n'),
      buttons: notDecoded.length ? ['OK', `Import ${notDecoded.length === 1 ? 'it' : 'them'} anyway with \u{FFFD}`] : ['OK'],
      defaultId: 0, cancelId: 0,
    },
  };
}
