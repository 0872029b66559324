/**
 * The project's own places on disk, `places.json` next to `tagwerk.json`, read through lowdb and
 * `validate(migrate(raw))`, written atomically and durably; the search over them and the packaged
 * gazetteer; and the spans that link to a place.
 *
 * Like `entities.json` (see entity-store.ts), the file is read afresh for every call, saves to
 * one file take turns, and a file that cannot be loaded is reported and never written.
 */
import { join } from 'node:path';
import { Low } from 'lowdb';
import { ApiError } from '../../shared/api/tagwerk-api';
import { buildGazetteerIndex, searchGazetteers, type GazetteerIndex, type PlaceHit } from '../../shared/domain/gazetteer';
import { FileFormatError, loadFile } from '../../shared/model/migrate';
import { emptyPlacesFile, linkedPlace, PlaceError, type PlacesFile } from '../../shared/model/user-places';
import { loadGazetteer } from '../domain/gazetteer-data';
import { DurableJsonFile } from './durable-json-file';
import { ANNOTATIONS_DIR, type ProjectStore } from './project-store';

export const PLACES_FILE = 'places.json';

export interface PlaceStore {
  /** Absolute path of `places.json`. */
  readonly file: string;
  /** The own places (none when there is no file yet), or why the file cannot be loaded. */
  read(): Promise<{ file: PlacesFile; problem?: string }>;
  /**
   * Applies `change` and resolves once the result is durably on disk (nothing is written when
   * `change` returns the file itself). Refused with a `conflict` while the file cannot be
   * loaded; errors of the pure edits become API errors.
   */
  update<T>(change: (file: PlacesFile) => { file: PlacesFile; result: T }): Promise<T>;
}

/** Saves waiting for their turn, per file: every store of one file shares the queue. */
const turns = new Map<string, Promise<unknown>>();

/** The own places of the project in `projectDir`. Cheap: holds no data, only the file's path. */
export function createPlaceStore(projectDir: string): PlaceStore {
  const file = join(projectDir, PLACES_FILE);

  const load = async (): Promise<{ db: Low<PlacesFile>; problem?: string }> => {
    const db = new Low<PlacesFile>(new DurableJsonFile(file), emptyPlacesFile());
    try {
      await db.read();
      db.data = db.data === null ? emptyPlacesFile() : loadFile('tagwerk-places', db.data);
      return { db };
    } catch (err) {
      return { db, problem: `${PLACES_FILE} ${describe(err)}; it was left untouched` };
    }
  };

  return {
    file,
    async read() {
      const { db, problem } = await load();
      return problem ? { file: emptyPlacesFile(), problem } : { file: db.data };
    },
    update<T>(change: (file: PlacesFile) => { file: PlacesFile; result: T }): Promise<T> {
      const run = async () => {
        const { db, problem } = await load();
        if (problem) throw new ApiError('conflict', `${problem}. Repair or remove the file to edit the project's places.`);
        let out: { file: PlacesFile; result: T };
        try {
          out = change(db.data);
        } catch (err) {
          if (err instanceof PlaceError) throw new ApiError(err.reason === 'invalid' ? 'invalid-argument' : err.reason, err.message);
          throw err;
        }
        if (out.file !== db.data) {
          db.data = loadFile('tagwerk-places', out.file);
          await db.write();
        }
        return out.result;
      };
      const turn = (turns.get(file) ?? Promise.resolve()).then(run);
      const settled = turn.catch(() => undefined);
      turns.set(file, settled);
      // Forget the queue once it is idle, so the map does not grow with every project opened.
      void settled.then(() => { if (turns.get(file) === settled) turns.delete(file); });
      return turn;
    },
  };
}

function describe(err: unknown): string {
  if (err instanceof SyntaxError) return `is not valid JSON (${err.message})`;
  if (err instanceof FileFormatError) return err.message;
  return `could not be read (${(err as Error).message})`;
}

/**
 * Starts loading the packaged gazetteer (~2.5 s, cached for the process) so that the first place
 * search does not wait for it. For the transports to call at start-up without awaiting; the
 * promise rejects if the data cannot be read (a later search tries again).
 */
export async function warmGazetteer(): Promise<void> {
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
  const [{ file, problem }, packaged] = await Promise.all([own.read(), gazetteerWithin(options.gazetteer ?? loadGazetteer, options.waitMs ?? GAZETTEER_WAIT_MS)]);
  const indexes = [buildGazetteerIndex(file.places)];
  if (packaged.index) indexes.push(packaged.index);
  const problems = [problem, packaged.problem].filter((p): p is string => p !== undefined);
  return { hits: searchGazetteers(indexes, query, limit), loading: !packaged.index && !packaged.problem, problems };
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

/** One span that links to a place. */
export interface PlaceLink {
  documentId: string;
  title: string;
  /** The layer the span is in: an annotator id, or `curated_layer`. */
  annotator: string;
  spanId: string;
}

/** Every span of every layer whose `place` attribute is `placeId`, and the layer files that could not be read. */
export async function projectPlaceLinks(store: ProjectStore, placeId: string): Promise<{ links: PlaceLink[]; unreadable: string[] }> {
  const links: PlaceLink[] = [];
  for (const doc of store.documents()) {
    for (const annotator of store.annotatorsOf(doc.id)) {
      for (const span of (await store.getLayer(doc.id, annotator)).spans) {
        if (linkedPlace(span) === placeId) links.push({ documentId: doc.id, title: doc.title, annotator, spanId: span.id });
      }
    }
  }
  const unreadable = store.problems.filter((p) => p.file.startsWith(`${ANNOTATIONS_DIR}/`)).map((p) => p.file);
  return { links, unreadable };
}
