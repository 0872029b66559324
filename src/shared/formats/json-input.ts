/**
 * Reading JSON from outside for the importers: parse, validate with a zod schema, and say what
 * is wrong in one line (the path of the first problem, and the line of a syntax error).
 */
import type { z } from 'zod';

/** The first problem zod found, as `path: message` (`whole` names the value when the path is empty). */
export function firstIssue(error: z.ZodError, whole: string): string {
  const issue = error.issues[0];
  return `${issue.path.join('.') || whole}: ${issue.message}`;
}

/** An Error for text that is not JSON, with the 1-based line of the problem when it can be found. */
/**
 * Keys of Object.prototype's machinery. A key from a file with one of these names is never
 * taken as a metadata or attribute name: assigned to a plain object it would change its
 * prototype, and no annotation scheme means them.
 */
const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function isReservedKey(key: string): boolean {
  return RESERVED_KEYS.has(key);
}

export class JsonSyntaxError extends Error {
  constructor(message: string, readonly line: number | undefined) { super(message); this.name = 'JsonSyntaxError'; }
}

/**
 * Deepest nesting of arrays and objects read. Annotation files nest a dozen levels; deeper
 * values would overflow the stack of recursive code further on (JSON.stringify in a message).
 */
export const MAX_JSON_DEPTH = 1000;

/** Most items in one array (or keys in one object) read: as many spans as a layer may hold. */
export const MAX_JSON_ITEMS = 1_000_000;

/**
 * Parses JSON, throwing a JsonSyntaxError that says where; JSON nested deeper than
 * MAX_JSON_DEPTH or with an array or object over MAX_JSON_ITEMS is refused the same way.
 */
export function parseJson(text: string): unknown {
  let value: unknown;
  try { value = JSON.parse(text); } catch (e) {
    const message = (e as Error).message;
    throw new JsonSyntaxError(`not valid JSON (${message})`, jsonErrorLine(text, message));
  }
  const tooBig = shapeProblem(value);
  if (tooBig) throw new JsonSyntaxError(tooBig, undefined);
  return value;
}

/** Why a parsed value is too deep or too big to read, or null; iterative, so no depth overflows it. */
function shapeProblem(root: unknown): string | null {
  const count = (n: number) => n.toLocaleString('en-US');
  // Two parallel stacks: no object allocated per value visited (this walk runs on every import).
  const values: unknown[] = [root];
  const depths: number[] = [0];
  while (values.length) {
    const value = values.pop() as Record<string, unknown> | unknown[];
    const depth = depths.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_JSON_DEPTH) return `JSON nested more than ${count(MAX_JSON_DEPTH)} levels deep; Tagwerk reads up to ${count(MAX_JSON_DEPTH)}`;
    let items = 0;
    if (Array.isArray(value)) {
      items = value.length;
      if (items <= MAX_JSON_ITEMS) for (const item of value) if (typeof item === 'object' && item !== null) { values.push(item); depths.push(depth + 1); }
    } else {
      for (const key in value) {
        if (++items > MAX_JSON_ITEMS) break;
        const item = value[key];
        if (typeof item === 'object' && item !== null) { values.push(item); depths.push(depth + 1); }
      }
    }
    if (items > MAX_JSON_ITEMS) {
      return Array.isArray(value)
        ? `a JSON array of ${count(items)} items; Tagwerk reads up to ${count(MAX_JSON_ITEMS)} in one array or object`
        : `a JSON object of more than ${count(MAX_JSON_ITEMS)} keys; Tagwerk reads up to ${count(MAX_JSON_ITEMS)} in one array or object`;
    }
  }
  return null;
}

/** Parses and validates JSON; throws an Error whose message names the first problem. */
export function parseJsonAs<S extends z.ZodType>(schema: S, text: string, whole: string): z.infer<S> {
  const parsed = schema.safeParse(parseJson(text));
  if (!parsed.success) throw new Error(firstIssue(parsed.error, whole));
  return parsed.data;
}

/**
 * The 1-based line of a JSON.parse error: from the position or line the engine names (older V8,
 * Firefox), else by finding the excerpt around the error that V8 quotes ("…" plus about ten
 * characters before the unexpected token).
 */
export function jsonErrorLine(source: string, message: string): number | undefined {
  const lineOf = (pos: number) => source.slice(0, pos).split('\n').length;
  const line = /line (\d+)/.exec(message);
  if (line) return Number(line[1]);
  const pos = /position (\d+)/.exec(message);
  if (pos) return lineOf(Number(pos[1]));
  if (/end of JSON input/.test(message)) return lineOf(source.length);
  const excerpt = /"(\.\.\.)?([\s\S]*?)(\.\.\.)?" is not valid JSON$/.exec(message);
  const at = excerpt ? source.indexOf(excerpt[2]) : -1;
  if (at < 0) return undefined;
  const token = /Unexpected token '([\s\S])'/.exec(message)?.[1];
  const within = token ? excerpt![2].indexOf(token, excerpt![1] ? 8 : 0) : -1;
  return lineOf(at + (within >= 0 ? within : 0));
}
