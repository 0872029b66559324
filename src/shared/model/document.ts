/** A document: canonical text fixed at import, its metadata and where it came from. */
import { z } from 'zod';

export const DOCUMENT_STATUSES = ['not_started', 'in_progress', 'done'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const SOURCE_FORMATS = ['txt', 'md', 'html', 'jsonl', 'conll', 'brat', 'doccano', 'label-studio', 'w3c', 'bundle'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

export const DocumentMetaSchema = z.object({
  /** `YYYY-MM` or `YYYY-MM-DD`, from the file's date header or the page's metadata. */
  date: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/).optional(),
  /** BCP 47 language tag, e.g. `de`. */
  language: z.string().max(35).optional(),
  author: z.string().max(500).optional(),
  url: z.string().max(2000).optional(),
}).catchall(z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]));
export type DocumentMeta = z.infer<typeof DocumentMetaSchema>;

export const DocumentSourceSchema = z.object({
  /** Base name of the imported file. */
  fileName: z.string().max(1000),
  format: z.enum(SOURCE_FORMATS),
  /** SHA-256 (hex) of the canonical text, UTF-8 encoded: the document's identity. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Size of the imported file in bytes. */
  bytes: z.number().int().nonnegative(),
  importedAt: z.string(),
});
export type DocumentSource = z.infer<typeof DocumentSourceSchema>;

/** The longest title a document holds (a longer one given by an imported file is cut). */
export const MAX_DOCUMENT_TITLE = 1000;

export const DocumentFileSchema = z.object({
  schemaVersion: z.literal(1),
  kind: z.literal('tagwerk-document'),
  id: z.string(),
  title: z.string().max(MAX_DOCUMENT_TITLE),
  meta: DocumentMetaSchema,
  source: DocumentSourceSchema,
  /** The canonical text: decoded, BOM removed, line endings `\n`. Never changes after import. */
  text: z.string(),
});
export type TagwerkDocument = z.infer<typeof DocumentFileSchema>;

/**
 * The order of the document list and of exports: by date (undated last), then title, then id.
 * Dates compare as strings: `YYYY-MM` sorts before every `YYYY-MM-DD` of that month.
 */
export function compareDocuments(a: TagwerkDocument, b: TagwerkDocument): number {
  const da = a.meta.date ?? '\uffff', db = b.meta.date ?? '\uffff';
  return da < db ? -1 : da > db ? 1 : a.title.localeCompare(b.title) || a.id.localeCompare(b.id);
}

/** What the document list shows about a document. */
export interface DocumentSummary {
  id: string;
  title: string;
  date: string | null;
  status: DocumentStatus;
  /** Length of the canonical text in Unicode code points. */
  length: number;
  /** Number of spans in the current annotator's layer. */
  spanCount: number;
  fileName: string;
}
