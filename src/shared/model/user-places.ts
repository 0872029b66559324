/**
 * The researchers' own places (`places.json`: the file format and its pure edits, ids
 * `user:<slug>` kept unique) and the span attributes through which an annotation links to any
 * place, own or from the packaged gazetteer.
 */
import { z } from 'zod';
import { ListEditError } from './list-edit-error';
import { createUserPlace, normalizePlaceName, type Place, type PlaceKind } from '../domain/gazetteer';
import { slugify } from './ids';
import type { Attributes, Span } from './annotation';
import { withAttribute } from './attribute-values';

/** What a place can be; the values of `Place.kind`. */
export const PLACE_KINDS = ['place', 'region', 'country'] as const satisfies readonly PlaceKind[];

/** Any gazetteer id: `geonames:616052`, `iso3166:AM`, `tagwerk:berg-karabach`, `user:kebele-checkpoint`. */
export const PLACE_ID = /^[a-z][a-z0-9]{0,19}:[A-Za-z0-9_-]{1,80}$/;

/** The id of a researcher's own place: `user:` and a slug of its name, maybe with a number (`-2`). */
export const USER_PLACE_ID = /^user:[a-z0-9][a-z0-9-]{0,79}$/;

/** Whether `id` names a researcher's own place (one kept in `places.json`). */
export function isUserPlaceId(id: string): boolean {
  return USER_PLACE_ID.test(id);
}

const MAX_NAME = 200;
const MAX_ALIASES = 500;
/** ISO 3166-1 alpha-2, or empty for none. */
const COUNTRY = /^([A-Za-z]{2})?$/;

const latitude = z.number().min(-90, 'latitude must be between -90 and 90').max(90, 'latitude must be between -90 and 90');
const longitude = z.number().min(-180, 'longitude must be between -180 and 180').max(180, 'longitude must be between -180 and 180');

/** What the UI sends to add (no id) or change (with id) one of the project's own places. */
export const PlaceInputSchema = z.object({
  id: z.string().regex(USER_PLACE_ID, 'not the id of a place of this project (user:…)').optional(),
  name: z.string().trim().min(1, 'a name is needed').max(MAX_NAME, `at most ${MAX_NAME} characters`),
  kind: z.enum(PLACE_KINDS),
  country: z.string().regex(COUNTRY, 'a two-letter country code (ISO 3166-1), or empty').optional(),
  lat: latitude,
  lon: longitude,
  aliases: z.array(z.string().trim().min(1, 'an alias cannot be empty').max(MAX_NAME, `at most ${MAX_NAME} characters`))
    .max(MAX_ALIASES, `at most ${MAX_ALIASES} aliases`).optional(),
}).strict();
export type PlaceInput = z.infer<typeof PlaceInputSchema>;

/** One place in `places.json`: a `Place` with a `user:` id. */
export const UserPlaceSchema = z.object({
  id: z.string().regex(USER_PLACE_ID, 'not a user place id'),
  name: z.string().min(1).max(MAX_NAME),
  kind: z.enum(PLACE_KINDS),
  country: z.string().regex(/^([A-Z]{2})?$/, 'not an upper-case country code'),
  lat: latitude,
  lon: longitude,
  population: z.number().int().nonnegative().optional(),
  aliases: z.array(z.string().min(1).max(MAX_NAME)).max(MAX_ALIASES).optional(),
});

/** `places.json`: the places the researchers of a project added themselves. */
export const PlacesFileSchema = z.object({
  schemaVersion: z.literal(1),
  kind: z.literal('tagwerk-places'),
  places: z.array(UserPlaceSchema).max(100_000),
}).superRefine((file, ctx) => {
  const seen = new Set<string>();
  file.places.forEach((p, i) => {
    if (seen.has(p.id)) ctx.addIssue({ code: 'custom', path: ['places', i, 'id'], message: `id ${p.id} is used twice` });
    seen.add(p.id);
  });
});
export type PlacesFile = z.infer<typeof PlacesFileSchema>;

/** A project without `places.json` has no places of its own. */
export function emptyPlacesFile(): PlacesFile {
  return { schemaVersion: 1, kind: 'tagwerk-places', places: [] };
}

/** Why an edit of the own places was refused; `reason` maps to an API error code. */
export class PlaceError extends ListEditError {}

/**
 * `user:<slug of name>`, or with `-2`, `-3`… when that id is taken: two places may share a name
 * (two checkpoints called "Checkpoint"), never an id.
 */
export function uniqueUserPlaceId(name: string, taken: ReadonlySet<string>): string {
  const base = `user:${slugify(name, 'place')}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/**
 * Adds a place (input without id) or replaces the name, kind, country, coordinates and aliases
 * of the place with `input.id` (its id stays, so links to it stay valid). Country codes become
 * upper case; an alias that repeats the name or an earlier alias (compared as the search
 * compares names) is dropped. Unchanged input returns the same file.
 */
export function saveUserPlace(file: PlacesFile, input: PlaceInput): { file: PlacesFile; place: Place } {
  const parsed = PlaceInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PlaceError(`${issue.path.join('.') || 'place'}: ${issue.message}`, 'invalid');
  }
  const { id, ...fields } = parsed.data;
  const existing = id === undefined ? undefined : file.places.find((p) => p.id === id);
  if (id !== undefined && !existing) throw new PlaceError(`no place ${id} in this project`, 'not-found');

  const seen = new Set<string>();
  const aliases: string[] = [];
  for (const text of [fields.name, ...(fields.aliases ?? [])]) {
    const key = normalizePlaceName(text);
    // A name without letters or digits could never be found again.
    if (!key) throw new PlaceError(`"${text}" has no letters or digits to search for`, 'invalid');
    if (seen.has(key)) continue;
    seen.add(key);
    if (text !== fields.name) aliases.push(text);
  }
  const made = createUserPlace({ ...fields, aliases });
  const place: Place = { ...made, id: existing?.id ?? uniqueUserPlaceId(made.name, new Set(file.places.map((p) => p.id))) };
  if (existing && samePlace(existing, place)) return { file, place: existing };
  const places = existing ? file.places.map((p) => (p.id === place.id ? place : p)) : [...file.places, place];
  return { file: { ...file, places }, place };
}

function samePlace(a: Place, b: Place): boolean {
  const aliasesA = a.aliases ?? [];
  const aliasesB = b.aliases ?? [];
  return a.name === b.name && a.kind === b.kind && a.country === b.country && a.lat === b.lat && a.lon === b.lon
    && a.population === b.population && aliasesA.length === aliasesB.length && aliasesA.every((x, i) => x === aliasesB[i]);
}

/** The file without place `id`; refuses an unknown id. */
export function removeUserPlace(file: PlacesFile, id: string): PlacesFile {
  if (!file.places.some((p) => p.id === id)) throw new PlaceError(`no place ${id} in this project`, 'not-found');
  return { ...file, places: file.places.filter((p) => p.id !== id) };
}

/** The span attribute that holds the id of the place a span names. */
export const PLACE_ATTRIBUTE = 'place';

/**
 * The span attributes that link a span to a place, in the order `placeAttributes` writes them:
 * the place id, and a copy of its name and coordinates so that an export needs no gazetteer.
 */
export const PLACE_ATTRIBUTE_IDS = ['place', 'place_name', 'lat', 'lon'] as const;

/** The four link attributes, as a span stores them (a type, not an interface, so it is an `Attributes`). */
export type PlaceAttributes = {
  place: string;
  place_name: string;
  lat: number;
  lon: number;
};

/**
 * The attributes that link a span to `place` (exactly `PLACE_ATTRIBUTE_IDS`): merge them into a
 * span's attributes to link it, delete those keys to unlink it. The name and coordinates are a
 * copy taken now; a later edit of a user place does not change spans linked before.
 */
export function placeAttributes(place: Pick<Place, 'id' | 'name' | 'lat' | 'lon'>): PlaceAttributes {
  return { place: place.id, place_name: place.name, lat: place.lat, lon: place.lon };
}

/** The place id a span links to, or null. */
export function linkedPlace(span: Pick<Span, 'attributes'>): string | null {
  const value = Object.prototype.hasOwnProperty.call(span.attributes, PLACE_ATTRIBUTE) ? span.attributes[PLACE_ATTRIBUTE] : null;
  return typeof value === 'string' && value !== '' ? value : null;
}

/** A span's attributes linked to `place` (its id, name and coordinates), or with the link removed (null). */
export function withPlaceLink(attributes: Attributes, place: Pick<Place, 'id' | 'name' | 'lat' | 'lon'> | null): Attributes {
  const values: Record<string, string | number | null> = place ? placeAttributes(place) : Object.fromEntries(PLACE_ATTRIBUTE_IDS.map((k) => [k, null]));
  return Object.entries(values).reduce((out, [k, v]) => withAttribute(out, k, v), attributes);
}
