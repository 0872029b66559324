/**
 * Tagwerk bundle (`.tagwerk`): one annotator's work to hand to a colleague who has the same
 * articles. It holds the layer (spans with attributes, notes and origins; relations; comments;
 * status is not carried) of every document and each document's text hash, not the texts: on import each
 * document is found by its SHA-256, so annotations never land on a text that differs.
 *
 * `{"kind": "tagwerk-bundle", "schemaVersion": 1, "offsetUnit": "codepoint", "annotator":
 *   {"id", "name"}, "tagSchema": {"labels": [...]}, "documents": [{"id", "title", "fileName", "sha256",
 *   "length", "spans": [Span…], "relations": [Relation…], "comments": [Comment…]}]}`
 *
 * `comments` (optional) is the annotator's part of the discussion: comments on their own spans
 * and on colleagues' (`target.annotator` names the layer by annotator id).
 *
 * Offsets are always code points (the layer files' own unit); `length` is the text's length in
 * code points, for the message when a text differs.
 */
import { z } from 'zod';
import { CommentSchema, RelationSchema, SpanSchema, type Comment, type Relation, type Span } from '../model/annotation';
import { LabelSchema, type Label } from '../model/tag-schema';
import type { ExportFormat } from './export-format';
import { parseJsonAs } from './json-input';

export interface BundleDocument {
  id: string;
  title: string;
  /** The article file it was imported from: tells "a different version of our article" from "an article we lack". */
  fileName: string;
  sha256: string;
  length: number;
  spans: Span[];
  relations: Relation[];
  /** The annotator's comments on spans of this document (their own or colleagues'; absent in older bundles). */
  comments?: Comment[];
}

export interface Bundle {
  kind: 'tagwerk-bundle';
  schemaVersion: 1;
  offsetUnit: 'codepoint';
  annotator: { id: string; name: string };
  tagSchema: { labels: Label[] };
  documents: BundleDocument[];
}

const BundleSchema = z.object({
  kind: z.literal('tagwerk-bundle'),
  schemaVersion: z.literal(1),
  offsetUnit: z.literal('codepoint'),
  annotator: z.object({ id: z.string().min(1).max(80), name: z.string().min(1).max(120) }),
  tagSchema: z.object({ labels: z.array(LabelSchema).max(500) }),
  documents: z.array(z.object({
    id: z.string().min(1).max(200),
    title: z.string().max(1000),
    fileName: z.string().max(1000),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    length: z.number().int().nonnegative(),
    spans: z.array(SpanSchema).max(1_000_000),
    relations: z.array(RelationSchema).max(1_000_000),
    comments: z.array(CommentSchema).max(1_000_000).optional(),
  })).max(1_000_000),
});

/** Whether a file is a bundle: by its extension, or by its `kind` near the start. */
export function detectBundle(fileName: string, head: string): boolean {
  return /\.tagwerk$/i.test(fileName) || /^\s*\{\s*"kind"\s*:\s*"tagwerk-bundle"/.test(head);
}

/** Reads a bundle, or says what is wrong with it (with a line number when the JSON is broken). */
export function parseBundle(json: string): { bundle: Bundle } | { error: string; line?: number } {
  try {
    return { bundle: parseJsonAs(BundleSchema, json, 'bundle') as Bundle };
  } catch (err) {
    return { error: (err as Error).message, line: (err as { line?: number }).line };
  }
}

/** Writes one annotator's layer as a bundle, one document per line inside the `documents` array. */
export const bundleExport: ExportFormat = {
  id: 'bundle',
  name: 'Tagwerk bundle',
  description: "One annotator's layer with the texts' hashes, for a colleague who has the same articles: Tagwerk imports it as that annotator's layer.",
  output: 'file',
  layers: 'one',
  usesNestedPolicy: false,
  extension: 'tagwerk',
  create(ctx) {
    let first = true;
    return {
      begin() {
        const annotator = ctx.layer ?? { id: 'unknown', name: 'unknown' };
        const head = { kind: 'tagwerk-bundle', schemaVersion: 1, offsetUnit: 'codepoint', annotator, tagSchema: { labels: ctx.labels } };
        return [{ data: `${JSON.stringify(head).slice(0, -1)},\n"documents": [\n` }];
      },
      document({ document: doc, spans, relations, comments = [] }) {
        const entry: BundleDocument = {
          id: doc.id, title: doc.title, fileName: doc.source.fileName, sha256: doc.source.sha256, length: Array.from(doc.text).length,
          spans: spans.map(({ annotator: _a, ...s }) => s),
          relations: relations.map(({ annotator: _a, ...r }) => r),
          ...(comments.length ? { comments: comments.map(({ annotator: _a, ...c }) => c) } : {}),
        };
        const out = `${first ? '' : ',\n'}${JSON.stringify(entry)}`;
        first = false;
        return [{ data: out }];
      },
      end: () => [{ data: '\n]}\n' }],
    };
  },
};
