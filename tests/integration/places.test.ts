/**
 * Places through the real services: the packaged gazetteer and the project's own places
 * (places.json) searched together, own places saved durably and found again after reopening,
 * location spans on the seed articles linked by the place attributes, deletion refused while
 * linked, bad arguments refused, a damaged places.json left alone. The gazetteer is loaded once
 * for the whole file (~2.5 s) and shared by every service, as in the app.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GAZETTEER_ATTRIBUTION } from '../../src/main/domain/gazetteer-data';
import { annotatorFromName } from '../../src/main/services/annotators';
import { createPlaceStore, PLACES_FILE, searchProjectPlaces, warmGazetteer } from '../../src/main/services/place-store';
import { openProjectStore } from '../../src/main/services/project-store';
import { createTagwerkService } from '../../src/main/services/tagwerk-service';
import { callApi, parseApiArgs } from '../../src/shared/api/api-args';
import { ApiError } from '../../src/shared/api/tagwerk-api';
import { distanceKm, type Place } from '../../src/shared/domain/gazetteer';
import { PLACE_ATTRIBUTE_IDS, placeAttributes, type PlaceInput } from '../../src/shared/model/user-places';
import { cpFind, readJson, removeTempDirs, SEED_000, SEED_003, seededProject } from './project-fixtures';

const ANNA = annotatorFromName('Anna Müller');
const BEN = annotatorFromName('Ben Schulz');

// One load for the file: every service below finds the gazetteer in the process-wide cache.
beforeAll(() => warmGazetteer(), 60_000);
afterAll(removeTempDirs);

const CHECKPOINT: PlaceInput = { name: 'Kebele Checkpoint', kind: 'place', country: 'az', lat: 40.975, lon: 47.86, aliases: ['Kontrollpunkt Kebele'] };

describe('searching places', () => {
  it('finds the German exonym Eriwan as Yerevan, with its coordinates, and names the data sources', async () => {
    const { service } = await seededProject(ANNA);
    const result = await service.searchPlaces({ query: 'Eriwan' });
    expect(result.loading).toBeUndefined();
    expect(result.problem).toBeUndefined();
    expect(result.attribution).toBe(GAZETTEER_ATTRIBUTION);
    expect(result.attribution).toMatch(/GeoNames.*CC BY 4\.0.*world-countries.*ODbL/);
    const [first] = result.places;
    expect(first).toMatchObject({ id: 'geonames:616052', name: 'Yerevan', kind: 'place', country: 'AM', match: 'exact', via: 'alias' });
    // Wikipedia's coordinates of Yerevan, independent of GeoNames.
    expect(distanceKm(first, { lat: 40.181, lon: 44.514 })).toBeLessThan(5);
  });

  it('finds Berg-Karabach as a region and Stepanakert by its Armenian name', async () => {
    const { service } = await seededProject(ANNA);
    const [region] = (await service.searchPlaces({ query: 'Berg-Karabach' })).places;
    expect(region).toMatchObject({ id: 'tagwerk:berg-karabach', name: 'Berg-Karabach', kind: 'region', match: 'exact' });
    expect(distanceKm(region, { lat: 39.815, lon: 46.752 })).toBeLessThan(30);
    const [town] = (await service.searchPlaces({ query: 'Stepanakert' })).places;
    expect(town).toMatchObject({ id: 'geonames:146970', kind: 'place', country: 'AZ', match: 'exact' });
    expect(distanceKm(town, { lat: 39.815, lon: 46.752 })).toBeLessThan(5);
    expect(await service.getPlace({ id: town.id })).toEqual(Object.fromEntries(Object.entries(town).filter(([k]) => k !== 'match' && k !== 'via')));
  });

  it('gives at most `limit` hits, and a genitive finds its place', async () => {
    const { service } = await seededProject(ANNA);
    expect((await service.searchPlaces({ query: 'Ber', limit: 3 })).places).toHaveLength(3);
    expect((await service.searchPlaces({ query: 'Bakus' })).places[0]).toMatchObject({ id: 'geonames:587084', match: 'genitive' });
  });

  it('answers with the own places alone, and says so, while the gazetteer is loading or when it cannot be read', async () => {
    const { store, service } = await seededProject(ANNA);
    await service.savePlace({ place: CHECKPOINT });
    const own = createPlaceStore(store.dir);
    const loading = await searchProjectPlaces(own, 'Kebele', 10, { gazetteer: () => new Promise(() => undefined), waitMs: 20 });
    expect(loading).toMatchObject({ loading: true, problems: [] });
    expect(loading.hits.map((h) => h.place.id)).toEqual(['user:kebele-checkpoint']);
    const broken = await searchProjectPlaces(own, 'Kebele', 10, { gazetteer: async () => { throw new Error('ENOENT: cities500.txt'); } });
    expect(broken.loading).toBe(false);
    expect(broken.problems).toEqual(["The gazetteer could not be loaded (ENOENT: cities500.txt); only the project's own places were searched."]);
    expect(broken.hits.map((h) => h.place.id)).toEqual(['user:kebele-checkpoint']);
  });
});

describe("the project's own places", () => {
  it('are found by name and alias next to the gazetteer, and kept in places.json across a reopening', async () => {
    const { store, service } = await seededProject(ANNA);
    const saved = await service.savePlace({ place: CHECKPOINT });
    expect(saved).toEqual({
      id: 'user:kebele-checkpoint', name: 'Kebele Checkpoint', kind: 'place', country: 'AZ', lat: 40.975, lon: 47.86, aliases: ['Kontrollpunkt Kebele'],
    });
    expect((await service.searchPlaces({ query: 'Kebele Checkpoint' })).places[0]).toEqual({ ...saved, match: 'exact', via: 'name' });
    expect((await service.searchPlaces({ query: 'kontrollpunkt kebele' })).places[0]).toEqual({ ...saved, match: 'exact', via: 'alias' });
    // "Kebele" itself is the town Qəbələ (an exact alias); the checkpoint follows as a prefix match.
    expect((await service.searchPlaces({ query: 'Kebele' })).places.map((p) => [p.id, p.match])).toEqual(expect.arrayContaining([
      ['geonames:585231', 'exact'], ['user:kebele-checkpoint', 'prefix'],
    ]));

    const raw = await readFile(join(store.dir, PLACES_FILE), 'utf8');
    expect(raw.endsWith('}\n')).toBe(true);
    expect(JSON.parse(raw)).toEqual({ schemaVersion: 1, kind: 'tagwerk-places', places: [saved] });

    const reopened = createTagwerkService(await openProjectStore(store.dir), BEN);
    expect(await reopened.getPlace({ id: saved.id })).toEqual(saved);
    expect((await reopened.searchPlaces({ query: 'Kontrollpunkt Kebele' })).places[0].id).toBe(saved.id);
  });

  it('come first among hits that match as well, whatever the population', async () => {
    const { service } = await seededProject(ANNA);
    const before = (await service.searchPlaces({ query: 'Lager' })).places;
    expect(before[0]).toMatchObject({ name: 'Lägerdorf', match: 'prefix', via: 'name' });
    const camp = await service.savePlace({ place: { name: 'Lager Süd', kind: 'place', lat: 39.9, lon: 46.8 } });
    const after = (await service.searchPlaces({ query: 'Lager' })).places;
    expect(after.slice(0, 2).map((p) => [p.id, p.match, p.via])).toEqual([[camp.id, 'prefix', 'name'], [before[0].id, 'prefix', 'name']]);
  });

  it('get unique ids: the same name saved again, also in parallel from two services, gets a numbered id', async () => {
    const { store, service: anna } = await seededProject(ANNA);
    const ben = createTagwerkService(store, BEN);
    const first = await anna.savePlace({ place: CHECKPOINT });
    const more = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? anna : ben).savePlace({ place: { ...CHECKPOINT, lat: 40.97 + i / 1000 } })));
    const ids = [first, ...more].map((p) => p.id);
    expect(new Set(ids).size).toBe(7);
    expect([...ids].sort()).toEqual(['user:kebele-checkpoint', ...[2, 3, 4, 5, 6, 7].map((n) => `user:kebele-checkpoint-${n}`)].sort());
    const onDisk = await readJson(join(store.dir, PLACES_FILE));
    expect(onDisk.places.map((p: Place) => p.id).sort()).toEqual([...ids].sort());
  });

  it('keep their id when changed, and an unknown place is not found', async () => {
    const { service } = await seededProject(ANNA);
    const saved = await service.savePlace({ place: CHECKPOINT });
    const moved = await service.savePlace({ place: { ...CHECKPOINT, id: saved.id, name: 'Checkpoint Qəbələ Nord', lat: 41.0 } });
    expect(moved).toMatchObject({ id: saved.id, name: 'Checkpoint Qəbələ Nord', lat: 41.0 });
    expect((await service.searchPlaces({ query: 'checkpoint qabala nord' })).places[0].id).toBe(saved.id);
    await expect(service.savePlace({ place: { ...CHECKPOINT, id: 'user:nowhere' } })).rejects.toMatchObject({ code: 'not-found' });
    await expect(service.getPlace({ id: 'user:nowhere' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(service.getPlace({ id: 'geonames:1' })).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('a location span linked to a place', () => {
  it('carries exactly place, place_name, lat and lon, and blocks deleting its own place until unlinked', async () => {
    const { store, service: anna } = await seededProject(ANNA);
    const ben = createTagwerkService(store, BEN);
    const checkpoint = await anna.savePlace({ place: CHECKPOINT });
    const t000 = store.getDocument(SEED_000.id)!.text;
    const t003 = store.getDocument(SEED_003.id)!.text;

    // As the UI links: search the quote, take the first hit, write its attributes on the span.
    const [yerevan] = (await anna.searchPlaces({ query: 'Eriwan' })).places;
    const eriwan = await anna.createSpan({ documentId: SEED_003.id, ...cpFind(t003, 'Eriwan'), label: 'location', attributes: placeAttributes(yerevan) });
    expect(eriwan.attributes).toEqual({ place: 'geonames:616052', place_name: 'Yerevan', lat: yerevan.lat, lon: yerevan.lon });
    expect(Object.keys(eriwan.attributes)).toEqual([...PLACE_ATTRIBUTE_IDS]);
    const annaSpan = await anna.createSpan({ documentId: SEED_000.id, ...cpFind(t000, 'Kebele'), label: 'location', attributes: placeAttributes(checkpoint) });
    const benSpan = await ben.createSpan({ documentId: SEED_000.id, ...cpFind(t000, 'Kebele'), label: 'location', attributes: placeAttributes(checkpoint) });
    await store.flush();

    const file = join(store.dir, PLACES_FILE);
    const bytes = await readFile(file);
    const title = store.getDocument(SEED_000.id)!.title;
    await expect(anna.deletePlace({ id: checkpoint.id })).rejects.toMatchObject({
      code: 'conflict',
      message: `Cannot delete "Kebele Checkpoint": 2 span(s) link to it (1 of ${ANNA.id} in "${title}"; 1 of ${BEN.id} in "${title}"). Unlink or delete those spans first.`,
    });
    expect(await readFile(file)).toEqual(bytes);

    // Unlinking is an ordinary attribute change; Ben's link still blocks.
    await anna.updateSpan({ documentId: SEED_000.id, spanId: annaSpan.id, patch: { attributes: {} } });
    await expect(anna.deletePlace({ id: checkpoint.id })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('1 span(s) link to it') });
    await ben.deleteSpan({ documentId: SEED_000.id, spanId: benSpan.id });
    expect(await anna.deletePlace({ id: checkpoint.id })).toEqual({ deleted: checkpoint.id });
    expect((await readJson(file)).places).toEqual([]);
    await expect(anna.deletePlace({ id: checkpoint.id })).rejects.toMatchObject({ code: 'not-found' });
    // The link to the packaged place is untouched.
    expect((await store.getLayer(SEED_003.id, ANNA.id)).spans.find((s) => s.id === eriwan.id)!.attributes.place).toBe('geonames:616052');
  });
});

describe('place arguments', () => {
  it('are refused at the API boundary: coordinates off the globe, unknown keys, packaged ids for deletion', async () => {
    const { service } = await seededProject(ANNA);
    const refusedBy = (method: 'savePlace' | 'deletePlace' | 'searchPlaces' | 'getPlace', raw: unknown) => {
      try { parseApiArgs(method, raw); } catch (err) {
        expect(err).toBeInstanceOf(ApiError);
        expect((err as ApiError).code).toBe('invalid-argument');
        return (err as Error).message;
      }
      throw new Error(`${method} accepted ${JSON.stringify(raw)}`);
    };
    expect(refusedBy('savePlace', { place: { ...CHECKPOINT, lat: 95 } })).toBe('savePlace: invalid argument at place.lat: latitude must be between -90 and 90');
    expect(refusedBy('savePlace', { place: { ...CHECKPOINT, lon: 200 } })).toBe('savePlace: invalid argument at place.lon: longitude must be between -180 and 180');
    expect(refusedBy('savePlace', { place: { ...CHECKPOINT, name: '' } })).toBe('savePlace: invalid argument at place.name: a name is needed');
    expect(refusedBy('savePlace', { place: { ...CHECKPOINT, name: 'x'.repeat(201) } })).toBe('savePlace: invalid argument at place.name: at most 200 characters');
    expect(refusedBy('savePlace', { place: CHECKPOINT, dir: '/etc' })).toBe('savePlace: invalid argument: Unrecognized key: "dir"');
    expect(refusedBy('deletePlace', { id: 'geonames:616052' })).toMatch(/packaged gazetteer's places cannot be deleted/);
    expect(refusedBy('searchPlaces', { query: 'x'.repeat(201) })).toMatch(/at query: at most 200 characters/);
    expect(refusedBy('searchPlaces', { query: 'Eriwan', limit: 0 })).toMatch(/at limit: /);

    // Through callApi nothing is written for a refused call.
    expect(await callApi(service, 'savePlace', { place: { ...CHECKPOINT, lat: 95 } })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    await expect(readFile(join(service.store.dir, PLACES_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await callApi(service, 'savePlace', { place: CHECKPOINT })).toMatchObject({ ok: true, result: { id: 'user:kebele-checkpoint' } });
  });
});

describe('a damaged places.json', () => {
  it('is reported by search, get, save and delete, the gazetteer still answers, and the file stays byte-identical', async () => {
    const { store, service } = await seededProject(ANNA);
    const file = join(store.dir, PLACES_FILE);
    // A save cut short by hand-editing: the file ends mid-list.
    const damaged = '{\n  "schemaVersion": 1,\n  "kind": "tagwerk-places",\n  "places": [\n    { "id": "user:kebele-checkpoint", "name": "Kebele';
    await writeFile(file, damaged);

    const result = await service.searchPlaces({ query: 'Eriwan' });
    expect(result.places[0].id).toBe('geonames:616052');
    expect(result.problem).toMatch(/^places\.json is not valid JSON \(.+\); it was left untouched$/);
    await expect(service.getPlace({ id: 'user:kebele-checkpoint' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/^places\.json is not valid JSON/) });
    await expect(service.savePlace({ place: CHECKPOINT })).rejects.toMatchObject({
      code: 'conflict', message: expect.stringMatching(/^places\.json is not valid JSON .*Repair or remove the file to edit the project's places\.$/),
    });
    await expect(service.deletePlace({ id: 'user:kebele-checkpoint' })).rejects.toMatchObject({ code: 'conflict' });
    expect(await readFile(file, 'utf8')).toBe(damaged);
  });

  it('written by a newer Tagwerk, of another kind or with coordinates off the globe is reported as such and not overwritten', async () => {
    const { store, service } = await seededProject(ANNA);
    const file = join(store.dir, PLACES_FILE);
    const offGlobe = { id: 'user:x', name: 'X', kind: 'place', country: '', lat: 95, lon: 0 };
    for (const [content, reason] of [
      ['{ "schemaVersion": 2, "kind": "tagwerk-places", "places": [] }\n', /was written by a newer Tagwerk \(schema version 2/],
      ['{ "schemaVersion": 1, "kind": "tagwerk-entities", "entities": [] }\n', /is not a tagwerk-places file \(kind: "tagwerk-entities"\)/],
      [`${JSON.stringify({ schemaVersion: 1, kind: 'tagwerk-places', places: [offGlobe] })}\n`, /is invalid at places\.0\.lat: latitude must be between -90 and 90/],
    ] as const) {
      await writeFile(file, content);
      expect((await service.searchPlaces({ query: 'Kebele' })).problem).toMatch(reason);
      await expect(service.savePlace({ place: CHECKPOINT })).rejects.toMatchObject({ code: 'conflict' });
      expect(await readFile(file, 'utf8')).toBe(content);
    }
  });
});
