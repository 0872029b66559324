/** Every export format Tagwerk writes, by id, in the order the export dialog and the CLI list them. */
import type { ExportFormat } from './export-format';
import { bratExport } from './brat';
import { bundleExport } from './bundle';
import { conllExport } from './conll';
import { csvExport } from './csv';
import { doccanoExport } from './doccano';
import { hfExport } from './hf';
import { jsonlExport } from './jsonl';
import { labelStudioExport } from './label-studio';
import { w3cExport } from './w3c';

export const EXPORT_FORMATS: readonly ExportFormat[] = [jsonlExport, conllExport, hfExport, bratExport, csvExport, w3cExport, doccanoExport, labelStudioExport, bundleExport];

/** The format with this id, or undefined. */
export function exportFormat(id: string): ExportFormat | undefined {
  return EXPORT_FORMATS.find((f) => f.id === id);
}
