import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cp, cpSlice, documentOf, EMOJI_ITEM, EMOJI_TEXT, expectGolden, readFixture, runExport, seed003, seed003Item, spanOf } from '../../../tests/fixtures/formats/kit';
import type { ExportContext, ExportItem } from './export-format';
import { anchorW3cSpan, detectW3c, parseW3cAnnotations, w3cExport, type W3cSpanAnnotation } from './w3c';

const ANNO = 'http://www.w3.org/ns/anno.jsonld';

/*
 * The MUST rules of the Web Annotation Data Model (W3C Recommendation 2017-02-23) for what Tagwerk
 * writes, as a zod schema. Section numbers refer to the Recommendation.
 */
const Iri = z.string().regex(/^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/, 'an IRI');
const typed = (name: string) => z.union([z.literal(name), z.array(z.string()).refine((t) => t.includes(name), `types include ${name}`)]);
/** xsd:dateTime with the UTC timezone expressed as "Z" (§3.3.1: created, modified, generated). */
const UtcDateTime = z.string().regex(/^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, 'xsd:dateTime in UTC with Z');
const MOTIVATIONS = ['assessing', 'bookmarking', 'classifying', 'commenting', 'describing', 'editing', 'highlighting',
  'identifying', 'linking', 'moderating', 'questioning', 'replying', 'tagging'] as const;
const Motivation = z.enum(MOTIVATIONS);
/** §3.3.2: an Agent MUST NOT have more than 1 IRI; its classes come from the model's list. */
const Agent = z.union([Iri, z.object({ id: Iri.optional(), type: z.enum(['Person', 'Organization', 'Software']).optional(), name: z.string().optional(), nickname: z.string().optional() })]);
/** §3.2.4: a Textual Body has exactly 1 value; §3.3.5: purposes are Motivations. */
const TextualBody = z.strictObject({ type: z.literal('TextualBody'), value: z.string(), purpose: Motivation.optional(), format: z.string().optional(), language: z.string().optional() });
/** §4.2.4: exactly 1 type and exact; at most 1 prefix and suffix. */
const TextQuoteSelector = z.strictObject({ type: z.literal('TextQuoteSelector'), exact: z.string(), prefix: z.string().optional(), suffix: z.string().optional() });
/** §4.2.5: exactly 1 type, start and end, each a non-negative integer. */
const TextPositionSelector = z.strictObject({ type: z.literal('TextPositionSelector'), start: z.number().int().nonnegative(), end: z.number().int().nonnegative() });
const Selector = z.union([TextQuoteSelector, TextPositionSelector]);
/** §4: a Specific Resource has exactly 1 source. */
const SpecificResource = z.strictObject({ type: z.literal('SpecificResource').optional(), source: Iri, selector: z.union([Selector, z.array(Selector).min(1)]) });
/** §3.1: exactly 1 IRI, the Annotation type, 1 or more targets; §3.3.1: at most 1 created/modified. */
const Annotation = z.object({
  '@context': z.never().optional(), // inherited from the collection, like the spec's embedded-page example
  id: Iri,
  type: typed('Annotation'),
  motivation: Motivation.optional(),
  created: UtcDateTime.optional(),
  modified: UtcDateTime.optional(),
  creator: Agent.optional(),
  body: z.union([TextualBody, Iri, z.array(z.union([TextualBody, Iri])).min(1)]).optional(),
  target: z.union([Iri, SpecificResource, z.array(z.union([Iri, SpecificResource])).min(1)]),
  'tagwerk:attributes': z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});
/** §5.2: an embedded page SHOULD NOT have @context; exactly 1 IRI and type; 1 or more items; at most 1 startIndex. */
const AnnotationPage = z.strictObject({ id: Iri, type: typed('AnnotationPage'), startIndex: z.number().int().nonnegative().optional(), items: z.array(Annotation).min(1), partOf: Iri.optional(), next: Iri.optional() });
/** §5.1: @context includes anno.jsonld (a single value as a string); exactly 1 IRI and type; label a string; total an integer; `first` when total > 0. */
const AnnotationCollection = z.strictObject({
  '@context': z.union([z.literal(ANNO), z.array(z.union([z.string(), z.record(z.string(), z.unknown())])).min(2).refine((c) => c.includes(ANNO), 'includes anno.jsonld')]),
  id: Iri,
  type: typed('AnnotationCollection'),
  label: z.string().optional(),
  total: z.number().int().nonnegative().optional(),
  first: z.union([Iri, AnnotationPage]).optional(),
  last: Iri.optional(),
}).refine((c) => !c.total || c.first !== undefined, 'a collection with annotations has a first page')
  .refine((c) => typeof c.first !== 'object' || c.total === c.first.items.length, 'total counts the items');

/** Runs the W3C writer over `items`: the collection's JSON, how many chunks it came in, the warnings. */
function exportW3c(items: ExportItem[], over: Partial<ExportContext> = {}) {
  const { main, chunks, warnings } = runExport(w3cExport, items, over);
  return { json: main, chunks: chunks.length, warnings };
}
type Anno = z.infer<typeof Annotation>;
const itemsOf = (json: string): Anno[] => {
  const c = AnnotationCollection.parse(JSON.parse(json));
  return typeof c.first === 'object' ? c.first.items : [];
};
/** The quote, prefix and suffix of each span annotation agree with the text at its code point position. */
function expectSelectorsAgree(annotation: Anno, text: string): void {
  const target = annotation.target as z.infer<typeof SpecificResource>;
  const [quote, position] = target.selector as [z.infer<typeof TextQuoteSelector>, z.infer<typeof TextPositionSelector>];
  expect(cpSlice(text, position.start, position.end)).toBe(quote.exact);
  expect(cpSlice(text, Math.max(0, position.start - 32), position.start)).toBe(quote.prefix);
  expect(cpSlice(text, position.end, position.end + 32)).toBe(quote.suffix);
}

const SEED = seed003();
const NOTE = '„mehr als 6.500“: at least 6500\nnormalised, confirmed by the annotator';
const SEED_ITEM = seed003Item({ attributes: { count_min: 6500, outcome: 'killed' }, note: NOTE });
const GOLDEN = 'w3c/003-6a4deb1d.jsonld';

describe('w3cExport', () => {
  it('writes an AnnotationCollection that meets the model\'s MUST rules, selectors agreeing with the text', () => {
    const { json, chunks } = exportW3c([SEED_ITEM, { ...EMOJI_ITEM, spans: [] }, EMOJI_ITEM]);
    expect(chunks).toBe(4); // head, two documents with annotations, tail
    const items = itemsOf(json);
    expect(items).toHaveLength(8);
    for (const a of items.filter((x) => x.motivation === 'tagging')) {
      const doc = (a.target as { source: string }).source.endsWith('emoji') ? EMOJI_TEXT : SEED.text;
      expectSelectorsAgree(a, doc);
    }
    const ids = items.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    const toten = items.find((a) => a.id === 'urn:tagwerk:003-6a4deb1d4d02bbfd-b03c0314:anna:toten')!;
    expect(toten.body).toEqual([
      { type: 'TextualBody', purpose: 'tagging', value: 'casualty_figure' },
      { type: 'TextualBody', purpose: 'commenting', value: NOTE, format: 'text/plain' },
    ]);
    expect(toten['tagwerk:attributes']).toEqual({ count_min: 6500, outcome: 'killed' });
    expect(toten.creator).toEqual({ id: 'urn:tagwerk:annotator:anna', type: 'Person', nickname: 'anna' });
    const link = items.find((a) => a.motivation === 'linking')!;
    expect(link.target).toBe('urn:tagwerk:003-6a4deb1d4d02bbfd-b03c0314:anna:claim');
    expect(link.body).toEqual([{ type: 'TextualBody', purpose: 'tagging', value: 'attributed_to' }, 'urn:tagwerk:003-6a4deb1d4d02bbfd-b03c0314:anna:alijew']);
    for (const end of [link.target, (link.body as unknown[])[1]]) expect(ids).toContain(end);
  });

  it('writes code points in TextPositionSelector, as the model requires, even when UTF-16 is asked for', () => {
    const { json, warnings } = exportW3c([EMOJI_ITEM], { unit: 'utf16' });
    expect(warnings).toEqual(['w3c: TextPositionSelector offsets are code points, as the Web Annotation Data Model requires; the UTF-16 request does not apply']);
    const positions = itemsOf(json).map((a) => ((a.target as { selector: { start?: number }[] }).selector[1]).start);
    expect(positions).toEqual([24, 40, 51]);
    expect(cpSlice(EMOJI_TEXT, 51, 60)).toBe('12 Tote 😢');
  });

  it('writes a valid empty collection (no page: a page needs 1 or more items) when nothing is annotated', () => {
    const { json } = exportW3c([{ ...EMOJI_ITEM, spans: [] }]);
    expect(AnnotationCollection.parse(JSON.parse(json))).toEqual({ '@context': [ANNO, { tagwerk: 'urn:tagwerk:vocab:', '@vocab': 'urn:tagwerk:vocab:' }], id: 'urn:tagwerk:export', type: 'AnnotationCollection', label: 'Tagwerk annotations', total: 0 });
  });

  it('leaves out times it cannot read as a date rather than write an invalid xsd:dateTime', () => {
    const item = { ...EMOJI_ITEM, spans: [{ ...EMOJI_ITEM.spans[0], createdAt: 'yesterday', modifiedAt: '2025-07-01T12:00:00+02:00' }] };
    const [a] = itemsOf(exportW3c([item]).json);
    expect(a.created).toBeUndefined();
    expect(a.modified).toBe('2025-07-01T10:00:00.000Z');
  });

  it('matches tests/fixtures/formats/w3c/003-6a4deb1d.jsonld byte for byte', () => {
    expectGolden(GOLDEN, exportW3c([SEED_ITEM, EMOJI_ITEM]).json);
  });

  it('gives positions that Python slices to the exact quote', () => {
    if (spawnSync('python3', ['--version']).status !== 0) return; // python3 is on every machine of this project
    const script = 'import json, sys\n'
      + 'doc = json.load(sys.stdin)\n'
      + 'texts = json.loads(sys.argv[1])\n'
      + 'for a in doc["first"]["items"]:\n'
      + '    t = a["target"]\n'
      + '    if isinstance(t, dict):\n'
      + '        q, p = t["selector"]\n'
      + '        assert texts[t["source"]][p["start"]:p["end"]] == q["exact"], a["id"]\n'
      + 'print("ok")';
    const texts = { 'urn:tagwerk:document:003-6a4deb1d4d02bbfd-b03c0314': SEED.text, 'urn:tagwerk:document:emoji': EMOJI_TEXT };
    const out = spawnSync('python3', ['-c', script, JSON.stringify(texts)], { input: readFixture(GOLDEN) });
    expect(out.stderr.toString()).toBe('');
    expect(out.stdout.toString()).toBe('ok\n');
  });
});

describe('parseW3cAnnotations and anchorW3cSpan', () => {
  it('reads the golden export back: document ids, span ids, annotator, label, attributes, note, relation', () => {
    const { spans, relations, problems } = parseW3cAnnotations('export.jsonld', readFixture(GOLDEN));
    expect(problems).toEqual([]);
    expect(spans).toHaveLength(7);
    const toten = spans.find((s) => s.spanId === 'toten')!;
    expect(toten).toMatchObject({
      documentId: '003-6a4deb1d4d02bbfd-b03c0314', annotator: 'anna', label: 'casualty_figure',
      attributes: { count_min: 6500, outcome: 'killed' }, note: NOTE, position: { start: 1390, end: 1410 },
    });
    expect(relations).toEqual([{ iri: 'urn:tagwerk:003-6a4deb1d4d02bbfd-b03c0314:anna:r1', type: 'attributed_to',
      from: 'urn:tagwerk:003-6a4deb1d4d02bbfd-b03c0314:anna:claim', to: 'urn:tagwerk:003-6a4deb1d4d02bbfd-b03c0314:anna:alijew', annotator: 'anna' }]);
    for (const s of spans) {
      const text = s.documentId === 'emoji' ? EMOJI_TEXT : SEED.text;
      const at = anchorW3cSpan(text, s)!;
      expect(cpSlice(text, at.start, at.end)).toBe(s.quote!.exact);
    }
  });

  it('anchors by quote with prefix and suffix when the positions no longer fit the text', () => {
    const text = 'Baku sagt: Baku. Eriwan sagt: Baku!';
    const moved = `Vorwort. ${text}`;
    const third: Pick<W3cSpanAnnotation, 'quote' | 'position'> = { quote: { exact: 'Baku', prefix: 'Eriwan sagt: ', suffix: '!' }, position: cp(text, 'Baku', 2) };
    expect(anchorW3cSpan(text, third)).toEqual(cp(text, 'Baku', 2));
    expect(anchorW3cSpan(moved, third)).toEqual(cp(moved, 'Baku', 2));
    expect(anchorW3cSpan(moved, { quote: { exact: 'Baku' }, position: cp(moved, 'Baku', 1) })).toEqual(cp(moved, 'Baku', 1));
    expect(anchorW3cSpan(moved, { quote: { exact: 'Bonn' } })).toBeNull();
    expect(anchorW3cSpan('😢 Baku', { position: { start: 2, end: 6 } })).toEqual({ start: 2, end: 6 });
  });

  it('reads annotations from other clients: one Annotation, a comment without a tag, a plain source IRI', () => {
    const hypothesis = {
      '@context': ANNO, id: 'https://hyp.example/a/1', type: 'Annotation', motivation: 'commenting', creator: 'acct:lea@hyp.example',
      bodyValue: 'Zahl prüfen', target: { source: 'https://news.example/artikel', selector: { type: 'TextQuoteSelector', exact: '6.500 Toten', prefix: 'mehr als ' } },
    };
    const { spans, problems } = parseW3cAnnotations('a.json', JSON.stringify(hypothesis));
    expect(problems).toEqual([]);
    expect(spans).toEqual([{ iri: 'https://hyp.example/a/1', documentId: null, source: 'https://news.example/artikel', spanId: 'https://hyp.example/a/1',
      annotator: 'acct:lea@hyp.example', label: 'commenting', attributes: {}, note: 'Zahl prüfen', quote: { exact: '6.500 Toten', prefix: 'mehr als ' } }]);
    expect(anchorW3cSpan(SEED.text, spans[0])).toEqual(cp(SEED.text, '6.500 Toten'));
  });

  it('reads only what a layer can hold: long IRIs become span ids of 80 characters, other excess is refused (found by tests/integration/importer-fuzz.test.ts)', () => {
    // Before, each of these was read and stored as it was, and the layer written did not load again.
    const target = { source: 'https://news.example/artikel', selector: { type: 'TextQuoteSelector', exact: 'Baku' } };
    const tagged = (id: string, more: object = {}) => ({ id, type: 'Annotation', motivation: 'tagging', body: { type: 'TextualBody', purpose: 'tagging', value: 'location' }, target, ...more });
    const base = `https://annotations.example/${'x'.repeat(120)}/`;
    const { spans, problems } = parseW3cAnnotations('long.jsonld', JSON.stringify([tagged(`${base}1`), tagged(`${base}2`), tagged('urn:short')]));
    expect(problems).toEqual([]);
    expect(spans.map((s) => s.spanId.length)).toEqual([80, 80, 9]);
    expect(new Set(spans.map((s) => s.spanId)).size).toBe(3);
    expect(spans[0].spanId.endsWith(`${'x'.repeat(40)}/1`)).toBe(true);

    const link = (tag: string) => ({ id: 'urn:l', type: 'Annotation', motivation: 'linking', body: [{ type: 'TextualBody', purpose: 'tagging', value: tag }, 'urn:b'], target: 'urn:a' });
    const cases: [object, string][] = [
      [link(''), 'annotation 1 (urn:l): its tag "" does not fit a Tagwerk relation type (1 to 40 characters)'],
      [link('r'.repeat(41)), 'its tag "rrrr'],
      [tagged('urn:a', { 'tagwerk:attributes': { certainty: 'x'.repeat(10_001) } }), 'annotation 1 (urn:a): tagwerk:attributes "certainty": "xxxx'],
      [tagged('urn:a', { 'tagwerk:attributes': { ['k'.repeat(41)]: 1 } }), 'does not fit a Tagwerk attribute (names up to 40 characters'],
      [tagged('urn:a', { bodyValue: 'n'.repeat(100_001) }), 'its comments are longer than a Tagwerk note may be'],
    ];
    for (const [bad, message] of cases) {
      const result = parseW3cAnnotations('bad.jsonld', JSON.stringify(bad));
      expect(result.spans).toEqual([]);
      expect(result.relations).toEqual([]);
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0].message).toContain(message);
    }
  });

  it('names file, line and problem, and reads nothing from a file with a bad annotation', () => {
    const cases: [string, string][] = [
      ['{\n  "type": "Annotation",\n  "id": }', 'not valid JSON'],
      [JSON.stringify({ '@context': ANNO, id: 'urn:x', type: 'AnnotationCollection', first: 'urn:x:page1' }), 'the collection\'s first page is only referenced'],
      [JSON.stringify([{ id: 'urn:a', type: 'Annotation', target: 'urn:doc' }, { id: 'urn:b', type: 'Annotation', target: { source: 'urn:doc', selector: { type: 'TextQuoteSelector', exact: 'x' } } }]),
        'annotation 1 (urn:a): its target has no source with a TextQuoteSelector or TextPositionSelector'],
      [JSON.stringify({ id: 'urn:a', type: 'Annotation', target: { source: 'urn:doc', selector: { type: 'TextPositionSelector', start: 5, end: 2 } } }), 'TextPositionSelector needs non-negative integer start <= end'],
      [JSON.stringify({ id: 'urn:a', type: 'Annotation', motivation: 'linking', target: 'urn:x' }), 'a linking annotation needs a target and a body'],
      [JSON.stringify({ id: 'urn:a', type: 'Highlight' }), 'not an Annotation'],
    ];
    for (const [bad, message] of cases) {
      const result = parseW3cAnnotations('bad.jsonld', bad);
      expect(result.spans).toEqual([]);
      expect(result.relations).toEqual([]);
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0].fileName).toBe('bad.jsonld');
      expect(result.problems[0].message).toContain(message);
      if (message === 'not valid JSON') expect(result.problems[0].line).toBe(3);
    }
  });

  it('recognises W3C annotation files', () => {
    expect(detectW3c('export.jsonld', readFixture(GOLDEN).slice(0, 2000))).toBe(true);
    expect(detectW3c('a.json', '{"type": "Annotation", "target": "x"}')).toBe(true);
    expect(detectW3c('a.json', '[{"data": {"text": "x"}, "annotations": []}]')).toBe(false);
  });
});

describe('W3C round trip', () => {
  const piece = fc.constantFrom('a', 'Z', ' ', '\n', 'é', 'e\u0301', '👍🏽', '👩🏽‍⚕️', '„', '“', '"', ',', '6.500', '\\', '𝔘');
  const arbItem = fc.array(piece, { minLength: 1, maxLength: 60 }).map((p) => p.join('')).chain((text) => {
    const n = Array.from(text).length;
    return fc.tuple(fc.constant(text), fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.constantFrom('actor', 'claim'), fc.option(fc.integer(), { nil: undefined })), { maxLength: 6 }));
  }).map(([text, raw]): ExportItem => ({
    document: documentOf('gen', text),
    spans: raw.map(([a, b, label, count], i) => spanOf(text, `s${i}`, { start: Math.min(a, b), end: Math.max(a, b) + 1 }, label, count === undefined ? {} : { count })),
    relations: [],
  }));

  it('valid by the model, and parse + anchor gives back every span for generated texts', () => {
    fc.assert(fc.property(arbItem, (item) => {
      const { json } = exportW3c([item]);
      AnnotationCollection.parse(JSON.parse(json));
      const { spans, problems } = parseW3cAnnotations('gen.jsonld', json);
      expect(problems).toEqual([]);
      expect(spans.map((s) => ({ id: s.spanId, ...anchorW3cSpan(item.document.text, s)!, label: s.label, attributes: s.attributes })))
        .toEqual(item.spans.map((s) => ({ id: s.id, start: s.start, end: s.end, label: s.label, attributes: s.attributes })).sort((x, y) => x.start - y.start || y.end - x.end || x.id.localeCompare(y.id)));
    }), { numRuns: 200 });
  });
});
