/**
 * Fuzzing every importer: the annotated formats (Tagwerk JSONL, brat, CoNLL / GermEval TSV,
 * doccano, Label Studio, W3C Web Annotation, bundles), the article readers (plain text, Markdown,
 * HTML) and a colleague's project folder, over arbitrary input and over mutations of valid files:
 * the seed article as Tagwerk's own writers export it, a HIPE-2020 article (brat, JSONL) and
 * GermEval 2014 sentences. Whatever arrives, no exception escapes (a failure comes back as a
 * readable message) and nothing is stored that the layer schema or the text rejects: every span
 * satisfies 0 <= start < end <= the text's length in code points and quotes exactly the text there.
 * Parsers run 500 times each; `importPaths` (a new project on disk per run) 40 times per format.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readHtml, readMarkdown, readPlainText } from '../../src/main/services/article-readers';
import { checkRecord, IMPORT_FORMAT_IDS, importPaths, sha256Hex, type ImportFormatId } from '../../src/main/services/import-service';
import type { ImportReport } from '../../src/shared/api/tagwerk-api';
import { bratExport, bratImport } from '../../src/shared/formats/brat';
import { bundleExport, parseBundle } from '../../src/shared/formats/bundle';
import { conllExport, conllImport } from '../../src/shared/formats/conll';
import { doccanoExport, doccanoImport } from '../../src/shared/formats/doccano';
import type { ExportItem, ImportedDocument, ImportProblem } from '../../src/shared/formats/export-format';
import { jsonlExport, parseJsonlLine } from '../../src/shared/formats/jsonl';
import { labelStudioExport, labelStudioImport } from '../../src/shared/formats/label-studio';
import { formatOf, SOURCE_EXTENSIONS } from '../../src/shared/formats/source-formats';
import { anchorW3cSpan, parseW3cAnnotations, w3cExport } from '../../src/shared/formats/w3c';
import { LayerFileSchema, RelationSchema, SpanSchema } from '../../src/shared/model/annotation';
import { DocumentMetaSchema } from '../../src/shared/model/document';
import { loadFile } from '../../src/shared/model/migrate';
import { toLabelId } from '../../src/shared/model/tag-schema';
import { documentOf, EMOJI_ITEM, NOW, runExport, seed003, seed003Item, seedItem, span } from '../fixtures/formats/kit';
import { CORPORA_DIR, cpSlice, listFiles, makeTempDir, newProject, removeTempDirs, SEED_003, SEEDS_DIR } from './project-fixtures';

afterAll(removeTempDirs);

// ---------------------------------------------------------------- valid files to start from

const SEED = seed003();
const FROM_KIT = seed003Item({ attributes: { count_min: 6500, approximate: true, outcome: 'killed' }, note: 'Quelle: dpa\nmehr als = mindestens' });
/** Seed 003 with its spans, as the project knows it after importing the seed (id, file, hash): bundles and W3C files find it. */
const ITEM: ExportItem = { ...FROM_KIT, document: { ...FROM_KIT.document, source: { ...FROM_KIT.document.source, fileName: SEED_003.file, sha256: SEED_003.sha256 } } };
const SEED_FILE = await readFile(join(SEEDS_DIR, SEED_003.file), 'utf8');
const HIPE_ID = 'luxwort-1938-08-10-a-i0029';
const HIPE_BRAT = join(CORPORA_DIR, 'hipe2020/brat/dev-de', HIPE_ID);
const HIPE_LINE = (await readFile(join(CORPORA_DIR, 'hipe2020/jsonl/hipe2020-dev-de.jsonl'), 'utf8')).split('\n').find((l) => l.includes(`"${HIPE_ID}"`))!;
/** The first three GermEval 2014 dev sentences (index, token, outer and inner IOB2 tag). */
const GERMEVAL = (await readFile(join(CORPORA_DIR, 'germeval2014/NER-de-dev.tsv'), 'utf8')).split('\n\n').slice(0, 3).join('\n\n') + '\n\n';

const paragraphs = SEED.text.split('\n\n');
const MARKDOWN = `---\ntitle: "${paragraphs[0]}"\ndate: 2020-11-10\nlang: de\n---\n# ${paragraphs[0]}\n\n${paragraphs[1]}\n\n`
  + `> **${paragraphs[2]}**\n\n- [Karabach](https://example.org) &amp; _Agdam_\n- \`6.500\`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n${paragraphs.slice(3).join('\n\n')}\n`;
const HTML = `<!doctype html><html lang="de"><head><title>${paragraphs[0]}</title><meta property="article:published_time" content="2020-11-10T08:00">`
  + `<link rel="canonical" href="https://example.org/a"></head><body><nav><a href="/">Start</a></nav><article><h1>${paragraphs[0]}</h1>`
  + `${paragraphs.slice(1).map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('')}</article><script>alert(1)</script></body></html>`;

type File = { name: string; text: string };
const files = (run: { files: Map<string, string> }, order: string[]): File[] => order.map((name) => ({ name, text: run.files.get(name)! }));

/** What one importer reads, and valid examples of it (the first file of an example is the one imported). */
interface Importer {
  examples: File[][];
  /** JSON formats get structural mutations too; `lines`: one JSON value per line. */
  json?: 'whole' | 'lines';
  /** Needs seed 003 in the project (W3C and bundles carry no text). */
  needsSeed?: boolean;
  /** The files are a folder (a colleague's project) and the folder is imported. */
  folder?: boolean;
}

/** A colleague's project folder: seed 003 with the spans of ITEM in anna's layer (whose file comes first). */
async function projectFolder(): Promise<File[]> {
  const store = await newProject('Kollegin');
  const file = join(await makeTempDir(), 'seed.jsonl');
  await writeFile(file, runExport(jsonlExport, [ITEM]).main);
  await importPaths(store, [file], { fallbackAnnotator: 'anna' });
  await store.flush();
  const names = (await listFiles(store.dir)).filter((n) => !/(^|\/)\./.test(n)).sort((a, b) => Number(b.startsWith('annotations/')) - Number(a.startsWith('annotations/')));
  return Promise.all(names.map(async (name) => ({ name, text: await readFile(join(store.dir, name), 'utf8') })));
}

/** Two paragraphs of seed 003 with Windows line breaks (which brat and JSONL offsets count) and a span across them. */
const CRLF_TEXT = SEED.text.split('\n\n').slice(0, 2).join('\r\n\r\n');
const CRLF_ITEM: ExportItem = {
  document: documentOf('crlf', CRLF_TEXT), relations: [],
  spans: [span(CRLF_TEXT, 'a', 'Ilham Alijew', 'actor'), span(CRLF_TEXT, 'b', 'worden war.\r\n\r\nFotos', 'claim')],
};
const bratFiles = (item: ExportItem) => files(runExport(bratExport, [item]), [`${item.document.id}.ann`, `${item.document.id}.txt`]);
const IMPORTERS = {
  jsonl: { json: 'lines', examples: [
    [{ name: 'seed.jsonl', text: runExport(jsonlExport, [ITEM]).main }],
    [{ name: 'crlf.jsonl', text: runExport(jsonlExport, [CRLF_ITEM]).main }],
    [{ name: 'emoji.jsonl', text: runExport(jsonlExport, [EMOJI_ITEM], { unit: 'utf16' }).main }],
    [{ name: 'hipe.jsonl', text: `${HIPE_LINE}\n` }],
  ] },
  brat: { examples: [
    bratFiles(ITEM), bratFiles(CRLF_ITEM),
    [{ name: `${HIPE_ID}.ann`, text: await readFile(`${HIPE_BRAT}.ann`, 'utf8') }, { name: `${HIPE_ID}.txt`, text: await readFile(`${HIPE_BRAT}.txt`, 'utf8') }],
  ] },
  conll: { examples: [
    [{ name: 'seed-003.conll', text: runExport(conllExport, [seedItem(SEED_003.file)]).main }],
    [{ name: 'germeval.tsv', text: GERMEVAL }],
  ] },
  doccano: { json: 'lines', examples: [
    [{ name: 'seed-doccano.jsonl', text: runExport(doccanoExport, [ITEM]).main }],
    [{ name: 'emoji-doccano.jsonl', text: runExport(doccanoExport, [EMOJI_ITEM]).main }],
  ] },
  'label-studio': { json: 'whole', examples: [[{ name: 'seed.json', text: runExport(labelStudioExport, [ITEM]).main }]] },
  w3c: { json: 'whole', needsSeed: true, examples: [[{ name: 'seed.jsonld', text: runExport(w3cExport, [ITEM]).main }]] },
  bundle: { json: 'whole', needsSeed: true, examples: [[{ name: 'seed.tagwerk', text: runExport(bundleExport, [ITEM], { layer: { id: 'anna', name: 'Anna' } }).main }]] },
  txt: { examples: [[{ name: 'seed.txt', text: SEED_FILE }]] },
  md: { examples: [[{ name: 'seed.md', text: MARKDOWN }]] },
  html: { examples: [[{ name: 'seed.html', text: HTML }]] },
  project: { json: 'whole', folder: true, examples: [await projectFolder()] },
} satisfies Record<string, Importer>;
type Kind = keyof typeof IMPORTERS;

// ---------------------------------------------------------------- mutations

/** A change to a valid file, as data, so that a counterexample says what was done. */
type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'replace' | 'insert'; at: number; piece: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate-line' | 'drop-line' | 'swap-lines'; line: number; other: number }
  | { kind: 'number'; nth: number; value: string }
  | { kind: 'token'; nth: number; value: string; append: boolean }
  | { kind: 'json'; line: number; path: number; value: unknown };

/** What parsers split on, count or look for; inserted, and strung together for soups. */
const PIECES = ['\t', '\n', '\r\n', '\r', ' ', '"', '\\', '{', '}', '[', ']', ':', ',', ';', '-', '.', '%', '%Z', '0', '7', '-1',
  '99999999999999999999', 'e9', 'T1', 'A1', 'R1', '#1', '*', 'E1', 'N1', 'Arg1:', 'Arg2:T1', 'AnnotatorNotes', 'B-', 'I-LOC', 'E-', 'S-x',
  'O', '-DOCSTART-', '#', 'null', 'true', '[]', '{}', '\u0000', '\ufeff', '\u2028', '\u0085', '\u000b', '😢', '👩🏽‍⚕️', 'e\u0301',
  '\ud800', '\udc00', 'ä', '<', '>', '&amp;', '<p>', '</div>', '---\n', '# ', '**', '`', '__proto__', 'constructor'];
const piece = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) });
const numberText = fc.oneof(fc.integer().map(String), fc.constantFrom('-1', '0', '-0', '00', '1.5', '1e3', '1e999', '2147483648', '9007199254740993', '99999999999999999999999', '-99999999999'));
const DELETE = Symbol('delete');
const long = (n: number) => 'x'.repeat(n);
/** Values put in place of a JSON value: wrong types, boundaries and lengths just past the layer schema's limits. */
const longText = fc.constantFrom('', long(41), long(81), long(121), long(201), long(1001), long(10_001), long(100_001));
const jsonValue = fc.oneof(
  { weight: 2, arbitrary: longText },
  { weight: 2, arbitrary: fc.constantFrom(DELETE, null, [], {}, true, false, 'T1', '0', [0, 1, 'x'], { start: 0, end: 1 }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.constantFrom(-1, 0, 1.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 53), 1e308)) },
  { weight: 1, arbitrary: fc.oneof(fc.string({ unit: 'binary', maxLength: 20 }), fc.jsonValue({ maxDepth: 2 })) },
);

/** Mutations, weighted so that many mutated files still parse and their odd values reach the layer (JSON: mostly structural). */
const arbMutation = (json: boolean): fc.Arbitrary<Mutation> => fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('replace' as const, 'insert' as const), at: fc.nat(), piece }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('duplicate-line' as const, 'drop-line' as const, 'swap-lines' as const), line: fc.nat(), other: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('number' as const), nth: fc.nat(), value: numberText }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('token' as const), nth: fc.nat(), value: fc.oneof(piece, numberText, longText), append: fc.boolean() }) },
  ...(json ? [{ weight: 9, arbitrary: fc.record({ kind: fc.constant('json' as const), line: fc.nat(), path: fc.nat(), value: jsonValue }) }] : []),
);

type JsonPath = (string | number)[];
function jsonPaths(value: unknown, at: JsonPath = [], out: JsonPath[] = []): JsonPath[] {
  out.push(at);
  if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) jsonPaths(v, [...at, Array.isArray(value) ? Number(k) : k], out);
  return out;
}

/**
 * Replaces (or deletes) a value of the JSON text: a key name is chosen first, then one of its
 * places, so that rare keys (a relation's type) are hit as often as common ones. Text that is not
 * JSON stays as it is.
 */
function mutateJson(text: string, pathIndex: number, value: unknown): string {
  let root: unknown;
  try { root = JSON.parse(text); } catch { return text; }
  const byKey = new Map<string, JsonPath[]>();
  for (const p of jsonPaths(root)) {
    const key = typeof p[p.length - 1] === 'string' ? String(p[p.length - 1]) : `[${p.length}]`;
    byKey.set(key, [...(byKey.get(key) ?? []), p]);
  }
  const groups = [...byKey.values()];
  const group = groups[pathIndex % groups.length];
  const path = group[Math.floor(pathIndex / groups.length) % group.length];
  if (path.length === 0) return JSON.stringify(value === DELETE ? null : value);
  let parent = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const key = path[path.length - 1];
  if (value !== DELETE) parent[key] = value;
  else if (Array.isArray(parent)) parent.splice(key as number, 1);
  else delete parent[key];
  return JSON.stringify(root);
}

function mutate(text: string, m: Mutation): string {
  const i = 'at' in m ? m.at % (text.length + 1) : 0;
  const lines = text.split('\n');
  switch (m.kind) {
    case 'truncate': return text.slice(0, i);
    case 'replace': return text.slice(0, i) + m.piece + text.slice(i + 1);
    case 'insert': return text.slice(0, i) + m.piece + text.slice(i);
    case 'delete': return text.slice(0, i) + text.slice(i + m.length);
    case 'duplicate-line': lines.splice(m.other % (lines.length + 1), 0, lines[m.line % lines.length]); return lines.join('\n');
    case 'drop-line': lines.splice(m.line % lines.length, 1); return lines.join('\n');
    case 'swap-lines': {
      const a = m.line % lines.length, b = m.other % lines.length;
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join('\n');
    }
    case 'number': {
      const found = [...text.matchAll(/-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/gi)];
      if (!found.length) return text;
      const n = found[m.nth % found.length];
      return text.slice(0, n.index) + m.value + text.slice(n.index! + n[0].length);
    }
    case 'token': {
      const found = [...text.matchAll(/[^\s]+/g)];
      if (!found.length) return text;
      const t = found[m.nth % found.length];
      return text.slice(0, t.index) + (m.append ? t[0] : '') + m.value + text.slice(t.index! + t[0].length);
    }
    case 'json': {
      if (text.trimStart().startsWith('{"') && lines.filter((l) => l.trim()).length > 1 && !text.trimStart().startsWith('{\n')) {
        const at = m.line % lines.length;
        lines[at] = mutateJson(lines[at], m.path, m.value);
        return lines.join('\n');
      }
      return mutateJson(text, m.path, m.value);
    }
  }
}

const soup = fc.array(piece, { maxLength: 60 }).map((p) => p.join(''));
/** Arbitrary text: any code points (lone surrogates included), soups of the parsers' own characters, any JSON. */
const arbitraryText = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), soup, fc.jsonValue().map((v) => JSON.stringify(v)));

/** Files of an importer: an example mutated (up to `most` times, in one of its files), or arbitrary text in its place. */
function arbFiles(kind: Kind, most = 4): fc.Arbitrary<File[]> {
  const { examples, json } = IMPORTERS[kind] as Importer;
  const mutated = fc.record({ example: fc.nat(examples.length - 1), file: fc.nat(), mutations: fc.array(arbMutation(json !== undefined), { minLength: 1, maxLength: most }) })
    .map(({ example, file, mutations }) => {
      const chosen = examples[example];
      // Mostly the imported file (the brat .ann), now and then the text beside it.
      const target = file % 4 === 3 ? file % chosen.length : 0;
      return chosen.map((f, k) => (k === target ? { ...f, text: mutations.reduce(mutate, f.text) } : f));
    });
  const arbitrary = fc.tuple(fc.nat(examples.length - 1), arbitraryText).map(([example, text]) =>
    examples[example].map((f, k) => (k === 0 ? { ...f, text } : f)));
  return fc.oneof({ weight: 3, arbitrary: mutated }, { weight: 1, arbitrary });
}

// ---------------------------------------------------------------- what must hold

/** Messages of V8's own errors: a parser that lets one through has crashed on the input. */
const INTERNAL = /Cannot read prop|Cannot set prop|is not a function|is not iterable|^\S+ is not defined$|Cannot convert|\[object Object\]|Maximum call stack|Invalid (array|string) length|offset -?\d+ outside/;

function expectReadable(message: unknown): void {
  expect(typeof message).toBe('string');
  expect((message as string).trim()).not.toBe('');
  expect(message).not.toMatch(INTERNAL);
}

function expectProblemsReadable(problems: readonly ImportProblem[]): void {
  for (const p of problems) {
    expectReadable(p.message);
    expect(typeof p.fileName).toBe('string');
    if (p.line !== undefined) expect(Number.isInteger(p.line) && p.line > 0, `line ${p.line}`).toBe(true);
  }
}

/**
 * Every span a parser read lies inside its document's text and, with the label the import gives
 * it, fits the layer schema as it will be stored; so does every relation.
 */
function expectStorable(documents: readonly Pick<ImportedDocument, 'text' | 'spans' | 'relations'>[]): void {
  for (const doc of documents) {
    const length = Array.from(doc.text).length;
    for (const s of doc.spans) {
      expect(Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start < s.end && s.end <= length,
        `span ${s.start}–${s.end} in a text of ${length} code points`).toBe(true);
      const stored = {
        id: s.id || 's1', start: s.start, end: s.end, label: toLabelId(s.label), quote: cpSlice(doc.text, s.start, s.end),
        attributes: s.attributes, ...(s.note ? { note: s.note } : {}), createdAt: NOW, modifiedAt: NOW,
      };
      const checked = SpanSchema.safeParse(stored);
      expect(checked.success, `span ${JSON.stringify(stored).slice(0, 300)}: ${checked.error?.issues[0]?.path.join('.')} ${checked.error?.issues[0]?.message}`).toBe(true);
    }
    for (const r of doc.relations) {
      const checked = RelationSchema.safeParse({ id: r.id || 'r1', type: r.type, from: r.from, to: r.to, createdAt: NOW, modifiedAt: NOW });
      expect(checked.success, `relation ${JSON.stringify(r).slice(0, 300)}: ${checked.error?.issues[0]?.path.join('.')} ${checked.error?.issues[0]?.message}`).toBe(true);
    }
  }
}

/** A parser's documents and problems, for the annotated formats. */
type Parsed = { documents: Pick<ImportedDocument, 'text' | 'spans' | 'relations'>[]; problems: ImportProblem[] };

/** Tagwerk JSONL: each line parsed (which throws, by contract, an Error saying what is wrong) and checked against its text. */
function parseJsonlFile(file: File): Parsed {
  const problems: ImportProblem[] = [];
  const documents: Parsed['documents'] = [];
  file.text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let record;
    try { record = parseJsonlLine(line.trim()); } catch (err) {
      expect(err).toBeInstanceOf(Error);
      expect(err).not.toBeInstanceOf(TypeError);
      problems.push({ fileName: file.name, line: i + 1, message: (err as Error).message });
      return;
    }
    const found = checkRecord(record);
    problems.push(...found.map((message) => ({ fileName: file.name, line: i + 1, message })));
    // Offsets are the record's own (maybe UTF-16); ids, labels, attributes, notes and relation types must fit the layer.
    if (!found.length) {
      documents.push({
        text: record.text, relations: (record.relations ?? []).map((r) => ({ ...r })),
        spans: (record.spans ?? []).map((s) => ({ ...s, start: 0, end: 1, attributes: s.attributes ?? {} })),
      });
    }
  });
  return { documents, problems };
}

/** W3C: the annotations read, anchored on seed 003 as the import anchors them. */
function parseW3cFile(file: File): Parsed {
  const { spans, relations, problems } = parseW3cAnnotations(file.name, file.text);
  const ids = new Map<string, string>();
  const anchored = spans.flatMap((s) => {
    const at = anchorW3cSpan(SEED.text, s);
    if (at) ids.set(s.iri, s.spanId);
    return at ? [{ id: s.spanId, ...at, label: s.label, attributes: s.attributes, ...(s.note ? { note: s.note } : {}) }] : [];
  });
  // Relation ends become the span ids of the annotations they name; others are reported by the import.
  const linked = relations.filter((r) => ids.has(r.from) && ids.has(r.to)).map((r) => ({ type: r.type, from: ids.get(r.from)!, to: ids.get(r.to)! }));
  return { documents: [{ text: SEED.text, spans: anchored, relations: linked }], problems };
}

/** A bundle: read, or an error with its line. */
function parseBundleFile(file: File): Parsed {
  const parsed = parseBundle(file.text);
  if ('error' in parsed) return { documents: [], problems: [{ fileName: file.name, line: parsed.line, message: parsed.error }] };
  return { documents: [], problems: [] };
}

const PARSERS: Partial<Record<Kind, (files: File[]) => Parsed>> = {
  jsonl: ([f]) => parseJsonlFile(f),
  brat: (f) => bratImport.parse(f),
  conll: (f) => conllImport.parse(f),
  doccano: (f) => doccanoImport.parse(f),
  'label-studio': (f) => labelStudioImport.parse(f),
  w3c: ([f]) => parseW3cFile(f),
  bundle: ([f]) => parseBundleFile(f),
};

/** What an article reader gives: text without `\r` (canonical), a title or null, metadata the document schema accepts. */
function expectArticle(article: { text: string; title: string | null; meta: unknown }): void {
  expect(typeof article.text).toBe('string');
  expect(article.text).not.toContain('\r');
  expect(article.title === null || typeof article.title === 'string').toBe(true);
  const meta = DocumentMetaSchema.safeParse(article.meta);
  expect(meta.success, JSON.stringify(article.meta)).toBe(true);
}

// ---------------------------------------------------------------- the project on disk

const readJson = async (file: string): Promise<unknown> => JSON.parse(await readFile(file, 'utf8'));
const visible = async (dir: string) => (await readdir(dir).catch(() => [] as string[])).filter((f) => !f.startsWith('.')).sort();

/**
 * Every file of the project loads (manifest, documents, layers through their schemas), every
 * layer belongs to its document's text, and every span lies in that text and quotes it.
 */
async function expectProjectSound(dir: string): Promise<void> {
  loadFile('tagwerk-project', await readJson(join(dir, 'tagwerk.json')));
  const docs = new Map<string, { text: string; sha256: string }>();
  for (const f of await visible(join(dir, 'documents'))) {
    const doc = loadFile('tagwerk-document', await readJson(join(dir, 'documents', f)));
    docs.set(doc.id, { text: doc.text, sha256: doc.source.sha256 });
  }
  for (const annotator of await visible(join(dir, 'annotations'))) {
    for (const f of await visible(join(dir, 'annotations', annotator))) {
      const raw = await readJson(join(dir, 'annotations', annotator, f));
      const layer = LayerFileSchema.safeParse(raw);
      expect(layer.success, `${annotator}/${f}: ${layer.error?.issues[0]?.path.join('.')} ${layer.error?.issues[0]?.message}`).toBe(true);
      const { documentId, textSha256, spans } = layer.data!;
      const doc = docs.get(documentId);
      expect(doc, `${annotator}/${f} names document ${documentId}`).toBeDefined();
      expect(textSha256).toBe(doc!.sha256);
      const codePoints = Array.from(doc!.text);
      for (const s of spans) {
        expect(s.start >= 0 && s.start < s.end && s.end <= codePoints.length, `${annotator}/${f}: span ${s.start}–${s.end} of ${codePoints.length}`).toBe(true);
        expect(s.quote).toBe(codePoints.slice(s.start, s.end).join(''));
      }
    }
  }
}

function expectReportReadable(report: ImportReport): void {
  for (const entry of [...report.failed, ...report.warnings, ...report.spansRejected]) {
    expectReadable(entry.message);
    expectReadable(entry.fileName);
  }
}

/** A file's text as bytes: UTF-8, UTF-8 with a BOM, or UTF-16 LE with a BOM. */
function encode(text: string, encoding: 'utf8' | 'bom' | 'utf16le'): Uint8Array {
  if (encoding === 'utf16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  return Buffer.from(encoding === 'bom' ? `\ufeff${text}` : text, 'utf8');
}

/** The import's options besides the annotator to fall back on: `--format`, `--annotator`, `--replace-invalid`. */
type Options = { format?: ImportFormatId; annotator?: string; replaceInvalid?: boolean };

/** Imports the files (the first named, its partners beside it; or their folder) into a new project, as the CLI does. */
async function importIntoProject(kind: Kind, input: File[], contents: (Uint8Array | null)[], options: Options = {}) {
  const store = await newProject();
  if ((IMPORTERS[kind] as Importer).needsSeed) await importPaths(store, [join(SEEDS_DIR, SEED_003.file)], { fallbackAnnotator: 'Importer' });
  const dir = join(await makeTempDir('tagwerk-fuzz-'), 'kollegin');
  for (const [k, f] of input.entries()) {
    await mkdir(dirname(join(dir, f.name)), { recursive: true });
    await writeFile(join(dir, f.name), contents[k] ?? f.text);
  }
  const path = (IMPORTERS[kind] as Importer).folder ? dir : join(dir, input[0].name);
  const report = await importPaths(store, [path], { fallbackAnnotator: 'Importer', ...options });
  return { store, report };
}

// ---------------------------------------------------------------- properties

describe('the valid examples the fuzzing starts from', () => {
  it('are valid: each imports without a failure or a rejected span', async () => {
    expect(sha256Hex(SEED.text)).toBe(SEED_003.sha256);
    for (const [kind, importer] of Object.entries(IMPORTERS) as [Kind, Importer][]) {
      for (const example of importer.examples) {
        const { report } = await importIntoProject(kind, example, []);
        expect(report.failed, `${kind} ${example[0].name}`).toEqual([]);
        expect(report.spansRejected, `${kind} ${example[0].name}`).toEqual([]);
        expect(report.imported.length + report.duplicates.length + report.spansAdded, `${kind} ${example[0].name}`).toBeGreaterThan(0);
      }
    }
  }, 30_000);
});

describe('annotated-format parsers, over arbitrary and mutated input', () => {
  for (const [kind, parse] of Object.entries(PARSERS) as [Kind, (files: File[]) => Parsed][]) {
    it(`${kind}: never throws, says what is wrong, and reads only spans and relations that fit the text and the layer`, () => {
      fc.assert(fc.property(arbFiles(kind), (input) => {
        const { documents, problems } = parse(input);
        expectProblemsReadable(problems);
        expectStorable(documents);
      }), { numRuns: 500 });
    });
  }
});

describe('article readers and file types, over arbitrary and mutated input', () => {
  it('plain text and Markdown: never throw; canonical text, a title or none, valid metadata', () => {
    fc.assert(fc.property(fc.oneof(arbFiles('txt'), arbFiles('md')), ([file]) => {
      expectArticle(readPlainText(file.text));
      expectArticle(readMarkdown(file.text));
    }), { numRuns: 300 });
  });

  it('HTML: never throws; canonical text, a title or none, valid metadata', async () => {
    await fc.assert(fc.asyncProperty(arbFiles('html'), async ([file]) => {
      expectArticle(await readHtml(file.text, file.name));
    }), { numRuns: 60 });
  }, 30_000);

  it('formatOf: any file name has a known source format or none', () => {
    const known = new Set(Object.keys(SOURCE_EXTENSIONS));
    fc.assert(fc.property(fc.string({ unit: 'binary' }), fc.constantFrom('', ...Object.values(SOURCE_EXTENSIONS).flat().map((e) => `.${e}`), '.TXT', '.ann.txt'), (stem, ext) => {
      const format = formatOf(stem + ext);
      expect(format === null || known.has(format)).toBe(true);
    }));
  });
});

describe('importPaths, over arbitrary bytes and mutated files on disk', () => {
  const sometimes = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 7, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
  const arbOptions: fc.Arbitrary<Options> = fc.record({
    format: sometimes(fc.constantFrom(...IMPORT_FORMAT_IDS)),
    annotator: sometimes(fc.constantFrom('Anna Müller', '', ' ', '../..', '__proto__', 'x'.repeat(200), '😢')),
    replaceInvalid: sometimes(fc.constant(true)),
  });
  const arbEncoding = fc.oneof({ weight: 6, arbitrary: fc.constant('utf8' as const) }, { weight: 1, arbitrary: fc.constantFrom('bom' as const, 'utf16le' as const) });
  /** The files' bytes: the (mutated) text encoded, now and then arbitrary bytes in place of the imported file. Fewer mutations than above, so that more runs store something. */
  const arbContents = (kind: Kind) => fc.tuple(arbFiles(kind, 2), arbEncoding, fc.oneof({ weight: 7, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) }))
    .map(([input, encoding, bytes]) => ({ input, contents: input.map((f, k) => (k === 0 && bytes ? bytes : encode(f.text, k === 0 ? encoding : 'utf8'))) }));

  for (const kind of Object.keys(IMPORTERS) as Kind[]) {
    it(`${kind}: never throws, reports failures readably, stores only layers that load and spans that quote their text`, async () => {
      await fc.assert(fc.asyncProperty(arbContents(kind), arbOptions, async ({ input, contents }, options) => {
        const { store, report } = await importIntoProject(kind, input, contents, options);
        expectReportReadable(report);
        await expectProjectSound(store.dir);
      }), { numRuns: 40 });
    }, 30_000);
  }
});
