/**
 * CoNLL: one token per line with its tag, a blank line after each sentence, `-DOCSTART-` before
 * each document. Writes CoNLL-2003 style IOB2; reads CoNLL and GermEval 2014 TSV in IOB1, IOB2 or BIOES.
 *
 * Export: `-DOCSTART- -X- O O` and a blank line open each document (the delimiter spaCy's
 * `conll_ner` converter splits on); then `TOKEN<TAB>TAG` per token, tokens and sentences from
 * `sentencesWithTokens` with the document's language. Tags are label ids (`B-casualty_figure`).
 * Tokens never contain spaces or tabs; the rare token that holds another character a
 * whitespace-splitting reader breaks on (a narrow no-break space in `6 500`) is written with
 * `_` in its place and counted. Nesting follows `ctx.nested` (see token-tags.ts); with
 * `per-label` the main output stays empty and each schema label gets its own file
 * `<label>.conll` (chunks with that `path`), every file holding every document so that the
 * files align line by line. Everything the tags cannot carry is counted and reported through
 * `ctx.warn` at the end.
 *
 * Import: columns are separated by tabs when the file has any, otherwise by runs of spaces.
 * With an index column first (GermEval 2014: index, token, outer tag, inner tag) the token is
 * the second column and every later column of tags is read, so nested entities survive;
 * otherwise the token is the first column and the tag the last (CoNLL-2003's chunk column is not
 * an entity layer); `tagColumns` overrides both. The scheme is detected per tag column unless
 * forced; labels become label ids with `toLabelId` (`LOCderiv` -> `locderiv`). The text is rebuilt from the
 * tokens joined by single spaces, sentences by `\n`. Documents start at `-DOCSTART-` and at a
 * GermEval comment line `#<TAB>URL<TAB>[DATE]` (each sentence comes from its own source), whose
 * URL and date become `meta.url` and `meta.date` (`meta.source` when it names no URL); other
 * comment lines are ignored. An error (wrong column count, an unknown tag) fails the whole
 * file; a repaired ill-formed sequence does not: it is a problem of severity `warning` starting `repaired:`.
 */
import { toLabelId } from '../model/tag-schema';
import { codePointLength } from '../text/offsets';
import type { ExportFormat, ImportedDocument, ImportFormat, ImportProblem } from './export-format';
import {
  addCounts, countWarnings, decodeTags, detectScheme, emptyCounts, encodeTags, parseTag, tagDocument, tokenizeDocument,
  type TaggedSentence, type TagScheme,
} from './token-tags';

const DOCSTART = '-DOCSTART- -X- O O';
/** What Python's `str.split()` (and so spaCy and most CoNLL readers) takes as a column break. */
const COLUMN_BREAK = /[\s\x1c-\x1f\x85]/gu;
/** At most this many problems per file are listed, then one line with how many more. */
const MAX_PROBLEMS = 20;

export interface ConllExportOptions {
  /** Tag scheme to write; CoNLL-2003 style IOB2 unless told otherwise. */
  scheme?: TagScheme;
}

/** A CoNLL export writing `scheme` tags (the registry's `conllExport` writes IOB2). */
export function createConllExport(options: ConllExportOptions = {}): ExportFormat {
  const scheme = options.scheme ?? 'iob2';
  return {
    id: 'conll',
    name: `CoNLL (${scheme.toUpperCase()})`,
    description: 'One token and its tag per line, sentences and -DOCSTART- documents: for NER trainers (spaCy, flair, Hugging Face scripts).',
    output: 'file',
    layers: 'one',
    usesNestedPolicy: true,
    extension: 'conll',
    create(ctx) {
      const counts = emptyCounts();
      const labels = ctx.labels.map((l) => l.id);
      let unknownLabels = 0, brokenTokens = 0;
      const render = (words: readonly string[], sentences: readonly TaggedSentence[]): string => {
        const lines = [DOCSTART, ''];
        let w = 0;
        for (const s of sentences) {
          const tags = encodeTags(s.tokens.length, s.spans, scheme);
          for (const tag of tags) lines.push(`${words[w++]}\t${tag}`);
          lines.push('');
        }
        return `${lines.join('\n')}\n`;
      };
      return {
        document(item) {
          const doc = tokenizeDocument(item.document.text, item.document.meta.language ?? ctx.language);
          const words = doc.tokens.map((t) => {
            const raw = doc.text.slice(t.start, t.end);
            const word = raw.replace(COLUMN_BREAK, '_');
            if (word !== raw) brokenTokens++;
            return word;
          });
          if (ctx.nested !== 'per-label') {
            const tagged = tagDocument(doc, item.spans, ctx.nested);
            addCounts(counts, tagged.counts);
            return [{ data: render(words, tagged.sentences) }];
          }
          unknownLabels += item.spans.filter((s) => !labels.includes(s.label)).length;
          return labels.map((label) => {
            const tagged = tagDocument(doc, item.spans.filter((s) => s.label === label), 'outermost');
            addCounts(counts, tagged.counts);
            return { path: `${label}.conll`, data: render(words, tagged.sentences) };
          });
        },
        end() {
          for (const message of countWarnings(counts, ctx.nested)) ctx.warn(message);
          if (unknownLabels) ctx.warn(`${unknownLabels} spans with labels not in the tag schema left out (policy per-label writes one file per schema label)`);
          if (brokenTokens) ctx.warn(`${brokenTokens} tokens contain a character CoNLL readers split columns at (e.g. a narrow no-break space in a number): written with _ in its place`);
          return [];
        },
      };
    },
  };
}

/** CoNLL-2003 style IOB2 export. */
export const conllExport: ExportFormat = createConllExport();

export interface ConllImportOptions {
  /** Read every tag column in this scheme instead of detecting it. */
  scheme?: TagScheme;
  /** 0-based columns holding tags, instead of the detected ones (e.g. `[2]` for GermEval's outer layer only). */
  tagColumns?: readonly number[];
}

/** A CoNLL import that detects columns and scheme unless `options` fix them. */
export function createConllImport(options: ConllImportOptions = {}): ImportFormat {
  return {
    id: 'conll',
    name: 'CoNLL / GermEval TSV (IOB1, IOB2, BIOES)',
    detect: (fileName, head) => /^\ufeff?-DOCSTART-/.test(head) || (/\.(conll(0?3|2003)?|iob[12]?|bio(es)?|tsv)$/i.test(fileName) && looksTagged(head)),
    parse(files) {
      const documents: ImportedDocument[] = [];
      const problems: ImportProblem[] = [];
      for (const f of files) {
        const read = readConll(f.name, f.text, options);
        documents.push(...read.documents);
        problems.push(...read.problems);
      }
      return { documents, problems };
    },
  };
}

/** CoNLL import with detected columns and scheme. */
export const conllImport: ImportFormat = createConllImport();

/** Whether most complete lines of a file's head end in a tag. */
function looksTagged(head: string): boolean {
  const lines = head.split('\n').slice(0, -1).map((l) => l.trimEnd()).filter((l) => l && !l.startsWith('#')).slice(0, 50);
  const tagged = lines.filter((l) => { const cols = l.split(/\s+/); return cols.length >= 2 && parseTag(cols[cols.length - 1]); });
  return lines.length > 0 && tagged.length >= 0.9 * lines.length;
}

interface Sentence { tokens: string[]; lines: number[]; tags: string[][] }
interface Block { meta: Record<string, string>; sentences: Sentence[] }

/** Metadata of a GermEval comment line (`#<TAB>URL<TAB>[DATE]`), or null for other comments. */
function headerMeta(line: string): Record<string, string> | null {
  const meta: Record<string, string> = {};
  const rest: string[] = [];
  for (const field of line.slice(1).split('\t').map((f) => f.trim()).filter(Boolean)) {
    const date = /^\[(\d{4}-\d{2}(?:-\d{2})?)\]$/.exec(field);
    if (date) meta.date = date[1];
    else if (/^https?:\/\/\S+$/.test(field)) meta.url = field;
    else rest.push(field);
  }
  if (!meta.date && !meta.url) return null;
  if (rest.length) meta.source = rest.join(' ');
  return meta;
}

/** Reads one file; any error yields no document from it. */
function readConll(fileName: string, text: string, options: ConllImportOptions): { documents: ImportedDocument[]; problems: ImportProblem[] } {
  const errors: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/).map((l) => l.trimEnd());
  const isData = (l: string) => l !== '' && !l.startsWith('-DOCSTART-');
  const tabbed = lines.some((l) => isData(l) && l.includes('\t'));
  const split = (l: string) => (tabbed ? l.split('\t') : l.trim().split(/\s+/));
  const fail = (message: string, line?: number) => ({ documents: [], problems: [{ fileName, ...(line ? { line } : {}), message }] });

  // Columns from the lines that are surely tokens (a `#` line may be a comment or the token `#`).
  const first = lines.findIndex((l) => isData(l) && !l.startsWith('#'));
  if (first === -1) return fail('no token lines: expected TOKEN<TAB>TAG lines');
  const width = split(lines[first]).length;
  if (width < 2) return fail(`one column only: expected a token and a tag column`, first + 1);
  const rows = lines.filter((l) => isData(l) && !l.startsWith('#')).map(split);
  const indexed = width >= 3 && rows.every((r) => /^\d+$/.test(r[0]));
  const tokenCol = indexed ? 1 : 0;
  const tagCols = options.tagColumns ?? (indexed
    ? Array.from({ length: width - 2 }, (_, i) => i + 2).filter((c) => rows.filter((r) => r[c] !== undefined && parseTag(r[c])).length >= 0.9 * rows.length)
    : [width - 1]);
  const badCol = tagCols.find((c) => !Number.isInteger(c) || c < 0 || c >= width || c === tokenCol);
  if (badCol !== undefined) return fail(`column ${badCol} cannot hold tags: the file has ${width} columns and the token is column ${tokenCol}`);
  if (tagCols.length === 0) return fail('no tag column found');

  const blocks: Block[] = [];
  let block: Block | null = null;
  let sentence: Sentence | null = null;
  lines.forEach((l, i) => {
    if (l === '') { sentence = null; return; }
    if (l.startsWith('-DOCSTART-')) { block = null; sentence = null; return; }
    const cols = split(l);
    if (l.startsWith('#') && !(cols.length === width && tagCols.every((c) => parseTag(cols[c])))) {
      const meta = headerMeta(l);
      if (meta) { block = { meta, sentences: [] }; blocks.push(block); }
      sentence = null;
      return;
    }
    if (cols.length !== width) { errors.push({ fileName, line: i + 1, message: `${cols.length} columns, expected ${width} as on line ${first + 1}` }); return; }
    if (!cols[tokenCol]) { errors.push({ fileName, line: i + 1, message: 'empty token' }); return; }
    if (!block) { block = { meta: {}, sentences: [] }; blocks.push(block); }
    if (!sentence) { sentence = { tokens: [], lines: [], tags: tagCols.map(() => []) }; block.sentences.push(sentence); }
    sentence.tokens.push(cols[tokenCol]);
    sentence.lines.push(i + 1);
    tagCols.forEach((c, k) => sentence!.tags[k].push(cols[c]));
  });

  const schemes = tagCols.map((_, k) => options.scheme ?? detectScheme(blocks.flatMap((b) => b.sentences.map((s) => s.tags[k]))));
  const documents: ImportedDocument[] = [];
  for (const b of blocks) {
    if (b.sentences.length === 0) continue;
    const doc: ImportedDocument = { fileName, text: '', meta: b.meta, spans: [], relations: [] };
    let offset = 0;
    for (const s of b.sentences) {
      const starts = s.tokens.map((t) => { const at = offset; offset += codePointLength(t) + 1; return at; });
      s.tags.forEach((tags, k) => {
        const { spans, issues } = decodeTags(tags, schemes[k]);
        for (const issue of issues) {
          const list = issue.kind === 'invalid' ? errors : warnings;
          list.push(issue.kind === 'invalid'
            ? { fileName, line: s.lines[issue.index], message: issue.message }
            : { fileName, line: s.lines[issue.index], severity: 'warning', message: `repaired: ${issue.message} (${schemes[k].toUpperCase()})` });
        }
        for (const t of spans) {
          doc.spans.push({ start: starts[t.start], end: starts[t.end - 1] + codePointLength(s.tokens[t.end - 1]), label: toLabelId(t.label), attributes: {} });
        }
      });
    }
    doc.text = b.sentences.map((s) => s.tokens.join(' ')).join('\n');
    doc.spans.sort((x, y) => x.start - y.start || y.end - x.end || x.label.localeCompare(y.label));
    documents.push(doc);
  }
  if (errors.length) return { documents: [], problems: capped(errors) };
  return { documents, problems: capped(warnings) };
}

/** The first problems and, when there are more, one line saying how many. */
function capped(problems: ImportProblem[]): ImportProblem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  const rest = problems.length - MAX_PROBLEMS;
  return [...problems.slice(0, MAX_PROBLEMS), { fileName: problems[0].fileName, message: `${rest} more problems like these` }];
}
