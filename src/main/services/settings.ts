/** Per-user settings (last project, annotator name) and where Tagwerk keeps things by default. */
import { mkdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileDurably, toJsonText } from './durable-json-file';

const SettingsSchema = z.object({
  schemaVersion: z.literal(1),
  kind: z.literal('tagwerk-settings'),
  lastProject: z.string().optional(),
  annotatorName: z.string().min(1).max(120).optional(),
});
export type Settings = z.infer<typeof SettingsSchema>;

/**
 * Folder for settings. `TAGWERK_HOME` overrides everything (tests, portable installs);
 * otherwise the platform's per-user config folder.
 */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TAGWERK_HOME) return env.TAGWERK_HOME;
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Tagwerk');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Tagwerk');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Tagwerk');
}

/** Where the sample project is created at first start. */
export function defaultProjectsDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TAGWERK_HOME) return join(env.TAGWERK_HOME, 'projects');
  const documents = join(homedir(), 'Documents');
  return join(existsSync(documents) ? documents : homedir(), 'Tagwerk');
}

/** The OS user name, as the annotator name until the user sets one. */
export function defaultAnnotatorName(): string {
  try { return userInfo().username || 'annotator'; } catch { return 'annotator'; }
}

export async function readSettings(env: NodeJS.ProcessEnv = process.env): Promise<Settings> {
  try {
    const parsed = SettingsSchema.safeParse(JSON.parse(await readFile(join(configDir(env), 'settings.json'), 'utf8')));
    if (parsed.success) return parsed.data;
  } catch { /* missing or unreadable: start from defaults */ }
  return { schemaVersion: 1, kind: 'tagwerk-settings' };
}

export async function writeSettings(settings: Settings, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const dir = configDir(env);
  await mkdir(dir, { recursive: true });
  await writeFileDurably(join(dir, 'settings.json'), toJsonText(SettingsSchema.parse(settings)));
}
