/**
 * brat standoff (https://brat.nlplab.org/standoff.html): writes `<id>.txt` + `<id>.ann` per
 * document and one `annotation.conf`, and reads `.txt` + `.ann` pairs back into documents.
 *
 * Decisions, for anyone reading the files elsewhere:
 * - Offsets are Unicode code points, as brat (Python `str`) counts them. A UTF-16 request is
 *   reported through `ctx.warn` and code points are written anyway: brat cannot read anything else.
 * - brat reads `.ann` files line by line, so a span text may not hold a line break. A span across
 *   line breaks becomes discontinuous fragments split around each run of breaks
 *   (`T1\tclaim 0 5;6 9\tfirst second`); fragments separated by line breaks only import as one span.
 *   A span that begins or ends with a break keeps it through an empty fragment (`3 3`).
 * - Attribute values: `true` is a binary attribute (`A1\tapproximate T1`); false, null and `''`
 *   are left out (unset). Numbers are written as JavaScript prints them. Strings are
 *   percent-encoded where brat or annotation.conf would split them (`%`, `,`, `|`, whitespace,
 *   control characters: `armed group` -> `armed%20group`); a string that reads as a number gets
 *   its first character encoded (`"6500"` -> `%36500`) so it comes back as a string.
 * - Notes are `AnnotatorNotes` with `\` -> `\\` and line breaks -> `\n`, `\r`, `\uXXXX`.
 * - annotation.conf declares `<OVERLAP>` (Tagwerk spans nest and cross) and, for text and number
 *   attributes, the values the export used (brat only offers enumerated values).
 * - Import: what brat itself rejects rejects the whole pair; what brat accepts but Tagwerk cannot
 *   hold (events, normalizations, equivalences, fragments apart by more than line breaks; ids,
 *   names and texts longer than a layer's schema allows) is skipped and counted. The text is the
 *   `.txt` as brat reads it, labels are brat's type names.
 */
import { AttributesSchema, RelationSchema, SpanSchema, type AttributeValue } from '../model/annotation';
import type { AttributeDef } from '../model/tag-schema';
import { createOffsetIndex, sliceCodePoints } from '../text/offsets';
import type { ExportContext, ExportFormat, ExportSpan, ImportedDocument, ImportFormat, ImportProblem } from './export-format';

/** Where Python's `str.splitlines` (which brat's line reader uses) breaks a line. */
const BREAK = '\\n\\r\\v\\f\\x1c-\\x1e\\x85\\u2028\\u2029';
const BREAK_CHAR = new RegExp(`[${BREAK}]`);
const BREAK_RUNS = new RegExp(`[${BREAK}]+`, 'g');
const ONLY_BREAKS = new RegExp(`^[${BREAK}]*$`);
/** brat stores type names in this form (projectconfig.py `normalize_to_storage_form`). */
const BRAT_NAME = /^[A-Za-z0-9_-]+$/;
const UNSAFE_IN_VALUE = /[%,|\s\x00-\x1f\x7f\x85]/g;
const NOTE_ESCAPES = new RegExp(`[\\\\${BREAK}]`, 'g');

const isNumberToken = (s: string): boolean => s !== '' && Number.isFinite(Number(s)) && String(Number(s)) === s;

/** An attribute value as one brat token (see the file comment); `decodeBratValue` reverses it. */
export function encodeBratValue(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const encoded = value.replace(UNSAFE_IN_VALUE, (c) => encodeURIComponent(c));
  return isNumberToken(encoded) ? `%${encoded.charCodeAt(0).toString(16).toUpperCase()}${encoded.slice(1)}` : encoded;
}

/** A brat attribute value as Tagwerk stores it: number tokens as numbers, others percent-decoded (kept as written when that fails). */
export function decodeBratValue(token: string): string | number {
  if (isNumberToken(token)) return Number(token);
  try { return decodeURIComponent(token); } catch { return token; }
}

const escapeNote = (note: string): string => note.replace(NOTE_ESCAPES, (c) =>
  c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const unescapeNote = (note: string): string => note.replace(/\\(\\|n|r|u[0-9a-fA-F]{4})/g, (_, e: string) =>
  e === '\\' ? '\\' : e === 'n' ? '\n' : e === 'r' ? '\r' : String.fromCharCode(parseInt(e.slice(1), 16)));

/** Code point fragments `[start, end)` of a span, split around each run of line breaks in its quote. */
function fragmentsOf(quote: string, start: number): [number, number][] {
  const out: [number, number][] = [];
  let from = start, p = start, inBreak = false;
  for (const ch of quote) {
    if (BREAK_CHAR.test(ch)) { if (!inBreak) out.push([from, p]); inBreak = true; }
    else if (inBreak) { from = p; inBreak = false; }
    p++;
  }
  out.push([inBreak ? p : from, p]);
  return out;
}

interface AttrInfo { def?: AttributeDef; labels: Set<string>; values: Set<string | number>; hasTrue: boolean }

/** Gathers what annotation.conf must declare while documents stream past. */
function createConf(ctx: ExportContext) {
  const entities = new Set(ctx.labels.map((l) => l.id));
  const relations = new Map<string, { from: Set<string>; to: Set<string> }>();
  const attributes = new Map<string, AttrInfo>();
  const attr = (name: string) => attributes.get(name) ?? attributes.set(name, { labels: new Set(), values: new Set(), hasTrue: false }).get(name)!;
  for (const label of ctx.labels) {
    for (const def of label.attributes) { const info = attr(def.id); info.def ??= def; info.labels.add(label.id); }
  }
  const renamed = new Set<string>();
  /** `raw` as a valid brat type name; invalid characters become `_` (reported once per name). */
  const name = (raw: string, what: string): string => {
    if (BRAT_NAME.test(raw)) return raw;
    const fixed = raw.replace(/[^A-Za-z0-9_-]/g, '_') || '_';
    if (!renamed.has(`${what}:${raw}`)) {
      renamed.add(`${what}:${raw}`);
      ctx.warn(`brat: ${what} "${raw}" is not a brat type name ([A-Za-z0-9_-]); written as "${fixed}"`);
    }
    return fixed;
  };
  const list = (values: Iterable<string>) => [...values].join('|');
  return {
    entity(raw: string): string { const n = name(raw, 'label'); entities.add(n); return n; },
    relation(raw: string, from: string, to: string): string {
      const n = name(raw, 'relation type');
      const r = relations.get(n) ?? relations.set(n, { from: new Set(), to: new Set() }).get(n)!;
      r.from.add(from); r.to.add(to);
      return n;
    },
    attribute(raw: string, label: string, value: Exclude<AttributeValue, null | false>): string {
      const n = name(raw, 'attribute');
      const info = attr(n);
      info.labels.add(label);
      if (value === true) info.hasTrue = true; else info.values.add(value);
      return n;
    },
    render(): string {
      const out = [
        '# brat annotation configuration written by Tagwerk.',
        '# Offsets in the .ann files are Unicode code points. Attribute values are percent-encoded',
        '# where brat would split them (%20 = space); notes escape \\ and line breaks as \\\\, \\n, \\uXXXX.',
        '[entities]', ...entities,
        '', '[relations]', '<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>',
        ...[...relations].map(([n, r]) => `${n}\tArg1:${list(r.from)}, Arg2:${list(r.to)}`),
        '', '[events]', '', '[attributes]',
      ];
      for (const [n, info] of attributes) {
        if (info.labels.size === 0) continue;
        const seen = [...info.values];
        const nums = seen.filter((v): v is number => typeof v === 'number').sort((a, b) => a - b);
        const strs = seen.filter((v): v is string => typeof v === 'string').sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        const options = info.def?.type === 'choice' ? info.def.options ?? [] : [];
        const values = [...new Set([...options, ...nums, ...strs].map(encodeBratValue))];
        const args = `Arg:${list(info.labels)}`;
        if (values.length) out.push(`${n}\t${args}, Value:${values.join('|')}`);
        // Binary attributes need no values; text and number attributes no document used have none to offer.
        else if (info.hasTrue || info.def?.type === 'boolean') out.push(`${n}\t${args}`);
      }
      return `${out.join('\n')}\n`;
    },
  };
}

/** brat standoff export: `<documentId>.txt` and `<documentId>.ann` per document, `annotation.conf` at the end. */
export const bratExport: ExportFormat = {
  id: 'brat',
  name: 'brat standoff',
  description: 'brat: .txt + .ann per document and annotation.conf (code point offsets), for brat and standoff readers',
  output: 'folder',
  layers: 'one',
  usesNestedPolicy: false,
  extension: 'ann',
  create(ctx) {
    if (ctx.unit !== 'codepoint') {
      ctx.warn(`brat: offsets are Unicode code points, the only unit brat reads; ${ctx.unit} offsets were not written`);
    }
    const conf = createConf(ctx);
    const labels = new Map(ctx.labels.map((l) => [l.id, l]));
    const annotators = new Set<string>();
    let badSpans = 0, lostRelations = 0;
    /** Attributes in the label's schema order, then the others by name. */
    const ordered = (s: ExportSpan): [string, AttributeValue][] => {
      const schema = labels.get(s.label)?.attributes.map((a) => a.id) ?? [];
      const rank = (k: string) => (schema.includes(k) ? schema.indexOf(k) : schema.length);
      return Object.entries(s.attributes).sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
    };
    return {
      document({ document: doc, spans, relations }) {
        const index = createOffsetIndex(doc.text);
        const [tLines, aLines, rLines, nLines]: string[][] = [[], [], [], []];
        const tIds = new Map<string, { t: string; label: string }>();
        const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
        for (const s of sorted) {
          let quote: string | null = null;
          try { quote = sliceCodePoints(doc.text, index, s.start, s.end); } catch { /* outside the text: reported below */ }
          if (quote === null || quote !== s.quote || s.end <= s.start) { badSpans++; continue; }
          annotators.add(s.annotator);
          const t = `T${tLines.length + 1}`;
          const label = conf.entity(s.label);
          tIds.set(`${s.annotator}\u0000${s.id}`, { t, label });
          const offsets = fragmentsOf(quote, s.start).map(([a, b]) => `${a} ${b}`).join(';');
          tLines.push(`${t}\t${label} ${offsets}\t${quote.replace(BREAK_RUNS, ' ')}`);
          for (const [key, value] of ordered(s)) {
            if (value === null || value === false || value === '') continue;
            const n = conf.attribute(key, label, value);
            aLines.push(`A${aLines.length + 1}\t${n} ${t}${value === true ? '' : ` ${encodeBratValue(value)}`}`);
          }
          if (s.note) nLines.push(`#${nLines.length + 1}\tAnnotatorNotes ${t}\t${escapeNote(s.note)}`);
        }
        for (const r of relations) {
          const from = tIds.get(`${r.annotator}\u0000${r.from}`), to = tIds.get(`${r.annotator}\u0000${r.to}`);
          if (!from || !to) { lostRelations++; continue; }
          rLines.push(`R${rLines.length + 1}\t${conf.relation(r.type, from.label, to.label)} Arg1:${from.t} Arg2:${to.t}`);
        }
        const ann = [...tLines, ...aLines, ...rLines, ...nLines];
        return [
          { path: `${doc.id}.txt`, data: doc.text },
          { path: `${doc.id}.ann`, data: ann.length ? `${ann.join('\n')}\n` : '' },
        ];
      },
      end() {
        if (badSpans) ctx.warn(`brat: ${badSpans} span(s) left out: their offsets do not match their quoted text`);
        if (lostRelations) ctx.warn(`brat: ${lostRelations} relation(s) left out: a span they connect was not exported`);
        if (annotators.size > 1) ctx.warn(`brat: spans of ${annotators.size} annotators share the .ann files; brat has no annotator field`);
        return [{ path: 'annotation.conf', data: conf.render() }];
      },
    };
  },
};

type ImportedSpan = ImportedDocument['spans'][number];
/** Why brat's annotations that exceed the layer schema's limits are skipped. */
const UNFIT = 'a Tagwerk layer cannot hold them';

/** Reads one `.txt` + `.ann` pair: the document, or hard errors (and no document); plus what was skipped, with counts. */
function parsePair(txtName: string, text: string, annName: string, ann: string): { document?: ImportedDocument; problems: ImportProblem[] } {
  const index = createOffsetIndex(text);
  const errors: ImportProblem[] = [];
  const error = (line: number, message: string) => errors.push({ fileName: annName, line, message });
  const skipped = new Map<string, { count: number; line: number; why: string }>();
  const skip = (line: number, what: string, why = 'Tagwerk imports spans, attributes, relations and notes only') => {
    const s = skipped.get(what);
    if (s) s.count++; else skipped.set(what, { count: 1, line, why });
  };
  const ids = new Map<string, number>();
  const spans = new Map<string, ImportedSpan>();
  const refs: { line: number; kind: 'A' | 'R' | '#'; targets: string[]; apply: () => void }[] = [];
  const relations: ImportedDocument['relations'] = [];
  const at = (a: number, b: number) => sliceCodePoints(text, index, a, b);

  ann.replace(/^\uFEFF/, '').split('\n').forEach((raw, i) => {
    const no = i + 1;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    const tab = line.indexOf('\t');
    const id = tab < 0 ? line : line.slice(0, tab);
    if (tab < 0 || !/^(?:(?:[A-Za-z]+|#[A-Za-z]*)\d|\*$)/.test(id)) return error(no, `not a brat annotation line: expected an id such as T1, a tab, then the annotation`);
    if (id !== '*' && ids.has(id)) return error(no, `duplicate id ${id} (first on line ${ids.get(id)})`);
    if (id !== '*') ids.set(id, no);
    const rest = line.slice(tab + 1);
    const tab2 = rest.indexOf('\t');
    const data = tab2 < 0 ? rest : rest.slice(0, tab2);
    const tail = tab2 < 0 ? null : rest.slice(tab2 + 1);
    switch (id[0]) {
      case 'T': {
        const m = /^(\S+) (\d+ \d+(?:;\d+ \d+)*) *$/.exec(data);
        if (!m) {
          if (/^\S+ [-\d; ]*-\d/.test(data)) return error(no, `${id}: an offset cannot be negative ("${data.slice(0, 80)}")`);
          return error(no, `${id}: expected "type start end" (fragments joined by ";")`);
        }
        const frags = m[2].split(';').map((f) => f.split(' ').map(Number) as [number, number]);
        const outside = frags.find(([, b]) => b > index.length);
        if (outside) return error(no, `${id}: offsets ${outside[0]} ${outside[1]} are outside the text (${index.length} code points)`);
        const reversed = frags.find(([a, b]) => a > b);
        if (reversed) return error(no, `${id}: offsets ${reversed[0]} ${reversed[1]} are reversed: the start comes after the end`);
        const byStart = [...frags].sort((x, y) => x[0] - y[0]);
        if (byStart.some(([a], k) => k > 0 && a < byStart[k - 1][1])) return error(no, `${id}: fragments overlap`);
        const expected = frags.map(([a, b]) => at(a, b)).join(' ');
        // brat allows a comment after the text, separated by whitespace, and fills a missing text in.
        if (tail !== null && tail !== expected && !(tail.startsWith(expected) && /^\s/.test(tail.slice(expected.length)))) {
          return error(no, `${id}: text ${JSON.stringify(tail.slice(0, 80))} differs from the text at ${m[2]}: ${JSON.stringify(expected.slice(0, 80))}`);
        }
        const start = byStart[0][0], end = byStart[byStart.length - 1][1];
        if (byStart.some(([a], k) => k > 0 && !ONLY_BREAKS.test(at(byStart[k - 1][1], a)))) return skip(no, 'discontinuous spans (fragments apart by more than line breaks)');
        if (start === end) return skip(no, 'empty spans');
        if (!SpanSchema.shape.id.safeParse(id).success) return skip(no, 'annotations with an id over 80 characters', UNFIT);
        spans.set(id, { id, start, end, label: m[1], attributes: {} });
        return;
      }
      case 'A': case 'M': {
        const m = id[0] === 'A' ? /^(\S+) (\S+)(?: (.+))?$/.exec(data) : /^(\S+) (\S+)$/.exec(data);
        if (!m) return error(no, `${id}: expected "attribute target${id[0] === 'A' ? ' [value]' : ''}"`);
        if (m[1] === '__proto__') return error(no, `${id}: attribute name ${m[1]} is not allowed`);
        const value = m[3] === undefined ? true : decodeBratValue(m[3]);
        if (!AttributesSchema.safeParse({ [m[1]]: value }).success) return skip(no, 'attributes with a name over 40 or a value over 10,000 characters', UNFIT);
        return void refs.push({ line: no, kind: 'A', targets: [m[2]], apply: () => { spans.get(m[2])!.attributes[m[1]] = value; } });
      }
      case 'R': {
        const parts = data.trim().split(/\s+/);
        const args = parts.slice(1).map((p) => /^([^:]+):(\S+)$/.exec(p));
        if (parts.length !== 3 || !args[0] || !args[1] || args[0][1] === args[1][1]) return error(no, `${id}: expected "type Arg1:T1 Arg2:T2"`);
        const [a, b] = args[0][1] === 'Arg2' && args[1][1] === 'Arg1' ? [args[1], args[0]] : [args[0], args[1]];
        if (!RelationSchema.shape.id.safeParse(id).success || !RelationSchema.shape.type.safeParse(parts[0]).success) return skip(no, 'relations with an id over 80 or a type over 40 characters', UNFIT);
        return void refs.push({ line: no, kind: 'R', targets: [a[2], b[2]], apply: () => { relations.push({ id, type: parts[0], from: a[2], to: b[2] }); } });
      }
      case '#': {
        const parts = data.trim().split(/\s+/);
        if (parts.length !== 2) return error(no, `${id}: expected "AnnotatorNotes target", a tab, then the note`);
        if (parts[0] !== 'AnnotatorNotes') return skip(no, `comments of type ${parts[0]}`);
        return void refs.push({ line: no, kind: '#', targets: [parts[1]], apply: () => {
          const span = spans.get(parts[1])!;
          const note = unescapeNote(tail ?? '');
          const joined = span.note === undefined ? note : `${span.note}\n${note}`;
          if (SpanSchema.shape.note.safeParse(joined).success) span.note = joined;
          else skip(no, 'notes over 100,000 characters', UNFIT);
        } });
      }
      case 'E': return skip(no, 'events (E)');
      case 'N': return skip(no, 'normalizations (N)');
      case '*': return skip(no, 'equivalences (*)');
      default: return error(no, `${id}: unknown annotation kind; brat knows T, A, M, R, E, N, # and *`);
    }
  });

  // References may point forward (brat resolves them after reading the whole file).
  for (const ref of refs) {
    const unknown = ref.targets.find((t) => !ids.has(t));
    if (unknown) error(ref.line, `refers to ${unknown}, which is not defined in this file`);
    else if (ref.targets.every((t) => spans.has(t))) ref.apply();
    else skip(ref.line, `${ref.kind === 'A' ? 'attributes' : ref.kind === 'R' ? 'relations' : 'notes'} on annotations that were not imported`);
  }
  const byLine = (a: ImportProblem, b: ImportProblem) => (a.line ?? 0) - (b.line ?? 0);
  if (errors.length) {
    const shown = errors.sort(byLine).slice(0, 20);
    if (errors.length > 20) shown.push({ fileName: annName, message: `${errors.length - 20} more errors; nothing was imported from this file` });
    return { problems: shown };
  }
  const problems = [...skipped].map(([what, s]): ImportProblem => ({
    fileName: annName, line: s.line, severity: 'warning',
    message: `${s.count} ${what} skipped (first on line ${s.line}): ${s.why}`,
  })).sort(byLine);
  return { document: { fileName: txtName, text, meta: {}, spans: [...spans.values()], relations }, problems };
}

/** Configuration files of a brat collection: read by brat, not needed to import the annotations. */
const BRAT_CONF = /(^|[\\/])(annotation|visual|tools|kb_shortcuts)\.conf$/;

/**
 * brat standoff import: `.txt` + `.ann` pairs matched by name (directory included), offsets in
 * Unicode code points. `text` is the `.txt` unchanged (a CRLF file keeps its `\r`, which brat
 * counts), so line-ending normalisation and its offset shift are the import service's; span and
 * relation ids are brat's (`T1`, `R1`), labels and attribute names as written (`pers.ind`).
 */
export const bratImport: ImportFormat = {
  id: 'brat',
  name: 'brat standoff',
  detect(fileName, head) {
    return /\.ann$/.test(fileName) && head.split('\n').slice(0, 5).every((l) => l.trim() === '' || /^(?:(?:[A-Za-z]+|#[A-Za-z]*)\d\S*|\*)\t/.test(l));
  },
  parse(files) {
    const documents: ImportedDocument[] = [];
    const problems: ImportProblem[] = [];
    const pairs = new Map<string, { txt?: { name: string; text: string }; ann?: { name: string; text: string } }>();
    for (const file of files) {
      const m = /^(.*)\.(txt|ann)$/.exec(file.name);
      if (!m) {
        if (!BRAT_CONF.test(file.name)) problems.push({ fileName: file.name, message: 'not part of a brat collection: expected .txt and .ann files' });
        continue;
      }
      const pair = pairs.get(m[1]) ?? pairs.set(m[1], {}).get(m[1])!;
      const ext = m[2] as 'txt' | 'ann';
      if (pair[ext]) problems.push({ fileName: file.name, message: 'given twice; the second copy was ignored' });
      else pair[ext] = file;
    }
    for (const [stem, { txt, ann }] of pairs) {
      if (!txt) problems.push({ fileName: ann!.name, message: `no ${stem}.txt next to it: brat offsets need the text` });
      else if (!ann) problems.push({ fileName: txt.name, message: `no ${stem}.ann next to it: not a brat document` });
      else {
        const result = parsePair(txt.name, txt.text, ann.name, ann.text);
        if (result.document) documents.push(result.document);
        problems.push(...result.problems);
      }
    }
    return { documents, problems };
  },
};
