import { describe, expect, it } from 'vitest';
import {
  buildGazetteerIndex, createUserPlace, distanceKm, getPlace, normalizePlaceName, searchGazetteers, searchPlaces,
  type Place,
} from './gazetteer';
import { applyAliasTable, OWN_PLACES, PLACE_ALIASES } from './gazetteer-aliases';

// A few real GeoNames cities500 rows (id, name, coordinates, population) and world-countries
// countries, enough to exercise matching and ranking without the 32 MB dump.
const PLACES: Place[] = [
  { id: 'iso3166:AM', name: 'Armenia', kind: 'country', country: 'AM', lat: 40, lon: 45, aliases: ['Armenien'] },
  { id: 'iso3166:AZ', name: 'Azerbaijan', kind: 'country', country: 'AZ', lat: 40.5, lon: 47.5, aliases: ['Aserbaidschan'] },
  { id: 'geonames:3689560', name: 'Armenia', kind: 'place', country: 'CO', lat: 4.53389, lon: -75.68111, population: 315328 },
  { id: 'geonames:616052', name: 'Yerevan', kind: 'place', country: 'AM', lat: 40.18111, lon: 44.51361, population: 1093485 },
  { id: 'geonames:587084', name: 'Baku', kind: 'place', country: 'AZ', lat: 40.37767, lon: 49.89201, population: 1116513 },
  { id: 'geonames:584923', name: 'Sumqayıt', kind: 'place', country: 'AZ', lat: 40.58972, lon: 49.66861, population: 358675 },
  { id: 'geonames:146970', name: 'Xankandi', kind: 'place', country: 'AZ', lat: 39.8177, lon: 46.7528, population: 53100 },
  { id: 'geonames:147105', name: 'Şuşa', kind: 'place', country: 'AZ', lat: 39.76006, lon: 46.74989, population: 18662 },
  { id: 'geonames:586268', name: 'Kerbakhiar', kind: 'place', country: 'AZ', lat: 40.10984, lon: 46.04446, population: 8400 },
  { id: 'geonames:585231', name: 'Qutqashen', kind: 'place', country: 'AZ', lat: 40.98247, lon: 47.84909, population: 11867 },
  { id: 'geonames:3197959', name: 'Kobilje', kind: 'place', country: 'SI', lat: 46.68514, lon: 16.39778, population: 542 },
  { id: 'geonames:524901', name: 'Moscow', kind: 'place', country: 'RU', lat: 55.75222, lon: 37.61556, population: 10381222 },
  { id: 'geonames:2988507', name: 'Paris', kind: 'place', country: 'FR', lat: 48.85341, lon: 2.3488, population: 2138551 },
  { id: 'geonames:4717560', name: 'Paris', kind: 'place', country: 'US', lat: 33.66094, lon: -95.55551, population: 24782 },
  { id: 'geonames:2988506', name: 'Parisot', kind: 'place', country: 'FR', lat: 44.26, lon: 1.85, population: 520 },
];

/** GeoNames alternate names of the rows above (a selection), as the loader passes them. */
const VARIANTS: Record<string, string[]> = {
  'geonames:616052': ['Eriwan', 'Erevan', 'Jerevan'],
  'geonames:584923': ['Sumqayit', 'Sumgait'],
  'geonames:146970': ['Stepanakert', 'Khankendi', 'Xankəndi'],
  'geonames:3197959': ['Kebele'],
  'geonames:524901': ['Moskau', 'Moskva'],
};

function index(places: readonly Place[] = applyAliasTable(PLACES).places) {
  return buildGazetteerIndex(places, { variants: (p) => VARIANTS[p.id] });
}

const top = (query: string, places?: readonly Place[]) => searchPlaces(index(places), query, 5)[0]?.place.id;

describe('normalizePlaceName', () => {
  it('ignores case, diacritics, dotless i and schwa the way GeoNames ASCII names do', () => {
    expect(normalizePlaceName('Sumqayıt')).toBe(normalizePlaceName('SUMQAYIT'));
    expect(normalizePlaceName('Xankəndi')).toBe('xankandi');
    expect(normalizePlaceName('Şuşa')).toBe('susa');
    expect(normalizePlaceName('Türkei')).toBe('turkei');
    expect(normalizePlaceName('İstanbul')).toBe('istanbul');
    expect(normalizePlaceName('Großbritannien')).toBe('grossbritannien');
  });

  it('treats hyphens, spaces and apostrophes as nothing', () => {
    const key = normalizePlaceName('Berg-Karabach');
    expect(normalizePlaceName('Bergkarabach')).toBe(key);
    expect(normalizePlaceName(' Berg  Karabach ')).toBe(key);
    expect(normalizePlaceName('Kam’janez-Podilskyj')).toBe(normalizePlaceName('Kamjanez Podilskyj'));
    expect(normalizePlaceName('– „ “ ')).toBe('');
  });
});

describe('searchPlaces', () => {
  it('finds a place by a German exonym and reports how it matched', () => {
    const [hit] = searchPlaces(index(), 'Eriwan');
    expect(hit.place.id).toBe('geonames:616052');
    expect(hit).toMatchObject({ match: 'exact', via: 'alias' });
  });

  it('matches regardless of case and diacritics', () => {
    expect(top('baku')).toBe('geonames:587084');
    expect(top('Sumqayit')).toBe('geonames:584923');
    expect(top('sumqayıt')).toBe('geonames:584923');
    expect(top('Susa')).toBe('geonames:147105');
  });

  it('falls back to the name without a genitive -s', () => {
    const hits = searchPlaces(index(), 'Aserbaidschans');
    expect(hits[0]).toMatchObject({ place: { id: 'iso3166:AZ' }, match: 'genitive' });
    expect(top('Moskaus')).toBe('geonames:524901');
    expect(top('Bakus')).toBe('geonames:587084');
    expect(top('Karabachs')).toBe('tagwerk:berg-karabach');
  });

  it('ranks the French capital before Paris, Texas, and both before names that merely start with Paris', () => {
    const ids = searchPlaces(index(), 'Paris').map((h) => h.place.id);
    expect(ids).toEqual(['geonames:2988507', 'geonames:4717560', 'geonames:2988506']);
  });

  it('ranks a country before a town of the same name', () => {
    const ids = searchPlaces(index(), 'Armenia').map((h) => h.place.id);
    expect(ids.slice(0, 2)).toEqual(['iso3166:AM', 'geonames:3689560']);
  });

  it("ranks the alias table's choice before another place's variant spelling", () => {
    const ids = searchPlaces(index(), 'Kebele').map((h) => h.place.id);
    expect(ids).toEqual(['geonames:585231', 'geonames:3197959']);
  });

  it('returns nothing for unknown strings, empty queries and a zero limit', () => {
    expect(searchPlaces(index(), 'Qwertzuiopland')).toEqual([]);
    expect(searchPlaces(index(), '')).toEqual([]);
    expect(searchPlaces(index(), ' - ')).toEqual([]);
    expect(searchPlaces(index(), 'Baku', 0)).toEqual([]);
  });

  it('matches prefixes only from three letters on', () => {
    expect(searchPlaces(index(), 'Pa')).toEqual([]);
    expect(searchPlaces(index(), 'Par').map((h) => h.match)).toEqual(['prefix', 'prefix', 'prefix']);
    expect(searchPlaces(index(), 'Stepanak')[0]).toMatchObject({ place: { id: 'geonames:146970' }, match: 'prefix' });
  });

  it('honours the limit', () => {
    expect(searchPlaces(index(), 'Paris', 1).map((h) => h.place.id)).toEqual(['geonames:2988507']);
  });

  it('keeps the first of two places with the same id', () => {
    const idx = buildGazetteerIndex([PLACES[4], { ...PLACES[4], name: 'Elsewhere' }]);
    expect(idx.places).toHaveLength(1);
    expect(getPlace(idx, 'geonames:587084')?.name).toBe('Baku');
    expect(getPlace(idx, 'geonames:1')).toBeUndefined();
  });
});

describe('alias table', () => {
  it('adds aliases, renames outdated primary names and keeps the old name searchable', () => {
    const { places, missing } = applyAliasTable(PLACES);
    const kalbajar = places.find((p) => p.id === 'geonames:586268');
    expect(kalbajar).toMatchObject({ name: 'Kəlbəcər', lat: 40.10984, lon: 46.04446 });
    expect(kalbajar?.aliases).toContain('Kerbakhiar');
    expect(top('Kelbadschar')).toBe('geonames:586268');
    expect(top('Kerbakhiar')).toBe('geonames:586268');
    expect(missing).toContain('geonames:703448'); // Kyiv is not in this small sample
    expect(missing).not.toContain('geonames:616052');
  });

  it('adds the regions with their coordinates', () => {
    const karabach = searchPlaces(index(), 'Nagorno-Karabakh')[0].place;
    expect(karabach).toMatchObject({ id: 'tagwerk:berg-karabach', kind: 'region', country: 'AZ' });
    // The representative point lies within 10 km of Stepanakert.
    expect(distanceKm(karabach, PLACES[6])).toBeLessThan(10);
    expect(top('Gazastreifen')).toBe('tagwerk:gazastreifen');
    expect(top('Westjordanland')).toBe('tagwerk:westjordanland');
    expect(top('Donbass')).toBe('tagwerk:donbas');
  });

  it('has one row per id, well-formed ids and coordinates in range', () => {
    const ids = [...PLACE_ALIASES.map((r) => r.id), ...OWN_PLACES.map((p) => p.id)];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^(geonames:\d+|iso3166:[A-Z]{2}|tagwerk:[a-z0-9-]+)$/);
    for (const p of OWN_PLACES) {
      expect(Math.abs(p.lat)).toBeLessThanOrEqual(90);
      expect(Math.abs(p.lon)).toBeLessThanOrEqual(180);
    }
  });
});

describe('user places', () => {
  it('get a user: id from their name and are searchable next to the packaged gazetteer', () => {
    const camp = createUserPlace({ name: ' Lager Süd ', lat: 39.9, lon: 46.8, country: 'az', aliases: ['Südlager', ' '] });
    expect(camp).toEqual({
      id: 'user:lager-sued', name: 'Lager Süd', kind: 'place', country: 'AZ', lat: 39.9, lon: 46.8, aliases: ['Südlager'],
    });
    const own = buildGazetteerIndex([camp]);
    expect(searchGazetteers([own, index()], 'Südlager').map((h) => h.place.id)).toEqual(['user:lager-sued']);
    expect(searchGazetteers([own, index()], 'Baku')[0].place.id).toBe('geonames:587084');
  });

  it('hide a packaged entry with the same id', () => {
    const mine = { ...PLACES[4], lat: 40.4, lon: 49.9, aliases: ['Bakı'] };
    const hits = searchGazetteers([buildGazetteerIndex([mine]), index()], 'Baku');
    expect(hits.filter((h) => h.place.id === 'geonames:587084')).toEqual([{ place: mine, match: 'exact', via: 'name' }]);
  });

  it('are refused without a name or with coordinates out of range', () => {
    expect(() => createUserPlace({ name: ' ', lat: 0, lon: 0 })).toThrow(/name/);
    expect(() => createUserPlace({ name: 'X', lat: 91, lon: 0 })).toThrow(/range/);
    expect(() => createUserPlace({ name: 'X', lat: 0, lon: Number.NaN })).toThrow(/range/);
  });
});

describe('distanceKm', () => {
  it('measures great-circle distances', () => {
    expect(distanceKm({ lat: 52.52, lon: 13.405 }, { lat: 48.8566, lon: 2.3522 })).toBeCloseTo(878, -1);
    expect(distanceKm(PLACES[3], PLACES[3])).toBe(0);
  });
});
