/**
 * Import of article files and annotated JSONL into a project. Files become documents with
 * canonical text; content already in the project (same canonical text hash) is not duplicated;
 * annotations for a known text land on that document, in the named annotator's layer.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { ImportReport } from '../../shared/api/tagwerk-api';
import { CURATED_LAYER, emptyLayer, type Comment, type Layer, type Relation, type Span } from '../../shared/model/annotation';
import { MAX_DOCUMENT_TITLE, type SourceFormat, type TagwerkDocument } from '../../shared/model/document';
import { documentId, newId } from '../../shared/model/ids';
import { labelFor, toLabelId, type Label } from '../../shared/model/tag-schema';
import { metaFromJsonl, parseJsonlLine, type JsonlInput } from '../../shared/formats/jsonl';
import { formatOf, MAX_IMPORT_BYTES, oversizedFileMessage, unsupportedFileMessage } from '../../shared/formats/source-formats';
import { bratImport } from '../../shared/formats/brat';
import { conllImport } from '../../shared/formats/conll';
import { doccanoImport } from '../../shared/formats/doccano';
import { describeProblem, type ImportedDocument, type ImportFormat, type ImportProblem } from '../../shared/formats/export-format';
import { labelStudioImport } from '../../shared/formats/label-studio';
import { anchorW3cSpan, detectW3c, parseW3cAnnotations } from '../../shared/formats/w3c';
import { detectBundle, parseBundle } from '../../shared/formats/bundle';
import { isReservedKey } from '../../shared/formats/json-input';
import { normalizeLineEndings } from '../../shared/text/canonical';
import { createOffsetIndex } from '../../shared/text/offsets';
import { deriveTitle, shorten } from '../../shared/text/title';
import { addSpan, quoteAt, SpanRangeError } from '../../shared/ops/span-ops';
import { mergeComments } from '../../shared/review/threads';
import { normalizeCasualtySpans } from '../../shared/domain/casualty-spans';
import { annotatorFromName, ensureAnnotator } from './annotators';
import { readHtml, readMarkdown, readPlainText, type ReadArticle } from './article-readers';
import { DecodeError, decodeBytes, decodeBytesReplacing } from './decode-bytes';
import { isProject, layerPairs, openProjectStore, type ProjectStore } from './project-store';
import { createTimeSlicer } from './read-files';

export { MAX_IMPORT_BYTES };

/** How many imported articles may wait to be written before the import waits for the disk. */
const MAX_UNWRITTEN = 1000;

/** A file to import: its name (for messages and document ids) and a way to get its bytes. */
export interface ImportSource {
  name: string;
  /** Where the file was (its path, or its path inside a dropped folder): pairs a brat .ann with its .txt. */
  location?: string;
  size: number;
  read(): Promise<Uint8Array>;
}

/** Annotated formats the importer reads; `--format` names one to skip detection. */
export const IMPORT_FORMAT_IDS = ['jsonl', 'brat', 'conll', 'doccano', 'label-studio', 'w3c', 'bundle'] as const;
export type ImportFormatId = (typeof IMPORT_FORMAT_IDS)[number];

const ANNOTATED: Record<Exclude<ImportFormatId, 'jsonl' | 'w3c' | 'bundle'>, ImportFormat> = {
  brat: bratImport, conll: conllImport, doccano: doccanoImport, 'label-studio': labelStudioImport,
};

export interface ImportOptions {
  /** Read every file in this annotated format instead of detecting it (every file, also one named .txt). */
  format?: ImportFormatId;
  /** Layer for annotations in annotated files; default: the file's own annotator, else `fallbackAnnotator`. */
  annotator?: string;
  fallbackAnnotator: string;
  /** Read text that is not valid UTF-8 (or UTF-16) with U+FFFD for each invalid sequence, and warn how many, instead of refusing it. */
  replaceInvalid?: boolean;
  onProgress?(done: number, total: number): void;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function emptyReport(): ImportReport {
  return { imported: [], duplicates: [], failed: [], spansAdded: 0, spansRejected: [], warnings: [] };
}

/**
 * Expands files and folders into import sources. Folders are walked recursively; hidden entries,
 * files of unknown type inside folders and symbolic links inside folders (to files or folders) are
 * skipped: no loops, and nothing outside the folder is read. Each skipped link that would
 * otherwise have been read (an article or annotated file, a folder) is named in a warning.
 * A file named explicitly with an unknown type is reported as failed.
 */
export async function collectSources(paths: readonly string[], report: ImportReport): Promise<ImportSource[]> {
  const out: ImportSource[] = [];
  const seen = new Set<string>();
  const links: string[] = [];
  const skipLink = (path: string, shown: string) => {
    if (formatOf(path) || statOrNull(path)?.isDirectory()) links.push(shown);
  };
  // Synchronous calls, the event loop getting a turn between slices: a folder of 10,000
  // articles took a second of thread-pool round trips (lstat, realpath) the other way.
  const pause = createTimeSlicer();
  const addFile = async (path: string, explicit: boolean, size: number) => {
    if (!formatOf(path)) {
      if (explicit) report.failed.push({ fileName: basename(path), message: unsupportedFileMessage(basename(path)) });
      return;
    }
    const real = realpathSync(path);
    if (seen.has(real)) return;
    seen.add(real);
    out.push({ name: basename(path), location: real, size, read: async () => new Uint8Array(readFileSync(path)) });
    // A brat .ann named on its own brings the .txt next to it: a file there, not a link that may
    // lead out of the folder (a folder walk does not follow links either).
    const txt = path.replace(/\.ann$/i, '.txt');
    if (explicit && txt !== path) {
      const info = lstatOrNull(txt);
      if (info?.isFile()) await addFile(txt, false, info.size);
      else if (info?.isSymbolicLink()) skipLink(txt, basename(txt));
    }
  };
  const walk = async (dir: string, shown: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      await pause();
      if (e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p, `${shown}/${e.name}`);
      else if (e.isFile()) await addFile(p, false, lstatSync(p).size);
      else if (e.isSymbolicLink()) skipLink(p, `${shown}/${e.name}`);
    }
  };
  for (const raw of paths) {
    const path = resolve(raw);
    let info;
    try { info = lstatSync(path); } catch {
      report.failed.push({ fileName: raw, message: `${raw}: no such file or folder` });
      continue;
    }
    if (info.isSymbolicLink()) {
      info = statOrNull(path);
      if (!info) {
        report.failed.push({ fileName: raw, message: `${raw}: broken symbolic link` });
        continue;
      }
    }
    if (info.isDirectory()) await walk(path, basename(path));
    else if (info.isFile()) await addFile(path, true, info.size);
    else report.failed.push({ fileName: raw, message: `${raw}: not a regular file or folder` });
  }
  for (const link of links.slice(0, MAX_LISTED_PROBLEMS)) {
    report.warnings.push({ fileName: link, message: `${link}: a symbolic link, not followed (an import reads only what is inside the folder)` });
  }
  const more = links.length - MAX_LISTED_PROBLEMS;
  if (more > 0) report.warnings.push({ fileName: links[MAX_LISTED_PROBLEMS], message: `${more.toLocaleString('en-US')} more symbolic link${more === 1 ? '' : 's'} not followed` });
  return out;
}

function statOrNull(path: string): Stats | null {
  try { return statSync(path); } catch { return null; }
}

function lstatOrNull(path: string): Stats | null {
  try { return lstatSync(path); } catch { return null; }
}

/** Imports every source into the store, one by one; never throws for a bad file. */
export async function importSources(store: ProjectStore, sources: readonly ImportSource[], options: ImportOptions): Promise<ImportReport> {
  const report = emptyReport();
  // A brat .ann takes the .txt of the same name with it: that .txt is not an article of its own.
  const stemOf = (s: ImportSource) => (s.location ?? s.name).replace(/\.[^./\\]*$/, '');
  const texts = new Map(sources.filter((s) => /\.txt$/i.test(s.name)).map((s) => [stemOf(s), s]));
  const partners = new Map<ImportSource, ImportSource>();
  for (const s of sources) {
    const txt = /\.ann$/i.test(s.name) ? texts.get(stemOf(s)) : undefined;
    if (txt) partners.set(s, txt);
  }
  const consumed = new Set(partners.values());
  const failed = (source: ImportSource, err: unknown) => {
    const message = (err as Error).message;
    report.failed.push({
      fileName: source.name, message: message.startsWith(source.name) ? message : `${source.name}: ${message}`,
      // A brat .ann whose .txt is not UTF-8 names the .ann: importing it again brings the .txt along.
      ...(err instanceof DecodeError && err.kind === 'invalid-encoding' && { invalidEncoding: { location: source.location ?? source.name } }),
    });
  };
  let done = 0;
  // Progress counts a file once what it added is durable, in order: it never runs ahead of the disk.
  let acknowledged = Promise.resolve();
  const writing: Promise<void>[] = [];
  options.onProgress?.(0, sources.length);
  for (const source of sources) {
    if (consumed.has(source)) continue;
    let added: { documentId: string; durable: Promise<void> } | void = undefined;
    try {
      added = await importOne(store, source, options, report, partners.get(source));
    } catch (err) {
      failed(source, err);
    }
    done += partners.has(source) ? 2 : 1;
    const count = done;
    const written = added ? added.durable.catch((err) => {
      const at = report.imported.findIndex((d) => d.documentId === added.documentId);
      if (at >= 0) report.imported.splice(at, 1);
      failed(source, err);
    }) : Promise.resolve();
    acknowledged = Promise.all([acknowledged, written]).then(() => options.onProgress?.(count, sources.length));
    if (added) writing.push(written);
    // Bounded: at most this many documents wait for their group commit.
    if (writing.length >= MAX_UNWRITTEN) await writing.shift();
  }
  await acknowledged;
  await store.flush();
  return report;
}

/**
 * Imports files and folders by path (CLI, the desktop menu, the sample project): the files a
 * path names that cannot be used are reported first, then every import source in order.
 */
export async function importPaths(store: ProjectStore, paths: readonly string[], options: ImportOptions): Promise<ImportReport> {
  const unusable = emptyReport();
  const projects: string[] = [];
  const rest: string[] = [];
  for (const p of paths) (resolve(p) !== resolve(store.dir) && (await isProject(resolve(p))) ? projects : rest).push(p);
  const sources = await collectSources(rest, unusable);
  const report = await importSources(store, sources, options);
  report.failed.unshift(...unusable.failed);
  report.warnings.unshift(...unusable.warnings);
  for (const dir of projects) await importProjectFolder(store, resolve(dir), options, report);
  return report;
}

/**
 * A colleague's project folder: their articles (added when we lack them; the same text is kept
 * once) and every annotator's layer, each into the layer of that annotator's name. Their curated
 * layer is not merged into ours (a note says so). Every layer is checked first: one that does not
 * fit its text makes the folder import nothing.
 */
async function importProjectFolder(store: ProjectStore, dir: string, options: ImportOptions, report: ImportReport): Promise<void> {
  const name = basename(dir);
  let theirs: ProjectStore;
  try { theirs = await openProjectStore(dir); } catch (err) {
    failFile(name, [{ fileName: name, message: `not a readable Tagwerk project: ${(err as Error).message}` }], report);
    return;
  }
  const names = new Map(theirs.manifest.annotators.map((a) => [a.id, a.name]));
  const plan: { doc: TagwerkDocument; record: JsonlInput; where: string; comments: { layerName: string; comments: readonly Comment[] }[] }[] = [];
  const problems: ImportProblem[] = [];
  let curated = 0;
  const pairs = layerPairs(theirs, theirs.documents(), (a) => a !== CURATED_LAYER);
  const read = await theirs.readLayers(pairs);
  const layerOf = new Map(pairs.map(([d, a], i) => [`${a}/${d}`, read[i]]));
  for (const doc of theirs.documents()) {
    const spans: NonNullable<JsonlInput['spans']> = [];
    const relations: NonNullable<JsonlInput['relations']> = [];
    const comments: { layerName: string; comments: readonly Comment[] }[] = [];
    for (const a of theirs.annotatorsOf(doc.id)) {
      if (a === CURATED_LAYER) { curated++; continue; }
      const layer = layerOf.get(`${a}/${doc.id}`)!;
      const annotator = options.annotator ?? names.get(a) ?? a;
      const entries = recordEntries(layer.spans, layer.relations, annotator);
      spans.push(...entries.spans);
      relations.push(...entries.relations);
      if (layer.comments?.length) comments.push({ layerName: annotator, comments: layer.comments });
    }
    const record: JsonlInput = { text: doc.text, offset_unit: 'codepoint', spans, relations };
    for (const message of checkRecord(record)) problems.push({ fileName: name, message: `${doc.id}: ${message}` });
    plan.push({ doc, record, where: `${name} (${doc.id})`, comments });
  }
  // Their layers land under their annotators' names; comments follow the layers they are about.
  const renamed = (id: string) => (id === CURATED_LAYER ? id : annotatorFromName(options.annotator ?? names.get(id) ?? id).id);
  for (const p of theirs.problems) problems.push({ fileName: name, message: p.message });
  if (problems.length) { failFile(name, problems, report); return; }
  if (curated) report.warnings.push({ fileName: name, message: `${name}: its curated layer (${curated} document(s)) was not merged into ours; export it as a bundle to import it as a layer` });
  await collectingLabels(store, async (newLabels) => {
    adoptLabels(store, theirs.manifest.tagSchema.labels, newLabels);
    for (const { doc, record, where, comments } of plan) {
      const { doc: mine, isNew, durable } = await findOrAddDocument(store, {
        text: doc.text, stem: doc.id.replace(/-[0-9a-f]{8}$/, ''), title: doc.title, meta: doc.meta,
        fileName: doc.source.fileName, format: doc.source.format, bytes: doc.source.bytes,
      });
      await durable;
      if (isNew) {
        report.imported.push({ documentId: mine.id, title: mine.title, fileName: where });
        const sameFile = store.documents().find((d) => d.id !== mine.id && d.source.fileName === doc.source.fileName);
        if (sameFile) {
          report.warnings.push({ fileName: name, message: `${where}: its text differs from our ${sameFile.id} (same file ${doc.source.fileName}); added as a separate document with its annotations` });
        }
      } else report.duplicates.push({ documentId: mine.id, fileName: where });
      await importRecordAnnotations(store, mine, record, where, options, report, newLabels);
      for (const c of comments) await importComments(store, mine.id, c.layerName, c.comments, renamed);
    }
    keepUsedLabels(newLabels, plan.map((p) => p.record));
  });
}

/**
 * A colleague's comments on a document, into the layer of `layerName` (their author). Targets
 * are renamed to the layers' ids here; a comment we have already is not added twice.
 */
async function importComments(
  store: ProjectStore, documentId: string, layerName: string, comments: readonly Comment[], renamed: (annotatorId: string) => string,
): Promise<void> {
  if (!comments.length) return;
  const author = await ensureAnnotator(store, annotatorFromName(layerName));
  const incoming = comments.map((c) => ({ ...c, target: { ...c.target, annotator: renamed(c.target.annotator) } }));
  await store.updateLayer(documentId, author.id, (layer) => mergeComments(layer, incoming).layer);
}

/** A layer's spans (quote included, so it is checked) and relations as JSONL record entries of `annotator`. */
function recordEntries(spans: readonly Span[], relations: readonly Relation[], annotator: string): Required<Pick<JsonlInput, 'spans' | 'relations'>> {
  return {
    spans: spans.map((s) => ({ id: s.id, start: s.start, end: s.end, label: s.label, text: s.quote, attributes: s.attributes, ...(s.note ? { note: s.note } : {}), annotator })),
    relations: relations.map((r) => ({ id: r.id, type: r.type, from: r.from, to: r.to, annotator })),
  };
}

/** A colleague's label definitions for labels our schema lacks; a key one of ours has stays free. */
function adoptLabels(store: ProjectStore, labels: readonly Label[], newLabels: Map<string, Label>): void {
  const ours = store.manifest.tagSchema.labels;
  for (const label of labels) {
    if (ours.some((l) => l.id === label.id)) continue;
    newLabels.set(label.id, { ...label, key: label.key && ours.some((l) => l.key === label.key) ? null : label.key });
  }
}

/** Drops adopted labels no imported span uses: only labels in use join the schema. */
function keepUsedLabels(newLabels: Map<string, Label>, records: readonly JsonlInput[]): void {
  const used = new Set(records.flatMap((r) => (r.spans ?? []).map((s) => toLabelId(s.label))));
  for (const id of [...newLabels.keys()]) if (!used.has(id)) newLabels.delete(id);
}

async function readSource(source: ImportSource, options: ImportOptions, report: ImportReport): Promise<string> {
  if (source.size > MAX_IMPORT_BYTES) throw new Error(oversizedFileMessage(source.name, source.size));
  const bytes = await source.read();
  // A brat .ann without annotations is empty, and valid.
  if (bytes.length === 0 && /\.ann$/i.test(source.name)) return '';
  if (!options.replaceInvalid) return decodeBytes(bytes, source.name);
  const { text, replaced, encoding } = decodeBytesReplacing(bytes, source.name);
  if (replaced) {
    const what = encoding === 'UTF-8' ? 'byte sequence' : 'code unit';
    report.warnings.push({ fileName: source.name, message: `${source.name} is not valid ${encoding} text: ${replaced} invalid ${what}${replaced === 1 ? '' : 's'} replaced with U+FFFD (\u{FFFD})` });
  }
  return text;
}

/**
 * Imports one file. An article's new document comes back with the promise of its durability,
 * not awaited, so that the next files are read while documents are written in group commits;
 * everything else is durable when this resolves.
 */
async function importOne(
  store: ProjectStore, source: ImportSource, options: ImportOptions, report: ImportReport, partner?: ImportSource,
): Promise<{ documentId: string; durable: Promise<void> } | void> {
  const detected = formatOf(source.name);
  // A forced format reads every file so, also a CoNLL file named .txt.
  const forced = options.format;
  const format = forced ?? detected;
  if (!format) throw new Error(unsupportedFileMessage(source.name));
  const decoded = await readSource(source, options, report);
  if (format === 'bundle' || (!forced && detectBundle(source.name, decoded.slice(0, 200)))) {
    await importBundle(store, source, decoded, options, report);
    return;
  }
  if (format === 'w3c' || (!forced && format === 'label-studio' && detectW3c(source.name, decoded.slice(0, 4096)))) {
    await importW3c(store, source, decoded, options, report);
    return;
  }
  const annotated: ImportFormat | null =
    format in ANNOTATED ? ANNOTATED[format as keyof typeof ANNOTATED]
      : format === 'jsonl' && !forced && doccanoImport.detect(source.name, decoded.slice(0, 4096)) ? doccanoImport
        : null;
  if (annotated) {
    const files = [{ name: source.name, text: decoded }];
    if (partner) files.push({ name: partner.name, text: await readSource(partner, options, report) });
    await importParsed(store, annotated, files, source.size + (partner?.size ?? 0), options, report);
    return;
  }
  if (format === 'jsonl') {
    await importJsonl(store, source, decoded, options, report);
    return;
  }
  const article: ReadArticle =
    format === 'html' ? await readHtml(decoded, source.name) : format === 'md' ? readMarkdown(decoded) : readPlainText(decoded);
  if (!article.text) throw new Error('contains no text');
  const stem = basename(source.name, extname(source.name));
  const { doc, isNew, durable } = await findOrAddDocument(store, {
    text: article.text, stem, title: article.title, meta: article.meta, fileName: source.name, format: format as SourceFormat, bytes: source.size,
  });
  if (!isNew) { report.duplicates.push({ documentId: doc.id, fileName: source.name }); return; }
  report.imported.push({ documentId: doc.id, title: doc.title, fileName: source.name });
  return { documentId: doc.id, durable };
}

/**
 * Imports what an annotated-file format read: a file with an error yields nothing (the format
 * says so); warnings are reported while the rest imports. Each document then goes the way a
 * JSONL record goes: canonical text, the same text found again, spans checked and added.
 */
async function importParsed(
  store: ProjectStore, format: ImportFormat, files: { name: string; text: string }[], bytes: number, options: ImportOptions, report: ImportReport,
): Promise<void> {
  const { documents, problems } = format.parse(files);
  reportProblems(problems, report);
  if (!documents.length && !problems.some((p) => p.severity !== 'warning')) {
    report.failed.push({ fileName: files[0].name, message: `${files[0].name} holds no documents to import` });
    return;
  }
  const spanProblems: ImportProblem[] = documents.flatMap((d, i) => checkRecord(recordOf(d))
    .map((message) => ({ fileName: d.fileName, message: documents.length > 1 ? `document ${i + 1}: ${message}` : message })));
  if (spanProblems.length) { failFile(files[0].name, spanProblems, report); return; }
  await collectingLabels(store, async (newLabels) => {
    for (const [i, parsed] of documents.entries()) {
      const where = documents.length > 1 ? `${parsed.fileName} document ${i + 1}` : parsed.fileName;
      await importRecord(store, recordOf(parsed), {
        stem: basename(parsed.fileName, extname(parsed.fileName)), title: null, fileName: basename(parsed.fileName),
        listedAs: where, where, format: format.id as SourceFormat, bytes: Math.round(bytes / documents.length),
      }, options, report, newLabels);
    }
  });
}

/** Problems listed one by one per file and kind (failures, warnings); the rest are counted in one line. */
export const MAX_LISTED_PROBLEMS = 50;

/** Errors go to the failures (their file yields nothing), warnings beside the imported rest. */
function reportProblems(problems: readonly ImportProblem[], report: ImportReport): void {
  for (const warning of [true, false]) {
    const counts = new Map<string, number>();
    const list = warning ? report.warnings : report.failed;
    for (const p of problems) {
      if ((p.severity === 'warning') !== warning) continue;
      const n = (counts.get(p.fileName) ?? 0) + 1;
      counts.set(p.fileName, n);
      if (n <= MAX_LISTED_PROBLEMS) list.push({ fileName: p.fileName, message: describeProblem(p) });
    }
    for (const [fileName, n] of counts) {
      const more = n - MAX_LISTED_PROBLEMS;
      if (more > 0) list.push({ fileName, message: `${fileName}: ${more.toLocaleString('en-US')} more ${warning ? 'warning' : 'problem'}${more === 1 ? '' : 's'} like these` });
    }
  }
}

/**
 * W3C Web Annotations carry no text: each lands on the project document its source names
 * (`urn:tagwerk:document:<id>`) or, failing that, on the one document whose text holds its quote
 * (with the prefix and suffix deciding between places). Annotations that fit no document are
 * reported, not guessed.
 */
async function importW3c(store: ProjectStore, source: ImportSource, decoded: string, options: ImportOptions, report: ImportReport): Promise<void> {
  const { spans, relations, problems } = parseW3cAnnotations(source.name, decoded);
  reportProblems(problems, report);
  if (problems.some((p) => p.severity !== 'warning')) return;
  if (!spans.length && !relations.length) { report.failed.push({ fileName: source.name, message: `${source.name} holds no annotations` }); return; }
  const byDoc = new Map<string, { doc: TagwerkDocument; spans: NonNullable<JsonlInput['spans']>; iris: Map<string, string> }>();
  for (const span of spans) {
    const candidates = span.documentId && store.getDocument(span.documentId)
      ? [store.getDocument(span.documentId)!]
      : store.documents().filter((d) => span.quote && d.text.includes(span.quote.exact));
    const placed = candidates.map((doc) => ({ doc, at: anchorW3cSpan(doc.text, span) })).filter((c) => c.at);
    if (placed.length !== 1) {
      const why = placed.length ? `fits ${placed.length} documents` : 'fits no document in the project';
      report.spansRejected.push({ fileName: source.name, message: `${source.name}: annotation ${span.iri} (${JSON.stringify(span.quote?.exact ?? '')}) ${why}` });
      continue;
    }
    const { doc, at } = placed[0];
    if (!byDoc.has(doc.id)) byDoc.set(doc.id, { doc, spans: [], iris: new Map() });
    const entry = byDoc.get(doc.id)!;
    entry.iris.set(span.iri, span.spanId);
    entry.spans.push({
      id: span.spanId, start: at!.start, end: at!.end, label: span.label, attributes: span.attributes,
      ...(span.note ? { note: span.note } : {}), ...(span.annotator ? { annotator: span.annotator } : {}),
    });
  }
  const landed = new Map([...byDoc.values()].flatMap(({ doc, iris }) => [...iris.keys()].map((iri) => [iri, doc.id] as const)));
  for (const r of relations) {
    const from = landed.get(r.from), to = landed.get(r.to);
    if (from && from === to) continue;
    const why = !from || !to ? 'links an annotation that was not imported' : 'links annotations on two different documents';
    report.spansRejected.push({ fileName: source.name, message: `${source.name}: relation ${r.type} ${r.from} → ${r.to} ${why}` });
  }
  await collectingLabels(store, async (newLabels) => {
    for (const { doc, spans: docSpans, iris } of byDoc.values()) {
      const rels = relations.filter((r) => iris.has(r.from) && iris.has(r.to))
        .map((r) => ({ type: r.type, from: iris.get(r.from)!, to: iris.get(r.to)!, ...(r.annotator ? { annotator: r.annotator } : {}) }));
      const record: JsonlInput = { text: doc.text, offset_unit: 'codepoint', spans: docSpans, relations: rels };
      await importRecordAnnotations(store, doc, record, `${source.name} (${doc.id})`, options, report, newLabels);
    }
  });
}

/**
 * A colleague's bundle: each document is found by its text's SHA-256. A document whose text we
 * do not have, or have in another version, is reported with both lengths and hashes and its
 * spans are not imported (never placed on a different text); a bundle whose spans do not fit
 * their own texts imports nothing. Labels the schema lacks come with the colleague's
 * definitions (name, colour, key, attributes).
 */
async function importBundle(store: ProjectStore, source: ImportSource, decoded: string, options: ImportOptions, report: ImportReport): Promise<void> {
  const parsed = parseBundle(decoded);
  if ('error' in parsed) { failFile(source.name, [{ fileName: source.name, line: parsed.line, message: parsed.error }], report); return; }
  const { bundle } = parsed;
  const layerName = options.annotator ?? bundle.annotator.name;
  const plan: { doc: TagwerkDocument; record: JsonlInput; where: string; comments: readonly Comment[] }[] = [];
  const problems: ImportProblem[] = [];
  for (const d of bundle.documents) {
    const where = `${source.name} (${d.id})`;
    const doc = store.findByTextHash(d.sha256);
    if (!doc) {
      if (!d.spans.length && !d.comments?.length) continue;
      const ours = store.getDocument(d.id) ?? store.documents().find((x) => x.source.fileName === d.fileName);
      const why = ours
        ? `its text differs from ours (theirs: ${d.length} characters, SHA-256 ${d.sha256.slice(0, 12)}…; ours: ${Array.from(ours.text).length} characters, ${ours.source.sha256.slice(0, 12)}…)`
        : `its text is not in this project (SHA-256 ${d.sha256.slice(0, 12)}…): import the article first`;
      const comments = d.comments?.length ? ` and ${d.comments.length} comment(s)` : '';
      report.spansRejected.push({ fileName: source.name, message: `${where} "${d.title}": ${why}; its ${d.spans.length} span(s)${comments} were not imported` });
      continue;
    }
    const record: JsonlInput = { text: doc.text, offset_unit: 'codepoint', ...recordEntries(d.spans, d.relations, layerName) };
    for (const message of checkRecord(record)) problems.push({ fileName: source.name, message: `document ${d.id}: ${message}` });
    plan.push({ doc, record, where, comments: d.comments ?? [] });
  }
  if (problems.length) { failFile(source.name, problems, report); return; }
  // Comments on the bundle author's own spans follow their layer when it is imported under another name.
  const layerId = annotatorFromName(layerName).id;
  const renamed = (id: string) => (id === bundle.annotator.id ? layerId : id);
  await collectingLabels(store, async (newLabels) => {
    adoptLabels(store, bundle.tagSchema.labels, newLabels);
    for (const { doc, record, where, comments } of plan) {
      await importRecordAnnotations(store, doc, record, where, { ...options, annotator: layerName }, report, newLabels);
      await importComments(store, doc.id, layerName, comments, renamed);
    }
    keepUsedLabels(newLabels, plan.map((p) => p.record));
  });
}

/** An imported document in the shape of a JSONL record (code point offsets into its own text). */
function recordOf(parsed: ImportedDocument): JsonlInput {
  return {
    text: parsed.text, meta: parsed.meta, offset_unit: 'codepoint',
    spans: parsed.spans.map((s) => ({ ...(s.id ? { id: s.id } : {}), start: s.start, end: s.end, label: s.label, attributes: s.attributes, ...(s.note ? { note: s.note } : {}) })),
    relations: parsed.relations.map((r) => ({ ...(r.id ? { id: r.id } : {}), type: r.type, from: r.from, to: r.to })),
  };
}

interface NewDocumentInput {
  text: string;
  stem: string;
  title: string | null;
  meta: TagwerkDocument['meta'];
  fileName: string;
  format: SourceFormat;
  bytes: number;
}

/**
 * The project's document with this text, or a new one. A new document is in the project at
 * once; `durable` resolves when its file is on disk (and rejects, the document gone again,
 * when it cannot be written). Callers that go on to write layers on it need not wait: the
 * store writes no layer before its document.
 */
async function findOrAddDocument(store: ProjectStore, input: NewDocumentInput): Promise<{ doc: TagwerkDocument; isNew: boolean; durable: Promise<void> }> {
  const sha256 = sha256Hex(input.text);
  const existing = store.findByTextHash(sha256);
  if (existing) return { doc: existing, isNew: false, durable: Promise.resolve() };
  const meta = { ...input.meta };
  meta.language ??= store.manifest.language;
  const doc: TagwerkDocument = {
    schemaVersion: 1, kind: 'tagwerk-document', id: documentId(input.stem, sha256),
    // A title the file gives is cut (at a word, marked with …) to what a document holds, like a derived one.
    title: input.title?.trim() ? shorten(input.title.trim(), MAX_DOCUMENT_TITLE) : deriveTitle(input.text, meta.language, input.stem),
    meta,
    source: { fileName: input.fileName, format: input.format, sha256, bytes: input.bytes, importedAt: new Date().toISOString() },
    text: input.text,
  };
  const durable = store.addDocument(doc);
  // Rejects (and then the caller's await of it) only for a document that could not be written.
  durable.catch(() => {});
  return { doc, isNew: true, durable };
}

/**
 * A Tagwerk JSONL file: every line is read and checked first; a file with any bad line or span
 * is reported line by line and imports nothing.
 */
async function importJsonl(store: ProjectStore, source: ImportSource, decoded: string, options: ImportOptions, report: ImportReport): Promise<void> {
  const lines = decoded.split('\n');
  const records: { record: JsonlInput; line: number }[] = [];
  const problems: ImportProblem[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    try {
      const record = parseJsonlLine(line);
      records.push({ record, line: i + 1 });
      for (const message of checkRecord(record)) problems.push({ fileName: source.name, line: i + 1, message });
    } catch (err) {
      problems.push({ fileName: source.name, line: i + 1, message: (err as Error).message });
    }
  }
  if (problems.length) { failFile(source.name, problems, report); return; }
  if (!records.length) { report.failed.push({ fileName: source.name, message: `${source.name} holds no records (one JSON object per line)` }); return; }
  await collectingLabels(store, async (newLabels) => {
    for (const { record, line } of records) {
      const where = `${source.name} line ${line}`;
      await importRecord(store, record, {
        stem: record.id ?? basename(source.name, extname(source.name)),
        title: typeof record.meta?.title === 'string' ? record.meta.title : null,
        fileName: source.name, listedAs: `${source.name}:${line}`, where, format: 'jsonl', bytes: Buffer.byteLength(lines[line - 1]),
      }, options, report, newLabels);
    }
  });
}

/** Reports every problem of a file that imports nothing, and says so once. */
function failFile(fileName: string, problems: readonly ImportProblem[], report: ImportReport): void {
  for (const p of problems) report.failed.push({ fileName: p.fileName, message: describeProblem(p) });
  report.failed.push({ fileName, message: `${fileName}: nothing imported from this file (${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}); fix it and import it again` });
}

/** Where a record came from, for its document's source and for the report. */
interface RecordOrigin {
  stem: string;
  title: string | null;
  fileName: string;
  /** How the report lists the document (`file:line`, `file document 3`). */
  listedAs: string;
  /** How messages about its spans name it. */
  where: string;
  format: SourceFormat;
  bytes: number;
}

/**
 * One annotated document, from any format, into the project: its text with line endings
 * normalised (nothing else changes, so offsets stay exact) found in the project or added, then
 * its spans.
 */
async function importRecord(
  store: ProjectStore, record: JsonlInput, origin: RecordOrigin, options: ImportOptions, report: ImportReport, newLabels: Map<string, Label>,
): Promise<void> {
  const { doc, isNew, durable } = await findOrAddDocument(store, {
    text: normalizeLineEndings(record.text), stem: origin.stem, title: origin.title, meta: metaFromJsonl(record.meta),
    fileName: origin.fileName, format: origin.format, bytes: origin.bytes,
  });
  await durable;
  if (isNew) report.imported.push({ documentId: doc.id, title: doc.title, fileName: origin.listedAs });
  else report.duplicates.push({ documentId: doc.id, fileName: origin.listedAs });
  await importRecordAnnotations(store, doc, record, origin.where, options, report, newLabels);
}

/** Runs an import that may meet labels the schema lacks; adds them to the schema once, at the end. */
async function collectingLabels(store: ProjectStore, run: (newLabels: Map<string, Label>) => Promise<void>): Promise<void> {
  const newLabels = new Map<string, Label>();
  await run(newLabels);
  if (newLabels.size > 0) {
    await store.updateManifest((m) => ({ ...m, tagSchema: { labels: [...m.tagSchema.labels, ...newLabels.values()] } }));
  }
}

/** Maps offsets of the record's own text (in its unit, before line-ending normalisation) to canonical code points. */
function createRecordOffsetMapper(raw: string, unit: 'codepoint' | 'utf16'): (offset: number) => number | null {
  const index = createOffsetIndex(raw);
  // Code point positions of each `\r` that normalisation removed (the `\r` of `\r\n`).
  const removed: number[] = [];
  let cp = 0;
  for (let u = 0; u < raw.length; u++, cp++) {
    const c = raw.charCodeAt(u);
    if (c === 0x0d && raw.charCodeAt(u + 1) === 0x0a) removed.push(cp);
    if (c >= 0xd800 && c <= 0xdbff) u++;
  }
  return (offset) => {
    const p = unit === 'utf16' ? index.toCodePoint(offset) : offset;
    if (p === null || p > index.length) return null;
    let lo = 0, hi = removed.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (removed[mid] < p) lo = mid + 1; else hi = mid; }
    return p - lo;
  };
}

type RecordSpan = NonNullable<JsonlInput['spans']>[number];
type SpanContext = { text: string; index: ReturnType<typeof createOffsetIndex>; now: string };

/**
 * Adds one record span to a layer: offsets mapped to canonical code points, the quote (when the
 * record gives one) checked against the text. A span the layer holds already (same offsets,
 * label, attributes and note) is not added twice. Throws `SpanRangeError` with the reason when the span does not fit.
 */
function placeSpan(
  layer: Layer, s: RecordSpan, toCanonical: (offset: number) => number | null, ctx: SpanContext,
): { layer: Layer; id: string; label: string; duplicateOf?: string } {
  const start = toCanonical(s.start);
  const end = toCanonical(s.end);
  const label = toLabelId(s.label);
  if (start === null || end === null) throw new SpanRangeError(`span ${s.start}–${s.end} is outside the text`);
  if (s.text !== undefined) {
    const quote = quoteAt(ctx, start, end);
    if (normalizeLineEndings(s.text) !== quote) {
      throw new SpanRangeError(`span ${s.start}–${s.end} says ${JSON.stringify(s.text)} but the text there is ${JSON.stringify(quote)}`);
    }
  }
  const attributes = withoutReservedKeys(s.attributes ?? {});
  // The same annotation again (importing a file twice): same place, label, attributes and note.
  const duplicate = layer.spans.find((x: Span) => x.start === start && x.end === end && x.label === label
    && (x.note ?? '') === (s.note ?? '') && sameAttributes(x.attributes, attributes));
  if (duplicate) return { layer, id: duplicate.id, label, duplicateOf: duplicate.id };
  const id = s.id && !layer.spans.some((x) => x.id === s.id) ? s.id : newId('s');
  return { layer: addSpan(layer, { id, start, end, label, attributes, note: s.note }, ctx), id, label };
}

/** Keys of Object.prototype's machinery are not attributes: dropped, as the readers drop them from metadata. */
function withoutReservedKeys<T>(attributes: Readonly<Record<string, T>>): Record<string, T> {
  if (!Object.keys(attributes).some(isReservedKey)) return attributes as Record<string, T>;
  return Object.fromEntries(Object.entries(attributes).filter(([k]) => !isReservedKey(k)));
}

function sameAttributes(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.is(a[k], b[k]));
}

/**
 * Everything wrong with a record's annotations, found before anything is written: spans outside
 * the text or quoting other text, and relations naming spans the record does not have. A file
 * with any of these imports nothing, so that a fixed file can simply be imported again.
 */
export function checkRecord(record: JsonlInput): string[] {
  if (!record.spans?.length) return [];
  const problems: string[] = [];
  const text = normalizeLineEndings(record.text);
  const toCanonical = createRecordOffsetMapper(record.text, record.offset_unit ?? 'codepoint');
  const ctx = { text, index: createOffsetIndex(text), now: new Date(0).toISOString() };
  let layer = emptyLayer('check', 'check', '0'.repeat(64));
  const ids = new Set<string>();
  for (const s of record.spans) {
    try {
      const placed = placeSpan(layer, s, toCanonical, ctx);
      layer = placed.layer;
      if (s.id) ids.add(s.id);
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  for (const r of record.relations ?? []) {
    const missing = [r.from, r.to].filter((id) => !ids.has(id));
    if (missing.length) problems.push(`relation ${r.type} ${r.from}→${r.to} names ${missing.map((m) => `span ${m}`).join(' and ')}, which the record does not have`);
  }
  return problems;
}

async function importRecordAnnotations(
  store: ProjectStore, doc: TagwerkDocument, record: JsonlInput, where: string,
  options: ImportOptions, report: ImportReport, newLabels: Map<string, Label>,
): Promise<void> {
  if (!record.spans?.length) return;
  const toCanonical = createRecordOffsetMapper(record.text, record.offset_unit ?? 'codepoint');
  const ctx = { text: doc.text, index: createOffsetIndex(doc.text), now: new Date().toISOString() };
  const byLayer = new Map<string, { spans: NonNullable<JsonlInput['spans']>; relations: NonNullable<JsonlInput['relations']> }>();
  for (const span of record.spans) {
    const name = options.annotator ?? span.annotator ?? options.fallbackAnnotator;
    if (!byLayer.has(name)) byLayer.set(name, { spans: [], relations: [] });
    byLayer.get(name)!.spans.push(span);
  }
  for (const rel of record.relations ?? []) {
    const name = options.annotator ?? rel.annotator ?? options.fallbackAnnotator;
    byLayer.get(name)?.relations.push(rel);
  }
  for (const [name, { spans, relations }] of byLayer) {
    const annotator = await ensureAnnotator(store, annotatorFromName(name));
    await store.updateLayer(doc.id, annotator.id, (layer) => {
      let next = layer;
      const idMap = new Map<string, string>();
      for (const s of spans) {
        try {
          const placed = placeSpan(next, s, toCanonical, ctx);
          if (placed.duplicateOf) { if (s.id) idMap.set(s.id, placed.duplicateOf); continue; }
          next = placed.layer;
          if (s.id) idMap.set(s.id, placed.id);
          if (!store.manifest.tagSchema.labels.some((l) => l.id === placed.label) && !newLabels.has(placed.label)) {
            newLabels.set(placed.label, labelFor(placed.label, [...store.manifest.tagSchema.labels, ...newLabels.values()]));
          }
          report.spansAdded++;
        } catch (err) {
          report.spansRejected.push({ fileName: where, message: `${where}: ${(err as Error).message}` });
        }
      }
      const added = [];
      for (const r of relations) {
        const from = idMap.get(r.from), to = idMap.get(r.to);
        if (!from || !to) {
          report.spansRejected.push({ fileName: where, message: `${where}: relation ${r.type} ${r.from}→${r.to} names a span that was not imported` });
          continue;
        }
        if ([...next.relations, ...added].some((e) => e.from === from && e.to === to && e.type === r.type)) continue;
        const id = r.id && !next.relations.some((x) => x.id === r.id) ? r.id : newId('r');
        added.push({ id, type: r.type, from, to, createdAt: ctx.now, modifiedAt: ctx.now });
      }
      // Casualty figures imported without normalised attributes get the parser's (auto).
      next = normalizeCasualtySpans(layer, next, ctx);
      return added.length ? { ...next, relations: [...next.relations, ...added] } : next;
    });
  }
}
