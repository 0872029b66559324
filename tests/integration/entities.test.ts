/**
 * Actors linked to the project's entity list through the real services and CLI: entities.json
 * on disk, spans of two annotators on both seed articles linked by the attribute `entity` (the
 * entity chosen through matchEntities, as the UI suggests it), every mention with code point
 * offsets, the CLI's table, CSV and JSON, deletion refused while linked, a damaged file left alone.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { annotatorFromName } from '../../src/main/services/annotators';
import { ENTITIES_FILE } from '../../src/main/services/entity-store';
import { openProjectStore } from '../../src/main/services/project-store';
import { createTagwerkService } from '../../src/main/services/tagwerk-service';
import { callApi } from '../../src/shared/api/api-args';
import { CURATED_LAYER, type Span } from '../../src/shared/model/annotation';
import { matchEntities, type Entity } from '../../src/shared/model/entities';
import { cli, cpFind, cpSlice, makeTempDir, readJson, removeTempDirs, SEED_000, SEED_003, seededProject } from './project-fixtures';

afterAll(removeTempDirs);

const ANNA = annotatorFromName('Anna Müller');
const BEN = annotatorFromName('Ben Schulz');

/** Code point offsets of `word` inside the first occurrence of `context` (`sagte Alijew` -> Alijew). */
function within(text: string, context: string, word: string): { start: number; end: number } {
  const at = cpFind(text, context);
  const skip = Array.from(context.slice(0, context.indexOf(word))).length;
  return { start: at.start + skip, end: at.start + skip + Array.from(word).length };
}

/**
 * The seeds with Alijew and Paschinjan in the entity list; "der aserbaidschanische Präsident" is
 * added to Alijew's aliases after the first save. Anna links four actors, Ben two, each to the
 * entity that matchEntities ranks first for the span's quote.
 */
async function linkedProject() {
  const { store, service: anna } = await seededProject(ANNA);
  const ben = createTagwerkService(store, BEN);
  const alijew = await anna.saveEntity({ entity: { name: 'Ilham Alijew', type: 'person', aliases: ['Aliyev'] } });
  const paschinjan = await ben.saveEntity({ entity: { name: 'Nikol Paschinjan', type: 'person', aliases: ['Pashinyan'], note: 'armenischer Regierungschef' } });
  await anna.saveEntity({ entity: { id: alijew.id, name: alijew.name, type: 'person', aliases: [...alijew.aliases, 'der aserbaidschanische Präsident'] } });
  const { entities } = await anna.listEntities({});
  const t000 = store.getDocument(SEED_000.id)!.text, t003 = store.getDocument(SEED_003.id)!.text;

  const link = async (who: typeof anna, documentId: string, range: { start: number; end: number }, text: string) => {
    const quote = cpSlice(text, range.start, range.end);
    const [best] = matchEntities(quote, entities);
    return who.createSpan({ documentId, ...range, label: 'actor', attributes: { actor_type: 'person', entity: best.entity.id } });
  };
  await link(anna, SEED_003.id, cpFind(t003, 'Ilham Alijew'), t003);
  await link(anna, SEED_003.id, within(t003, 'sagte Alijew am Sonntag', 'Alijew'), t003);
  await link(anna, SEED_000.id, cpFind(t000, 'der aserbaidschanische Präsident'), t000);
  await link(anna, SEED_000.id, cpFind(t000, 'Nikol Paschinjan'), t000);
  await link(ben, SEED_003.id, cpFind(t003, 'Ilham Alijew'), t003);
  await link(ben, SEED_000.id, within(t000, 'Alijew schloss', 'Alijew'), t000);
  // An actor without a link, and a claim: neither is a mention.
  await anna.createSpan({ documentId: SEED_003.id, ...cpFind(t003, 'Stepanakert'), label: 'actor' });
  await store.flush();
  return { store, anna, ben, alijew, paschinjan, t000, t003 };
}

describe('the entity list', () => {
  it('is kept in entities.json next to tagwerk.json and reads the same after reopening the project', async () => {
    const { store, anna, alijew, paschinjan } = await linkedProject();
    const file = join(store.dir, ENTITIES_FILE);
    const raw = await readFile(file, 'utf8');
    expect(raw.endsWith('}\n')).toBe(true);
    expect(raw).toContain('\n  "kind": "tagwerk-entities",\n');
    const onDisk = JSON.parse(raw);
    expect(onDisk).toMatchObject({ schemaVersion: 1, kind: 'tagwerk-entities' });
    expect(onDisk.entities.map((e: Entity) => [e.id, e.name, e.type, e.aliases, e.note ?? null])).toEqual([
      [alijew.id, 'Ilham Alijew', 'person', ['Aliyev', 'der aserbaidschanische Präsident'], null],
      [paschinjan.id, 'Nikol Paschinjan', 'person', ['Pashinyan'], 'armenischer Regierungschef'],
    ]);
    expect(onDisk.entities[0].createdAt <= onDisk.entities[0].modifiedAt).toBe(true);

    const before = await anna.listEntities({});
    const reopened = createTagwerkService(await openProjectStore(store.dir), BEN);
    expect(await reopened.listEntities({})).toEqual(before);
    expect(before.problem).toBeUndefined();
    expect(before.entities.map((e) => e.name)).toEqual(['Ilham Alijew', 'Nikol Paschinjan']);
  });

  it('refuses a name or alias another entity has, whoever saves it, and writes nothing', async () => {
    const { store, ben, alijew } = await linkedProject();
    const file = join(store.dir, ENTITIES_FILE);
    const bytes = await readFile(file);
    await expect(ben.saveEntity({ entity: { name: 'Heydar Alijew', type: 'person', aliases: ['ALIYEV'] } })).rejects.toMatchObject({
      code: 'conflict', message: `"ALIYEV" is already an alias ("Aliyev") of "Ilham Alijew" (person, ${alijew.id})`,
    });
    await expect(ben.saveEntity({ entity: { name: 'Der aserbaidschanische Präsident', type: 'government', aliases: [] } })).rejects.toMatchObject({ code: 'conflict' });
    await expect(ben.saveEntity({ entity: { id: 'e_0000000000000000', name: 'Niemand', type: 'other', aliases: [] } })).rejects.toMatchObject({ code: 'not-found' });
    expect(await readFile(file)).toEqual(bytes);
  });

  it('validates arguments at the API boundary: unknown keys, types, lengths and ids', async () => {
    const { service } = await seededProject(ANNA);
    const refused = async (method: 'saveEntity' | 'deleteEntity' | 'entityMentions', args: unknown) => {
      const reply = await callApi(service, method, args);
      expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
      return reply.ok ? '' : reply.error.message;
    };
    const entity = { name: 'Ilham Alijew', type: 'person', aliases: [] };
    expect(await refused('saveEntity', { entity: { ...entity, createdAt: 'x' } })).toBe('saveEntity: invalid argument at entity: Unrecognized key: "createdAt"');
    expect(await refused('saveEntity', { entity: { ...entity, type: 'warlord' } })).toMatch(/at entity\.type: /);
    expect(await refused('saveEntity', { entity: { ...entity, name: ' ' } })).toBe('saveEntity: invalid argument at entity.name: a name is needed');
    expect(await refused('saveEntity', { entity: { ...entity, aliases: ['x'.repeat(201)] } })).toMatch(/at entity\.aliases\.0: at most 200 characters/);
    expect(await refused('saveEntity', { entity: { ...entity, id: '../tagwerk' } })).toMatch(/at entity\.id: not an entity id/);
    expect(await refused('deleteEntity', { id: 's_1' })).toMatch(/at id: not an entity id/);
    expect(await refused('entityMentions', { layer: 'gold' })).toMatch(/at layer: /);
    expect(await callApi(service, 'saveEntity', { entity })).toMatchObject({ ok: true, result: { name: 'Ilham Alijew' } });
  });

  it('takes saves one at a time: parallel saves from two services all land, a duplicate of them is refused', async () => {
    const { store, service: anna } = await seededProject(ANNA);
    const ben = createTagwerkService(store, BEN);
    const names = Array.from({ length: 20 }, (_, i) => `Kommandeur ${i + 1}`);
    const results = await Promise.allSettled([
      ...names.map((name, i) => (i % 2 ? anna : ben).saveEntity({ entity: { name, type: 'military', aliases: [] } })),
      anna.saveEntity({ entity: { name: 'kommandeur 7', type: 'person', aliases: [] } }),
    ]);
    expect(results.slice(0, 20).every((r) => r.status === 'fulfilled')).toBe(true);
    expect(results[20]).toMatchObject({ status: 'rejected', reason: { code: 'conflict' } });
    const onDisk = await readJson(join(store.dir, ENTITIES_FILE));
    expect(onDisk.entities.map((e: Entity) => e.name).sort()).toEqual([...names].sort());
  });
});

describe('mentions', () => {
  it('lists every linked span of both annotators on both articles, with code point offsets and quotes', async () => {
    const { anna, alijew, paschinjan, t000, t003 } = await linkedProject();
    const mentions = await anna.entityMentions({});
    const rows = mentions.map((m) => [m.entityName, m.documentId, m.annotator, m.start, m.end, m.quote, m.label]);
    const row = (name: string, doc: string, who: string, range: { start: number; end: number }, text: string) =>
      [name, doc, who, range.start, range.end, cpSlice(text, range.start, range.end), 'actor'];
    // Seed 000 ("Im Ringen…") lists before seed 003 ("Nach der Rückeroberung…"): same month, by title.
    expect(rows).toEqual([
      row('Ilham Alijew', SEED_000.id, ANNA.id, cpFind(t000, 'der aserbaidschanische Präsident'), t000),
      row('Ilham Alijew', SEED_000.id, BEN.id, within(t000, 'Alijew schloss', 'Alijew'), t000),
      row('Ilham Alijew', SEED_003.id, ANNA.id, cpFind(t003, 'Ilham Alijew'), t003),
      row('Ilham Alijew', SEED_003.id, BEN.id, cpFind(t003, 'Ilham Alijew'), t003),
      row('Ilham Alijew', SEED_003.id, ANNA.id, within(t003, 'sagte Alijew am Sonntag', 'Alijew'), t003),
      row('Nikol Paschinjan', SEED_000.id, ANNA.id, cpFind(t000, 'Nikol Paschinjan'), t000),
    ]);
    expect(rows.map((r) => r[5])).toEqual(['der aserbaidschanische Präsident', 'Alijew', 'Ilham Alijew', 'Ilham Alijew', 'Alijew', 'Nikol Paschinjan']);
    expect(mentions.every((m) => m.entityType === 'person' && m.title.length > 0 && m.spanId.startsWith('s_'))).toBe(true);
    expect((await anna.entityMentions({ entityId: paschinjan.id })).map((m) => m.quote)).toEqual(['Nikol Paschinjan']);
    expect(await anna.entityMentions({ entityId: alijew.id })).toEqual(mentions.slice(0, 5));
    await expect(anna.entityMentions({ entityId: 'e_0000000000000000' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('needs no change of the tag schema: the actor label keeps an `entity` value it does not define', async () => {
    const { store, anna } = await linkedProject();
    expect(store.manifest.tagSchema.labels.find((l) => l.id === 'actor')!.attributes.map((a) => a.id)).not.toContain('entity');
    const layer = await store.getLayer(SEED_003.id, ANNA.id);
    expect(layer.spans.filter((s) => s.attributes.entity).length).toBe(2);
    // Unlinking is an ordinary attribute change.
    const span = layer.spans.find((s) => s.quote === 'Ilham Alijew')!;
    await anna.updateSpan({ documentId: SEED_003.id, spanId: span.id, patch: { attributes: { actor_type: 'person' } } });
    expect((await anna.entityMentions({})).filter((m) => m.annotator === ANNA.id && m.documentId === SEED_003.id).map((m) => m.quote)).toEqual(['Alijew']);
  });

  it("leaves the curated layer out unless it is asked for, and then lists only the curated layer's links", async () => {
    const { store, anna, alijew, t003 } = await linkedProject();
    const now = new Date().toISOString();
    const gold: Span = {
      id: 'g1', ...cpFind(t003, 'Ilham Alijew'), label: 'actor', quote: 'Ilham Alijew', attributes: { entity: alijew.id },
      origin: { annotators: [ANNA.id, BEN.id], spanIds: [], decision: 'added' }, createdAt: now, modifiedAt: now,
    };
    await anna.applyChange({ documentId: SEED_003.id, layer: 'curated', change: { removeSpans: [], putSpans: [gold], removeRelations: [], putRelations: [] } });
    await store.flush();
    expect((await anna.entityMentions({})).some((m) => m.annotator === CURATED_LAYER)).toBe(false);
    expect((await anna.entityMentions({ layer: 'curated' })).map((m) => [m.annotator, m.spanId, m.quote])).toEqual([[CURATED_LAYER, 'g1', 'Ilham Alijew']]);
  });
});

describe('tagwerk entities', () => {
  it('prints the entity list with mention counts as a table, CSV and JSON', async () => {
    const { store, alijew, paschinjan } = await linkedProject();
    const table = await cli('entities', '--project', store.dir);
    expect(table).toMatchObject({ code: 0, stderr: '' });
    const lines = table.stdout.split('\n');
    expect(lines[0]).toMatch(/^name +type +mentions +id +aliases$/);
    expect([lines[0].indexOf('type'), lines[0].indexOf(' id ') + 1]).toEqual([lines[1].indexOf('person'), lines[1].indexOf('e_')]);
    expect(lines[1]).toBe(`Ilham Alijew      person         5  ${alijew.id}  Aliyev; der aserbaidschanische Präsident`);
    expect(lines[2]).toBe(`Nikol Paschinjan  person         1  ${paschinjan.id}  Pashinyan`);
    expect(table.stdout).toContain("\n2 entities, 6 mentions in annotators' layers.\n");

    const csv = await cli('entities', '--project', store.dir, '--csv');
    expect(csv.code).toBe(0);
    expect(csv.stdout.startsWith('\uFEFFentity_id,entity_name,entity_type,mentions,aliases,note\r\n')).toBe(true);
    const records = parse(csv.stdout, { bom: true, columns: true, strict: true } as never) as Record<string, string>[];
    expect(records.map((r) => [r.entity_id, r.entity_name, r.mentions, JSON.parse(r.aliases), r.note])).toEqual([
      [alijew.id, 'Ilham Alijew', '5', ['Aliyev', 'der aserbaidschanische Präsident'], ''],
      [paschinjan.id, 'Nikol Paschinjan', '1', ['Pashinyan'], 'armenischer Regierungschef'],
    ]);

    const json = JSON.parse((await cli('entities', '--project', store.dir, '--json')).stdout);
    expect(json.map((e: Entity & { mentions: number }) => [e.name, e.mentions])).toEqual([['Ilham Alijew', 5], ['Nikol Paschinjan', 1]]);
  });

  it('prints every mention as CSV whose code point offsets slice the article text to the quote', async () => {
    const { store, anna, t000, t003 } = await linkedProject();
    const out = await cli('entities', '--project', store.dir, '--mentions', '--csv');
    expect(out.code).toBe(0);
    const [header] = out.stdout.replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toBe('entity_id,entity_name,entity_type,document_id,title,annotator,span_id,start,end,quote,label');
    const records = parse(out.stdout, { bom: true, columns: true, strict: true } as never) as Record<string, string>[];
    const texts: Record<string, string> = { [SEED_000.id]: t000, [SEED_003.id]: t003 };
    expect(records).toHaveLength(6);
    for (const r of records) expect(cpSlice(texts[r.document_id], Number(r.start), Number(r.end))).toBe(r.quote);
    const mentions = await anna.entityMentions({});
    expect(records).toEqual(mentions.map((m) => ({
      entity_id: m.entityId, entity_name: m.entityName, entity_type: m.entityType, document_id: m.documentId, title: m.title,
      annotator: m.annotator, span_id: m.spanId, start: String(m.start), end: String(m.end), quote: m.quote, label: m.label,
    })));
  });

  it('finds one entity by name, alias or id, prints a table, and exits 1 or 2 on what it cannot do', async () => {
    const { store, paschinjan } = await linkedProject();
    const byAlias = await cli('entities', '--project', store.dir, '--mentions', '--entity', 'aliyev', '--json');
    expect(byAlias.code).toBe(0);
    expect(JSON.parse(byAlias.stdout).map((m: { quote: string }) => m.quote)).toEqual(['der aserbaidschanische Präsident', 'Alijew', 'Ilham Alijew', 'Ilham Alijew', 'Alijew']);
    const byId = await cli('entities', '--project', store.dir, '--mentions', '--entity', paschinjan.id);
    const [head, first] = byId.stdout.split('\n');
    expect(head).toMatch(/^entity +document +annotator +start +end +label +quote$/);
    expect(head.indexOf('quote')).toBe(first.lastIndexOf('Nikol Paschinjan'));
    expect(byId.stdout).toMatch(new RegExp(`^Nikol Paschinjan  ${SEED_000.id}  anna-mueller +\\d+ +\\d+  actor  Nikol Paschinjan$`, 'm'));

    const unknown = await cli('entities', '--project', store.dir, '--mentions', '--entity', 'Putin');
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toBe('tagwerk: no entity "Putin" in this project (entities: Ilham Alijew, Nikol Paschinjan)\n');
    expect((await cli('entities', '--project', store.dir, '--csv', '--json')).code).toBe(2);
    expect((await cli('entities', '--project', store.dir, '--entity', 'Alijew')).code).toBe(2);
    expect((await cli('entities', '--project', store.dir, '--layer', 'gold')).code).toBe(2);
    expect((await cli('entities')).code).toBe(2);
    expect((await cli('entities', '--project', join(await makeTempDir(), 'none'))).code).toBe(1);
  });
});

describe('deleting an entity', () => {
  it('is refused while any span of any layer links to it, and done once none does', async () => {
    const { store, anna, alijew, paschinjan } = await linkedProject();
    const file = join(store.dir, ENTITIES_FILE);
    const bytes = await readFile(file);
    const refused = anna.deleteEntity({ id: alijew.id });
    await expect(refused).rejects.toMatchObject({ code: 'conflict' });
    const message = await refused.catch((e: Error) => e.message);
    expect(message).toMatch(/^Cannot delete "Ilham Alijew": 5 span\(s\) link to it \(/);
    expect(message).toContain(`2 of ${ANNA.id} in "${store.getDocument(SEED_003.id)!.title}"`);
    expect(message).toContain(`1 of ${BEN.id} in "${store.getDocument(SEED_000.id)!.title}"`);
    expect(message).toMatch(/Unlink or delete those spans first\.$/);
    expect(await readFile(file)).toEqual(bytes);

    const span = (await store.getLayer(SEED_000.id, ANNA.id)).spans.find((s) => s.quote === 'Nikol Paschinjan')!;
    await expect(anna.deleteEntity({ id: paschinjan.id })).rejects.toMatchObject({ code: 'conflict' });
    await anna.deleteSpan({ documentId: SEED_000.id, spanId: span.id });
    expect(await anna.deleteEntity({ id: paschinjan.id })).toEqual({ deleted: paschinjan.id });
    expect((await readJson(file)).entities.map((e: Entity) => e.name)).toEqual(['Ilham Alijew']);
    await expect(anna.deleteEntity({ id: paschinjan.id })).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('a damaged entities.json', () => {
  it('is reported by the list, the CLI and every save, and stays byte-identical', async () => {
    const { store, service } = await seededProject(ANNA);
    const file = join(store.dir, ENTITIES_FILE);
    // A save cut short by hand-editing: the file ends mid-list.
    const damaged = '{\n  "schemaVersion": 1,\n  "kind": "tagwerk-entities",\n  "entities": [\n    { "id": "e_1", "name": "Ilham Alijew"';
    await writeFile(file, damaged);
    const listed = await service.listEntities({});
    expect(listed.entities).toEqual([]);
    expect(listed.problem).toMatch(/^entities\.json is not valid JSON \(.+\); it was left untouched$/);
    await expect(service.saveEntity({ entity: { name: 'Nikol Paschinjan', type: 'person', aliases: [] } })).rejects.toMatchObject({
      code: 'conflict', message: expect.stringMatching(/^entities\.json is not valid JSON .*Repair or remove the file to edit the entity list\.$/),
    });
    await expect(service.deleteEntity({ id: 'e_1' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(service.entityMentions({})).rejects.toMatchObject({ code: 'conflict' });
    const out = await cli('entities', '--project', store.dir);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/^tagwerk: entities\.json is not valid JSON/);
    expect(await readFile(file, 'utf8')).toBe(damaged);
  });

  it('written by a newer Tagwerk or of another kind is reported as such and not overwritten', async () => {
    const { store, service } = await seededProject(ANNA);
    const file = join(store.dir, ENTITIES_FILE);
    for (const [content, reason] of [
      ['{ "schemaVersion": 2, "kind": "tagwerk-entities", "entities": [], "groups": [] }\n', /was written by a newer Tagwerk \(schema version 2/],
      ['{ "schemaVersion": 1, "kind": "tagwerk-layer", "spans": [] }\n', /is not a tagwerk-entities file \(kind: "tagwerk-layer"\)/],
      ['[]\n', /is not a JSON object/],
    ] as const) {
      await writeFile(file, content);
      expect((await service.listEntities({})).problem).toMatch(reason);
      await expect(service.saveEntity({ entity: { name: 'Nikol Paschinjan', type: 'person', aliases: [] } })).rejects.toMatchObject({ code: 'conflict' });
      expect(await readFile(file, 'utf8')).toBe(content);
    }
  });
});
