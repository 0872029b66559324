import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JsonSyntaxError, jsonErrorLine, parseJson, parseJsonAs } from './json-input';

describe('parseJson and parseJsonAs', () => {
  it('names the line of a syntax error in a multi-line file', () => {
    const text = '[\n  {"text": "Baku"},\n  {"text": }\n]';
    let error: unknown;
    try { parseJson(text); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(JsonSyntaxError);
    expect((error as JsonSyntaxError).message).toMatch(/^not valid JSON \(/);
    expect((error as JsonSyntaxError).line).toBe(3);
    expect(jsonErrorLine('{"a": 1', 'Unexpected end of JSON input')).toBe(1);
  });

  it('names the path of the first problem, or the whole value', () => {
    const schema = z.object({ text: z.string(), spans: z.array(z.object({ start: z.number() })) });
    expect(() => parseJsonAs(schema, '{"text": "x", "spans": [{"start": "0"}]}', 'record')).toThrow(/^spans\.0\.start: /);
    expect(() => parseJsonAs(z.array(z.number()), '{}', 'record')).toThrow(/^record: /);
    expect(parseJsonAs(schema, '{"text": "x", "spans": []}', 'record')).toEqual({ text: 'x', spans: [] });
  });
});
