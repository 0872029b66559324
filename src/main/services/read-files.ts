/**
 * Reads many small files quickly. `fs.promises.readFile` costs four thread-pool round trips
 * per file (open, fstat, read, close); for the thousands of small JSON files of a large project
 * (10,000 documents and their layers) that made opening it and exporting it mostly waiting,
 * about three times slower than reading the files synchronously. So the files are read
 * synchronously, in slices of a few milliseconds, and the event loop gets a turn between
 * slices, so that the desktop app's main process and the local server keep answering.
 */
import { readFileSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';

/** How long one slice of reads (and the caller's work on them) may run before the event loop gets a turn. */
const SLICE_MS = 10;

/** A file's text, null when it does not exist, or the error that kept it from being read. */
export type FileText = string | null | Error;

/**
 * Reads `paths` in order as UTF-8 and hands each text to `use` (its time counts towards the
 * slice, so parsing and checking belong there). Never throws for a file that cannot be read.
 */
export async function readTextFiles(
  paths: readonly string[], use: (text: FileText, index: number) => void, sliceMs = SLICE_MS,
): Promise<void> {
  const pause = createTimeSlicer(sliceMs);
  for (let i = 0; i < paths.length; i++) {
    if (i > 0) await pause();
    use(readTextFile(paths[i]), i);
  }
}

/** A file's text as UTF-8, read synchronously: null when it does not exist, else the error that kept it from being read. */
export function readTextFile(path: string): FileText {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? null : (err as Error);
  }
}

/**
 * For a loop of quick synchronous file system calls: `await pause()` between steps gives the
 * event loop a turn whenever `sliceMs` have passed since the last one (else it costs nothing).
 */
export function createTimeSlicer(sliceMs = SLICE_MS): () => Promise<void> | undefined {
  let sliceStart = performance.now();
  return () => {
    if (performance.now() - sliceStart < sliceMs) return undefined;
    return nextTurn().then(() => { sliceStart = performance.now(); });
  };
}
