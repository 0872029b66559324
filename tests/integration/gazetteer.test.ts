/**
 * The packaged gazetteer as the app loads it: GeoNames cities500 and world-countries read from
 * node_modules, Tagwerk's alias table applied. Expected coordinates are independent of GeoNames
 * (Wikipedia's article coordinates, rounded), so a wrong id or a swapped lat/lon fails.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadGazetteer, parseGeonamesCities } from '../../src/main/domain/gazetteer-data';
import { distanceKm, getPlace, searchPlaces, type GazetteerIndex, type PlaceHit } from '../../src/shared/domain/gazetteer';
import { OWN_PLACES, PLACE_ALIASES } from '../../src/shared/domain/gazetteer-aliases';

const SEEDS_DIR = resolve(__dirname, '../../seeds');

let gazetteer: GazetteerIndex;
beforeAll(async () => {
  gazetteer = await loadGazetteer();
}, 60_000);

const search = (query: string, limit = 10): PlaceHit[] => searchPlaces(gazetteer, query, limit);

/** Query, expected id, true coordinates, and how far (km) the entry may lie from them. */
const CITIES: [string, string, number, number][] = [
  ['Eriwan', 'geonames:616052', 40.181, 44.514],
  ['Stepanakert', 'geonames:146970', 39.815, 46.752],
  ['Chankendi', 'geonames:146970', 39.815, 46.752],
  ['Khankendi', 'geonames:146970', 39.815, 46.752],
  ['Xankəndi', 'geonames:146970', 39.815, 46.752],
  ['Schuscha', 'geonames:147105', 39.758, 46.749],
  ['Shusha', 'geonames:147105', 39.758, 46.749],
  ['Şuşa', 'geonames:147105', 39.758, 46.749],
  ['Kəlbəcər', 'geonames:586268', 40.102, 46.036],
  ['Kebele', 'geonames:585231', 40.981, 47.846],
  ['Baku', 'geonames:587084', 40.395, 49.882],
  ['Kiew', 'geonames:703448', 50.450, 30.524],
  ['Kyjiw', 'geonames:703448', 50.450, 30.524],
  ['Kyiv', 'geonames:703448', 50.450, 30.524],
  ['Charkiw', 'geonames:706483', 49.993, 36.231],
  ['Kharkiv', 'geonames:706483', 49.993, 36.231],
  ['Odessa', 'geonames:698740', 46.486, 30.743],
  ['Odesa', 'geonames:698740', 46.486, 30.743],
  ['Moskau', 'geonames:524901', 55.756, 37.617],
  ['Butscha', 'geonames:711350', 50.549, 30.221],
  ['Mariupol', 'geonames:701822', 47.096, 37.549],
  ['Gaza', 'geonames:281133', 31.517, 34.450],
  ['Damaskus', 'geonames:170654', 33.513, 36.292],
  ['Aleppo', 'geonames:170063', 36.202, 37.134],
  ['Tiflis', 'geonames:611717', 41.717, 44.783],
  ['Tbilisi', 'geonames:611717', 41.717, 44.783],
];

/** Regions: query, id, a point inside the region, and the largest distance allowed from it. */
const REGIONS: [string, string, number, number, number][] = [
  ['Berg-Karabach', 'tagwerk:berg-karabach', 39.815, 46.752, 30], // Stepanakert, its capital
  ['Bergkarabach', 'tagwerk:berg-karabach', 39.815, 46.752, 30],
  ['Karabach', 'tagwerk:berg-karabach', 39.815, 46.752, 30],
  ['Nagorno-Karabakh', 'tagwerk:berg-karabach', 39.815, 46.752, 30],
  ['Artsakh', 'tagwerk:berg-karabach', 39.815, 46.752, 30],
  ['Gazastreifen', 'tagwerk:gazastreifen', 31.517, 34.450, 20], // Gaza City
  ['Westjordanland', 'tagwerk:westjordanland', 31.903, 35.204, 30], // Ramallah
  ['Donbas', 'tagwerk:donbas', 48.003, 37.805, 100], // Donetsk
];

/** Countries: query, id, and a latitude/longitude box around the country's territory. */
const COUNTRIES: [string, string, [number, number], [number, number]][] = [
  ['Armenien', 'iso3166:AM', [38.8, 41.3], [43.4, 46.7]],
  ['Aserbaidschan', 'iso3166:AZ', [38.4, 41.9], [44.7, 50.4]],
  ['Russland', 'iso3166:RU', [41, 82], [19, 180]],
  ['Türkei', 'iso3166:TR', [35.8, 42.1], [26, 44.8]],
  ['Ukraine', 'iso3166:UA', [44.3, 52.4], [22.1, 40.2]],
  ['Vereinigte Staaten', 'iso3166:US', [24.5, 49.4], [-125, -66.9]],
  ['USA', 'iso3166:US', [24.5, 49.4], [-125, -66.9]],
];

describe('packaged gazetteer', () => {
  it.each(CITIES)('%s resolves to %s within 30 km of the real place', (query, id, lat, lon) => {
    const [hit] = search(query);
    expect(hit.place.id).toBe(id);
    expect(hit.match).toBe('exact');
    expect(distanceKm(hit.place, { lat, lon })).toBeLessThan(30);
  });

  it.each(REGIONS)('%s resolves to the region %s', (query, id, lat, lon, km) => {
    const [hit] = search(query);
    expect(hit.place).toMatchObject({ id, kind: 'region' });
    expect(distanceKm(hit.place, { lat, lon })).toBeLessThan(km);
  });

  it.each(COUNTRIES)('%s resolves to the country %s with coordinates on its territory', (query, id, lats, lons) => {
    const [hit] = search(query);
    expect(hit.place).toMatchObject({ id, kind: 'country', country: id.slice(-2) });
    expect(hit.place.lat).toBeGreaterThan(lats[0]);
    expect(hit.place.lat).toBeLessThan(lats[1]);
    expect(hit.place.lon).toBeGreaterThan(lons[0]);
    expect(hit.place.lon).toBeLessThan(lons[1]);
  });

  it('ranks Yerevan first for "Eriwan"', () => {
    const hits = search('Eriwan');
    expect(hits[0]).toMatchObject({ place: { id: 'geonames:616052', name: 'Yerevan', country: 'AM' }, via: 'alias' });
    expect(hits[0].place.population).toBeGreaterThan(1_000_000);
  });

  it('ranks the French capital before Paris, Texas', () => {
    const ids = search('Paris').map((h) => h.place.id);
    expect(ids[0]).toBe('geonames:2988507');
    expect(ids).toContain('geonames:4717560');
    expect(ids.indexOf('geonames:2988507')).toBeLessThan(ids.indexOf('geonames:4717560'));
  });

  it('matches whatever the case and diacritics', () => {
    expect(search('baku')[0].place.id).toBe('geonames:587084');
    expect(search('BAKU')[0].place.id).toBe('geonames:587084');
    expect(search('Sumqayit')[0].place).toMatchObject({ id: 'geonames:584923', name: 'Sumqayıt' });
    expect(search('Sumqayıt')[0].place.id).toBe('geonames:584923');
    expect(search('sumqayit')[0].place.id).toBe('geonames:584923');
  });

  it('returns nothing for strings that are no place', () => {
    for (const q of ['Qwertzuiopland', 'Xyzzyplugh', '123456789', '', '„“']) expect(search(q)).toEqual([]);
  });

  it('covers small towns of the cities500 class', () => {
    // Hadrut had about 2,500 inhabitants, Laçın about 2,300 (GeoNames).
    expect(search('Hadrut')[0].place).toMatchObject({ id: 'geonames:148105', country: 'AZ' });
    expect(distanceKm(search('Hadrut')[0].place, { lat: 39.520, lon: 47.031 })).toBeLessThan(30);
    expect(search('Butscha')[0].place.population).toBeLessThan(100_000);
  });

  it('prefers the alias table where a name is ambiguous, and still lists the other places', () => {
    // Laçın (Karabakh) has a namesake in Turkey with more inhabitants.
    const hits = search('Laçın');
    expect(hits[0].place).toMatchObject({ id: 'geonames:147625', country: 'AZ' });
    expect(distanceKm(hits[0].place, { lat: 39.639, lon: 46.547 })).toBeLessThan(30);
    expect(hits.map((h) => h.place.country)).toContain('TR');
    expect(search('Latschin')[0].place.id).toBe('geonames:147625');
  });

  it("finds German exonyms that only GeoNames' alternate names know, as variants", () => {
    expect(search('Neapel')[0]).toMatchObject({ place: { id: 'geonames:3172394', country: 'IT' }, via: 'variant' });
    expect(search('Warschau')[0]).toMatchObject({ place: { id: 'geonames:756135', country: 'PL' }, via: 'variant' });
  });

  it('has every place the alias table points at', () => {
    for (const row of PLACE_ALIASES) expect(getPlace(gazetteer, row.id), row.id).toBeDefined();
    for (const own of OWN_PLACES) expect(getPlace(gazetteer, own.id)).toEqual(own);
  });

  it('loads once per process', async () => {
    expect(await loadGazetteer()).toBe(gazetteer);
  });
});

describe('parseGeonamesCities', () => {
  it('keeps capitalised Latin-script alternate names and drops codes, romanisations and rows it cannot read', () => {
    const row = [
      '616052', 'Yerevan', 'Yerevan', 'EVN,Eriwan,Erevan,ye li wen,Ереван,Erywań', '40.18111', '44.51361', 'P', 'PPLC',
      'AM', '', '11', '', '', '', '1093485', '', '989', 'Asia/Yerevan', '2019-09-05',
    ].join('\t');
    const tsv = Buffer.from([row, 'broken\tline', `x${row}`, ''].join('\n'), 'utf8');
    const { places, variants } = parseGeonamesCities(tsv);
    expect(places).toEqual([{
      id: 'geonames:616052', name: 'Yerevan', kind: 'place', country: 'AM', lat: 40.18111, lon: 44.51361, population: 1093485,
    }]);
    expect(variants).toEqual([['Yerevan', 'Eriwan', 'Erevan', 'Erywań']]);
  });
});

describe('the seed articles', () => {
  // Every location the two seed articles mention, as written there (genitives included).
  const MENTIONS: [string, string][] = [
    ['Berg-Karabach', 'tagwerk:berg-karabach'],
    ['Bergkarabach', 'tagwerk:berg-karabach'],
    ['Karabach', 'tagwerk:berg-karabach'],
    ['Karabachs', 'tagwerk:berg-karabach'],
    ['Aserbaidschan', 'iso3166:AZ'],
    ['Aserbaidschans', 'iso3166:AZ'],
    ['Armenien', 'iso3166:AM'],
    ['Armeniens', 'iso3166:AM'],
    ['Russland', 'iso3166:RU'],
    ['Türkei', 'iso3166:TR'],
    ['Baku', 'geonames:587084'],
    ['Bakus', 'geonames:587084'],
    ['Eriwan', 'geonames:616052'],
    ['Stepanakert', 'geonames:146970'],
    ['Kebele', 'geonames:585231'],
  ];

  it('every location mentioned resolves to its entry', async () => {
    const text = (await Promise.all(['000_e40513d5b91acd2a.txt', '003_6a4deb1d4d02bbfd.txt']
      .map((f) => readFile(join(SEEDS_DIR, f), 'utf8')))).join('\n');
    for (const [mention, id] of MENTIONS) {
      expect(text, mention).toMatch(new RegExp(`(?<![\\p{L}-])${mention}(?![\\p{L}-])`, 'u'));
      expect(search(mention)[0]?.place.id, mention).toBe(id);
    }
  });
});
