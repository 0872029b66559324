/**
 * Hugging Face token classification: JSONL with one line per sentence (tokens and integer IOB2
 * tags, plus the sentence text and its spans as character offsets) and a `labels.json` naming
 * the tag ids, ready for `datasets.load_dataset('json', ...)` and a token-classification model.
 *
 * Line: `{"id": "<document id>:<sentence index>", "document_id", "tokens": [...],
 * "ner_tags": [0, 1, 2, ...], "spans": [{"start", "end", "label"}], "text": "<sentence>",
 * "offset_unit": "codepoint"}`.
 * Tokens and sentences are those of `sentencesWithTokens` (the CoNLL export's too).
 * `ner_tags` follow `ctx.nested` (token-tags.ts); `spans` lists every span of the sentence,
 * nested ones included, with offsets into `text` in `ctx.unit` (code points unless UTF-16 was
 * asked for) and cut to the sentence when a span crosses into the next one.
 *
 * `labels.json` (a chunk with that `path`, written by `end()`): `{"names": ["O", "B-actor",
 * "I-actor", ...], "id2label", "label2id", "scheme": "IOB2", "nested", "offset_unit"}`.
 * `names` are in schema order, then labels met in the data but missing from the schema, in
 * order of appearance; `ner_tags` index into it, and `id2label`/`label2id` are what a
 * transformers model config takes. With `per-label` the main output stays empty and each
 * schema label gets `<label>.jsonl`, all with ids from the one `labels.json`.
 */
import type { ExportFormat, ExportSpan } from './export-format';
import {
  addCounts, countWarnings, emptyCounts, encodeTags, tagDocument, tokenizeDocument, type DocumentTokens, type TaggedSentence,
} from './token-tags';

/** One line of the export. */
export interface HfRecord {
  id: string;
  document_id: string;
  tokens: string[];
  ner_tags: number[];
  spans: { start: number; end: number; label: string }[];
  text: string;
  /** Unit of the `spans` offsets, on every line so that a line read alone says it. */
  offset_unit: 'codepoint' | 'utf16';
}

/** Hugging Face token-classification JSONL plus `labels.json`. */
export const hfExport: ExportFormat = {
  id: 'hf',
  name: 'Hugging Face token classification',
  description: 'JSONL of sentences with tokens, IOB2 ner_tags ids and character-offset spans, plus labels.json: for datasets and transformers.',
  output: 'file',
  layers: 'one',
  usesNestedPolicy: true,
  extension: 'jsonl',
  create(ctx) {
    const names = ['O'];
    const ids = new Map<string, number>([['O', 0]]);
    const addLabel = (label: string) => {
      if (ids.has(`B-${label}`)) return;
      for (const tag of [`B-${label}`, `I-${label}`]) { ids.set(tag, names.length); names.push(tag); }
    };
    for (const l of ctx.labels) addLabel(l.id);
    const schemaLabels = ctx.labels.map((l) => l.id);
    const counts = emptyCounts();
    let unknownLabels = 0;

    /** The lines of one document for one tag pass. */
    const render = (documentId: string, doc: DocumentTokens, tagged: readonly TaggedSentence[], spans: readonly ExportSpan[]): string => {
      const buckets = spansBySentence(doc, tagged, spans);
      let out = '';
      tagged.forEach((s, k) => {
        const tags = encodeTags(s.tokens.length, s.spans, 'iob2');
        for (const t of s.spans) addLabel(t.label);
        const base = doc.index.toCodePoint(s.start)!;
        const end = doc.index.toCodePoint(s.end)!;
        const offset = (cp: number) => (ctx.unit === 'codepoint' ? cp - base : doc.index.toUtf16(cp) - s.start);
        const record: HfRecord = {
          id: `${documentId}:${k}`,
          document_id: documentId,
          tokens: s.tokens.map((t) => doc.text.slice(t.start, t.end)),
          ner_tags: tags.map((t) => ids.get(t)!),
          spans: buckets[k].map((sp) => ({ start: offset(Math.max(sp.start, base)), end: offset(Math.min(sp.end, end)), label: sp.label })),
          text: doc.text.slice(s.start, s.end),
          offset_unit: ctx.unit,
        };
        out += `${JSON.stringify(record)}\n`;
      });
      return out;
    };

    return {
      document(item) {
        const doc = tokenizeDocument(item.document.text, item.document.meta.language ?? ctx.language);
        if (ctx.nested !== 'per-label') {
          const tagged = tagDocument(doc, item.spans, ctx.nested);
          addCounts(counts, tagged.counts);
          return [{ data: render(item.document.id, doc, tagged.sentences, item.spans) }];
        }
        unknownLabels += item.spans.filter((s) => !schemaLabels.includes(s.label)).length;
        return schemaLabels.map((label) => {
          const own = item.spans.filter((s) => s.label === label);
          const tagged = tagDocument(doc, own, 'outermost');
          addCounts(counts, tagged.counts);
          return { path: `${label}.jsonl`, data: render(item.document.id, doc, tagged.sentences, own) };
        });
      },
      end() {
        for (const message of countWarnings(counts, ctx.nested)) ctx.warn(`ner_tags: ${message}; the spans field keeps every span`);
        if (unknownLabels) ctx.warn(`${unknownLabels} spans with labels not in the tag schema left out (policy per-label writes one file per schema label)`);
        const labels = {
          names,
          id2label: Object.fromEntries(names.map((n, i) => [String(i), n])),
          label2id: Object.fromEntries(names.map((n, i) => [n, i])),
          scheme: 'IOB2',
          nested: ctx.nested,
          offset_unit: ctx.unit,
        };
        return [{ path: 'labels.json', data: `${JSON.stringify(labels, null, 2)}\n` }];
      },
    };
  },
};

/** For each sentence, the spans (code points) that overlap it, in text order. */
function spansBySentence(doc: DocumentTokens, sentences: readonly TaggedSentence[], spans: readonly ExportSpan[]): ExportSpan[][] {
  const bounds = sentences.map((s) => ({ start: doc.index.toCodePoint(s.start)!, end: doc.index.toCodePoint(s.end)! }));
  const out: ExportSpan[][] = sentences.map(() => []);
  for (const sp of spans) {
    // First sentence that ends after the span starts (binary search), then every one it reaches.
    let lo = 0, hi = bounds.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (bounds[mid].end <= sp.start) lo = mid + 1; else hi = mid; }
    for (let k = lo; k < bounds.length && bounds[k].start < sp.end; k++) out[k].push(sp);
  }
  for (const list of out) list.sort((a, b) => a.start - b.start || b.end - a.end || a.label.localeCompare(b.label));
  return out;
}
