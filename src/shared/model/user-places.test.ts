import { describe, expect, it } from 'vitest';
import { AttributesSchema, type Attributes } from './annotation';
import { FileFormatError, loadFile } from './migrate';
import { withPlaceLink,
  emptyPlacesFile, isUserPlaceId, linkedPlace, PLACE_ATTRIBUTE_IDS, PLACE_ID, placeAttributes, PlaceError,
  removeUserPlace, saveUserPlace, uniqueUserPlaceId, type PlaceInput,
} from './user-places';

const CHECKPOINT: PlaceInput = { name: 'Kebele Checkpoint', kind: 'place', country: 'az', lat: 40.97, lon: 47.85, aliases: ['Kontrollpunkt Kebele'] };

/** The PlaceError a refused edit throws. */
function refusal(edit: () => unknown): PlaceError {
  try { edit(); } catch (err) {
    expect(err).toBeInstanceOf(PlaceError);
    return err as PlaceError;
  }
  throw new Error('the edit was not refused');
}

describe('saving a place of the project', () => {
  it('gives a new place the id user:<slug of its name>, an upper-case country and its aliases', () => {
    const { file, place } = saveUserPlace(emptyPlacesFile(), CHECKPOINT);
    expect(place).toEqual({
      id: 'user:kebele-checkpoint', name: 'Kebele Checkpoint', kind: 'place', country: 'AZ', lat: 40.97, lon: 47.85,
      aliases: ['Kontrollpunkt Kebele'],
    });
    expect(file.places).toEqual([place]);
    expect(saveUserPlace(emptyPlacesFile(), { name: 'Lager Süd', kind: 'region', lat: 39.9, lon: 46.8 }).place)
      .toEqual({ id: 'user:lager-sued', name: 'Lager Süd', kind: 'region', country: '', lat: 39.9, lon: 46.8 });
  });

  it('numbers the id when another place has it, so two places may share a name but never an id', () => {
    let file = emptyPlacesFile();
    const ids: string[] = [];
    for (const name of ['Checkpoint', 'checkpoint', 'Checkpoint 2', 'CHECKPOINT']) {
      const out = saveUserPlace(file, { name, kind: 'place', lat: 40, lon: 47 });
      file = out.file;
      ids.push(out.place.id);
    }
    expect(ids).toEqual(['user:checkpoint', 'user:checkpoint-2', 'user:checkpoint-2-2', 'user:checkpoint-3']);
    expect(uniqueUserPlaceId('Ереван', new Set())).toBe('user:place');
    expect(uniqueUserPlaceId('Ереван', new Set(['user:place']))).toBe('user:place-2');
  });

  it('drops aliases that repeat the name or each other as the search compares names', () => {
    const { place } = saveUserPlace(emptyPlacesFile(), { ...CHECKPOINT, aliases: ['kebele-checkpoint', 'Kontrollpunkt Kebele', 'KONTROLLPUNKT KEBELE', 'Posten Kebele'] });
    expect(place.aliases).toEqual(['Kontrollpunkt Kebele', 'Posten Kebele']);
    expect(saveUserPlace(emptyPlacesFile(), { ...CHECKPOINT, aliases: [] }).place).not.toHaveProperty('aliases');
  });

  it('changes a place under its id, keeps the id when the name changes, and returns the same file for no change', () => {
    const first = saveUserPlace(emptyPlacesFile(), CHECKPOINT);
    const moved = saveUserPlace(first.file, { ...CHECKPOINT, id: first.place.id, name: 'Kontrollposten Qəbələ', lat: 40.98 });
    expect(moved.place).toMatchObject({ id: 'user:kebele-checkpoint', name: 'Kontrollposten Qəbələ', lat: 40.98 });
    expect(moved.file.places).toEqual([moved.place]);
    const again = saveUserPlace(moved.file, { ...CHECKPOINT, id: first.place.id, name: 'Kontrollposten Qəbələ', lat: 40.98, country: 'AZ' });
    expect(again.file).toBe(moved.file);
    expect(refusal(() => saveUserPlace(moved.file, { ...CHECKPOINT, id: 'user:nowhere' })).reason).toBe('not-found');
  });

  it('refuses coordinates off the globe, an empty name and names without letters or digits', () => {
    const file = emptyPlacesFile();
    expect(refusal(() => saveUserPlace(file, { ...CHECKPOINT, lat: 95 })).message).toBe('lat: latitude must be between -90 and 90');
    expect(refusal(() => saveUserPlace(file, { ...CHECKPOINT, lon: -180.5 })).message).toBe('lon: longitude must be between -180 and 180');
    expect(refusal(() => saveUserPlace(file, { ...CHECKPOINT, name: '  ' })).message).toBe('name: a name is needed');
    expect(refusal(() => saveUserPlace(file, { ...CHECKPOINT, name: '–?–' })).message).toBe('"–?–" has no letters or digits to search for');
    expect(refusal(() => saveUserPlace(file, { ...CHECKPOINT, country: 'AZE' })).reason).toBe('invalid');
  });
});

describe('removing a place of the project', () => {
  it('removes it by id and refuses an unknown id', () => {
    const { file } = saveUserPlace(emptyPlacesFile(), CHECKPOINT);
    expect(removeUserPlace(file, 'user:kebele-checkpoint').places).toEqual([]);
    expect(refusal(() => removeUserPlace(file, 'user:kebele')).reason).toBe('not-found');
  });
});

describe('places.json', () => {
  const valid = (places: unknown[]) => ({ schemaVersion: 1, kind: 'tagwerk-places', places });

  it('loads through migrate and validate', () => {
    const { file } = saveUserPlace(emptyPlacesFile(), CHECKPOINT);
    expect(loadFile('tagwerk-places', JSON.parse(JSON.stringify(file)))).toEqual(file);
  });

  it('is refused with a duplicate id, coordinates off the globe or a packaged id', () => {
    const place = saveUserPlace(emptyPlacesFile(), CHECKPOINT).place;
    const load = (raw: unknown) => { try { loadFile('tagwerk-places', raw); } catch (err) { return (err as FileFormatError).message; } return 'loaded'; };
    expect(load(valid([place, place]))).toBe('is invalid at places.1.id: id user:kebele-checkpoint is used twice');
    expect(load(valid([{ ...place, lat: 95 }]))).toBe('is invalid at places.0.lat: latitude must be between -90 and 90');
    expect(load(valid([{ ...place, id: 'geonames:616052' }]))).toMatch(/^is invalid at places\.0\.id: /);
    expect(load({ ...valid([]), kind: 'tagwerk-entities' })).toBe('is not a tagwerk-places file (kind: "tagwerk-entities")');
  });
});

describe('place ids', () => {
  it('tell own places from the packaged gazetteer and refuse anything path-like', () => {
    for (const id of ['geonames:616052', 'iso3166:AM', 'tagwerk:berg-karabach', 'user:kebele-checkpoint-2']) expect(PLACE_ID.test(id)).toBe(true);
    for (const id of ['../places', 'user:', 'user:../x', 'geonames:616052/..', 'Yerevan', '']) expect(PLACE_ID.test(id)).toBe(false);
    expect(isUserPlaceId('user:kebele-checkpoint')).toBe(true);
    expect(isUserPlaceId('geonames:616052')).toBe(false);
    expect(isUserPlaceId('user:Kebele')).toBe(false);
  });
});

describe('span attributes of a place link', () => {
  const yerevan = { id: 'geonames:616052', name: 'Yerevan', kind: 'place' as const, country: 'AM', lat: 40.18111, lon: 44.51361, population: 1093485 };

  it('are exactly place, place_name, lat and lon, valid span attributes', () => {
    const attributes = placeAttributes(yerevan);
    expect(attributes).toEqual({ place: 'geonames:616052', place_name: 'Yerevan', lat: 40.18111, lon: 44.51361 });
    // What the UI does with them: merge into a span's attributes.
    const merged: Attributes = { actor_type: null, ...attributes };
    expect(merged.place).toBe('geonames:616052');
    expect(Object.keys(attributes)).toEqual([...PLACE_ATTRIBUTE_IDS]);
    expect(AttributesSchema.parse(attributes)).toEqual(attributes);
  });

  it('are how a span names its place, and only a non-empty text id counts', () => {
    expect(linkedPlace({ attributes: { actor_type: 'person', ...placeAttributes(yerevan) } })).toBe('geonames:616052');
    const unlinked: Attributes[] = [{}, { place: '' }, { place: 42 }, { place: null }, { place_name: 'Yerevan' }];
    for (const attributes of unlinked) {
      expect(linkedPlace({ attributes })).toBeNull();
    }
  });
});


describe('withPlaceLink', () => {
  it('writes the id, name and coordinates, and removes all four when unlinked, leaving other attributes', () => {
    const stepanakert = { id: 'geonames:146970', name: 'Xankandi', lat: 39.8177, lon: 46.7528 };
    const linked = withPlaceLink({ note_source: 'AFP' }, stepanakert);
    expect(linked).toEqual({ note_source: 'AFP', place: 'geonames:146970', place_name: 'Xankandi', lat: 39.8177, lon: 46.7528 });
    expect(withPlaceLink(linked, null)).toEqual({ note_source: 'AFP' });
  });
});
