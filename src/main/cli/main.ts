/**
 * The `tagwerk` command line: import, export and the browser mode over the same services as
 * the desktop app. Exit codes: 0 success, 1 bad input (some files failed, project damaged),
 * 2 bad arguments.
 */
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ApiError } from '../../shared/api/tagwerk-api';
import { annotatorFromName } from '../services/annotators';
import { exportToPath, writeExport } from '../services/export-service';
import { IMPORT_FORMAT_IDS, type ImportFormatId } from '../services/import-service';
import { EXPORT_FORMATS, exportFormat } from '../../shared/formats/registry';
import { agreementCsv, agreementTable } from '../../shared/review/agreement';
import { CSV_BOM, csvRecord } from '../../shared/formats/csv';
import { entitiesNamed, type Entity, type Mention } from '../../shared/model/entities';
import { importPaths } from '../services/import-service';
import { openStartProjectLocked } from '../services/open-project';
import { ProjectLockedError, withProjectLock } from '../services/project-lock';
import { GAZETTEER_WARM_AFTER_MS, warmGazetteer } from '../services/place-store';
import { createProject, isProject, openProjectStore } from '../services/project-store';
import { defaultAnnotatorName, readSettings, writeSettings } from '../services/settings';
import { createTagwerkService } from '../services/tagwerk-service';
import { startBrowserServer } from '../server/http-server';

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** The installed app's root (holds seeds/ and out/renderer/). */
  appRoot: string;
  /** Resolves when the server should stop (SIGINT in the real CLI). */
  untilStopped?: Promise<void>;
  /** Told the server's URL once it listens (tests). */
  onServing?(url: string): void;
}

export const USAGE = `Tagwerk — offline annotation of conflict reporting

Usage:
  tagwerk import --project DIR [--annotator NAME] [--format F] [--replace-invalid] FILE|FOLDER...
      Import articles (.txt, .md, .html) and annotated files (Tagwerk JSONL, brat .ann with
      its .txt, CoNLL/TSV in IOB1, IOB2 or BIOES, doccano JSONL, Label Studio JSON, W3C
      JSON-LD, a colleague's Tagwerk bundle .tagwerk) into the
      project in DIR, creating the project when it is missing. Folders are read recursively.
      The format of annotated files is detected; --format (${IMPORT_FORMAT_IDS.join(', ')})
      overrides it. The same text imported twice is kept once; annotations land in the layer
      of --annotator (default: the annotator named in the file, else you). A file that is
      not valid UTF-8 is refused; --replace-invalid reads it with U+FFFD for each invalid
      byte sequence and says how many.
  tagwerk export --project DIR --format FORMAT --out PATH [--annotator NAME | --layer curated]
                 [--labels a,b] [--offsets codepoint|utf16] [--nested outermost|innermost|per-label]
      Export the project as a dataset. Formats: ${EXPORT_FORMATS.map((f) => f.id).join(', ')}.
      One-file formats may write to standard output (--out -); folder formats need a new or
      empty folder. Default: every annotator's layer (formats holding one layer need --annotator
      when several annotators have one), all labels, code point offsets, outermost nested spans.
      --layer curated exports the curated (adjudicated) layer instead.
  tagwerk agreement --project DIR [--annotators a,b,...] [--labels a,b] [--json | --csv]
      Agreement between annotators' layers on the documents all of them annotated: span F1
      (exact and overlap), token-level Cohen's κ (two annotators) or Fleiss' κ (more), and
      Krippendorff's α and α_u, per label and overall; per document with --json or --csv.
      Default: every annotator with a layer.
  tagwerk entities --project DIR [--layer curated] [--json | --csv]
      The project's entity list (actors with aliases, entities.json) with how many spans link
      to each entity, in annotators' layers or, with --layer curated, in the curated layer.
  tagwerk entities --project DIR --mentions [--entity ID_OR_NAME] [--layer curated] [--json | --csv]
      Every span linked to an entity (of one entity: its id, name or an alias), with document,
      annotator, code point offsets and quote.
  tagwerk serve [--project DIR] [--port N]
      Browser mode: serve the app on http://127.0.0.1 and print its URL (with a token).
      Without --project: the last project, or the sample project at first start.
  tagwerk --help | --version

Exit codes: 0 done, 1 some input could not be used (see the messages), 2 wrong arguments.
`;

class UsageError extends Error {}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const say = (s: string) => io.stdout.write(`${s}\n`);
  const warn = (s: string) => io.stderr.write(`${s}\n`);
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined: case 'help': case '--help': case '-h': say(USAGE); return 0;
      case '--version': case '-v': say('tagwerk 0.1.0'); return 0;
      case 'import': return await importCommand(rest, io, say, warn);
      case 'export': return await exportCommand(rest, io, say, warn);
      case 'agreement': return await agreementCommand(rest, io, say, warn);
      case 'entities': return await entitiesCommand(rest, io, warn);
      case 'serve': return await serveCommand(rest, io, say);
      default: throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof UsageError || (err as NodeJS.ErrnoException).code?.startsWith?.('ERR_PARSE_ARGS')) {
      warn(`tagwerk: ${(err as Error).message}\nRun "tagwerk --help" for usage.`);
      return 2;
    }
    if (err instanceof ApiError || err instanceof ProjectLockedError) { warn(`tagwerk: ${err.message}`); return 1; }
    warn(`tagwerk: ${(err as Error).stack ?? err}`);
    return 1;
  }
}

async function annotatorName(io: CliIo, given?: string): Promise<string> {
  return given ?? io.env.TAGWERK_ANNOTATOR ?? (await readSettings(io.env)).annotatorName ?? defaultAnnotatorName();
}

async function importCommand(args: readonly string[], io: CliIo, say: (s: string) => void, warn: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args], allowPositionals: true, strict: true,
    options: { project: { type: 'string' }, annotator: { type: 'string' }, format: { type: 'string' }, 'replace-invalid': { type: 'boolean' } },
  });
  if (!values.project) throw new UsageError('import needs --project DIR');
  if (values.format && !(IMPORT_FORMAT_IDS as readonly string[]).includes(values.format)) {
    throw new UsageError(`unknown import format "${values.format}" (formats: ${IMPORT_FORMAT_IDS.join(', ')})`);
  }
  if (positionals.length === 0) throw new UsageError('import needs at least one FILE or FOLDER');
  const dir = resolve(values.project);
  if (!(await isProject(dir))) {
    await createProject(dir, { name: dir.split(/[\\/]/).pop() || 'Tagwerk project' });
    warn(`Created project ${dir}`);
  }
  const result = await withProjectLock(dir, 'tagwerk import', async () => {
    const store = await openProjectStore(dir);
    for (const p of store.problems) warn(`warning: ${p.message}`);
    return importPaths(store, positionals, {
      annotator: values.annotator, fallbackAnnotator: await annotatorName(io), onProgress: createProgress(io.stderr, 'Importing'),
      format: values.format as ImportFormatId | undefined, replaceInvalid: values['replace-invalid'] ?? false,
    });
  });
  for (const f of result.failed) warn(`error: ${f.message}`);
  const notText = result.failed.filter((f) => f.invalidEncoding).length;
  if (notText) {
    warn(`hint: ${notText === 1 ? '1 file' : `${notText} files`} could not be decoded; import ${notText === 1 ? 'it' : 'them'} again with --replace-invalid `
      + 'to read each invalid byte sequence as U+FFFD (\u{FFFD})');
  }
  for (const w of result.warnings) warn(`note: ${w.message}`);
  for (const r of result.spansRejected) warn(`rejected: ${r.message}`);
  say(`Imported ${result.imported.length} document(s), ${result.duplicates.length} already in the project, `
    + `${new Set(result.failed.map((f) => f.fileName)).size} file(s) failed; ${result.spansAdded} span(s) added, ${result.spansRejected.length} rejected. Project: ${dir}`);
  return result.failed.length || result.spansRejected.length ? 1 : 0;
}

async function exportCommand(args: readonly string[], io: CliIo, say: (s: string) => void, warn: (s: string) => void): Promise<number> {
  const { values } = parseArgs({
    args: [...args], strict: true, allowPositionals: false,
    options: {
      project: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' },
      annotator: { type: 'string' }, offsets: { type: 'string' }, nested: { type: 'string' }, labels: { type: 'string' },
      layer: { type: 'string' },
    },
  });
  if (values.layer !== undefined && values.layer !== 'curated') throw new UsageError(`--layer must be curated, not "${values.layer}"`);
  if (values.layer && values.annotator) throw new UsageError('give --annotator or --layer curated, not both');
  const formats = EXPORT_FORMATS.map((f) => f.id).join(', ');
  if (!values.project) throw new UsageError('export needs --project DIR');
  if (!values.format) throw new UsageError(`export needs --format (${formats})`);
  const format = exportFormat(values.format);
  if (!format) throw new UsageError(`unknown export format "${values.format}" (formats: ${formats})`);
  if (!values.out) throw new UsageError(`export needs --out ${format.output === 'folder' ? 'FOLDER' : 'FILE (or --out - for standard output)'}`);
  if (values.offsets && values.offsets !== 'codepoint' && values.offsets !== 'utf16') {
    throw new UsageError(`--offsets must be codepoint or utf16, not "${values.offsets}"`);
  }
  if (values.nested && !['outermost', 'innermost', 'per-label'].includes(values.nested)) {
    throw new UsageError(`--nested must be outermost, innermost or per-label, not "${values.nested}"`);
  }
  const toStdout = values.out === '-';
  if (toStdout && format.output === 'folder') throw new UsageError(`${format.id} writes a folder: give --out FOLDER, not -`);
  const dir = resolve(values.project);
  if (!(await isProject(dir))) throw new ApiError('not-found', `${dir} is not a Tagwerk project (no tagwerk.json)`);
  const store = await openProjectStore(dir);
  const options = {
    format: format.id,
    annotator: values.annotator ? annotatorFromName(values.annotator).id : undefined,
    layer: values.layer as 'curated' | undefined,
    labels: values.labels ? values.labels.split(',').map((l) => l.trim()).filter(Boolean) : undefined,
    unit: (values.offsets as 'codepoint' | 'utf16' | undefined) ?? 'codepoint',
    nested: values.nested as 'outermost' | 'innermost' | 'per-label' | undefined,
    onProgress: createProgress(io.stderr, 'Exporting'),
  };
  const out = resolve(values.out);
  if (!toStdout && !existsSync(join(out, '..'))) throw new ApiError('not-found', `folder of ${out} does not exist`);
  const summary = toStdout ? await writeExport(store, io.stdout, options) : await exportToPath(store, out, options);
  for (const w of summary.warnings) warn(`note: ${w}`);
  const line = `Exported ${summary.documents} document(s), ${summary.spans} span(s), ${summary.relations} relation(s) as ${format.id}`
    + (toStdout ? '' : ` to ${out}`);
  (toStdout ? warn : say)(line);
  // After the export: layer files are read (and found damaged) only while exporting.
  for (const p of store.problems) warn(`warning: ${p.message}`);
  return store.problems.length ? 1 : 0;
}

async function agreementCommand(args: readonly string[], io: CliIo, say: (s: string) => void, warn: (s: string) => void): Promise<number> {
  const { values } = parseArgs({
    args: [...args], strict: true, allowPositionals: false,
    options: { project: { type: 'string' }, annotators: { type: 'string' }, labels: { type: 'string' }, json: { type: 'boolean' }, csv: { type: 'boolean' } },
  });
  if (!values.project) throw new UsageError('agreement needs --project DIR');
  if (values.json && values.csv) throw new UsageError('give --json or --csv, not both');
  const list = (s: string | undefined) => s?.split(',').map((x) => x.trim()).filter(Boolean);
  const dir = resolve(values.project);
  if (!(await isProject(dir))) throw new ApiError('not-found', `${dir} is not a Tagwerk project (no tagwerk.json)`);
  const store = await openProjectStore(dir);
  const service = createTagwerkService(store, annotatorFromName(await annotatorName(io)));
  const annotators = list(values.annotators)?.map((a) => annotatorFromName(a).id);
  if (annotators && annotators.length < 2) throw new UsageError('--annotators needs at least two names');
  const result = await service.agreement({ annotators, labels: list(values.labels) });
  if (result.annotators.length < 2) {
    warn(`tagwerk: agreement needs two annotators with layers; ${result.annotators.length ? `only ${result.annotators.join(', ')} has one` : 'nobody has annotated yet'}`);
    return 1;
  }
  for (const s of result.skipped) warn(`note: ${s.documentId} left out: no layer of ${s.missing.join(', ')}`);
  if (values.json) say(JSON.stringify(result, null, 2));
  else if (values.csv) io.stdout.write(agreementCsv(result));
  else say(agreementTable(result));
  for (const p of store.problems) warn(`warning: ${p.message}`);
  return store.problems.length ? 1 : 0;
}

async function entitiesCommand(args: readonly string[], io: CliIo, warn: (s: string) => void): Promise<number> {
  const { values } = parseArgs({
    args: [...args], strict: true, allowPositionals: false,
    options: {
      project: { type: 'string' }, mentions: { type: 'boolean' }, entity: { type: 'string' }, layer: { type: 'string' },
      json: { type: 'boolean' }, csv: { type: 'boolean' },
    },
  });
  if (!values.project) throw new UsageError('entities needs --project DIR');
  if (values.json && values.csv) throw new UsageError('give --json or --csv, not both');
  if (values.layer !== undefined && values.layer !== 'curated') throw new UsageError(`--layer must be curated, not "${values.layer}"`);
  if (values.entity !== undefined && !values.mentions) throw new UsageError('--entity needs --mentions');
  const dir = resolve(values.project);
  if (!(await isProject(dir))) throw new ApiError('not-found', `${dir} is not a Tagwerk project (no tagwerk.json)`);
  const store = await openProjectStore(dir);
  const service = createTagwerkService(store, annotatorFromName(await annotatorName(io)));
  const { entities, problem } = await service.listEntities({});
  if (problem) throw new ApiError('conflict', problem);
  let entityId: string | undefined;
  if (values.entity !== undefined) {
    const found = entitiesNamed(entities, values.entity);
    if (found.length !== 1) {
      const known = entities.map((e) => e.name).join(', ') || 'none';
      throw new ApiError('not-found', found.length ? `"${values.entity}" names ${found.length} entities: ${found.map((e) => `${e.name} (${e.id})`).join(', ')}; give the id`
        : `no entity "${values.entity}" in this project (entities: ${known})`);
    }
    entityId = found[0].id;
  }
  const layer = values.layer as 'curated' | undefined;
  const mentions = await service.entityMentions({ entityId, layer });
  const format = values.json ? 'json' : values.csv ? 'csv' : 'table';
  io.stdout.write(values.mentions ? mentionsOutput(mentions, format) : entitiesOutput(entities, mentions, format, layer));
  for (const p of store.problems) warn(`warning: ${p.message}`);
  return store.problems.length ? 1 : 0;
}

/** Columns of `tagwerk entities --csv` and `--mentions --csv`. */
const ENTITY_CSV_COLUMNS = ['entity_id', 'entity_name', 'entity_type', 'mentions', 'aliases', 'note'];
const MENTION_CSV_COLUMNS = ['entity_id', 'entity_name', 'entity_type', 'document_id', 'title', 'annotator', 'span_id', 'start', 'end', 'quote', 'label'];

/** Rows padded to column widths (code points), numbers right-aligned, the last column unpadded. */
function textTable(rows: string[][], numeric: readonly number[]): string {
  const len = (c: string) => Array.from(c).length;
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => len(r[i]))));
  const pad = (c: string, i: number) => (numeric.includes(i) ? ' '.repeat(widths[i] - len(c)) + c : c + ' '.repeat(widths[i] - len(c)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : pad(c, i))).join('  ').trimEnd()).join('\n') + '\n';
}

/** The entity list with mention counts, as a table, CSV (aliases as a JSON array) or JSON. */
function entitiesOutput(entities: Entity[], mentions: Mention[], format: 'json' | 'csv' | 'table', layer?: 'curated'): string {
  const counts = new Map<string, number>();
  for (const m of mentions) counts.set(m.entityId, (counts.get(m.entityId) ?? 0) + 1);
  const count = (e: Entity) => counts.get(e.id) ?? 0;
  if (format === 'json') return `${JSON.stringify(entities.map((e) => ({ ...e, mentions: count(e) })), null, 2)}\n`;
  if (format === 'csv') {
    return CSV_BOM + csvRecord(ENTITY_CSV_COLUMNS)
      + entities.map((e) => csvRecord([e.id, e.name, e.type, String(count(e)), JSON.stringify(e.aliases), e.note ?? ''])).join('');
  }
  if (!entities.length) return 'No entities yet.\n';
  const rows = [['name', 'type', 'mentions', 'id', 'aliases'], ...entities.map((e) => [e.name, e.type, String(count(e)), e.id, e.aliases.join('; ')])];
  return `${textTable(rows, [2])}\n${entities.length} entities, ${mentions.length} mentions in ${layer === 'curated' ? 'the curated layer' : "annotators' layers"}.\n`;
}

/** Every mention, as a table, CSV (offsets in code points) or JSON. */
function mentionsOutput(mentions: Mention[], format: 'json' | 'csv' | 'table'): string {
  if (format === 'json') return `${JSON.stringify(mentions, null, 2)}\n`;
  const fields = (m: Mention) => [m.entityId, m.entityName, m.entityType, m.documentId, m.title, m.annotator, m.spanId, String(m.start), String(m.end), m.quote, m.label];
  if (format === 'csv') return CSV_BOM + csvRecord(MENTION_CSV_COLUMNS) + mentions.map((m) => csvRecord(fields(m))).join('');
  if (!mentions.length) return 'No mentions.\n';
  const rows = [['entity', 'document', 'annotator', 'start', 'end', 'label', 'quote'],
    ...mentions.map((m) => [m.entityName, m.documentId, m.annotator, String(m.start), String(m.end), m.label, m.quote.replace(/\s+/g, ' ')])];
  return textTable(rows, [3, 4]);
}

async function serveCommand(args: readonly string[], io: CliIo, say: (s: string) => void): Promise<number> {
  const { values } = parseArgs({
    args: [...args], strict: true, allowPositionals: false,
    options: { project: { type: 'string' }, port: { type: 'string' } },
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a number 0–65535, not "${values.port}"`);
  const staticDir = join(io.appRoot, 'out', 'renderer');
  if (!existsSync(join(staticDir, 'index.html'))) {
    throw new ApiError('not-found', `the app is not built (${staticDir} is missing): run "npm run build:web" first, or "npm run web"`);
  }
  const name = await annotatorName(io);
  const { store, lock } = await openStartProjectLocked({
    requested: values.project, create: true, seedsDir: join(io.appRoot, 'seeds'), annotatorName: name, env: io.env,
  }, 'the browser mode (tagwerk serve)');
  try {
    const service = createTagwerkService(store, annotatorFromName(name), {
      saveAnnotatorName: async (annotatorName) => writeSettings({ ...(await readSettings(io.env)), annotatorName }, io.env),
    });
    const server = await startBrowserServer({ service, staticDir, port });
    say(`Tagwerk is serving ${store.manifest.name} (${store.dir})`);
    say(`Open ${server.url}`);
    say('Press Ctrl+C to stop.');
    warmGazetteer(GAZETTEER_WARM_AFTER_MS).catch((err: Error) => io.stderr.write(`tagwerk: the gazetteer could not be loaded (${err.message}); place search will try again\n`));
    io.onServing?.(server.url);
    await (io.untilStopped ?? new Promise<void>((r) => { process.once('SIGINT', r); process.once('SIGTERM', r); }));
    await store.flush();
    await server.close();
  } finally {
    await lock.release();
  }
  return 0;
}

/** Progress on stderr: a rewritten line on a terminal, a line every 10 % otherwise. */
function createProgress(stderr: CliIo['stderr'], verb: string): (done: number, total: number) => void {
  let lastDecile = -1;
  return (done, total) => {
    if (total < 2) return;
    if (stderr.isTTY) {
      stderr.write(`\r${verb} ${done}/${total}${done === total ? '\n' : ''}`);
      return;
    }
    const decile = Math.floor((done / total) * 10);
    if (decile !== lastDecile && total >= 20) { lastDecile = decile; stderr.write(`${verb} ${done}/${total}\n`); }
  };
}
