/**
 * Reads files on a worker thread: a pass over many files (an export, the agreement) asks for
 * the next batch before it works on the current one, and parses and writes while the worker
 * reads. Reading 20,000 small layer files costs a quarter of a second of system calls and
 * decoding; on the main thread that came on top of the parsing and the writing.
 *
 * The worker only reads: it gives each file's text as `readTextFiles` does (null for a missing
 * file, the error for one that cannot be read); parsing and validating stay on the main thread,
 * in the same code as before. Its source is a string (`eval`), so that it runs alike from the
 * TypeScript sources (tsx, vitest) and from the bundled desktop app. Where no worker can be
 * started, or it fails, the files are read on the main thread instead, with the same result.
 */
import { Worker } from 'node:worker_threads';
import { createTimeSlicer, readTextFile, type FileText } from './read-files';

/** Fewer files than this are read on the main thread: starting the worker would cost more. */
export const BACKGROUND_MIN_FILES = 64;
/** How many files `readFilesAhead` asks the worker for at a time. */
const CHUNK_FILES = 250;
/** The worker ends after this long without a request. */
const IDLE_MS = 2000;

/** What the worker answers per file: the text, null (no such file) or why it could not be read. */
type WorkerText = string | null | { error: string };

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
parentPort.on('message', ({ id, paths }) => {
  const texts = paths.map((path) => {
    try { return readFileSync(path, 'utf8'); }
    catch (err) { return err && err.code === 'ENOENT' ? null : { error: String(err && err.message) }; }
  });
  parentPort.postMessage({ id, texts });
});
`;

export interface BackgroundReader {
  /** The texts of `paths`, in order, as `readTextFiles` would give them. */
  read(paths: readonly string[]): Promise<FileText[]>;
}

/**
 * A reader with one worker thread, started on first use and ended when idle. `workerSource`
 * replaces the worker's code (tests use it to make the worker fail).
 */
export function createBackgroundReader(workerSource = WORKER_SOURCE): BackgroundReader {
  let worker: Worker | null = null;
  let broken = false;
  let nextId = 0;
  const pending = new Map<number, { paths: readonly string[]; resolve: (texts: FileText[]) => void }>();
  let idle: NodeJS.Timeout | null = null;

  /** Answers every open request on this thread (the worker failed or exited). */
  const fallBack = () => {
    broken = true;
    worker = null;
    for (const [id, p] of pending) { pending.delete(id); p.resolve(p.paths.map(readTextFile)); }
  };

  const start = (): Worker | null => {
    if (worker || broken) return worker;
    try {
      // Plain JavaScript: none of this process's loaders or flags (tsx, profiling) are needed there.
      const w = new Worker(workerSource, { eval: true, execArgv: [] });
      w.on('message', ({ id, texts }: { id: number; texts: WorkerText[] }) => {
        const p = pending.get(id);
        if (!p) return;
        pending.delete(id);
        p.resolve(texts.map((t) => (t !== null && typeof t === 'object' ? new Error(t.error) : t)));
        if (pending.size === 0) rest();
      });
      w.on('error', () => { if (worker === w) fallBack(); });
      w.on('exit', () => { if (worker === w) { worker = null; if (pending.size) fallBack(); } });
      worker = w;
    } catch {
      broken = true;
    }
    return worker;
  };

  /** No request open: the worker no longer keeps the process alive, and ends after a while. */
  const rest = () => {
    worker?.unref();
    if (idle) clearTimeout(idle);
    idle = setTimeout(() => {
      idle = null;
      const w = worker;
      if (w && pending.size === 0) { worker = null; void w.terminate(); }
    }, IDLE_MS);
    idle.unref();
  };

  return {
    read(paths) {
      const w = paths.length >= BACKGROUND_MIN_FILES ? start() : null;
      if (!w) return Promise.resolve(paths.map(readTextFile));
      if (idle) { clearTimeout(idle); idle = null; }
      w.ref();
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, { paths, resolve });
        w.postMessage({ id, paths });
      });
    },
  };
}

/**
 * Reads `paths` in chunks and hands each text, in order, to `use`, as `readTextFiles` does:
 * the worker reads the next chunk while `use` works on this one, and the event loop gets a
 * turn every few milliseconds. Never throws for a file that cannot be read.
 */
export async function readFilesAhead(
  reader: BackgroundReader, paths: readonly string[], use: (text: FileText, index: number) => void,
): Promise<void> {
  const pause = createTimeSlicer();
  let next = paths.length ? reader.read(paths.slice(0, CHUNK_FILES)) : null;
  for (let from = 0; next; from += CHUNK_FILES) {
    const texts = await next;
    const after = from + CHUNK_FILES;
    next = after < paths.length ? reader.read(paths.slice(after, after + CHUNK_FILES)) : null;
    for (let k = 0; k < texts.length; k++) {
      if (k > 0) await pause();
      use(texts[k], from + k);
    }
  }
}
