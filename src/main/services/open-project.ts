/** Which project to open at start: the one asked for, the last one, or the sample made from seeds/. */
import { basename, join, resolve } from 'node:path';
import { createProject, isProject, openProjectStore, type ProjectStore } from './project-store';
import { importPaths } from './import-service';
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
 * settings, else the sample project (created from `seedsDir` the first time). Remembers the
 * project as the last one.
 */
export async function openStartProject(options: {
  requested?: string; create?: boolean; seedsDir: string; annotatorName: string; env?: NodeJS.ProcessEnv;
}): Promise<ProjectStore> {
  const env = options.env ?? process.env;
  const settings = await readSettings(env);
  let dir: string;
  if (options.requested) {
    dir = resolve(options.requested);
    if (options.create && !(await isProject(dir))) await createProject(dir, { name: basename(dir) });
  } else if (settings.lastProject && (await isProject(settings.lastProject))) {
    dir = settings.lastProject;
  } else {
    dir = join(defaultProjectsDir(env), SAMPLE_PROJECT_NAME);
    if (!(await isProject(dir))) await createSampleProject(dir, options.seedsDir, options.annotatorName);
  }
  const store = await openProjectStore(dir);
  if (settings.lastProject !== dir) await writeSettings({ ...settings, lastProject: dir }, env);
  return store;
}
