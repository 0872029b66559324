/**
 * Real annotated data: HIPE-2020 historical newspaper articles (../shared/corpora/hipe2020, see its
 * README) imported as JSONL. Their records are `{id, lang, date, text, spans: [{start, end, label,
 * layer, text}]}` with code point offsets: close to Tagwerk's line format, so a few are converted
 * (date and language into `meta`) and one split is imported exactly as released.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportToPath } from '../../src/main/services/export-service';
import { toLabelId } from '../../src/shared/model/tag-schema';
import { CORPORA_DIR, cpSlice, importPaths, makeTempDir, newProject, readJson, removeTempDirs } from './project-fixtures';

afterAll(removeTempDirs);

interface HipeSpan { start: number; end: number; label: string; layer: 'outer' | 'nested'; text: string }
interface HipeRecord { id: string; lang: string; date: string; text: string; spans: HipeSpan[] }

const HIPE_JSONL = join(CORPORA_DIR, 'hipe2020/jsonl');

async function readHipe(split: string): Promise<HipeRecord[]> {
  const text = await readFile(join(HIPE_JSONL, `hipe2020-${split}.jsonl`), 'utf8');
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

/** A HIPE record as a Tagwerk JSONL record: metadata in `meta`, the layer kept as an attribute. */
function toTagwerkLine(r: HipeRecord): string {
  return JSON.stringify({
    id: r.id, text: r.text, meta: { date: r.date, language: r.lang, corpus: 'HIPE-2020' }, offset_unit: 'codepoint',
    spans: r.spans.map((s) => ({ start: s.start, end: s.end, label: s.label, text: s.text, annotator: 'HIPE-2020', attributes: { layer: s.layer } })),
  });
}

describe('HIPE-2020 (dev-de) converted to Tagwerk JSONL', () => {
  it('imports every span at its exact code point offsets, nested entities included, with matching quotes', async () => {
    const records = (await readHipe('dev-de')).slice(0, 6);
    expect(records.map((r) => r.spans.length)).toEqual([26, 28, 9, 30, 14, 13]);
    const file = join(await makeTempDir(), 'hipe-dev-de-sample.jsonl');
    await writeFile(file, `${records.map(toTagwerkLine).join('\n')}\n`);

    const store = await newProject('HIPE');
    const report = await importPaths(store, [file]);
    expect(report.failed).toEqual([]);
    expect(report.spansRejected).toEqual([]);
    expect(report.spansAdded).toBe(120);
    expect(report.imported).toHaveLength(6);

    for (const [i, r] of records.entries()) {
      const documentId = report.imported[i].documentId;
      const doc = store.getDocument(documentId)!;
      expect(doc.text).toBe(r.text);
      expect(doc.meta).toEqual({ date: r.date, language: 'de', corpus: 'HIPE-2020' });
      const layer = await store.getLayer(documentId, 'hipe-2020');
      const got = layer.spans.map((s) => ({ start: s.start, end: s.end, label: s.label, text: s.quote, layer: s.attributes.layer }));
      const want = r.spans.map((s) => ({ start: s.start, end: s.end, label: toLabelId(s.label), text: s.text, layer: s.layer }));
      const key = (s: { start: number; end: number; label: string }) => `${s.start}:${s.end}:${s.label}`;
      expect(got.map(key).sort()).toEqual(want.map(key).sort());
      expect(got.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(want.sort((a, b) => key(a).localeCompare(key(b))));
      for (const s of layer.spans) expect(cpSlice(doc.text, s.start, s.end)).toBe(s.quote);
    }

    // The outer person and the person nested in it (first article: "Neveu von For").
    const first = await store.getLayer(report.imported[0].documentId, 'hipe-2020');
    expect(first.spans.filter((s) => s.start >= 2290 && s.end <= 2324).map((s) => [s.start, s.end, s.label, s.quote])).toEqual([
      [2290, 2324, 'pers', 'junge Lord Holland (Neveu von For)'],
      [2320, 2323, 'pers_ind', 'For'],
    ]);
    // HIPE's fine-grained types became labels of the tag schema, after the four defaults.
    const labels = store.manifest.tagSchema.labels.map((l) => l.id);
    expect(labels.slice(0, 4)).toEqual(['actor', 'claim', 'location', 'casualty_figure']);
    expect(labels).toEqual(expect.arrayContaining(['pers', 'pers_ind', 'loc', 'loc_adm_town', 'org', 'time']));
  });
});

describe('HIPE-2020 (test-en) imported as released', () => {
  it('keeps all 46 articles and 449 spans, exports them at the same offsets and re-imports nothing twice', async () => {
    const records = await readHipe('test-en');
    const store = await newProject('HIPE en');
    const source = join(HIPE_JSONL, 'hipe2020-test-en.jsonl');
    const report = await importPaths(store, [source], 'HIPE annotators');
    expect(report).toMatchObject({ failed: [], spansRejected: [], spansAdded: 449 });
    expect(report.imported).toHaveLength(46);
    expect(store.manifest.annotators).toEqual([{ id: 'hipe-annotators', name: 'HIPE annotators' }]);

    const out = join(await makeTempDir(), 'export.jsonl');
    const summary = await exportToPath(store, out);
    expect(summary).toMatchObject({ documents: 46, spans: 449, relations: 0 });
    const exported = (await readFile(out, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const byText = new Map(exported.map((e) => [e.text, e]));
    for (const r of records) {
      const e = byText.get(r.text);
      expect(e, r.id).toBeDefined();
      const spanKey = (s: { start: number; end: number; text: string }) => `${s.start}:${s.end}:${s.text}`;
      expect(e.spans.map(spanKey).sort()).toEqual(r.spans.map(spanKey).sort());
      for (const s of e.spans) expect(cpSlice(e.text, s.start, s.end)).toBe(s.text);
    }

    const again = await importPaths(store, [out]);
    expect(again.imported).toEqual([]);
    expect(again.duplicates).toHaveLength(46);
    expect(again.spansAdded).toBe(0);
    expect(store.documents()).toHaveLength(46);
    const firstLayer = await readJson(join(store.dir, 'annotations', 'hipe-annotators', `${report.imported[0].documentId}.json`));
    expect(firstLayer.spans).toHaveLength(records[0].spans.length);
  });
});
