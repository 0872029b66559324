/** Gazetteer lookup: places with coordinates, name normalisation and a ranked name search. */
import { slugify } from '../model/ids';

/**
 * One gazetteer entry. Ids are stable and say where the entry comes from:
 * `geonames:<geonameid>` (populated places), `iso3166:<alpha-2>` (countries),
 * `tagwerk:<slug>` (regions from Tagwerk's own alias table), `user:<slug>` (added by a researcher).
 */
export interface Place {
  id: string;
  /** Display name: the data source's primary name (English or romanised local form). */
  name: string;
  kind: PlaceKind;
  /** ISO 3166-1 alpha-2 code of the country the place lies in (or is), `''` if none. */
  country: string;
  lat: number;
  lon: number;
  population?: number;
  /** Curated names (German exonyms, the researcher's spellings): rank like the name itself. */
  aliases?: string[];
}

/** What kind of thing a place is; for equal names countries rank before regions before places. */
export type PlaceKind = 'country' | 'region' | 'place';

/** How a search hit was reached: its name or a curated alias, or a variant spelling of the data source. */
export type PlaceMatchSource = 'alias' | 'name' | 'variant';

/** How a query met a name: the whole name, the name plus a German genitive `-s`, or the start of it. */
export type PlaceMatchKind = 'exact' | 'genitive' | 'prefix';

/** One search result. Suggestion features should only trust `exact` hits. */
export interface PlaceHit {
  place: Place;
  match: PlaceMatchKind;
  via: PlaceMatchSource;
}

/** Options for `buildGazetteerIndex`. */
export interface GazetteerIndexOptions {
  /**
   * Variant spellings a data source knows (GeoNames alternate names) for the place at `index`:
   * searchable, ranked below names and aliases, and not kept on the place.
   */
  variants?: (place: Place, index: number) => readonly string[] | undefined;
}

/** A searchable gazetteer built once by `buildGazetteerIndex`; treat as opaque. */
export interface GazetteerIndex {
  readonly places: readonly Place[];
  readonly byId: ReadonlyMap<string, number>;
  /** Normalised name -> posting (`placeIndex * 4 + source rank`), or several. */
  readonly postings: ReadonlyMap<string, number | number[]>;
  /** Every normalised name, sorted by UTF-16 code units, for prefix search. */
  readonly keys: readonly string[];
}

const SOURCE_RANK: Record<PlaceMatchSource, number> = { alias: 0, name: 1, variant: 2 };
const SOURCE_OF: readonly PlaceMatchSource[] = ['alias', 'name', 'variant'];
const KIND_RANK: Record<PlaceKind, number> = { country: 0, region: 1, place: 2 };
const MATCH_RANK: Record<PlaceMatchKind, number> = { exact: 0, genitive: 1, prefix: 2 };
/** Shorter queries would list half the world; a picker needs a few letters first. */
const MIN_PREFIX_LENGTH = 3;

// Letters that Unicode decomposition leaves alone. ə -> a follows GeoNames' ASCII names
// (Xankəndi -> Xankandi, Kəlbəcər -> Kalbacar); umlauts lose their dots like other marks.
const FOLD: Record<string, string> = {
  ə: 'a', ı: 'i', ß: 'ss', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', æ: 'ae', œ: 'oe', ħ: 'h', ŧ: 't',
};

/**
 * The key two names must share to match: lower case, diacritics removed (`Sumqayıt` = `sumqayit`,
 * `Şuşa` = `susa`, `Türkei` = `turkei`), `ə` as `a`, and everything that is not a letter or digit
 * dropped, so `Berg-Karabach`, `Berg Karabach` and `Bergkarabach` are one key.
 */
export function normalizePlaceName(name: string): string {
  // Most names are plain ASCII: skip the Unicode work for them (index build time halves).
  if (/^[\x20-\x7e]*$/.test(name)) return name.toLowerCase().replace(/[^a-z0-9]+/g, '');
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/\p{M}|[^\p{L}\p{N}]/gu, '')
    .replace(/[əıßøłđðþæœħŧ]/g, (c) => FOLD[c] ?? c);
}

/** The key without a German genitive `-s` (`Aserbaidschans`, `Bakus`), or null if it has none. */
export function genitiveBase(key: string): string | null {
  return key.length >= 4 && key.endsWith('s') ? key.slice(0, -1) : null;
}

/** Builds the search index over `places`; later places with an id already seen are ignored. */
export function buildGazetteerIndex(places: readonly Place[], options: GazetteerIndexOptions = {}): GazetteerIndex {
  return finish(buildGazetteerIndexInSteps(places, options));
}

/**
 * `buildGazetteerIndex` in steps of `placesPerStep` places: the generator pauses after each step
 * (the caller may let other work run) and returns the index. Building the packaged gazetteer
 * takes over a second; in steps it never holds a process's event loop for long.
 */
export function* buildGazetteerIndexInSteps(places: readonly Place[], options: GazetteerIndexOptions = {}, placesPerStep = 2_000): Generator<void, GazetteerIndex> {
  const kept: Place[] = [];
  const byId = new Map<string, number>();
  const postings = new Map<string, number | number[]>();
  for (let i = 0; i < places.length; i++) {
    if (i > 0 && i % placesPerStep === 0) yield;
    const place = places[i];
    if (byId.has(place.id)) continue;
    const at = kept.length;
    kept.push(place);
    byId.set(place.id, at);
    // Best source first: a key this place already has keeps its better rank (see addPosting).
    for (const alias of place.aliases ?? []) addPosting(postings, normalizePlaceName(alias), at, SOURCE_RANK.alias);
    addPosting(postings, normalizePlaceName(place.name), at, SOURCE_RANK.name);
    for (const variant of options.variants?.(place, i) ?? []) {
      addPosting(postings, normalizePlaceName(variant), at, SOURCE_RANK.variant);
    }
  }
  yield;
  // Default sort orders by UTF-16 code units, as `<` in lowerBound does.
  const keys = [...postings.keys()].sort();
  return { places: kept, byId, postings, keys };
}

/** Runs a stepwise computation to its end at once. */
export function finish<T>(steps: Generator<void, T>): T {
  for (;;) { const next = steps.next(); if (next.done) return next.value; }
}

/** Adds place `at` under `key` unless the key is empty or already lists that place. */
function addPosting(postings: Map<string, number | number[]>, key: string, at: number, source: number): void {
  if (!key) return;
  const posting = at * 4 + source;
  const have = postings.get(key);
  if (have === undefined) postings.set(key, posting);
  else if (typeof have === 'number') {
    if (Math.floor(have / 4) !== at) postings.set(key, [have, posting]);
  } else if (Math.floor(have[have.length - 1] / 4) !== at) have.push(posting);
}

/** The place with this id, if the gazetteer has it. */
export function getPlace(index: GazetteerIndex, id: string): Place | undefined {
  const at = index.byId.get(id);
  return at === undefined ? undefined : index.places[at];
}

/**
 * Places whose name, alias or variant spelling matches `query`, best first (see `comparePlaceHits`):
 * whole-name matches, then genitive matches (`Moskaus` -> Moskau), then names that start with the
 * query (at least three letters, looked at only while fewer than `limit` hits were found).
 */
export function searchPlaces(index: GazetteerIndex, query: string, limit = 10): PlaceHit[] {
  const key = normalizePlaceName(query);
  if (!key || limit <= 0) return [];
  const found = new Map<number, Posting>();
  collect(found, index.postings.get(key), 'exact');
  const base = genitiveBase(key);
  if (base) collect(found, index.postings.get(base), 'genitive');
  if (found.size < limit && key.length >= MIN_PREFIX_LENGTH) {
    for (let i = lowerBound(index.keys, key); i < index.keys.length && index.keys[i].startsWith(key); i++) {
      collect(found, index.postings.get(index.keys[i]), 'prefix');
    }
  }
  const hits = [...found].map(([at, p]) => ({ place: index.places[at], match: p.match, via: SOURCE_OF[p.source] }));
  return hits.sort(comparePlaceHits).slice(0, limit);
}

/**
 * `searchPlaces` over several indexes (the researchers' own places and the packaged gazetteer):
 * a place id found in an earlier index hides the same id in later ones, and on equal rank (match,
 * kind, source) a hit from an earlier index comes first, whatever the populations: a researcher's
 * own "Lager Süd" lists before a GeoNames "Lager…" town that only matches as well.
 */
export function searchGazetteers(indexes: readonly GazetteerIndex[], query: string, limit = 10): PlaceHit[] {
  const seen = new Set<string>();
  const hits = indexes.flatMap((index, from) => searchPlaces(index, query, limit).map((hit) => ({ hit, from }))).filter(({ hit }) => {
    if (seen.has(hit.place.id)) return false;
    seen.add(hit.place.id);
    return true;
  });
  hits.sort((a, b) => compareRank(a.hit, b.hit) || a.from - b.from || comparePlaceHits(a.hit, b.hit));
  return hits.slice(0, limit).map(({ hit }) => hit);
}

/**
 * The ranking of search hits: match (exact, genitive, prefix), then kind (countries, regions,
 * places), then source (curated aliases, names, variant spellings), then population (larger
 * first), then name.
 */
export function comparePlaceHits(a: PlaceHit, b: PlaceHit): number {
  return compareRank(a, b)
    || (b.place.population ?? 0) - (a.place.population ?? 0)
    || (a.place.name < b.place.name ? -1 : a.place.name > b.place.name ? 1 : 0);
}

/** How well two hits matched: match, kind, source (the part of the ranking before population). */
function compareRank(a: PlaceHit, b: PlaceHit): number {
  return MATCH_RANK[a.match] - MATCH_RANK[b.match]
    || KIND_RANK[a.place.kind] - KIND_RANK[b.place.kind]
    || SOURCE_RANK[a.via] - SOURCE_RANK[b.via];
}

interface Posting { match: PlaceMatchKind; source: number }

function collect(found: Map<number, Posting>, postings: number | number[] | undefined, match: PlaceMatchKind): void {
  if (postings === undefined) return;
  for (const posting of typeof postings === 'number' ? [postings] : postings) {
    const at = Math.floor(posting / 4);
    const source = posting % 4;
    const have = found.get(at);
    if (!have || MATCH_RANK[match] * 4 + source < MATCH_RANK[have.match] * 4 + have.source) {
      found.set(at, { match, source });
    }
  }
}

/** The first position in sorted `keys` whose key is not less than `key`. */
function lowerBound(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What a researcher enters to add a place of their own. */
export interface UserPlaceInput {
  name: string;
  kind?: PlaceKind;
  country?: string;
  lat: number;
  lon: number;
  aliases?: string[];
}

/**
 * A researcher's own place, id `user:<slug of the name>`. Throws on an empty name or
 * coordinates outside WGS 84 ranges.
 */
export function createUserPlace(input: UserPlaceInput): Place {
  const name = input.name.trim();
  if (!name) throw new Error('A place needs a name.');
  if (!(Math.abs(input.lat) <= 90) || !(Math.abs(input.lon) <= 180)) {
    throw new Error(`Coordinates out of range: ${input.lat}, ${input.lon} (latitude -90..90, longitude -180..180).`);
  }
  const aliases = (input.aliases ?? []).map((a) => a.trim()).filter(Boolean);
  return {
    id: `user:${slugify(name, 'place')}`,
    name,
    kind: input.kind ?? 'place',
    country: (input.country ?? '').toUpperCase(),
    lat: input.lat,
    lon: input.lon,
    ...(aliases.length ? { aliases } : {}),
  };
}

/** Great-circle distance in kilometres between two points (haversine, mean Earth radius 6371 km). */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The places whose name, alias or variant spelling is exactly `name` or its genitive (no prefix
 * matches), over several indexes as `searchGazetteers` ranks them. Cheap enough to ask for every
 * capitalised word of an article (a map lookup or two per index).
 */
export function exactPlaces(indexes: readonly GazetteerIndex[], name: string): PlaceHit[] {
  const key = normalizePlaceName(name);
  if (!key) return [];
  const seen = new Set<string>();
  const hits: { hit: PlaceHit; from: number }[] = [];
  indexes.forEach((index, from) => {
    const found = new Map<number, Posting>();
    collect(found, index.postings.get(key), 'exact');
    const base = genitiveBase(key);
    if (base) collect(found, index.postings.get(base), 'genitive');
    for (const [at, p] of found) {
      const place = index.places[at];
      if (seen.has(place.id)) continue;
      seen.add(place.id);
      hits.push({ hit: { place, match: p.match, via: SOURCE_OF[p.source] }, from });
    }
  });
  hits.sort((a, b) => compareRank(a.hit, b.hit) || a.from - b.from || comparePlaceHits(a.hit, b.hit));
  return hits.map(({ hit }) => hit);
}
