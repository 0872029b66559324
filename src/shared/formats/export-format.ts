/**
 * The contract every dataset export implements: a writer that receives the project's documents
 * one at a time and returns the output for each, so that a corpus of any size streams to disk.
 * Formats are pure (no file system): the export service decides where the chunks go.
 */
import type { Comment, Relation, Span } from '../model/annotation';
import type { TagwerkDocument } from '../model/document';
import type { Label } from '../model/tag-schema';
import type { OffsetUnit } from './jsonl';

/** A span as exported: the layer's span plus the annotator whose layer it comes from. */
export type ExportSpan = Span & { annotator: string };
export type ExportRelation = Relation & { annotator: string };
/** A comment as exported: with its author (the annotator whose layer holds it). */
export type ExportComment = Comment & { annotator: string };

/** One document with the spans and relations chosen for export (sorted as in the layer files). */
export interface ExportItem {
  document: TagwerkDocument;
  spans: readonly ExportSpan[];
  relations: readonly ExportRelation[];
  /** The exported layers' comments (discussion on spans of any layer). */
  comments?: readonly ExportComment[];
}

/**
 * What token-based formats do with spans that nest or overlap, since a token can carry one tag:
 * keep the outermost span, the innermost, or write one file per label (`per-label`).
 */
export type NestedPolicy = 'outermost' | 'innermost' | 'per-label';

export interface ExportContext {
  /** Unit of the offsets written, for formats that carry offsets. */
  unit: OffsetUnit;
  /** The project's tag schema labels, in schema order. */
  labels: readonly Label[];
  /** The project's language, for documents that do not name theirs. */
  language: string;
  nested: NestedPolicy;
  /** The one layer exported, when there is exactly one (an annotator's, or the curated layer). */
  layer?: { id: string; name: string };
  /** Reports something the format could not carry (with a count), e.g. nested spans left out. */
  warn(message: string): void;
}

/** Output of a writer: data for the main output file, or for a file inside the output folder. */
export interface OutputChunk {
  /** Relative path inside the output folder (folder formats and per-label files); absent: the main output. */
  path?: string;
  data: string | Uint8Array;
}

export interface ExportWriter {
  /** Output before the first document (headers, label lists). */
  begin?(): OutputChunk[];
  document(item: ExportItem): OutputChunk[];
  /** Output after the last document (closing brackets, configuration files, summaries). */
  end?(): OutputChunk[];
}

export interface ExportFormat {
  id: string;
  /** Shown in the export dialog. */
  name: string;
  /** One line: who consumes it. */
  description: string;
  /** `file`: one output file (can go to standard output); `folder`: several files in a folder. */
  output: 'file' | 'folder';
  /**
   * `one`: the format holds one annotator's layer (a token has one tag, a brat file one set of
   * annotations), so an export needs a chosen layer when several annotators have one.
   * `many`: every span says whose it is.
   */
  layers: 'one' | 'many';
  /** Whether `ExportContext.nested` matters: token formats, where a token carries one tag. */
  usesNestedPolicy: boolean;
  /** Extension of the main output file, without the dot. */
  extension: string;
  create(ctx: ExportContext): ExportWriter;
}

/** A document read from an annotated file, before it becomes part of a project. */
export interface ImportedDocument {
  /** Name of the file (or file pair) it came from, for messages. */
  fileName: string;
  text: string;
  meta: Record<string, string>;
  /** Code point offsets into `text`. */
  spans: { id?: string; start: number; end: number; label: string; attributes: Record<string, string | number | boolean | null>; note?: string }[];
  relations: { id?: string; type: string; from: string; to: string }[];
}

/** A problem in an input file, with where it is. */
export interface ImportProblem {
  fileName: string;
  /** `error` (the default): the file yields no document. `warning`: something was repaired or skipped, the rest imported. */
  severity?: 'error' | 'warning';
  /** 1-based line, when the format has lines. */
  line?: number;
  /** What is wrong, without the file name and line (`describeProblem` puts them in front). */
  message: string;
}

/** A problem as a person reads it: `file line N: message`. */
export function describeProblem(p: ImportProblem): string {
  return `${p.fileName}${p.line ? ` line ${p.line}` : ''}: ${p.message}`;
}

export interface ImportFormat {
  id: string;
  name: string;
  /** Whether a file with this name and first few kilobytes looks like this format. */
  detect(fileName: string, head: string): boolean;
  /**
   * Reads files (text already decoded) into documents. A file with an error yields no document
   * at all (nothing is half-imported) and a problem naming the file, line and reason.
   */
  parse(files: readonly { name: string; text: string }[]): { documents: ImportedDocument[]; problems: ImportProblem[] };
}
