/**
 * A small project list file next to `tagwerk.json` (the entity list, the own places), read
 * through lowdb and `validate(migrate(raw))`, written atomically and durably.
 *
 * The file is read afresh for every call (it is small), so an edit made outside the app (a
 * `git pull`, a colleague's copy) is seen and never overwritten by a stale copy. Saves to one
 * file take turns, also between several stores in one process. A file that cannot be loaded is
 * reported and never written: saves are refused until it is repaired or removed.
 */
import { join } from 'node:path';
import { Low } from 'lowdb';
import { ApiError } from '../../shared/api/tagwerk-api';
import { ListEditError } from '../../shared/model/list-edit-error';
import { FileFormatError, loadFile, type FileKind, type KindOf } from '../../shared/model/migrate';
import { DurableJsonFile } from './durable-json-file';

export interface ListFileStore<F> {
  /** Absolute path of the file. */
  readonly file: string;
  /** The list (empty when there is no file yet), or why the file cannot be loaded. */
  read(): Promise<{ file: F; problem?: string }>;
  /**
   * Applies `change` and resolves once the result is durably on disk (nothing is written when
   * `change` returns the file itself). Refused with a `conflict` while the file cannot be
   * loaded; errors of the pure edits (`ListEditError`) become API errors.
   */
  update<T>(change: (file: F) => { file: F; result: T }): Promise<T>;
}

export interface ListFileSpec<K extends FileKind> {
  fileName: string;
  kind: K;
  empty(): KindOf<K>;
  /** What the file holds, for the refusal: "the entity list". */
  what: string;
}

/** Saves waiting for their turn, per file: every store of one file shares the queue. */
const turns = new Map<string, Promise<unknown>>();

/** The list file `spec.fileName` of the project in `projectDir`. Cheap: holds no data, only the path. */
export function createListFileStore<K extends FileKind>(projectDir: string, spec: ListFileSpec<K>): ListFileStore<KindOf<K>> {
  type F = KindOf<K>;
  const file = join(projectDir, spec.fileName);

  const load = async (): Promise<{ db: Low<F>; problem?: string }> => {
    const db = new Low<F>(new DurableJsonFile(file), spec.empty());
    try {
      await db.read();
      db.data = db.data === null ? spec.empty() : loadFile(spec.kind, db.data);
      return { db };
    } catch (err) {
      return { db, problem: `${spec.fileName} ${describe(err)}; it was left untouched` };
    }
  };

  return {
    file,
    async read() {
      const { db, problem } = await load();
      return problem ? { file: spec.empty(), problem } : { file: db.data };
    },
    update<T>(change: (file: F) => { file: F; result: T }): Promise<T> {
      const run = async () => {
        const { db, problem } = await load();
        if (problem) throw new ApiError('conflict', `${problem}. Repair or remove the file to edit ${spec.what}.`);
        let out: { file: F; result: T };
        try {
          out = change(db.data);
        } catch (err) {
          if (err instanceof ListEditError) throw new ApiError(err.reason === 'invalid' ? 'invalid-argument' : err.reason, err.message);
          throw err;
        }
        if (out.file !== db.data) {
          db.data = loadFile(spec.kind, out.file);
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
