/**
 * Editing through the API on a real project built from the seed articles: changes applied as
 * data (edit, undo, redo) land on disk exactly, bad changes leave the files alone, and the tag
 * schema can be edited without losing spans.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startBrowserServer } from '../../src/main/server/http-server';
import { annotatorFromName } from '../../src/main/services/annotators';
import { createTagwerkService } from '../../src/main/services/tagwerk-service';
import { ApiError, type TagwerkEvent } from '../../src/shared/api/tagwerk-api';
import type { Layer, Span } from '../../src/shared/model/annotation';
import type { TagSchema } from '../../src/shared/model/tag-schema';
import { diffLayers, type SpanChange } from '../../src/shared/ops/span-change';
import { addSpan, removeSpan, updateSpan, type OpContext } from '../../src/shared/ops/span-ops';
import { addAttribute } from '../../src/shared/ops/tag-schema-ops';
import { createOffsetIndex } from '../../src/shared/text/offsets';
import { cpFind, seededProject, cpSlice, makeTempDir, readJson, removeTempDirs, SEED_000, SEED_003 } from './project-fixtures';

afterAll(removeTempDirs);

const ANNA = annotatorFromName('Anna Müller');
const BEN = annotatorFromName('Ben Okafor');
const DOC = SEED_003.id;
const NOW = '2025-07-01T10:00:00.000Z';
const EMPTY: SpanChange = { removeSpans: [], putSpans: [], removeRelations: [], putRelations: [] };

const cp = (text: string, needle: string) => cpFind(text, needle);

/** A project with both seeds, Anna's service, and helpers around her layer of seed 003. */
async function setup() {
  const { store, service: anna, text } = await seededProject(ANNA);
  const layerFile = join(store.dir, 'annotations', ANNA.id, `${DOC}.json`);
  const manifestFile = join(store.dir, 'tagwerk.json');
  const ctx: OpContext = { text, index: createOffsetIndex(text), now: NOW };
  return {
    store, anna, text, layerFile, manifestFile, ctx,
    layer: () => store.getLayer(DOC, ANNA.id),
    /** The layer file as it is on disk at this very moment. */
    onDisk: () => JSON.parse(readFileSync(layerFile, 'utf8')) as Layer,
    apply: (change: SpanChange) => anna.applyChange({ documentId: DOC, change }),
    /** A span built by hand, with its quote computed here. */
    span: (id: string, needle: string, label: string, attributes: Span['attributes'] = {}): Span => {
      const { start, end } = cp(text, needle);
      expect(cpSlice(text, start, end)).toBe(needle);
      return { id, start, end, label, quote: needle, attributes, createdAt: NOW, modifiedAt: NOW };
    },
  };
}

describe('applyChange: edits, undo and redo on disk', () => {
  it('creates a span computed by diffLayers, removes it on undo and brings it back with the same id on redo', async () => {
    const { text, ctx, layer, onDisk, apply } = await setup();
    const pos = cp(text, 'Ilham Alijew');
    const before = await layer();
    const after = addSpan(before, { id: 's_alijew', ...pos, label: 'actor', attributes: { actor_type: 'person' } }, ctx);
    const { redo, undo } = diffLayers(before, after);

    expect(await apply(redo)).toEqual({ spanCount: 1, status: 'in_progress' });
    const created = onDisk();
    expect(created.status).toBe('in_progress');
    expect(created.spans).toEqual([{
      id: 's_alijew', start: pos.start, end: pos.end, quote: 'Ilham Alijew', label: 'actor',
      attributes: { actor_type: 'person' }, createdAt: NOW, modifiedAt: NOW,
    }]);
    expect(cpSlice(text, created.spans[0].start, created.spans[0].end)).toBe('Ilham Alijew');

    expect(await apply(undo)).toEqual({ spanCount: 0, status: 'not_started' });
    expect(onDisk()).toMatchObject({ spans: [], relations: [], status: 'not_started' });

    await apply(redo);
    expect(onDisk().spans).toEqual(created.spans);
  });

  it('undoes a series of edits back to the start and redoes them to the same layer, file for file', async () => {
    const { text, ctx, layer, layerFile, onDisk, apply } = await setup();
    const later = { ...ctx, now: '2025-07-01T11:00:00.000Z' };
    const edits: ((l: Layer) => Layer)[] = [
      (l) => addSpan(l, { id: 'claim', ...cp(text, '„Wir haben erreicht, was wir wollten“'), label: 'claim', attributes: { certainty: 'asserted' } }, ctx),
      (l) => addSpan(l, { id: 'fig', ...cp(text, '6.500 Toten'), label: 'casualty_figure' }, ctx),
      (l) => updateSpan(l, 'fig', { start: cp(text, 'mehr als 6.500 Toten').start, attributes: { count_min: 6500, approximate: true } }, later),
      (l) => ({ ...l, relations: [{ id: 'r1', type: 'reported_by', from: 'fig', to: 'claim', createdAt: NOW, modifiedAt: NOW }] }),
    ];
    const history: { change: ReturnType<typeof diffLayers>; disk: string }[] = [];
    for (const edit of edits) {
      const before = await layer();
      const change = diffLayers(before, edit(before));
      await apply(change.redo);
      history.push({ change, disk: readFileSync(layerFile, 'utf8') });
    }
    const final = onDisk();
    expect(final.spans.map((s) => [s.id, s.quote])).toEqual([['claim', '„Wir haben erreicht, was wir wollten“'], ['fig', 'mehr als 6.500 Toten']]);
    for (let i = history.length - 1; i >= 0; i--) await apply(history[i].change.undo);
    expect(onDisk()).toMatchObject({ status: 'not_started', spans: [], relations: [] });
    for (const step of history) {
      await apply(step.change.redo);
      expect(readFileSync(layerFile, 'utf8')).toBe(step.disk);
    }
    expect(onDisk()).toEqual(final);
  });

  it('restores a deleted span together with its relation on undo', async () => {
    const { layer, onDisk, apply, span } = await setup();
    const claim = span('claim', '„Wir haben erreicht, was wir wollten“', 'claim', { certainty: 'asserted' });
    const actor = span('actor', 'Ilham Alijew', 'actor', { actor_type: 'person' });
    const relation = { id: 'r1', type: 'attributed_to', from: 'claim', to: 'actor', createdAt: NOW, modifiedAt: NOW };
    await apply({ ...EMPTY, putSpans: [claim, actor], putRelations: [relation] });
    const before = await layer();
    expect(onDisk()).toMatchObject({ spans: before.spans, relations: [relation] });

    const { redo, undo } = diffLayers(before, removeSpan(before, 'actor'));
    await apply(redo);
    expect(onDisk()).toMatchObject({ spans: [claim], relations: [] });
    await apply(undo);
    const restored = onDisk();
    expect(restored.spans).toEqual(before.spans);
    expect(restored.relations).toEqual([relation]);
  });
});

describe('applyChange refuses bad changes and writes nothing', () => {
  it('refuses a wrong quote, an unknown label, a wrongly typed attribute and a dangling relation', async () => {
    const { store, layer, layerFile, apply, span, text } = await setup();
    const actor = span('actor', 'Ilham Alijew', 'actor');
    await apply({ ...EMPTY, putSpans: [actor] });
    await store.flush();
    const bytes = await readFile(layerFile);
    const inMemory = await layer();

    const shifted = { ...actor, id: 'shifted', start: actor.start + 1, end: actor.end + 1 };
    const good = span('fig', 'mehr als 6.500 Toten', 'casualty_figure', { count_min: 6500 });
    const cases: [string, SpanChange, RegExp][] = [
      ['quote does not match the text', { ...EMPTY, putSpans: [good, shifted] }, /lham Alijew /],
      ['unknown label', { ...EMPTY, putSpans: [span('p', 'Ilham Alijew', 'person')] }, /unknown label "person"/],
      ['attribute of the wrong type', { ...EMPTY, putSpans: [span('f', 'mehr als 6.500 Toten', 'casualty_figure', { count_min: '6.500' })] }, /count_min.*number/],
      ['relation to a missing span', {
        ...EMPTY, putRelations: [{ id: 'r1', type: 'reported_by', from: 'actor', to: 'missing', createdAt: NOW, modifiedAt: NOW }],
      }, /r1/],
      ['span outside the text', { ...EMPTY, putSpans: [{ ...actor, id: 'out', start: Array.from(text).length, end: Array.from(text).length + 3 }] }, /outside/],
      ['removing a span that is not there', { ...EMPTY, removeSpans: ['missing'] }, /missing/],
    ];
    for (const [what, change, message] of cases) {
      const attempt = apply(change);
      await expect(attempt, what).rejects.toBeInstanceOf(ApiError);
      await expect(attempt, what).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(message) });
      await store.flush();
      expect(Buffer.compare(await readFile(layerFile), bytes), what).toBe(0);
      expect(await layer(), what).toBe(inMemory);
    }
  });
});

describe('updateTagSchema', () => {
  /** Anna and Ben each mark a casualty figure in seed 003; Anna also an actor. */
  async function annotated() {
    const s = await setup();
    const ben = createTagwerkService(s.store, BEN);
    await s.anna.createSpan({ documentId: DOC, ...cp(s.text, 'mehr als 6.500 Toten'), label: 'casualty_figure', attributes: { count_min: 6500 } });
    await s.anna.createSpan({ documentId: DOC, ...cp(s.text, 'Ilham Alijew'), label: 'actor' });
    await ben.createSpan({ documentId: DOC, ...cp(s.text, '6.500 Toten'), label: 'casualty_figure' });
    const events: TagwerkEvent[] = [];
    s.anna.onEvent((e) => events.push(e));
    return { ...s, ben, events };
  }

  it('saves renamed, recoloured and re-keyed labels and a new attribute in tagwerk.json and in getProject', async () => {
    const { anna, manifestFile, events } = await annotated();
    const current = (await anna.getProject({})).tagSchema;
    const tagSchema: TagSchema = {
      labels: current.labels.map((l) => {
        if (l.id === 'actor') return { ...l, name: 'Akteur' };
        if (l.id === 'claim') return { ...l, color: '#332288', key: 'c' };
        if (l.id === 'location') return { ...l, key: null };
        return addAttribute(l, 'Quelle der Zahl', 'text');
      }),
    };
    const info = await anna.updateTagSchema({ tagSchema });
    expect(info.tagSchema).toEqual(tagSchema);
    expect((await readJson(manifestFile)).tagSchema).toEqual(tagSchema);
    expect((await anna.getProject({})).tagSchema).toEqual(tagSchema);
    expect(tagSchema.labels[3].attributes.at(-1)).toEqual({ id: 'quelle_der_zahl', name: 'Quelle der Zahl', type: 'text' });
    expect(events).toEqual([{ type: 'project-changed' }]);
  });

  it('refuses to remove a label spans use, naming it and the number of spans, and leaves tagwerk.json alone', async () => {
    const { anna, store, manifestFile, events } = await annotated();
    const bytes = await readFile(manifestFile);
    const current = store.manifest.tagSchema;
    const attempt = anna.updateTagSchema({ tagSchema: { labels: current.labels.filter((l) => l.id !== 'casualty_figure') } });
    await expect(attempt).rejects.toBeInstanceOf(ApiError);
    await expect(attempt).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('"Casualty figure" (2 spans)') });
    // Changing the id of a label in use is a removal too.
    const renamedId = { labels: current.labels.map((l) => (l.id === 'actor' ? { ...l, id: 'akteur' } : l)) };
    await expect(anna.updateTagSchema({ tagSchema: renamedId }))
      .rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('"Actor" (1 span)') });
    expect(Buffer.compare(await readFile(manifestFile), bytes)).toBe(0);
    expect(store.manifest.tagSchema).toEqual(current);
    expect(events).toEqual([]);
  });

  it('removes a label no span uses', async () => {
    const { anna, manifestFile, events } = await annotated();
    const current = (await anna.getProject({})).tagSchema;
    await anna.updateTagSchema({ tagSchema: { labels: current.labels.filter((l) => l.id !== 'location') } });
    expect((await readJson(manifestFile)).tagSchema.labels.map((l: { id: string }) => l.id)).toEqual(['actor', 'claim', 'casualty_figure']);
    expect(events).toEqual([{ type: 'project-changed' }]);
  });

  it('refuses a schema with two labels on the key 1 and leaves tagwerk.json alone', async () => {
    const { anna, manifestFile, events } = await annotated();
    const bytes = await readFile(manifestFile);
    const current = (await anna.getProject({})).tagSchema;
    const clash = { labels: current.labels.map((l) => (l.id === 'location' ? { ...l, key: '1' } : l)) };
    await expect(anna.updateTagSchema({ tagSchema: clash }))
      .rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('both use the key 1') });
    expect(Buffer.compare(await readFile(manifestFile), bytes)).toBe(0);
    expect(events).toEqual([]);
  });
});

describe('labelUsage', () => {
  it("counts spans per label over both annotators' layers and both documents, and follows deletions", async () => {
    const { store, anna, text, apply } = await setup();
    const ben = createTagwerkService(store, BEN);
    const t0 = store.getDocument(SEED_000.id)!.text;
    const fig = await anna.createSpan({ documentId: DOC, ...cp(text, 'mehr als 6.500 Toten'), label: 'casualty_figure' });
    await anna.createSpan({ documentId: DOC, ...cp(text, 'Ilham Alijew'), label: 'actor' });
    await anna.createSpan({ documentId: SEED_000.id, ...cp(t0, 'Ilham Alijew'), label: 'actor' });
    await ben.createSpan({ documentId: DOC, ...cp(text, 'Ilham Alijew'), label: 'actor' });
    await ben.createSpan({ documentId: DOC, ...cp(text, 'Stepanakert'), label: 'location' });
    await ben.createSpan({ documentId: DOC, ...cp(text, '„Wir haben erreicht, was wir wollten“'), label: 'claim' });
    const usage = await anna.labelUsage({});
    expect({ ...usage }).toEqual({ actor: 3, casualty_figure: 1, location: 1, claim: 1 });
    expect(await ben.labelUsage({})).toEqual(usage);

    await apply({ ...EMPTY, removeSpans: [fig.id] });
    expect((await anna.labelUsage({})).casualty_figure ?? 0).toBe(0);
  });
});

describe('applyChange over HTTP', () => {
  it('answers 400 invalid-argument to an unknown key inside change or a wrongly typed attribute, and applies a good change', async () => {
    const { anna, store, layerFile, span } = await setup();
    const token = 'editing-api-test-token-0123456789';
    const server = await startBrowserServer({ service: anna, staticDir: await makeTempDir(), port: 0, token });
    try {
      const call = async (args: unknown) => {
        const res = await fetch(`http://127.0.0.1:${server.port}/api/applyChange`, {
          method: 'POST', headers: { 'content-type': 'application/json', 'x-tagwerk-token': token }, body: JSON.stringify(args),
        });
        return { status: res.status, body: await res.json() };
      };
      const actor = span('actor', 'Ilham Alijew', 'actor');
      expect(await call({ documentId: DOC, change: { ...EMPTY, putSpans: [actor], status: 'in_progress' } }))
        .toEqual({ status: 200, body: { ok: true, result: { spanCount: 1, status: 'in_progress' } } });
      await store.flush();
      const bytes = await readFile(layerFile);

      const unknownKey = await call({ documentId: DOC, change: { ...EMPTY, removeSpans: ['actor'], moveSpans: [] } });
      expect(unknownKey.status).toBe(400);
      expect(unknownKey.body).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: expect.stringContaining('change') } });
      const wrongType = await call({ documentId: DOC, change: { ...EMPTY, putSpans: [span('f', 'mehr als 6.500 Toten', 'casualty_figure', { count_min: '6.500' })] } });
      expect(wrongType.status).toBe(400);
      expect(wrongType.body.error.code).toBe('invalid-argument');
      await store.flush();
      expect(Buffer.compare(await readFile(layerFile), bytes)).toBe(0);
    } finally {
      await server.close();
    }
  });
});
