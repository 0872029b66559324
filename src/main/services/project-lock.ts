/**
 * One program changes a project at a time. The desktop app, the browser mode and the CLI's
 * writing commands take the project's lock before they open it for writing; a second one is
 * refused with a message that says who holds it (which program, process, machine, since when).
 *
 * The lock is `proper-lockfile`'s: a folder `.tagwerk-lock` made atomically in the project
 * folder and touched every few seconds by its holder, so that a lock left by a program that
 * died (a crash, a kill -9, a power cut) counts as free once it has not been touched for
 * `STALE_MS`. Who holds it is written beside it (`.tagwerk-lock-owner.json`) for the message.
 * Both are hidden files: the project's readers and exports skip them.
 */
import { hostname } from 'node:os';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { lock } from 'proper-lockfile';
import { z } from 'zod';

export const LOCK_NAME = '.tagwerk-lock';
export const LOCK_OWNER_FILE = '.tagwerk-lock-owner.json';
/** A lock untouched this long is left over from a program that is gone. */
export const STALE_MS = 15_000;

const OwnerSchema = z.object({ holder: z.string(), pid: z.number().int(), host: z.string(), since: z.string() });
export type LockOwner = z.infer<typeof OwnerSchema>;

/** The project is being changed by another program. */
export class ProjectLockedError extends Error {
  constructor(readonly dir: string, readonly owner: LockOwner | null) {
    super(lockedMessage(dir, owner));
    this.name = 'ProjectLockedError';
  }
}

export interface ProjectLock {
  /** Gives the lock up (idempotent). */
  release(): Promise<void>;
}

/**
 * Takes the lock of the project in `dir` for `holder` (how people know the program: "the
 * desktop app", "the browser mode (tagwerk serve)", "tagwerk import"). Throws
 * `ProjectLockedError` when another program holds it. `onLost` is told if the lock is taken
 * from this process (its folder removed or left untouched too long, e.g. after the machine slept).
 */
export async function lockProject(dir: string, holder: string, onLost: (err: Error) => void = warnLost): Promise<ProjectLock> {
  let unlock: () => Promise<void>;
  try {
    unlock = await lock(dir, { lockfilePath: join(dir, LOCK_NAME), stale: STALE_MS, realpath: false, retries: 0, onCompromised: onLost });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOCKED') throw new ProjectLockedError(dir, await lockOwner(dir));
    throw err;
  }
  const owner: LockOwner = { holder, pid: process.pid, host: hostname(), since: new Date().toISOString() };
  await writeFile(join(dir, LOCK_OWNER_FILE), `${JSON.stringify(owner)}\n`).catch(() => undefined);
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      await rm(join(dir, LOCK_OWNER_FILE), { force: true });
      await unlock().catch(() => undefined);
    },
  };
}

/** Runs `work` holding the project's lock for `holder`, and gives it back however `work` ends. */
export async function withProjectLock<T>(dir: string, holder: string, work: () => Promise<T>): Promise<T> {
  const lock = await lockProject(dir, holder);
  try {
    return await work();
  } finally {
    await lock.release();
  }
}

/** Who holds the project's lock, as written by the holder (null if unknown or unreadable). */
export async function lockOwner(dir: string): Promise<LockOwner | null> {
  try {
    const parsed = OwnerSchema.safeParse(JSON.parse(await readFile(join(dir, LOCK_OWNER_FILE), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function lockedMessage(dir: string, owner: LockOwner | null): string {
  const who = owner
    ? `${owner.holder} (process ${owner.pid}${owner.host === hostname() ? '' : ` on ${owner.host}`}, since ${formatSince(owner.since)})`
    : 'another Tagwerk program';
  return `The project ${dir} is open in ${who}. Only one program may change a project at a time: `
    + `close it there, then try again. (A lock left by a program that crashed frees itself within ${STALE_MS / 1000} s.)`;
}

function formatSince(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

function warnLost(err: Error): void {
  process.stderr.write(`Tagwerk: the lock on the project was lost (${err.message}); another program may now change it too.\n`);
}
