/**
 * Suggestions and "annotate all occurrences" through the real services on the seed articles:
 * suggestSpans (casualty figures, the project's entities, trusted places, only for labels the
 * schema has), findOccurrences across the project leaving out what is tagged, tagOccurrences
 * writing spans durably (checked on disk and in a freshly opened store), and dismissed
 * suggestions kept in the layer file.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { annotatorFromName } from '../../src/main/services/annotators';
import { warmGazetteer } from '../../src/main/services/place-store';
import { ANNOTATIONS_DIR, openProjectStore } from '../../src/main/services/project-store';
import { createTagwerkService } from '../../src/main/services/tagwerk-service';
import { callApi } from '../../src/shared/api/api-args';
import { ApiError } from '../../src/shared/api/tagwerk-api';
import { openSuggestions } from '../../src/shared/domain/suggestions';
import type { Span } from '../../src/shared/model/annotation';
import { cpFind, cpSlice, readJson, removeTempDirs, SEED_000, SEED_003, seededProject } from './project-fixtures';

const ANNA = annotatorFromName('Anna Müller');
const BEN = annotatorFromName('Ben Schulz');
const NONE = { removeSpans: [], putSpans: [], removeRelations: [], putRelations: [] };

// One gazetteer load for the file (~3 s): every service below finds it in the process-wide cache.
beforeAll(() => warmGazetteer(), 60_000);
afterAll(removeTempDirs);

/** The layer file of `annotator` for a document, as JSON from disk. */
const layerOnDisk = (dir: string, annotator: string, documentId: string) => readJson(join(dir, ANNOTATIONS_DIR, annotator, `${documentId}.json`));
const rows = (spans: readonly Span[]) => spans.map((s) => [s.start, s.end, s.quote, s.label]);

describe('suggestSpans', () => {
  it('suggests the casualty figures and trusted places of the seed articles, in text order, before any entity exists', async () => {
    const { service, store } = await seededProject(ANNA);
    const r000 = await service.suggestSpans({ documentId: SEED_000.id });
    expect(r000.loading).toBeUndefined();
    expect(r000.problem).toBeUndefined();
    expect(r000.suggestions.filter((s) => s.label === 'casualty_figure')).toEqual([{
      id: 'casualty_figure:2045:2068', label: 'casualty_figure', start: 2045, end: 2068, quote: '63 getöteten Zivilisten',
      attributes: { count_min: 63, count_max: 63, approximate: false, outcome: 'killed', victims: 'civilian', normalized_by: 'auto' },
      reason: 'Casualty figure',
    }]);
    expect(cpFind(store.getDocument(SEED_000.id)!.text, '63 getöteten Zivilisten')).toEqual({ start: 2045, end: 2068 });
    expect(r000.suggestions.filter((s) => s.label === 'actor')).toEqual([]);
    expect(r000.suggestions.find((s) => s.quote === 'Baku')).toMatchObject({ id: 'location:2244:2248', attributes: { place: 'geonames:587084' } });

    const r003 = await service.suggestSpans({ documentId: SEED_003.id });
    const text = store.getDocument(SEED_003.id)!.text;
    expect(r003.suggestions.filter((s) => s.label === 'casualty_figure').map((s) => [s.id, s.quote, s.attributes.count_min, s.attributes.count_max]))
      .toEqual([['casualty_figure:1390:1410', 'mehr als 6.500 Toten', 6500, null]]);
    expect(r003.suggestions.filter((s) => s.label === 'location').map((s) => s.quote)).toEqual([
      'Karabachs', 'Stepanakert', 'Bakus', 'Baku', 'Karabach', 'Bergkarabach', 'Karabach', 'Aserbaidschan', 'Armeniens',
      'Baku', 'Eriwan', 'Armeniens', 'Russland', 'Aserbaidschan', 'Karabach', 'Baku', 'Armenien', 'Aserbaidschans',
    ]);
    // Text order, no overlaps, every quote the text at its code point offsets.
    for (let i = 0; i < r003.suggestions.length; i++) {
      const s = r003.suggestions[i];
      expect(cpSlice(text, s.start, s.end)).toBe(s.quote);
      expect(s.id).toBe(`${s.label}:${s.start}:${s.end}`);
      if (i) expect(s.start).toBeGreaterThanOrEqual(r003.suggestions[i - 1].end);
    }
    // Suggesting writes nothing: no layer exists yet.
    expect(store.annotatorsOf(SEED_003.id)).toEqual([]);
  });

  it('suggests actors linked to an entity once it is saved', async () => {
    const { service } = await seededProject(ANNA);
    const alijew = await service.saveEntity({ entity: { name: 'Ilham Alijew', type: 'person', aliases: ['der aserbaidschanische Präsident'] } });
    const { suggestions } = await service.suggestSpans({ documentId: SEED_003.id });
    const linked = { entity: alijew.id, actor_type: 'person' };
    expect(suggestions.filter((s) => s.label === 'actor').map((s) => [s.id, s.quote, s.attributes, s.reason])).toEqual([
      ['actor:37:69', 'der aserbaidschanische Präsident', linked, 'Entity: Ilham Alijew'],
      ['actor:70:82', 'Ilham Alijew', linked, 'Entity: Ilham Alijew'],
      ['actor:199:205', 'Alijew', linked, 'Entity: Ilham Alijew'],
      ['actor:365:371', 'Alijew', linked, 'Entity: Ilham Alijew'],
      ['actor:735:741', 'Alijew', linked, 'Entity: Ilham Alijew'],
    ]);
    const s000 = (await service.suggestSpans({ documentId: SEED_000.id })).suggestions.filter((s) => s.label === 'actor');
    expect(s000.map((s) => [s.start, s.quote])).toEqual([[85, 'der aserbaidschanische Präsident'], [118, 'Ilham Alijew'], [580, 'Alijew'], [1502, 'Alijew'], [2088, 'Alijew']]);
  });

  it('suggests nothing for labels the schema does not have', async () => {
    const { service } = await seededProject(ANNA);
    await service.saveEntity({ entity: { name: 'Ilham Alijew', type: 'person', aliases: [] } });
    const current = (await service.getProject({})).tagSchema;
    await service.updateTagSchema({ tagSchema: { labels: current.labels.filter((l) => l.id !== 'location') } });
    const withoutPlaces = (await service.suggestSpans({ documentId: SEED_003.id })).suggestions;
    expect([...new Set(withoutPlaces.map((s) => s.label))]).toEqual(['actor', 'casualty_figure']);
    expect(withoutPlaces.map((s) => s.quote)).toEqual(['Ilham Alijew', 'Alijew', 'Alijew', 'Alijew', 'mehr als 6.500 Toten']);

    await service.updateTagSchema({ tagSchema: { labels: current.labels.filter((l) => l.id === 'claim') } });
    expect(await service.suggestSpans({ documentId: SEED_003.id })).toEqual({ suggestions: [] });
  });

  it('refuses an unknown document', async () => {
    const { service } = await seededProject(ANNA);
    await expect(service.suggestSpans({ documentId: 'no-such-doc' })).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('findOccurrences', () => {
  it('finds "Alijew" as a whole word in both seed articles, with titles and context', async () => {
    const { service, store } = await seededProject(ANNA);
    const { occurrences } = await service.findOccurrences({ phrases: ['Alijew'], label: 'actor' });
    const byDoc = (id: string) => occurrences.filter((o) => o.documentId === id).map((o) => [o.start, o.end, o.quote]);
    expect(byDoc(SEED_000.id)).toEqual([[124, 130, 'Alijew'], [580, 586, 'Alijew'], [1502, 1508, 'Alijew'], [2088, 2094, 'Alijew']]);
    expect(byDoc(SEED_003.id)).toEqual([[76, 82, 'Alijew'], [199, 205, 'Alijew'], [365, 371, 'Alijew'], [735, 741, 'Alijew']]);
    expect(occurrences.map((o) => o.documentId)).toEqual([...Array(4).fill(SEED_000.id), ...Array(4).fill(SEED_003.id)]);
    for (const o of occurrences) {
      const doc = store.getDocument(o.documentId)!;
      expect(o.title).toBe(doc.title);
      expect(cpSlice(doc.text, o.start, o.end)).toBe('Alijew');
    }
    expect(occurrences.find((o) => o.documentId === SEED_003.id && o.start === 199)).toMatchObject({
      before: 'haben erreicht, was wir wollten“, sagte ', after: ' am Sonntag in einer Rede in Stepanakert',
    });
    // One document only.
    const one = await service.findOccurrences({ phrases: ['Alijew'], label: 'actor', documentId: SEED_003.id });
    expect(one.occurrences.map((o) => [o.documentId, o.start])).toEqual([[SEED_003.id, 76], [SEED_003.id, 199], [SEED_003.id, 365], [SEED_003.id, 735]]);
  });

  it('leaves out what my layer already tags with the same label, not what another label or another annotator tags', async () => {
    const { service, store } = await seededProject(ANNA);
    const ben = createTagwerkService(store, BEN);
    await service.createSpan({ documentId: SEED_003.id, start: 805, end: 809, label: 'location' });
    await service.createSpan({ documentId: SEED_003.id, start: 1254, end: 1258, label: 'actor' });
    await ben.createSpan({ documentId: SEED_003.id, start: 1740, end: 1744, label: 'location' });
    const { occurrences } = await service.findOccurrences({ phrases: ['Baku', 'Bakus'], label: 'location' });
    // Documents in the project's order (same date, then by title: seed 000 first), each in text order.
    expect(store.documents().map((d) => d.id)).toEqual([SEED_000.id, SEED_003.id]);
    expect(occurrences.map((o) => [o.documentId, o.start, o.end, o.quote])).toEqual([
      [SEED_000.id, 2244, 2248, 'Baku'],
      [SEED_003.id, 720, 725, 'Bakus'], [SEED_003.id, 1254, 1258, 'Baku'], [SEED_003.id, 1740, 1744, 'Baku'],
    ]);
    // Ben's own search leaves out his span and not Anna's.
    expect((await ben.findOccurrences({ phrases: ['Baku'], label: 'location', documentId: SEED_003.id })).occurrences.map((o) => o.start)).toEqual([805, 1254]);
  });

  it('refuses a label the schema does not have', async () => {
    const { service } = await seededProject(ANNA);
    await expect(service.findOccurrences({ phrases: ['Baku'], label: 'ort' })).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('unknown label "ort"') });
  });
});

describe('tagOccurrences', () => {
  it('tags every occurrence in both documents, durably: the spans are in the layer files and in a freshly opened store', async () => {
    const { service, store } = await seededProject(ANNA);
    const alijew = await service.saveEntity({ entity: { name: 'Ilham Alijew', type: 'person', aliases: [] } });
    const { occurrences } = await service.findOccurrences({ phrases: ['Ilham Alijew', 'Alijew'], label: 'actor' });
    const attributes = { actor_type: 'person', entity: alijew.id };
    const result = await service.tagOccurrences({ label: 'actor', attributes, occurrences: occurrences.map(({ documentId, start, end }) => ({ documentId, start, end })) });
    expect(result.skipped).toBe(0);
    expect(result.created).toHaveLength(8);
    expect(new Set(result.created.map((c) => c.spanId)).size).toBe(8);

    // On disk, without Tagwerk's store: exact offsets, quotes, label and attributes.
    const annotator = (await service.getProject({})).currentAnnotator.id;
    const f003 = await layerOnDisk(store.dir, annotator, SEED_003.id);
    expect(f003.offsetUnit).toBe('codepoint');
    expect(f003.spans.map((s: Span) => [s.start, s.end, s.quote, s.label, s.attributes])).toEqual([
      [70, 82, 'Ilham Alijew', 'actor', attributes], [199, 205, 'Alijew', 'actor', attributes],
      [365, 371, 'Alijew', 'actor', attributes], [735, 741, 'Alijew', 'actor', attributes],
    ]);
    const f000 = await layerOnDisk(store.dir, annotator, SEED_000.id);
    expect(f000.spans.map((s: Span) => [s.start, s.end, s.quote])).toEqual([
      [118, 130, 'Ilham Alijew'], [580, 586, 'Alijew'], [1502, 1508, 'Alijew'], [2088, 2094, 'Alijew'],
    ]);
    expect(f000.spans.map((s: Span) => s.id).sort()).toEqual(result.created.filter((c) => c.documentId === SEED_000.id).map((c) => c.spanId).sort());

    const reopened = await openProjectStore(store.dir);
    expect(reopened.problems).toEqual([]);
    const layer = await reopened.getLayer(SEED_003.id, annotator);
    expect(rows(layer.spans)).toEqual([[70, 82, 'Ilham Alijew', 'actor'], [199, 205, 'Alijew', 'actor'], [365, 371, 'Alijew', 'actor'], [735, 741, 'Alijew', 'actor']]);
    expect(layer.status).toBe('in_progress');
  });

  it('skips a range that overlaps a span of the label by now, also one made earlier in the same call', async () => {
    const { service, store } = await seededProject(ANNA);
    await service.createSpan({ documentId: SEED_003.id, start: 70, end: 82, label: 'actor' });
    await service.createSpan({ documentId: SEED_003.id, start: 199, end: 216, label: 'claim' });
    const result = await service.tagOccurrences({
      label: 'actor',
      occurrences: [
        { documentId: SEED_003.id, start: 76, end: 82 }, // inside "Ilham Alijew": skipped
        { documentId: SEED_003.id, start: 199, end: 205 }, // inside a claim: another label, tagged
        { documentId: SEED_003.id, start: 365, end: 371 },
        { documentId: SEED_003.id, start: 365, end: 371 }, // the same again: skipped
      ],
    });
    expect(result.skipped).toBe(2);
    expect(result.created.map((c) => c.documentId)).toEqual([SEED_003.id, SEED_003.id]);
    await store.flush();
    const annotator = (await service.getProject({})).currentAnnotator.id;
    const onDisk = await layerOnDisk(store.dir, annotator, SEED_003.id);
    // Layer order: by start, the longer first.
    expect(rows(onDisk.spans)).toEqual([[70, 82, 'Ilham Alijew', 'actor'], [199, 216, 'Alijew am Sonntag', 'claim'], [199, 205, 'Alijew', 'actor'], [365, 371, 'Alijew', 'actor']]);
    expect(onDisk.spans.filter((s: Span) => result.created.some((c) => c.spanId === s.id)).map((s: Span) => s.start)).toEqual([199, 365]);
  });

  it('gives casualty figures it tags the normalised attributes, marked auto', async () => {
    const { service, store } = await seededProject(ANNA);
    const result = await service.tagOccurrences({
      label: 'casualty_figure',
      occurrences: [{ documentId: SEED_000.id, start: 2045, end: 2068 }, { documentId: SEED_003.id, start: 1390, end: 1410 }],
    });
    expect(result).toMatchObject({ skipped: 0 });
    const annotator = (await service.getProject({})).currentAnnotator.id;
    const [zivilisten] = (await layerOnDisk(store.dir, annotator, SEED_000.id)).spans;
    expect([zivilisten.quote, zivilisten.attributes]).toEqual(['63 getöteten Zivilisten',
      { count_min: 63, count_max: 63, approximate: false, outcome: 'killed', victims: 'civilian', normalized_by: 'auto' }]);
    const [toten] = (await layerOnDisk(store.dir, annotator, SEED_003.id)).spans;
    expect([toten.quote, toten.attributes]).toEqual(['mehr als 6.500 Toten',
      { count_min: 6500, count_max: null, approximate: false, outcome: 'killed', victims: 'unknown', normalized_by: 'auto' }]);
  });

  it('refuses an unknown label, attributes the label does not allow and an unknown document, writing nothing', async () => {
    const { service, store } = await seededProject(ANNA);
    const occurrences = [{ documentId: SEED_003.id, start: 70, end: 82 }];
    await expect(service.tagOccurrences({ label: 'ort', occurrences })).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(service.tagOccurrences({ label: 'actor', attributes: { actor_type: 'alien' }, occurrences })).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(service.tagOccurrences({ label: 'actor', occurrences: [...occurrences, { documentId: 'nope', start: 0, end: 4 }] }))
      .rejects.toMatchObject({ code: 'not-found' });
    const overTheEnd = service.tagOccurrences({ label: 'actor', occurrences: [{ documentId: SEED_003.id, start: 1970, end: 1990 }] });
    await expect(overTheEnd).rejects.toBeInstanceOf(ApiError);
    await expect(overTheEnd).rejects.toMatchObject({ code: 'invalid-argument' });
    expect(store.annotatorsOf(SEED_003.id)).toEqual([]);
  });

  it('writes nothing anywhere when one range of several documents is bad', async () => {
    const { service, store } = await seededProject(ANNA);
    const good = { documentId: SEED_000.id, start: 0, end: 2 };
    const bad = { documentId: SEED_003.id, start: 5000, end: 5004 };
    await expect(service.tagOccurrences({ label: 'actor', occurrences: [good, bad] })).rejects.toMatchObject({ code: 'invalid-argument' });
    expect(store.annotatorsOf(SEED_000.id)).toEqual([]);
    expect(store.annotatorsOf(SEED_003.id)).toEqual([]);
  });
});

describe('dismissing suggestions', () => {
  it('keeps dismissed suggestion ids in the layer file, so that they are not offered again; undismiss takes them out', async () => {
    const { service, store } = await seededProject(ANNA);
    const { suggestions } = await service.suggestSpans({ documentId: SEED_003.id });
    const figure = suggestions.find((s) => s.label === 'casualty_figure')!;
    expect(figure.id).toBe('casualty_figure:1390:1410');
    await service.applyChange({ documentId: SEED_003.id, change: { ...NONE, dismiss: [figure.id, 'location:1263:1269'] } });
    const annotator = (await service.getProject({})).currentAnnotator.id;
    expect((await layerOnDisk(store.dir, annotator, SEED_003.id)).dismissed).toEqual(['casualty_figure:1390:1410', 'location:1263:1269']);

    const reopened = await openProjectStore(store.dir);
    const layer = await reopened.getLayer(SEED_003.id, annotator);
    expect(layer.dismissed).toEqual(['casualty_figure:1390:1410', 'location:1263:1269']);
    const open = openSuggestions(suggestions, layer.spans, layer.dismissed);
    expect(open).toHaveLength(suggestions.length - 2);
    expect(open.some((s) => s.id === figure.id || s.quote === 'Eriwan')).toBe(false);

    await service.applyChange({ documentId: SEED_003.id, change: { ...NONE, undismiss: ['casualty_figure:1390:1410', 'location:1263:1269'] } });
    expect('dismissed' in (await layerOnDisk(store.dir, annotator, SEED_003.id))).toBe(false);
  });

  it('refuses a malformed suggestion id and an empty phrase list before the service sees them', async () => {
    const { service, store } = await seededProject(ANNA);
    const refused = async (method: 'applyChange' | 'findOccurrences', args: unknown) => {
      const reply = await callApi(service, method, args);
      expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
      return reply.ok ? '' : reply.error.message;
    };
    expect(await refused('applyChange', { documentId: SEED_003.id, change: { ...NONE, dismiss: ['casualty_figure:1390'] } }))
      .toBe('applyChange: invalid argument at change.dismiss.0: not a suggestion id (label:start:end)');
    expect(await refused('findOccurrences', { phrases: [], label: 'actor' })).toMatch(/^findOccurrences: invalid argument at phrases: /);
    expect(store.annotatorsOf(SEED_003.id)).toEqual([]);
    expect(await callApi(service, 'findOccurrences', { phrases: [' Eriwan '], label: 'location' }))
      .toMatchObject({ ok: true, result: { occurrences: [{ documentId: SEED_003.id, start: 1263, end: 1269, quote: 'Eriwan' }] } });
  });
});
