/** Which project to open at start: the one asked for, the last one, or the sample made from seeds/. */
import { basename, join, resolve } from 'node:path';
import { createProject, isProject, openProjectStore, type ProjectStore } from './project-store';
import { importPaths } from './import-service';
import { lockProject, type ProjectLock } from './project-lock';
import { defaultProjectsDir, readSettings, writeSettings } from './settings';

export const SAMPLE_PROJECT_NAME = 'Sample project';

/** Creates the sample project in `dir` from the articles in `seedsDir`. */
export async function createSampleProject(dir: string, seedsDir: string, annotatorName: string): Promise<void> {
  await createProject(dir, { name: SAMPLE_PROJECT_NAME, language: 'de' });
  const store = await openProjectStore(dir);
  await importPaths(store, [seedsDir], { fallbackAnnotator: annotatorName });
}

/**
 * Opens `requested` (creating it when `create` is set), else the last project from the
 * settings, else the sample project (created from `seedsDir` the first time), and remembers it
 * as the last one. Takes the project's lock for `holder` first (see project-lock.ts), and gives
 * it back if the project cannot be opened. Throws `ProjectLockedError` when another program has
 * it open.
 */
export async function openStartProjectLocked(options: StartOptions, holder: string): Promise<{ store: ProjectStore; lock: ProjectLock }> {
  const dir = await startProjectDir(options);
  const lock = await lockProject(dir, holder);
  try {
    const store = await openProjectStore(dir);
    await remember(dir, options.env);
    return { store, lock };
  } catch (err) {
    // The lock stays with the caller only together with an open project.
    await lock.release();
    throw err;
  }
}

interface StartOptions { requested?: string; create?: boolean; seedsDir: string; annotatorName: string; env?: NodeJS.ProcessEnv }

/** The folder of the project to start with, created if it has to be. */
async function startProjectDir(options: StartOptions): Promise<string> {
  const env = options.env ?? process.env;
  const settings = await readSettings(env);
  if (options.requested) {
    const dir = resolve(options.requested);
    if (options.create && !(await isProject(dir))) await createProject(dir, { name: basename(dir) });
    return dir;
  }
  if (settings.lastProject && (await isProject(settings.lastProject))) return settings.lastProject;
  const dir = join(defaultProjectsDir(env), SAMPLE_PROJECT_NAME);
  if (!(await isProject(dir))) await createSampleProject(dir, options.seedsDir, options.annotatorName);
  return dir;
}

async function remember(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const settings = await readSettings(env);
  if (settings.lastProject !== dir) await writeSettings({ ...settings, lastProject: dir }, env);
}
