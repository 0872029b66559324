/**
 * Durable writes of many files into one folder, in groups: the files of a group are written
 * under temporary names, fsynced side by side and renamed into place, then the folder is
 * fsynced once for the whole group, and only then does each file's promise resolve. A crash
 * therefore loses no file whose write was acknowledged, and no reader ever sees a torn file,
 * as with `writeFileDurably`; but importing 10,000 articles costs a folder fsync per group
 * instead of one per article. Writes asked for while a group is being written form the next
 * group, so groups grow as long as writing lags behind.
 *
 * The phases are kept apart on purpose: creating a file waits for the file system's journal,
 * and the journal is busy while an fsync runs, so creating each file next to the fsyncs of the
 * others made every create wait for a disk flush. All files of a group are created first
 * (quick system calls, made right here), then fsynced in the thread pool.
 */
import { closeSync, fsync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { syncDirectory, tempPathFor } from './durable-json-file';

const fsyncAsync = promisify(fsync);

/** Most files in one group: each holds an open file descriptor until its fsync. */
const MAX_GROUP = 256;
/** How many files of a group are fsynced at the same time. */
const PARALLEL_SYNCS = 8;

export interface GroupCommit {
  /** Writes `content` to `file` (in the group's folder); resolves once it is durable. */
  write(file: string, content: string): Promise<void>;
  /** Resolves when every write asked for so far has finished (or failed). */
  idle(): Promise<void>;
}

interface Pending { file: string; content: string; resolve(): void; reject(err: unknown): void }
interface Written { item: Pending; tmp: string; fd: number }

/** Writes the group's files under temporary names; a file that fails is in `failed`. */
function writeTemporaries(group: readonly Pending[], failed: Map<Pending, unknown>): Written[] {
  const written: Written[] = [];
  for (const item of group) {
    const tmp = tempPathFor(item.file);
    let fd: number | null = null;
    try {
      fd = openSync(tmp, 'w', 0o644);
      writeFileSync(fd, item.content);
      written.push({ item, tmp, fd });
    } catch (err) {
      if (fd !== null) closeSync(fd);
      rmSync(tmp, { force: true });
      failed.set(item, err);
    }
  }
  return written;
}

/** Group commits of files into `dir`. */
export function createGroupCommit(dir: string): GroupCommit {
  let waiting: Pending[] = [];
  let running: Promise<void> | null = null;
  let scheduled = false;

  const commit = async (group: Pending[]): Promise<void> => {
    const failed = new Map<Pending, unknown>();
    const written = writeTemporaries(group, failed);
    let next = 0;
    const syncNext = async () => {
      while (next < written.length) {
        const w = written[next++];
        try { await fsyncAsync(w.fd); } catch (err) { failed.set(w.item, err); }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_SYNCS, written.length) }, syncNext));
    for (const w of written) {
      closeSync(w.fd);
      try {
        if (failed.has(w.item)) throw failed.get(w.item);
        renameSync(w.tmp, w.item.file);
      } catch (err) {
        rmSync(w.tmp, { force: true });
        failed.set(w.item, err);
      }
    }
    try {
      if (failed.size < group.length) await syncDirectory(dir);
    } catch (err) {
      for (const item of group) if (!failed.has(item)) failed.set(item, err);
    }
    for (const item of group) {
      if (failed.has(item)) item.reject(failed.get(item));
      else item.resolve();
    }
  };
  const pump = (): void => {
    scheduled = false;
    if (running || waiting.length === 0) return;
    const group = waiting.slice(0, MAX_GROUP);
    waiting = waiting.slice(group.length);
    running = commit(group).finally(() => { running = null; pump(); });
  };

  return {
    write(file, content) {
      return new Promise<void>((resolve, reject) => {
        waiting.push({ file, content, resolve, reject });
        // Writes asked for in the same turn of the event loop join one group.
        if (!running && !scheduled) { scheduled = true; setImmediate(pump); }
      });
    },
    async idle() {
      while (running || waiting.length || scheduled) await (running ?? new Promise((r) => setImmediate(r)));
    },
  };
}
