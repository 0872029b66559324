/**
 * The project's entity list on disk, `entities.json` next to `tagwerk.json`, read through lowdb
 * and `validate(migrate(raw))`, written atomically and durably; and the mentions of entities
 * in the project's layers.
 *
 * The file is read afresh for every call (it is small), so an edit made outside the app (a
 * `git pull`, a colleague's copy) is seen and never overwritten by a stale copy. Saves to one
 * file take turns, also between several services in one process. A file that cannot be loaded
 * is reported and never written: saves are refused until it is repaired or removed.
 */
import { join } from 'node:path';
import { Low } from 'lowdb';
import { ApiError } from '../../shared/api/tagwerk-api';
import { CURATED_LAYER } from '../../shared/model/annotation';
import { emptyEntitiesFile, EntityError, mentionsOf, type EntitiesFile, type Entity, type Mention, type MentionSource } from '../../shared/model/entities';
import { FileFormatError, loadFile } from '../../shared/model/migrate';
import { DurableJsonFile } from './durable-json-file';
import { ANNOTATIONS_DIR, type ProjectStore } from './project-store';

export const ENTITIES_FILE = 'entities.json';

export interface EntityStore {
  /** Absolute path of `entities.json`. */
  readonly file: string;
  /** The entity list (empty when there is no file yet), or why the file cannot be loaded. */
  read(): Promise<{ file: EntitiesFile; problem?: string }>;
  /**
   * Applies `change` to the list and resolves once the result is durably on disk (nothing is
   * written when `change` returns the list itself). Refused with a `conflict` while the file
   * cannot be loaded; errors of the pure edits become API errors.
   */
  update<T>(change: (file: EntitiesFile) => { file: EntitiesFile; result: T }): Promise<T>;
}

/** Saves waiting for their turn, per file: every store of one file shares the queue. */
const turns = new Map<string, Promise<unknown>>();

/** The entity list of the project in `projectDir`. Cheap: holds no data, only the file's path. */
export function createEntityStore(projectDir: string): EntityStore {
  const file = join(projectDir, ENTITIES_FILE);

  const load = async (): Promise<{ db: Low<EntitiesFile>; problem?: string }> => {
    const db = new Low<EntitiesFile>(new DurableJsonFile(file), emptyEntitiesFile());
    try {
      await db.read();
      db.data = db.data === null ? emptyEntitiesFile() : loadFile('tagwerk-entities', db.data);
      return { db };
    } catch (err) {
      return { db, problem: `${ENTITIES_FILE} ${describe(err)}; it was left untouched` };
    }
  };

  return {
    file,
    async read() {
      const { db, problem } = await load();
      return problem ? { file: emptyEntitiesFile(), problem } : { file: db.data };
    },
    update<T>(change: (file: EntitiesFile) => { file: EntitiesFile; result: T }): Promise<T> {
      const run = async () => {
        const { db, problem } = await load();
        if (problem) throw new ApiError('conflict', `${problem}. Repair or remove the file to edit the entity list.`);
        let out: { file: EntitiesFile; result: T };
        try {
          out = change(db.data);
        } catch (err) {
          if (err instanceof EntityError) {
            throw new ApiError(err.reason === 'invalid' ? 'invalid-argument' : err.reason, err.message);
          }
          throw err;
        }
        if (out.file !== db.data) {
          db.data = loadFile('tagwerk-entities', out.file);
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

/** Which layers count: annotators' layers, the curated layer, or both. */
export type MentionLayers = 'annotators' | 'curated' | 'all';

/**
 * The mentions of `entities` (of `entityId` only, when given) in every document's layers of
 * the kind asked for, and how many layer files could not be read (their links are unknown).
 */
export async function projectMentions(
  store: ProjectStore, entities: readonly Entity[], options: { layers: MentionLayers; entityId?: string },
): Promise<{ mentions: Mention[]; unreadable: string[] }> {
  const sources: MentionSource[] = [];
  for (const doc of store.documents()) {
    const ids = store.annotatorsOf(doc.id).filter((a) => options.layers === 'all' || (a === CURATED_LAYER) === (options.layers === 'curated'));
    const layers = [];
    for (const a of ids) layers.push({ annotator: a, spans: (await store.getLayer(doc.id, a)).spans });
    sources.push({ id: doc.id, title: doc.title, layers });
  }
  const unreadable = store.problems.filter((p) => p.file.startsWith(`${ANNOTATIONS_DIR}/`)).map((p) => p.file);
  return { mentions: mentionsOf(entities, sources, options.entityId), unreadable };
}
