/**
 * The project's own places on disk, `places.json` next to `tagwerk.json` (a list file: see
 * list-file-store.ts); the search over them and the packaged gazetteer; and the spans that link
 * to a place.
 */
import { ApiError } from '../../shared/api/tagwerk-api';
import { buildGazetteerIndex, searchGazetteers, type GazetteerIndex, type PlaceHit } from '../../shared/domain/gazetteer';
import { emptyPlacesFile, type PlacesFile } from '../../shared/model/user-places';
import { loadGazetteer } from '../domain/gazetteer-data';
import { createListFileStore, type ListFileStore } from './list-file-store';

export const PLACES_FILE = 'places.json';

export type PlaceStore = ListFileStore<PlacesFile>;

/** The own places of the project in `projectDir` (see list-file-store.ts). Cheap: holds no data, only the file's path. */
export function createPlaceStore(projectDir: string): PlaceStore {
  return createListFileStore(projectDir, {
    fileName: PLACES_FILE, kind: 'tagwerk-places', empty: emptyPlacesFile, what: "the project's places",
  });
}

/**
 * How long after start-up the packaged gazetteer starts loading unless something needs it
 * sooner. Loading it takes ~2.5 s of one core; at start-up that core is wanted by the first
 * document's open (on a 2-core machine the cold open of a 1 MB document went from ~0.7 s to
 * ~1.05 s while the gazetteer loaded beside it). The suggestions asked for after the open load
 * it on demand anyway.
 */
export const GAZETTEER_WARM_AFTER_MS = 1_500;

/**
 * Loads the packaged gazetteer (cached for the process) so that the first place search does not
 * wait for it, after `delayMs`. For the transports to call at start-up without awaiting; the
 * promise rejects if the data cannot be read (a later search tries again).
 */
export async function warmGazetteer(delayMs = 0): Promise<void> {
  if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs).unref());
  await loadGazetteer();
}

/**
 * How long a search waits for the packaged gazetteer before it answers with the own places
 * only (`loading`). The load takes ~2.5 s; this bounds a slow disk, not the normal first search.
 */
export const GAZETTEER_WAIT_MS = 10_000;

export interface PlaceSearchOptions {
  /** The packaged gazetteer (default: `loadGazetteer`). */
  gazetteer?: () => Promise<GazetteerIndex>;
  /** Default `GAZETTEER_WAIT_MS`. */
  waitMs?: number;
}

/**
 * The best `limit` places for `query` among the project's own places and the packaged gazetteer
 * (own places first on equal rank, see `searchGazetteers`). Waits for the gazetteer to load for
 * up to `waitMs`; after that, or if it cannot be loaded, answers with the own places alone and
 * says so (`loading`, `problem`).
 */
export async function searchProjectPlaces(
  own: PlaceStore, query: string, limit: number, options: PlaceSearchOptions = {},
): Promise<{ hits: PlaceHit[]; loading: boolean; problems: string[] }> {
  const { indexes, loading, problems } = await projectGazetteers(own, options);
  return { hits: searchGazetteers(indexes, query, limit), loading, problems };
}

/**
 * The project's own places and (when it loads within `waitMs`) the packaged gazetteer, as indexes
 * in that order for `searchGazetteers` and `exactPlaces`; `loading` and `problems` as for a search.
 */
export async function projectGazetteers(own: PlaceStore, options: PlaceSearchOptions = {}): Promise<{ indexes: GazetteerIndex[]; loading: boolean; problems: string[] }> {
  const [{ file, problem }, packaged] = await Promise.all([own.read(), gazetteerWithin(options.gazetteer ?? loadGazetteer, options.waitMs ?? GAZETTEER_WAIT_MS)]);
  const indexes = [buildGazetteerIndex(file.places)];
  if (packaged.index) indexes.push(packaged.index);
  const problems = [problem, packaged.problem].filter((p): p is string => p !== undefined);
  return { indexes, loading: !packaged.index && !packaged.problem, problems };
}

/** The gazetteer if it loads within `ms`; else nothing (still loading), or why it failed. */
async function gazetteerWithin(load: () => Promise<GazetteerIndex>, ms: number): Promise<{ index?: GazetteerIndex; problem?: string }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<{ index?: GazetteerIndex }>((resolve) => { timer = setTimeout(() => resolve({}), ms); });
  try {
    return await Promise.race([
      load().then((index) => ({ index }), (err: Error) => ({ problem: `The gazetteer could not be loaded (${err.message}); only the project's own places were searched.` })),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
