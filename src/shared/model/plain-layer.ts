/**
 * A fast validator for layer files of the plain shape nearly every layer has: it gives exactly
 * what `LayerFileSchema` gives (the same values, the same keys in the same order, unknown keys
 * dropped), or null when anything is unusual, and then the zod schema decides and explains.
 *
 * Why: every export and agreement pass validates each layer before using it; for a corpus of
 * 20,000 layers with 300,000 spans the zod schema took about half a second, more than writing
 * the export. This checks the same rules in straight-line code. It never accepts what the
 * schema would reject: whatever it is not sure of (a value of another type, a limit exceeded,
 * an object that is not a plain JSON object, a key `__proto__`, an optional key holding
 * `undefined`) gives null. The tests compare it with the schema on real and random layers.
 */
import { DOCUMENT_STATUSES } from './document';
import { SUGGESTION_ID, type Attributes, type Comment, type Layer, type Relation, type Span, type SpanOrigin } from './annotation';

type Raw = Record<string, unknown>;

const SHA256 = /^[0-9a-f]{64}$/;
const SPAN_DECISIONS: readonly unknown[] = ['accepted', 'edited', 'added'];
/** The keys of each object in the schema's order (zod's output order). */
const LAYER_KEYS = ['schemaVersion', 'kind', 'documentId', 'annotator', 'textSha256', 'offsetUnit', 'status', 'spans', 'relations', 'rejected', 'dismissed', 'comments'];
const SPAN_KEYS = ['id', 'start', 'end', 'label', 'quote', 'attributes', 'note', 'origin', 'createdAt', 'modifiedAt'];
const ORIGIN_KEYS = ['annotators', 'spanIds', 'decision'];
const RELATION_KEYS = ['id', 'type', 'from', 'to', 'createdAt', 'modifiedAt'];
const COMMENT_KEYS = ['id', 'target', 'text', 'createdAt', 'modifiedAt'];
const TARGET_KEYS = ['annotator', 'spanId', 'start', 'end', 'label'];

/** A plain object (not an array, not an instance of a class), else null. */
function plainObject(value: unknown): Raw | null {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype ? value as Raw : null;
}

/**
 * Whether `raw` has exactly `keys`, in this order, leaving out only optional keys it does not
 * have: then what zod makes of it (a new object with these keys in this order) equals `raw`.
 * The values are checked before, so a key that is left out here is one `raw` does not have.
 */
function hasKeysInOrder(raw: Raw, keys: readonly string[]): boolean {
  let i = 0;
  for (const key in raw) {
    while (i < keys.length && keys[i] !== key) if (raw[keys[i++]] !== undefined) return false;
    if (i++ === keys.length) return false;
  }
  for (; i < keys.length; i++) if (raw[keys[i]] !== undefined) return false;
  return true;
}

/** A string of `min` to `max` UTF-16 units (zod's `.min`/`.max`), as a type guard. */
const isString = (value: unknown, min = 0, max = Infinity): value is string =>
  typeof value === 'string' && value.length >= min && value.length <= max;

/** An integer zod's `.int()` accepts (a safe integer) that is ≥ `min`. */
const isInt = (value: unknown, min: number): value is number => Number.isSafeInteger(value) && (value as number) >= min;

/**
 * Whether an optional key is absent (true), or present with something other than `undefined`
 * (false); null when it is present and `undefined`, which zod keeps as a key.
 */
function absent(raw: Raw, key: string): boolean | null {
  if (raw[key] !== undefined) return false;
  return key in raw ? null : true;
}

/**
 * An array (at most `max` items) checked item by item: the array itself when every item is
 * its own result, else a new one; null if any item gives null.
 */
function arrayOf<T>(value: unknown, item: (x: unknown) => T | null, max = Infinity): T[] | null {
  if (!Array.isArray(value) || Object.getPrototypeOf(value) !== Array.prototype || value.length > max) return null;
  let out: T[] | null = null;
  for (let i = 0; i < value.length; i++) {
    const v = item(value[i]);
    if (v === null) return null;
    if (out) out.push(v);
    else if (v !== value[i]) { out = value.slice(0, i) as T[]; out.push(v); }
  }
  return out ?? value as T[];
}

/** A record of attribute values: itself (zod copies every key but `__proto__`, which gives null here). */
function attributesOf(value: unknown): Attributes | null {
  const raw = plainObject(value);
  if (!raw || Object.getOwnPropertySymbols(raw).length) return null;
  for (const key of Object.keys(raw)) {
    if (key.length > 40 || key === '__proto__') return null;
    const v = raw[key];
    if (!(v === null || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) || isString(v, 0, 10_000))) return null;
  }
  return raw as Attributes;
}

/** An id of an origin's lists. */
const originId = (x: unknown) => (isString(x, 0, 80) ? x : null);

function originOf(value: unknown): SpanOrigin | null {
  const raw = plainObject(value);
  if (!raw || !SPAN_DECISIONS.includes(raw.decision)) return null;
  const annotators = arrayOf(raw.annotators, originId, 100);
  const spanIds = annotators && arrayOf(raw.spanIds, originId, 100);
  if (!annotators || !spanIds) return null;
  if (annotators === raw.annotators && spanIds === raw.spanIds && hasKeysInOrder(raw, ORIGIN_KEYS)) return raw as SpanOrigin;
  return { annotators, spanIds, decision: raw.decision as SpanOrigin['decision'] };
}

function spanOf(value: unknown): Span | null {
  const raw = plainObject(value);
  if (!raw) return null;
  const { id, start, end, label, quote, note, createdAt, modifiedAt } = raw;
  if (!isString(id, 1, 80) || !isInt(start, 0) || !isInt(end, 1) || end <= start || !isString(label, 1, 40) || !isString(quote)
    || !isString(createdAt) || !isString(modifiedAt)) return null;
  const attributes = attributesOf(raw.attributes);
  if (!attributes) return null;
  const noNote = absent(raw, 'note'), noOrigin = absent(raw, 'origin');
  if (noNote === null || noOrigin === null || (!noNote && !isString(note, 0, 100_000))) return null;
  const origin = noOrigin ? null : originOf(raw.origin);
  if (!noOrigin && !origin) return null;
  if ((noOrigin || origin === raw.origin) && hasKeysInOrder(raw, SPAN_KEYS)) return raw as Span;
  return {
    id, start, end, label, quote, attributes, ...(noNote ? {} : { note: note as string }), ...(origin ? { origin } : {}), createdAt, modifiedAt,
  };
}

function relationOf(value: unknown): Relation | null {
  const raw = plainObject(value);
  if (!raw) return null;
  const { id, type, from, to, createdAt, modifiedAt } = raw;
  if (!isString(id, 1, 80) || !isString(type, 1, 40) || !isString(from, 1, 80) || !isString(to, 1, 80)
    || !isString(createdAt) || !isString(modifiedAt)) return null;
  return hasKeysInOrder(raw, RELATION_KEYS) ? raw as Relation : { id, type, from, to, createdAt, modifiedAt };
}

function commentOf(value: unknown): Comment | null {
  const raw = plainObject(value);
  const target = raw && plainObject(raw.target);
  if (!raw || !target) return null;
  const { id, text, createdAt, modifiedAt } = raw;
  const { annotator, spanId, start, end, label } = target;
  if (!isString(id, 1, 80) || !isString(text, 1, 20_000) || !isString(createdAt) || !isString(modifiedAt)
    || !isString(annotator, 1, 80) || !isString(spanId, 1, 80) || !isInt(start, 0) || !isInt(end, 1) || !isString(label, 1, 40)) return null;
  if (hasKeysInOrder(raw, COMMENT_KEYS) && hasKeysInOrder(target, TARGET_KEYS)) return raw as Comment;
  return { id, target: { annotator, spanId, start, end, label }, text, createdAt, modifiedAt };
}

/** A list of strings each `valid` accepts, or null. */
const stringsOf = (value: unknown, valid: (s: string) => boolean, max: number) =>
  arrayOf(value, (x) => (typeof x === 'string' && valid(x) ? x : null), max);

/**
 * `LayerFileSchema.parse(value)` for a plain, valid layer (an object of the current version as
 * JSON.parse gives it, or plain data like it); null when `value` is anything else, including
 * any layer the schema rejects. What it gives is `value` itself, or where `value` has keys zod
 * drops or puts in another order, the objects zod would make. Never null on the valid layers
 * Tagwerk writes.
 */
export function plainLayer(value: unknown): Layer | null {
  const raw = plainObject(value);
  if (!raw) return null;
  const { documentId, annotator, textSha256, status } = raw;
  if (raw.schemaVersion !== 1 || raw.kind !== 'tagwerk-layer' || !isString(documentId) || !isString(annotator)
    || !isString(textSha256) || !SHA256.test(textSha256) || raw.offsetUnit !== 'codepoint'
    || !(DOCUMENT_STATUSES as readonly unknown[]).includes(status)) return null;
  const spans = arrayOf(raw.spans, spanOf);
  const relations = spans && arrayOf(raw.relations, relationOf);
  if (!spans || !relations) return null;
  const noRejected = absent(raw, 'rejected'), noDismissed = absent(raw, 'dismissed'), noComments = absent(raw, 'comments');
  if (noRejected === null || noDismissed === null || noComments === null) return null;
  const rejected = noRejected ? undefined : stringsOf(raw.rejected, (x) => x.length <= 20_000, 100_000);
  const dismissed = noDismissed ? undefined : stringsOf(raw.dismissed, (x) => SUGGESTION_ID.test(x), 1_000_000);
  const comments = noComments ? undefined : arrayOf(raw.comments, commentOf);
  if (rejected === null || dismissed === null || comments === null) return null;
  if (spans === raw.spans && relations === raw.relations && rejected === raw.rejected && dismissed === raw.dismissed
    && comments === raw.comments && hasKeysInOrder(raw, LAYER_KEYS)) return raw as Layer;
  return {
    schemaVersion: 1, kind: 'tagwerk-layer', documentId, annotator, textSha256, offsetUnit: 'codepoint', status: status as Layer['status'],
    spans, relations, ...(rejected ? { rejected } : {}), ...(dismissed ? { dismissed } : {}), ...(comments ? { comments } : {}),
  };
}
