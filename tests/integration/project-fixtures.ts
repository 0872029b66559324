/** Shared set-up for the integration tests: temp folders, the seed articles, the corpora. */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { runCli } from '../../src/main/cli/main';
import { createProject, openProjectStore, type ProjectStore } from '../../src/main/services/project-store';
import { importPaths as importPathsInto } from '../../src/main/services/import-service';
import type { ImportReport } from '../../src/shared/api/tagwerk-api';
import type { Annotator } from '../../src/shared/model/project';
import { createTagwerkService } from '../../src/main/services/tagwerk-service';

export const REPO_ROOT = resolve(__dirname, '../..');
export const SEEDS_DIR = join(REPO_ROOT, 'seeds');
export const CORPORA_DIR = resolve(REPO_ROOT, '../shared/corpora');

/** The two seed articles: file name, document id and canonical text facts (computed independently). */
export const SEED_000 = {
  file: '000_e40513d5b91acd2a.txt', id: '000-e40513d5b91acd2a-9d22fb68', length: 2460,
  sha256: '9d22fb6800267832254774bf1f29dcaa34ada7156cfc1ec1936879495b61f91c',
} as const;
export const SEED_003 = {
  file: '003_6a4deb1d4d02bbfd.txt', id: '003-6a4deb1d4d02bbfd-b03c0314', length: 1977,
  sha256: 'b03c0314c2788721e4a1a1fc5af33739b0bf532bcedc4dbc1759f38c087b9786',
} as const;

const made: string[] = [];

/** A fresh folder in the OS temp dir, removed by `removeTempDirs`. */
export async function makeTempDir(prefix = 'tagwerk-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

/** Creates a project in a new temp folder and opens it. */
export async function newProject(name = 'Karabach'): Promise<ProjectStore> {
  const dir = join(await makeTempDir(), 'project');
  await createProject(dir, { name });
  return openProjectStore(dir);
}

/** Imports files and folders by path, as the CLI does. */
export function importPaths(store: ProjectStore, paths: string[], fallbackAnnotator = 'Importer'): Promise<ImportReport> {
  return importPathsInto(store, paths, { fallbackAnnotator });
}

/** Text between code point offsets, computed without Tagwerk's offset code (as Python slices). */
export function cpSlice(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}

/** Code point offsets of the first occurrence of `needle` in `text`. */
export function cpFind(text: string, needle: string, from = 0): { start: number; end: number } {
  const u = text.indexOf(needle, from);
  if (u < 0) throw new Error(`"${needle}" not in text`);
  const start = Array.from(text.slice(0, u)).length;
  return { start, end: start + Array.from(needle).length };
}

/**
 * A project holding both seed articles, a service editing as `annotator`, and the canonical
 * text of seed 003 (the article with "Ilham Alijew", the quoted claim and "mehr als 6.500 Toten").
 */
export async function seededProject(annotator: Annotator) {
  const store = await newProject();
  const report = await importPaths(store, [SEEDS_DIR]);
  if (report.failed.length) throw new Error(`seeds did not import: ${JSON.stringify(report.failed)}`);
  return { store, service: createTagwerkService(store, annotator), text: store.getDocument(SEED_003.id)!.text };
}

export async function readJson(file: string): Promise<any> {
  return JSON.parse(await readFile(file, 'utf8'));
}

/** Every file below `dir`, relative, sorted (hidden files included). */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();
}

/** Collects what a stream is given, as text. */
export class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** Runs the CLI in-process with captured output and a private settings folder, as Anna Müller. */
export async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const home = await makeTempDir('tagwerk-home-');
  const code = await runCli(argv, {
    stdout, stderr, appRoot: REPO_ROOT, env: { TAGWERK_HOME: home, TAGWERK_ANNOTATOR: 'Anna Müller', TMPDIR: home },
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
