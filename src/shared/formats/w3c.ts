/**
 * W3C Web Annotation JSON-LD (Web Annotation Data Model, W3C Recommendation 23 February 2017,
 * https://www.w3.org/TR/annotation-model/): writes every span and relation as an Annotation in
 * one AnnotationCollection, and reads such annotations back for the import service to anchor.
 *
 * Shape written (one JSON-LD document; `first` and `total` come after the items, so it streams):
 * `{"@context": ["http://www.w3.org/ns/anno.jsonld", {"tagwerk": "urn:tagwerk:vocab:", "@vocab": "urn:tagwerk:vocab:"}],
 *   "id": "urn:tagwerk:export", "type": "AnnotationCollection", "label": "Tagwerk annotations",
 *   "first": {"id": "urn:tagwerk:export:page1", "type": "AnnotationPage", "startIndex": 0, "items": [
 *     {"id": "urn:tagwerk:<document>:<annotator>:<span>", "type": "Annotation", "motivation": "tagging",
 *      "created", "modified", "creator": {"id": "urn:tagwerk:annotator:<annotator>", "type": "Person", "nickname"},
 *      "body": [{"type": "TextualBody", "purpose": "tagging", "value": <label>},
 *               {"type": "TextualBody", "purpose": "commenting", "value": <note>, "format": "text/plain"}],
 *      "target": {"type": "SpecificResource", "source": "urn:tagwerk:document:<document>", "selector": [
 *        {"type": "TextQuoteSelector", "exact", "prefix", "suffix"}, {"type": "TextPositionSelector", "start", "end"}]},
 *      "tagwerk:attributes": {"count_min": 6500, …}},
 *     {"id": "urn:tagwerk:<document>:<annotator>:<relation>", "type": "Annotation", "motivation": "linking", …,
 *      "body": [{"type": "TextualBody", "purpose": "tagging", "value": <relation type>}, <IRI of the `to` span's annotation>],
 *      "target": <IRI of the `from` span's annotation>}]},
 *   "last": "urn:tagwerk:export:page1", "total": <n>}`
 *
 * Decisions, with the rules of the model they follow (§ numbers of the Recommendation):
 * - TextPositionSelector offsets are Unicode code points: "The selection of the text MUST be in
 *   terms of unicode code points (the "character number"), not in terms of code units" (§4.2.4,
 *   which §4.2.5 applies to positions). A UTF-16 request is reported through `ctx.warn` and ignored.
 * - prefix/suffix hold up to 32 code points of the text around the quote (SHOULD, §4.2.4).
 * - Collection and Page each have exactly 1 IRI and type (MUST, §5.1, §5.2); a page has 1 or more
 *   items (MUST), so an export without annotations has no page, just `"total": 0`. Annotations
 *   inside the embedded page inherit the collection's `@context`, as the spec's example does.
 * - `created`/`modified` are xsd:dateTime in UTC with "Z" (MUST, §3.3.1); unreadable times are left out.
 * - A relation is a `linking` annotation (§3.3.5: "link to a resource related to the Target"):
 *   its target is the `from` span's annotation, its body the `to` span's one plus a tag naming the type.
 * - Attributes are an extension term, `tagwerk:attributes`, defined in a second context object
 *   after anno.jsonld (whose terms it leaves alone); `@vocab` gives the attribute keys IRIs, so a
 *   JSON-LD processor keeps them.
 * - Import reads annotation IRIs longer than a layer's span ids (80 characters) as their end behind
 *   a hash; tags, attributes and comments a layer cannot hold make the annotation an error.
 * - Import cannot make documents (the annotations carry no text), so there is no ImportFormat:
 *   `parseW3cAnnotations` returns the annotations with their document id (from a
 *   `urn:tagwerk:document:` source) and selectors, and `anchorW3cSpan` places one on a text.
 */
import { AttributesSchema, RelationSchema, SpanSchema } from '../model/annotation';
import { createOffsetIndex, sliceCodePoints, type OffsetIndex } from '../text/offsets';
import type { ExportFormat, ExportItem, ExportRelation, ExportSpan, ImportProblem } from './export-format';
import { isReservedKey, parseJson, type JsonSyntaxError } from './json-input';

export const W3C_CONTEXT = ['http://www.w3.org/ns/anno.jsonld', { tagwerk: 'urn:tagwerk:vocab:', '@vocab': 'urn:tagwerk:vocab:' }] as const;
const COLLECTION = 'urn:tagwerk:export';
const PAGE = `${COLLECTION}:page1`;
const CONTEXT_LENGTH = 32;

const enc = encodeURIComponent;
/** The IRI of a Tagwerk document. */
export const documentIri = (documentId: string): string => `urn:tagwerk:document:${enc(documentId)}`;
/** The IRI of the annotation for a span or relation (ids are unique per annotator and document). */
export const annotationIri = (documentId: string, annotator: string, id: string): string => `urn:tagwerk:${enc(documentId)}:${enc(annotator)}:${enc(id)}`;

const utc = (time: string): string | undefined => (Number.isNaN(Date.parse(time)) ? undefined : new Date(Date.parse(time)).toISOString());
const lifecycle = (x: { createdAt: string; modifiedAt: string; annotator: string }) => ({
  created: utc(x.createdAt), modified: utc(x.modifiedAt),
  creator: { id: `urn:tagwerk:annotator:${enc(x.annotator)}`, type: 'Person', nickname: x.annotator },
});

function spanAnnotation(docId: string, text: string, index: OffsetIndex, s: ExportSpan): object {
  const body: object[] = [{ type: 'TextualBody', purpose: 'tagging', value: s.label }];
  if (s.note) body.push({ type: 'TextualBody', purpose: 'commenting', value: s.note, format: 'text/plain' });
  const quote = {
    type: 'TextQuoteSelector', exact: s.quote,
    prefix: sliceCodePoints(text, index, Math.max(0, s.start - CONTEXT_LENGTH), s.start),
    suffix: sliceCodePoints(text, index, s.end, Math.min(index.length, s.end + CONTEXT_LENGTH)),
  };
  return {
    id: annotationIri(docId, s.annotator, s.id), type: 'Annotation', motivation: 'tagging', ...lifecycle(s), body,
    target: { type: 'SpecificResource', source: documentIri(docId), selector: [quote, { type: 'TextPositionSelector', start: s.start, end: s.end }] },
    ...(Object.keys(s.attributes).length > 0 ? { 'tagwerk:attributes': s.attributes } : {}),
  };
}

const relationAnnotation = (docId: string, r: ExportRelation): object => ({
  id: annotationIri(docId, r.annotator, r.id), type: 'Annotation', motivation: 'linking', ...lifecycle(r),
  body: [{ type: 'TextualBody', purpose: 'tagging', value: r.type }, annotationIri(docId, r.annotator, r.to)],
  target: annotationIri(docId, r.annotator, r.from),
});

/** The annotations of one document: spans in text order, then relations. */
export function w3cAnnotations(item: ExportItem): object[] {
  const { id, text } = item.document;
  const index = createOffsetIndex(text);
  const spans = [...item.spans].sort((a, b) => a.start - b.start || b.end - a.end || a.annotator.localeCompare(b.annotator) || a.id.localeCompare(b.id));
  return [...spans.map((s) => spanAnnotation(id, text, index, s)), ...item.relations.map((r) => relationAnnotation(id, r))];
}

const indent = (value: unknown, by: string): string => JSON.stringify(value, null, 2).replace(/\n/g, `\n${by}`);

/** W3C Web Annotation as an export format: the collection's head in `begin`, items per document, the tail in `end`. */
export const w3cExport: ExportFormat = {
  id: 'w3c',
  name: 'W3C Web Annotation (JSON-LD)',
  description: 'An AnnotationCollection with TextQuoteSelector and TextPositionSelector targets (code points), for Web Annotation clients and stores.',
  output: 'file',
  layers: 'many',
  usesNestedPolicy: false,
  extension: 'jsonld',
  create(ctx) {
    let total = 0;
    return {
      begin() {
        if (ctx.unit === 'utf16') ctx.warn('w3c: TextPositionSelector offsets are code points, as the Web Annotation Data Model requires; the UTF-16 request does not apply');
        return [{ data: `{\n  "@context": ${indent(W3C_CONTEXT, '  ')},\n  "id": "${COLLECTION}",\n  "type": "AnnotationCollection",\n  "label": "Tagwerk annotations"` }];
      },
      document(item) {
        let data = '';
        for (const a of w3cAnnotations(item)) {
          data += total++ === 0 ? `,\n  "first": {\n    "id": "${PAGE}",\n    "type": "AnnotationPage",\n    "startIndex": 0,\n    "items": [\n      ` : ',\n      ';
          data += indent(a, '      ');
        }
        return data ? [{ data }] : [];
      },
      end: () => [{ data: total === 0 ? ',\n  "total": 0\n}\n' : `\n    ]\n  },\n  "last": "${PAGE}",\n  "total": ${total}\n}\n` }],
    };
  },
};

/** A span annotation read from a W3C file, before it is anchored on a document's text. */
export interface W3cSpanAnnotation {
  iri: string;
  /** The Tagwerk document id when the target's source is `urn:tagwerk:document:<id>`, else null. */
  documentId: string | null;
  /** The target's source IRI. */
  source: string;
  /** The span id from a Tagwerk annotation IRI, else the IRI itself (shortened beyond 80 characters). */
  spanId: string;
  /** `creator`'s nickname, name or IRI, when there is one. */
  annotator: string | null;
  /** The `tagging` body's value; without one, the motivation (a comment becomes a `commenting` span). */
  label: string;
  attributes: Record<string, string | number | boolean | null>;
  /** Text of the other textual bodies (comments, descriptions), joined by blank lines. */
  note?: string;
  quote?: { exact: string; prefix?: string; suffix?: string };
  /** Code points. */
  position?: { start: number; end: number };
}

/** A `linking` annotation between two span annotations (by IRI). */
export interface W3cRelationAnnotation { iri: string; type: string; from: string; to: string; annotator: string | null }

type Json = Record<string, unknown>;
const list = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const typesOf = (o: Json): string[] => list(o.type ?? o['@type']).filter((t): t is string => typeof t === 'string');
const iriOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : isObject(v) && typeof (v.id ?? v['@id']) === 'string' ? String(v.id ?? v['@id']) : undefined);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
/** A value from the file as a message quotes it: at most 40 characters of it. */
const brief = (s: string): string => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
const tagwerkPart = (iri: string, at: number): string | null => {
  const m = /^urn:tagwerk:([^:]+):([^:]+):([^:]+)$/.exec(iri);
  return m ? decodeURIComponent(m[at]) : null;
};

/**
 * The span id an annotation gets: the span id in a Tagwerk IRI, else the IRI. One longer than a
 * layer's ids (80 characters, common for other clients' IRIs) is shortened to its end behind a
 * hash of the whole (FNV-1a), so that the annotations of a file keep distinct ids.
 */
function spanIdOf(iri: string): string {
  const id = tagwerkPart(iri, 3) ?? iri;
  if (SpanSchema.shape.id.safeParse(id).success) return id;
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return `${(hash >>> 0).toString(16).padStart(8, '0')}…${id.slice(-71).replace(/^[\udc00-\udfff]/, '')}`;
}

function annotatorOf(creator: unknown): string | null {
  const c = list(creator)[0];
  const named = isObject(c) ? c.nickname ?? c.name : undefined;
  const iri = typeof named === 'string' ? named : iriOf(c);
  return iri === undefined ? null : /^urn:tagwerk:annotator:(.+)$/.test(iri) ? decodeURIComponent(iri.slice(22)) : iri;
}

/** The annotations in a parsed file: a collection with an embedded first page, a page, an array or one annotation. */
function annotationsIn(root: unknown): unknown[] {
  if (Array.isArray(root)) return root;
  if (!isObject(root)) throw new Error('not a JSON object or array');
  const types = typesOf(root);
  if (types.includes('AnnotationCollection')) {
    if (root.first === undefined) return [];
    if (!isObject(root.first)) throw new Error(`the collection's first page is only referenced (${JSON.stringify(root.first)}); Tagwerk needs the annotations in the file`);
    return list(root.first.items);
  }
  return types.includes('AnnotationPage') ? list(root.items) : [root];
}

/** One annotation; throws an Error whose message says what is wrong. */
function readAnnotation(a: unknown): W3cSpanAnnotation | W3cRelationAnnotation {
  if (!isObject(a) || !typesOf(a).some((t) => t === 'Annotation' || t === 'oa:Annotation')) throw new Error('not an Annotation (type "Annotation")');
  const iri = iriOf(a);
  if (!iri) throw new Error('has no id');
  const annotator = annotatorOf(a.creator);
  const motivations = list(a.motivation).filter((m): m is string => typeof m === 'string');
  const bodies = list(a.body);
  const textual = bodies.filter((b): b is Json => isObject(b) && typeof b.value === 'string');
  const tag = textual.find((b) => list(b.purpose).includes('tagging'))?.value as string | undefined;
  if (motivations.includes('linking')) {
    const from = iriOf(list(a.target)[0]);
    const to = bodies.map((b) => (isObject(b) && typesOf(b).includes('TextualBody') ? undefined : iriOf(b))).find((x) => x !== undefined);
    if (!from || !to) throw new Error('a linking annotation needs a target and a body that are annotation IRIs');
    if (tag !== undefined && !RelationSchema.shape.type.safeParse(tag).success) throw new Error(`its tag ${brief(tag)} does not fit a Tagwerk relation type (1 to 40 characters)`);
    return { iri, type: tag ?? 'related', from, to, annotator };
  }
  const target = list(a.target).find((t): t is Json => isObject(t) && t.selector !== undefined);
  const source = target ? iriOf(target.source) : undefined;
  if (!target || !source) throw new Error('its target has no source with a TextQuoteSelector or TextPositionSelector');
  const selectors = list(target.selector).filter(isObject);
  const q = selectors.find((s) => typesOf(s).includes('TextQuoteSelector'));
  const p = selectors.find((s) => typesOf(s).includes('TextPositionSelector'));
  if (q && typeof q.exact !== 'string') throw new Error('TextQuoteSelector has no exact text');
  if (p && (!isInt(p.start) || !isInt(p.end) || p.end < p.start)) throw new Error('TextPositionSelector needs non-negative integer start <= end');
  if (!q && !p) throw new Error('its target has no TextQuoteSelector or TextPositionSelector');
  const notes = [...textual.filter((b) => !list(b.purpose).includes('tagging')).map((b) => b.value as string), ...(typeof a.bodyValue === 'string' ? [a.bodyValue] : [])];
  const rawAttributes = isObject(a['tagwerk:attributes']) ? a['tagwerk:attributes'] : {};
  const attributes = Object.fromEntries(Object.entries(rawAttributes).filter(([k, v]) =>
    !isReservedKey(k) && (v === null || ['string', 'number', 'boolean'].includes(typeof v)))) as W3cSpanAnnotation['attributes'];
  // What a layer cannot hold is refused here rather than stored in a layer that would not load again.
  const badAttribute = Object.entries(attributes).find(([k, v]) => !AttributesSchema.safeParse({ [k]: v }).success);
  if (badAttribute) throw new Error(`tagwerk:attributes ${brief(badAttribute[0])}: ${brief(String(badAttribute[1]))} does not fit a Tagwerk attribute (names up to 40 characters, texts up to 10,000, finite numbers)`);
  if (notes.length && !SpanSchema.shape.note.safeParse(notes.join('\n\n')).success) throw new Error('its comments are longer than a Tagwerk note may be (100,000 characters)');
  const doc = /^urn:tagwerk:document:(.+)$/.exec(source);
  return {
    iri, documentId: doc ? decodeURIComponent(doc[1]) : null, source, spanId: spanIdOf(iri), annotator,
    label: tag ?? motivations[0] ?? 'annotation', attributes, ...(notes.length ? { note: notes.join('\n\n') } : {}),
    ...(q ? { quote: { exact: q.exact as string, ...(typeof q.prefix === 'string' ? { prefix: q.prefix } : {}), ...(typeof q.suffix === 'string' ? { suffix: q.suffix } : {}) } } : {}),
    ...(p ? { position: { start: p.start as number, end: p.end as number } } : {}),
  };
}

/**
 * Reads the annotations of a W3C Web Annotation file. The import service then finds each span's
 * document (by `documentId`, else by anchoring the quote on candidate documents with
 * `anchorW3cSpan`), adds the spans to the chosen annotator's layer and maps relation ends from
 * annotation IRIs to the new span ids. A file with any problem yields no annotations.
 */
export function parseW3cAnnotations(fileName: string, json: string): { spans: W3cSpanAnnotation[]; relations: W3cRelationAnnotation[]; problems: ImportProblem[] } {
  const problem = (message: string, line?: number): ImportProblem => ({ fileName, ...(line ? { line } : {}), message });
  let root: unknown;
  try { root = parseJson(json); } catch (e) {
    return { spans: [], relations: [], problems: [problem((e as Error).message, (e as JsonSyntaxError).line)] };
  }
  const spans: W3cSpanAnnotation[] = [], relations: W3cRelationAnnotation[] = [], problems: ImportProblem[] = [];
  try {
    annotationsIn(root).forEach((a, i) => {
      try {
        const read = readAnnotation(a);
        if ('from' in read) relations.push(read); else spans.push(read);
      } catch (err) { problems.push(problem(`annotation ${i + 1}${isObject(a) && iriOf(a) ? ` (${iriOf(a)})` : ''}: ${(err as Error).message}`)); }
    });
  } catch (err) { problems.push(problem((err as Error).message)); }
  return problems.length ? { spans: [], relations: [], problems } : { spans, relations, problems };
}

/**
 * Where a span annotation lies in `text`, in code points: its TextPositionSelector when that
 * range holds the quote (or there is no quote), else the occurrence of the quote whose prefix and
 * suffix match best (ties: nearest the stated position, then first). Null when neither fits.
 */
export function anchorW3cSpan(text: string, span: Pick<W3cSpanAnnotation, 'quote' | 'position'>): { start: number; end: number } | null {
  const index = createOffsetIndex(text);
  const { quote, position } = span;
  if (position && position.start < position.end && position.end <= index.length
    && (!quote || sliceCodePoints(text, index, position.start, position.end) === quote.exact)) return { ...position };
  if (!quote || quote.exact === '') return null;
  let best: { start: number; end: number } | null = null, bestScore = -Infinity;
  for (let at = text.indexOf(quote.exact); at !== -1; at = text.indexOf(quote.exact, at + 1)) {
    const start = index.toCodePoint(at), end = index.toCodePoint(at + quote.exact.length);
    if (start === null || end === null) continue;
    const score = (quote.prefix && text.slice(Math.max(0, at - quote.prefix.length), at) === quote.prefix ? 2 : 0)
      + (quote.suffix && text.startsWith(quote.suffix, at + quote.exact.length) ? 2 : 0)
      - (position ? Math.abs(start - position.start) / (index.length + 1) : 0);
    if (score > bestScore) { best = { start, end }; bestScore = score; }
  }
  return best;
}

/** Whether a file looks like W3C Web Annotation JSON-LD. */
export const detectW3c = (fileName: string, head: string): boolean => /\.(jsonld|json)$/i.test(fileName)
  && (head.includes('www.w3.org/ns/anno.jsonld') || /"type"\s*:\s*"(Annotation|AnnotationCollection|AnnotationPage)"/.test(head));
