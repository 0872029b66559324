/** Loading any project file: `validate(migrate(raw))`, with ordered migrations per file kind. */
import type { z } from 'zod';
import { DocumentFileSchema } from './document';
import { LayerFileSchema } from './annotation';
import { ManifestSchema } from './project';
import { EntitiesFileSchema } from './entities';
import { PlacesFileSchema } from './user-places';
import { plainLayer } from './plain-layer';

/** The schema version this build writes, per file kind. */
export const CURRENT_VERSION = 1;

export const FILE_SCHEMAS = {
  'tagwerk-project': ManifestSchema,
  'tagwerk-document': DocumentFileSchema,
  'tagwerk-layer': LayerFileSchema,
  'tagwerk-entities': EntitiesFileSchema,
  'tagwerk-places': PlacesFileSchema,
} as const;
export type FileKind = keyof typeof FILE_SCHEMAS;
/** The content of a file of that kind. */
export type KindOf<K extends FileKind> = z.infer<(typeof FILE_SCHEMAS)[K]>;
type Migration = (raw: Record<string, unknown>) => Record<string, unknown>;

/**
 * Migrations per kind: `MIGRATIONS[kind][v]` turns version `v` into `v + 1`.
 * Version 1 is the first released format, so there is nothing to migrate yet.
 */
const MIGRATIONS: Record<FileKind, Record<number, Migration>> = {
  'tagwerk-project': {},
  'tagwerk-document': {},
  'tagwerk-layer': {},
  'tagwerk-entities': {},
  'tagwerk-places': {},
};

/** Why a file could not be loaded; the message names what is wrong in words a user understands. */
export class FileFormatError extends Error {
  constructor(message: string, readonly reason: 'not-json' | 'wrong-kind' | 'future-version' | 'invalid') {
    super(message);
    this.name = 'FileFormatError';
  }
}

/** Brings a parsed file of `kind` to the current version, then validates it. */
export function loadFile<K extends FileKind>(kind: K, raw: unknown): z.infer<(typeof FILE_SCHEMAS)[K]> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new FileFormatError('is not a JSON object', 'invalid');
  }
  let data = raw as Record<string, unknown>;
  if (data.kind !== kind) {
    throw new FileFormatError(`is not a ${kind} file (kind: ${JSON.stringify(data.kind)})`, 'wrong-kind');
  }
  let version = data.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new FileFormatError(`has no valid schemaVersion (${JSON.stringify(version)})`, 'invalid');
  }
  if (version > CURRENT_VERSION) {
    throw new FileFormatError(
      `was written by a newer Tagwerk (schema version ${version}; this version reads up to ${CURRENT_VERSION})`,
      'future-version');
  }
  while (version < CURRENT_VERSION) {
    const migrate = MIGRATIONS[kind][version];
    if (!migrate) throw new FileFormatError(`schema version ${version} cannot be migrated`, 'invalid');
    data = { ...migrate(data), schemaVersion: version + 1 };
    version += 1;
  }
  // The many layers of a corpus: plain ones are checked without zod, to the same result.
  const plain = kind === 'tagwerk-layer' ? plainLayer(data) : null;
  if (plain) return plain as z.infer<(typeof FILE_SCHEMAS)[K]>;
  const parsed = FILE_SCHEMAS[kind].safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new FileFormatError(`is invalid at ${issue.path.join('.') || '(root)'}: ${issue.message}`, 'invalid');
  }
  return parsed.data as z.infer<(typeof FILE_SCHEMAS)[K]>;
}
