/**
 * A lowdb adapter that makes every write atomic and durable: the JSON goes to a temporary file
 * in the same folder, which is fsynced, renamed over the target, and the folder is fsynced so
 * the rename survives a power cut. A reader therefore sees the old file or the new one, never a
 * torn one. (lowdb's own JSONFile renames but does not fsync.)
 */
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { FileFormatError } from '../../shared/model/migrate';

let counter = 0;

/** Writes `content` to `file` atomically and durably. */
export async function writeFileDurably(file: string, content: string | Uint8Array): Promise<void> {
  const dir = dirname(file);
  const tmp = tempPathFor(file);
  const handle = await open(tmp, 'w', 0o644);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } catch (err) {
    await handle.close().catch(() => {});
    await unlink(tmp).catch(() => {});
    throw err;
  }
  await handle.close();
  try {
    await rename(tmp, file);
  } catch (err) {
    await unlink(tmp).catch(() => {});
    throw err;
  }
  await syncDirectory(dir);
}

/** A new name for a temporary file next to `file` (hidden, so that folder listings skip it). */
export function tempPathFor(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.${++counter}.tmp`);
}

/** fsync of a folder, so that a rename or a new entry in it is durable. Not possible on Windows. */
export async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try { await handle.sync(); } finally { await handle.close(); }
}

/** JSON text as Tagwerk writes it: two-space indented, one trailing newline (diff-friendly). */
export function toJsonText(data: unknown): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

/**
 * The JSON object in a file's text (a byte order mark is skipped). Throws a SyntaxError for
 * text that is not JSON and a FileFormatError for JSON that is not an object: lowdb would take
 * a null for "no file" and later overwrite the file with its defaults.
 */
export function parseJsonObject(text: string): Record<string, unknown> {
  const data: unknown = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new FileFormatError('is not a JSON object', 'invalid');
  return data as Record<string, unknown>;
}

/** lowdb adapter: reads raw JSON (validation is the caller's), writes atomically and durably. */
export class DurableJsonFile<T> implements Adapter<T> {
  constructor(readonly file: string) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    return parseJsonObject(text) as T;
  }

  /** Writes of this file, one after the other: the file ends with the data of the last call. */
  private queue: Promise<void> = Promise.resolve();

  async write(data: T): Promise<void> {
    // Serialised now; without the queue an older write could rename over a newer one.
    const content = toJsonText(data);
    const done = this.queue.then(() => writeFileDurably(this.file, content));
    this.queue = done.catch(() => {});
    await done;
  }
}
