import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LayerFileSchema, type Layer } from './annotation';
import { FileFormatError, loadFile } from './migrate';
import { plainLayer } from './plain-layer';

const corpora = join(__dirname, '../../../../shared/corpora');
const SHA = 'e40513d5b91acd2a'.padEnd(64, '0');
const DATE = '2026-11-01T10:00:00.000Z';

/** Layer files as Tagwerk writes them (JSON text), made from the HIPE-2020 articles and their entities. */
function hipeLayerTexts(): string[] {
  const out: string[] = [];
  for (const file of readdirSync(join(corpora, 'hipe2020/jsonl'))) {
    for (const line of readFileSync(join(corpora, 'hipe2020/jsonl', file), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as { id: string; spans: { start: number; end: number; label: string; layer: string; text: string }[] };
      const spans = r.spans.map((s, i) => ({
        id: `s_${i}`, start: s.start, end: s.end, label: s.label, quote: s.text,
        attributes: i % 3 ? { layer: s.layer } : { layer: s.layer, count_min: i, confirmed: i % 2 === 0, source: null },
        ...(i % 5 === 0 ? { note: `Anmerkung zu ${s.text}` } : {}),
        ...(i % 7 === 0 ? { origin: { annotators: ['anna', 'ben'], spanIds: ['a1', 'b2'], decision: 'accepted' } } : {}),
        createdAt: DATE, modifiedAt: DATE,
      }));
      const layer = {
        schemaVersion: 1, kind: 'tagwerk-layer', documentId: r.id, annotator: 'anna-mueller', textSha256: SHA, offsetUnit: 'codepoint',
        status: 'done', spans,
        relations: spans.length > 1 ? [{ id: 'r1', type: 'located_in', from: spans[0].id, to: spans[1].id, createdAt: DATE, modifiedAt: DATE }] : [],
        ...(out.length % 4 === 0 ? { dismissed: ['actor:1:5'], rejected: ['x'], comments: [{ id: 'c1', target: { annotator: 'ben', spanId: 's_0', start: 1, end: 4, label: 'actor' }, text: 'Wirklich?', createdAt: DATE, modifiedAt: DATE }] } : {}),
      };
      out.push(`${JSON.stringify(layer, null, 2)}\n`);
    }
  }
  return out;
}

/** What zod makes of `raw`: the layer, or null when it rejects it. */
function zodLayer(raw: unknown): Layer | null {
  const parsed = LayerFileSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** The fast validator gave a layer only if zod accepts the input, and then the same layer, keys in the same order. */
function expectSameAsZod(raw: unknown): Layer | null {
  const fast = plainLayer(raw);
  if (fast !== null) {
    const slow = zodLayer(raw);
    expect(slow).not.toBeNull();
    expect(JSON.stringify(fast)).toBe(JSON.stringify(slow));
    expect(fast).toStrictEqual(slow);
  }
  return fast;
}

// ── Random layers: valid ones, and valid ones with a few things changed anywhere in them ──

const id = (max: number) => fc.string({ minLength: 1, maxLength: 6 }).map((x) => x.slice(0, max));
const date = fc.constantFrom(DATE, '', 'gestern');
const attributes = fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string({ maxLength: 6 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null)), { maxKeys: 3, noNullPrototype: true });
const origin = fc.record({
  annotators: fc.array(id(80), { maxLength: 2 }), spanIds: fc.array(id(80), { maxLength: 2 }), decision: fc.constantFrom('accepted', 'edited', 'added'),
}, { noNullPrototype: true });
const span = fc.record({
  id: id(80), start: fc.nat(5000), length: fc.integer({ min: 1, max: 50 }), label: id(40), quote: fc.string({ maxLength: 8 }), attributes,
  note: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }), origin: fc.option(origin, { nil: undefined, freq: 4 }), createdAt: date, modifiedAt: date,
}, { noNullPrototype: true }).map(({ length, note, origin: o, ...s }) => ({
  id: s.id, start: s.start, end: s.start + length, label: s.label, quote: s.quote, attributes: s.attributes,
  ...(note === undefined ? {} : { note }), ...(o === undefined ? {} : { origin: o }), createdAt: s.createdAt, modifiedAt: s.modifiedAt,
}));
const relation = fc.record({ id: id(80), type: id(40), from: id(80), to: id(80), createdAt: date, modifiedAt: date }, { noNullPrototype: true });
const comment = fc.record({
  id: id(80), target: fc.record({ annotator: id(80), spanId: id(80), start: fc.nat(100), end: fc.integer({ min: 1, max: 200 }), label: id(40) }),
  text: fc.string({ minLength: 1, maxLength: 8 }), createdAt: date, modifiedAt: date,
}, { noNullPrototype: true });
const validLayer = fc.record({
  documentId: fc.string({ maxLength: 6 }), annotator: fc.string({ maxLength: 6 }), status: fc.constantFrom('not_started', 'in_progress', 'done'),
  spans: fc.array(span, { maxLength: 4 }), relations: fc.array(relation, { maxLength: 2 }),
  rejected: fc.option(fc.array(fc.string({ maxLength: 6 }), { maxLength: 2 }), { nil: undefined }),
  dismissed: fc.option(fc.array(fc.constantFrom('actor:1:5', 'location:0:12'), { maxLength: 2 }), { nil: undefined }),
  comments: fc.option(fc.array(comment, { maxLength: 2 }), { nil: undefined }),
}, { noNullPrototype: true }).map(({ rejected, dismissed, comments, ...l }) => ({
  schemaVersion: 1, kind: 'tagwerk-layer', documentId: l.documentId, annotator: l.annotator, textSha256: SHA, offsetUnit: 'codepoint', status: l.status,
  spans: l.spans, relations: l.relations,
  ...(rejected ? { rejected } : {}), ...(dismissed ? { dismissed } : {}), ...(comments ? { comments } : {}),
}));

/** Values at and beyond every limit of the schema, of every type, and oddities. */
const odd = fc.constantFrom<unknown>(
  undefined, null, -1, -0, 0, 1, 0.5, 2 ** 53, Infinity, NaN, true, '', 'x', 'a'.repeat(40), 'a'.repeat(41), 'a'.repeat(80), 'a'.repeat(81),
  'a'.repeat(10_001), 'a'.repeat(20_001), 'finished', 'actor:1', 'Actor:1:5', SHA.toUpperCase(), 'tagwerk-document', 2,
  [], [1], [''], [null], ['a'.repeat(81)], {}, { a: 1 }, { a: [1] }, { ['k'.repeat(41)]: 1 }, new Date(0), new Map(),
);
const KEYS = ['schemaVersion', 'kind', 'documentId', 'annotator', 'textSha256', 'offsetUnit', 'status', 'spans', 'relations', 'rejected', 'dismissed',
  'comments', 'id', 'start', 'end', 'label', 'quote', 'attributes', 'note', 'origin', 'createdAt', 'modifiedAt', 'annotators', 'spanIds', 'decision',
  'type', 'from', 'to', 'target', 'spanId', 'text', 'unknownKey', '__proto__', '0'];
/** A change at one place of a layer: a key set to an odd value, deleted, set to undefined, or moved to the end. */
const change = fc.record({ at: fc.nat(), key: fc.constantFrom(...KEYS), how: fc.constantFrom('set', 'set', 'delete', 'undefined', 'move'), value: odd }, { noNullPrototype: true });
type Change = { at: number; key: string; how: string; value: unknown };

/** Every object and array inside `value`, itself first. */
function places(value: unknown, out: object[] = []): object[] {
  if (typeof value === 'object' && value !== null && !(value instanceof Date) && !(value instanceof Map)) {
    out.push(value);
    for (const v of Object.values(value)) places(v, out);
  }
  return out;
}

function applyChange(layer: object, { at, key, how, value: shared }: Change): void {
  // A fresh copy: the odd values are shared between runs.
  const value = shared instanceof Date ? new Date(0) : shared instanceof Map ? new Map() : typeof shared === 'object' && shared !== null ? structuredClone(shared) : shared;
  const all = places(layer);
  const target = all[at % all.length] as Record<string, unknown>;
  const k = Array.isArray(target) ? String(at % (target.length + 1)) : key;
  if (how === 'delete') delete target[k];
  else if (how === 'undefined') target[k] = undefined;
  else if (how === 'move') { const v = target[k]; delete target[k]; if (v !== undefined) target[k] = v; }
  else if (k === '__proto__') Object.defineProperty(target, k, { value, enumerable: true, configurable: true, writable: true });
  else target[k] = value;
}

const randomLayer = fc.tuple(validLayer, fc.array(change, { maxLength: 3 })).map(([layer, changes]) => {
  for (const c of changes) applyChange(layer, c);
  return layer;
});

describe('plainLayer', () => {
  it('gives what the zod schema gives for layer files made from the HIPE-2020 articles, without falling back', () => {
    const texts = hipeLayerTexts();
    expect(texts.length).toBeGreaterThan(100);
    for (const text of texts) expect(expectSameAsZod(JSON.parse(text))).not.toBeNull();
  });

  it('never accepts what the zod schema rejects, and otherwise gives the same layer, on random layers', () => {
    let accepted = 0, rebuilt = 0, runs = 0;
    fc.assert(fc.property(randomLayer, (raw) => {
      runs++;
      const fast = expectSameAsZod(raw);
      if (fast) accepted++;
      if (fast && fast !== raw) rebuilt++;
      // The same through JSON text, as files are read (an own __proto__ key, no undefined).
      expectSameAsZod(JSON.parse(JSON.stringify(raw) ?? 'null'));
    }), { numRuns: 20_000 });
    // Not vacuous: many of the random layers are valid and taken by the fast path.
    expect(accepted / runs).toBeGreaterThan(0.3);
    // Some of them with keys zod drops or puts in order: those are made anew, as zod makes them.
    expect(rebuilt / runs).toBeGreaterThan(0.01);
  });

  it('gives up on anything that is not a plain JSON object', () => {
    expect(plainLayer(null)).toBeNull();
    expect(plainLayer([])).toBeNull();
    const raw = JSON.parse(hipeLayerTexts()[0]) as Layer;
    expect(plainLayer(Object.assign(Object.create({ inherited: 1 }) as object, raw))).toBeNull();
    expect(plainLayer({ ...raw, spans: [{ ...raw.spans[0], attributes: new Map() }] })).toBeNull();
  });
});

describe('loadFile with the fast path', () => {
  it('rejects bad layers with the message the zod schema gives', () => {
    const raw = JSON.parse(hipeLayerTexts()[1]) as Layer;
    const bad: [unknown, string][] = [
      [{ ...raw, spans: [{ ...raw.spans[0], end: raw.spans[0].start }] }, 'is invalid at spans.0: end must be greater than start'],
      [{ ...raw, spans: [{ ...raw.spans[0], label: 'x'.repeat(41) }] }, 'is invalid at spans.0.label: '],
      [{ ...raw, spans: [{ ...raw.spans[0], attributes: { k: [1] } }] }, 'is invalid at spans.0.attributes.k: '],
      [{ ...raw, textSha256: 'abc' }, 'is invalid at textSha256: '],
      [{ ...raw, status: 'finished' }, 'is invalid at status: '],
      [{ ...raw, relations: undefined }, 'is invalid at relations: '],
      [{ ...raw, dismissed: ['nope'] }, 'is invalid at dismissed.0: '],
    ];
    for (const [input, start] of bad) {
      let message = '';
      try { loadFile('tagwerk-layer', input); } catch (err) { expect(err).toBeInstanceOf(FileFormatError); message = (err as Error).message; }
      expect(message.startsWith(start)).toBe(true);
      const issue = LayerFileSchema.safeParse(input).error!.issues[0];
      expect(message).toBe(`is invalid at ${issue.path.join('.')}: ${issue.message}`);
    }
  });

  it('returns a valid layer as zod does, unknown keys dropped', () => {
    const raw = { ...JSON.parse(hipeLayerTexts()[2]) as Layer, extra: true };
    const loaded = loadFile('tagwerk-layer', raw);
    expect(JSON.stringify(loaded)).toBe(JSON.stringify(LayerFileSchema.parse(raw)));
    expect('extra' in loaded).toBe(false);
  });
});
