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
export class JsonSyntaxError extends Error {
  constructor(message: string, readonly line: number | undefined) { super(message); this.name = 'JsonSyntaxError'; }
}

/** Parses JSON, throwing a JsonSyntaxError that says where. */
export function parseJson(text: string): unknown {
  try { return JSON.parse(text); } catch (e) {
    const message = (e as Error).message;
    throw new JsonSyntaxError(`not valid JSON (${message})`, jsonErrorLine(text, message));
  }
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
