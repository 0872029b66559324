/** Which files Tagwerk imports, by extension: the one list the importers, menus and file pickers use. */
import type { SourceFormat } from '../model/document';

/** File extensions (lower case, no dot) per source format. */
export const SOURCE_EXTENSIONS: Readonly<Record<SourceFormat, readonly string[]>> = {
  txt: ['txt', 'text'],
  md: ['md', 'markdown'],
  html: ['html', 'htm', 'xhtml'],
  jsonl: ['jsonl', 'ndjson'],
  conll: ['conll', 'conll03', 'conll2003', 'iob', 'iob1', 'iob2', 'bio', 'bioes', 'tsv'],
  // brat standoff: the .ann names the format; its .txt comes with it.
  brat: ['ann'],
  // doccano writes .jsonl too: the importer tells it from Tagwerk's JSONL by its content.
  doccano: [],
  // .json is Label Studio or W3C Web Annotation: the importer tells them apart by content.
  'label-studio': ['json'],
  w3c: ['jsonld'],
  // A colleague's layer with the texts' hashes (formats/bundle.ts).
  bundle: ['tagwerk'],
};

/** Every importable extension, e.g. for a file dialog's filter or an `<input accept>`. */
export const IMPORTABLE_EXTENSIONS: readonly string[] = Object.values(SOURCE_EXTENSIONS).flat();

/** The source format of a file name, or null when Tagwerk cannot import it. */
export function formatOf(fileName: string): SourceFormat | null {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (!ext) return null;
  for (const [format, extensions] of Object.entries(SOURCE_EXTENSIONS)) {
    if (extensions.includes(ext)) return format as SourceFormat;
  }
  return null;
}

/** Files larger than this are not imported, by any transport: refused by their size before a byte is read. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

/** The message for a file over `MAX_IMPORT_BYTES`. */
export function oversizedFileMessage(fileName: string, bytes: number): string {
  // Rounded up, so that a file just over the limit does not read as being at it.
  const mb = Math.ceil((bytes / 1048576) * 10) / 10;
  return `${fileName} is ${mb} MB; files over ${MAX_IMPORT_BYTES / 1048576} MB are not imported`;
}

/** What importing a file that is not UTF-8 anyway costs, where the app offers it. */
export const IMPORT_ANYWAY_COST = 'Each byte sequence that is not UTF-8 becomes \u{FFFD}, so letters such as ä or é of a file saved as '
  + 'Latin-1 or Windows-1252 are lost. Better, where you can: save the file as UTF-8 and import it again.';

/** The message for a file Tagwerk does not import. */
export function unsupportedFileMessage(fileName: string): string {
  return `${fileName}: unsupported file type (articles: .txt, .md, .html; annotated: .jsonl (Tagwerk, doccano), .conll, .tsv, .json (Label Studio, W3C), .jsonld, brat .ann with its .txt, Tagwerk bundle .tagwerk)`;
}
