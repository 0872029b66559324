/**
 * Tagwerk JSONL is the lossless format: for generated texts (emoji, combining marks, line breaks)
 * and generated layers of two annotators, importing an export into a fresh project gives back
 * every span (offsets, label, attributes, note), its annotator and every relation, in either
 * offset unit.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { ExportItem } from '../../src/shared/formats/export-format';
import { jsonlExport } from '../../src/shared/formats/jsonl';
import { documentOf, rel, runExport, spanOf } from '../fixtures/formats/kit';
import { importPaths, makeTempDir, newProject, removeTempDirs } from './project-fixtures';

afterAll(removeTempDirs);

const piece = fc.constantFrom('a', 'Z', ' ', '\n', '\n\n', 'é', 'e\u0301', '👍🏽', '👩🏽‍⚕️', '„', '“', '"', ',', '6.500', '\t', '\\', '𝔘', 'ß', 'Ağdam');
const value = fc.oneof(fc.constantFrom('killed', 'wounded', 'ja „sicher“', ''), fc.integer({ min: -5, max: 100_000 }), fc.boolean());
const arbItem = fc.array(piece, { minLength: 1, maxLength: 30 }).map((p) => p.join('')).chain((text) => {
  const n = Array.from(text).length;
  const arbSpan = fc.record({
    a: fc.nat(n - 1), b: fc.nat(n - 1),
    label: fc.constantFrom('actor', 'claim', 'location', 'casualty_figure'),
    // Casualty figures imported without any figure attribute are normalised on import
    // (casualty-spans.test.ts); here each carries `outcome` so that the round trip is an identity.
    attributes: fc.dictionary(fc.constantFrom('outcome', 'count_min', 'certain'), value, { maxKeys: 2 }),
    note: fc.option(fc.constantFrom('unsicher', 'Quelle? <b>nicht</b> belegt', 'zwei\nZeilen'), { nil: undefined }),
    annotator: fc.constantFrom('anna', 'ben'),
  }).map((s) => (s.label === 'casualty_figure' && !('outcome' in s.attributes) && !('count_min' in s.attributes)
    ? { ...s, attributes: { ...s.attributes, outcome: 'killed' } } : s));
  return fc.tuple(fc.constant(text), fc.array(arbSpan, { maxLength: 6 }), fc.array(fc.tuple(fc.nat(5), fc.nat(5)), { maxLength: 3 }), fc.constantFrom('codepoint' as const, 'utf16' as const));
}).map(([text, raw, links, unit]) => {
  const spans = raw.map((s, i) => spanOf(text, `s${i}`, { start: Math.min(s.a, s.b), end: Math.max(s.a, s.b) + 1 }, s.label, s.attributes, s.note, s.annotator));
  // A relation links two spans of one layer.
  const relations = links.filter(([a, b]) => a < spans.length && b < spans.length && spans[a].annotator === spans[b].annotator)
    .map(([a, b], i) => ({ ...rel(`r${i}`, 'attributed_to', `s${a}`, `s${b}`), annotator: spans[a].annotator }));
  const item: ExportItem = { document: documentOf('gen', text), spans, relations };
  return { item, unit };
});

/** A span as a researcher compares it: where, what, by whom, with which attributes and note. */
const key = (s: { start: number; end: number; label: string; attributes: object; note?: string }, annotator: string) =>
  JSON.stringify([annotator, s.start, s.end, s.label, Object.entries(s.attributes).sort(), s.note ?? null]);

describe('Tagwerk JSONL round trip', () => {
  it('import(export(x)) keeps spans, attributes, notes, annotators and relations for generated texts, in both offset units', async () => {
    await fc.assert(fc.asyncProperty(arbItem, async ({ item, unit }) => {
      const file = join(await makeTempDir(), 'export.jsonl');
      await writeFile(file, runExport(jsonlExport, [item], { unit }).main);
      const store = await newProject();
      const report = await importPaths(store, [file]);
      expect(report.failed).toEqual([]);
      const [doc] = store.documents();
      expect(doc.text).toBe(item.document.text);
      // The same annotation twice in one layer (offsets, label, attributes, note) is stored once.
      const expected = [...new Set(item.spans.map((s) => key(s, s.annotator)))].sort();
      const got: string[] = [];
      const relationKeys: string[] = [];
      for (const annotator of ['anna', 'ben']) {
        if (!item.spans.some((s) => s.annotator === annotator)) continue;
        const layer = await store.getLayer(doc.id, annotator);
        got.push(...layer.spans.map((s) => key(s, annotator)));
        const byId = new Map(layer.spans.map((s) => [s.id, key(s, annotator)]));
        relationKeys.push(...layer.relations.map((r) => `${byId.get(r.from)}>${byId.get(r.to)}:${r.type}`));
      }
      expect(got.sort()).toEqual(expected);
      const original = new Map(item.spans.map((s) => [s.id, key(s, s.annotator)]));
      const expectedRelations = [...new Set(item.relations.map((r) => `${original.get(r.from)}>${original.get(r.to)}:${r.type}`))].sort();
      expect(relationKeys.sort()).toEqual(expectedRelations);
    }), { numRuns: 40 });
  }, 60_000);
});
