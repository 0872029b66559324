/**
 * Label Studio (https://labelstud.io/guide/task_format) tasks JSON: writes a JSON array of tasks
 * with their annotations plus a matching labeling config, and reads Label Studio exports back.
 *
 * Shape written (one task per line inside the array, so the export streams):
 * `[{"data": {"text", "document_id", "title", <meta…>},
 *    "annotations": [{"result": [
 *      {"id": <span id>, "from_name": "label", "to_name": "text", "type": "labels",
 *       "value": {"start", "end", "text": <quote>, "labels": [<label>]}},
 *      {"id": <span id>, "from_name": <attribute id>, "to_name": "text", "type": "choices" | "number" | "textarea",
 *       "value": {"start", "end", "choices": [v] | "number": n | "text": [v]}},     (per-region attributes)
 *      {"id": <span id>, "from_name": "note", "to_name": "text", "type": "textarea", "value": {"start", "end", "text": [note]}},
 *      {"from_id", "to_id", "type": "relation", "direction": "right", "labels": [<relation type>]}],
 *     "ground_truth": false, "tagwerk_annotator": <annotator>}]}, …]`
 * plus `label-studio-config.xml` beside it (`labelStudioConfig`): the labels, per-region controls
 * for the attributes and the relation types, so Label Studio shows everything it imports.
 *
 * Decisions (docs/formats.md repeats them for users):
 * - Offsets are Unicode code points, as Label Studio's Text tag counts them (its own test
 *   `web/libs/editor/tests/integration/e2e/ner/emoji.cy.ts`: "Should calculate offsets by code
 *   points in text"). A UTF-16 request is reported through `ctx.warn`; code points are written anyway.
 * - One annotation per annotator; `tagwerk_annotator` names it (Label Studio ignores unknown keys
 *   and assigns its own user). Booleans are `choices` `"true"`/`"false"`; other attributes the schema
 *   does not define are typed by value (number -> `number`, otherwise `textarea`).
 * - Import reads `data.text` and the results of `annotations` (or the older `completions`), not
 *   `predictions`; cancelled annotations are skipped and the others merged into one document.
 *   A `value.text` is checked against the text: code points first, then UTF-16 (older Label
 *   Studio versions counted those); Label Studio writes line breaks in it as `\n`, which matches too.
 *   An attribute, note or relation label a Tagwerk layer cannot hold (a control name over 40
 *   characters, say) is an error of its task, like a bad offset.
 */
import { z } from 'zod';
import { AttributesSchema, RelationSchema, SpanSchema, type AttributeValue } from '../model/annotation';
import type { AttributeDef, Label } from '../model/tag-schema';
import { createOffsetIndex } from '../text/offsets';
import type { ExportFormat, ImportedDocument, ImportFormat, ImportProblem } from './export-format';
import { firstIssue, isReservedKey, parseJson, type JsonSyntaxError } from './json-input';

const xml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Names the config gives its own controls; attributes with these ids are left out of Label Studio results. */
const CONTROL_NAMES = new Set(['label', 'text', 'note']);

/**
 * A Label Studio labeling config for these labels, relation types and attributes: `<Labels
 * name="label">` on `<Text name="text" value="$text">` (whitespace kept, as offsets count it), one
 * per-region control per attribute id (shown for the first label that defines it; `extra`
 * attributes, which no label defines, for every region) and a `note` text area.
 */
export function labelStudioConfig(labels: readonly Label[], relationTypes: readonly string[], extra: readonly AttributeDef[] = []): string {
  const seen = new Set<string>(CONTROL_NAMES);
  const controls = (defs: readonly AttributeDef[]) => defs.filter((a) => !seen.has(a.id)).map((a) => {
    seen.add(a.id);
    const common = `name="${xml(a.id)}" toName="text" perRegion="true"`;
    const options = a.type === 'boolean' ? ['true', 'false'] : a.options ?? [];
    const control = a.type === 'choice' || a.type === 'boolean'
      ? `<Choices ${common} choice="single">${options.map((o) => `<Choice value="${xml(o)}"/>`).join('')}</Choices>`
      : a.type === 'number' ? `<Number ${common}/>` : `<TextArea ${common} editable="true" maxSubmissions="1"/>`;
    return `    <Header value="${xml(a.name)}"/>\n    ${control}\n`;
  }).join('');
  const group = (when: string, body: string) => (body ? `  <View visibleWhen="region-selected"${when}>\n${body}  </View>\n` : '');
  return '<View>\n  <Style>.htx-text { white-space: pre-wrap; }</Style>\n'
    + (relationTypes.length ? `  <Relations>${relationTypes.map((t) => `<Relation value="${xml(t)}"/>`).join('')}</Relations>\n` : '')
    + `  <Labels name="label" toName="text">${labels.map((l) => `<Label value="${xml(l.id)}" background="${l.color}"/>`).join('')}</Labels>\n`
    + '  <Text name="text" value="$text"/>\n'
    + labels.map((l) => group(` whenLabelValue="${xml(l.id)}"`, controls(l.attributes))).join('')
    + group('', controls(extra) + '    <Header value="Note"/>\n    <TextArea name="note" toName="text" perRegion="true" editable="true" maxSubmissions="1"/>\n')
    + '</View>\n';
}

/** Label Studio tasks JSON as an export format: `[` in `begin`, one task per document, `]` and the config in `end`. */
export const labelStudioExport: ExportFormat = {
  id: 'label-studio',
  name: 'Label Studio JSON',
  description: 'Label Studio tasks with annotations (labels, per-region attributes, relations) and a matching labeling config; code point offsets.',
  output: 'file',
  layers: 'many',
  usesNestedPolicy: false,
  extension: 'json',
  create(ctx) {
    let count = 0;
    const labels = [...ctx.labels];
    const extra = new Map<string, AttributeDef>();
    const relationTypes = new Set<string>();
    return {
      begin() {
        if (ctx.unit === 'utf16') ctx.warn('label-studio: offsets are code points, as Label Studio counts them; the UTF-16 request does not apply');
        return [{ data: '[' }];
      },
      document({ document: doc, spans, relations }) {
        const byAnnotator = new Map<string, unknown[]>();
        const results = (annotator: string) => byAnnotator.get(annotator) ?? byAnnotator.set(annotator, []).get(annotator)!;
        for (const s of spans) {
          // Labels the schema does not know (from an imported corpus) still need a <Label> in the config.
          if (!labels.some((l) => l.id === s.label)) labels.push({ id: s.label, name: s.label, color: '#999999', key: null, attributes: [] });
          const region = { id: s.id, to_name: 'text' };
          const at = { start: s.start, end: s.end };
          const out = results(s.annotator);
          out.push({ ...region, from_name: 'label', type: 'labels', value: { ...at, text: s.quote, labels: [s.label] } });
          for (const [key, v] of Object.entries(s.attributes)) {
            if (CONTROL_NAMES.has(key)) { ctx.warn(`label-studio: attributes named "${key}" are left out (the name of one of the config's own controls)`); continue; }
            const def = labels.flatMap((l) => l.attributes).find((d) => d.id === key) ?? extra.get(key)
              ?? extra.set(key, { id: key, name: key, type: typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'text' }).get(key)!;
            const value = attributeValue(def.type, v);
            if (value) out.push({ ...region, from_name: key, type: value.type, value: { ...at, ...value.value } });
          }
          if (s.note) out.push({ ...region, from_name: 'note', type: 'textarea', value: { ...at, text: [s.note] } });
        }
        for (const r of relations) {
          relationTypes.add(r.type);
          results(r.annotator).push({ from_id: r.from, to_id: r.to, type: 'relation', direction: 'right', labels: [r.type] });
        }
        const data: Record<string, unknown> = { text: doc.text, document_id: doc.id, title: doc.title };
        for (const [k, v] of Object.entries(doc.meta)) if (!(k in data) && v !== undefined) data[k] = v;
        const annotations = [...byAnnotator].map(([annotator, result]) => ({ result, ground_truth: false, tagwerk_annotator: annotator }));
        return [{ data: `${count++ === 0 ? '\n' : ',\n'}${JSON.stringify({ data, annotations })}` }];
      },
      end: () => [
        { data: count === 0 ? ']\n' : '\n]\n' },
        { path: 'label-studio-config.xml', data: labelStudioConfig(labels, [...relationTypes], [...extra.values()]) },
      ],
    };
  },
};

/** The per-region result for an attribute value, or null when unset. */
function attributeValue(type: string, v: AttributeValue): { type: string; value: Record<string, unknown> } | null {
  if (v === null) return null;
  if (type === 'number' && typeof v === 'number') return { type: 'number', value: { number: v } };
  if (type === 'choice' || type === 'boolean') return { type: 'choices', value: { choices: [String(v)] } };
  return { type: 'textarea', value: { text: [String(v)] } };
}

const ResultSchema = z.looseObject({
  id: z.string().max(80).optional(),
  type: z.string(),
  from_name: z.string().optional(),
  value: z.record(z.string(), z.unknown()).optional(),
  from_id: z.string().optional(),
  to_id: z.string().optional(),
  direction: z.string().optional(),
  labels: z.array(z.string()).optional(),
});
const AnnotationSchema = z.looseObject({ result: z.array(ResultSchema).max(1_000_000), was_cancelled: z.boolean().optional() });
const TaskSchema = z.looseObject({
  data: z.looseObject({ text: z.string().min(1, 'data.text is missing or empty (Tagwerk reads the text from data.text)') }),
  annotations: z.array(AnnotationSchema).optional(),
  completions: z.array(AnnotationSchema).optional(),
});

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
/** A value from the file as a message quotes it: at most 40 characters of it. */
const brief = (s: string): string => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);

/** One task as a document; throws an Error whose message says what is wrong. */
function documentOf(task: z.infer<typeof TaskSchema>, fileName: string): ImportedDocument {
  const text = task.data.text;
  const index = createOffsetIndex(text);
  const spans: ImportedDocument['spans'] = [];
  const relations: ImportedDocument['relations'] = [];
  const annotations = (task.annotations ?? task.completions ?? []).filter((a) => !a.was_cancelled);
  annotations.forEach((annotation, n) => {
    const where = (i: number) => `annotation ${n + 1} result ${i + 1}`;
    const regions = new Map<string, ImportedDocument['spans']>();
    annotation.result.forEach((r, i) => {
      const v = r.value ?? {};
      if (r.type !== 'labels' || !Array.isArray(v.labels)) return;
      if (!isInt(v.start) || !isInt(v.end)) throw new Error(`${where(i)}: value.start and value.end must be character offsets (HTML tasks are not supported)`);
      const [start, end] = toCodePoints(text, index, v.start, v.end, typeof v.text === 'string' ? v.text : undefined, where(i));
      const id = r.id !== undefined && !spans.some((s) => s.id === r.id) ? r.id : `${r.id ?? 'r'}-${n + 1}-${i + 1}`;
      const made = v.labels.filter((l): l is string => typeof l === 'string' && l !== '')
        .map((label, k) => ({ id: k === 0 ? id : `${id}-${k}`, start, end, label, attributes: {} as Record<string, AttributeValue> }));
      spans.push(...made);
      if (r.id !== undefined) regions.set(r.id, [...(regions.get(r.id) ?? []), ...made]);
    });
    annotation.result.forEach((r, i) => {
      const v = r.value ?? {};
      if (r.type === 'relation') {
        const [from, to] = r.direction === 'left' ? [r.to_id, r.from_id] : [r.from_id, r.to_id];
        const a = from !== undefined ? regions.get(from)?.[0] : undefined, b = to !== undefined ? regions.get(to)?.[0] : undefined;
        if (!a?.id || !b?.id) throw new Error(`${where(i)}: relation between regions ${r.from_id} and ${r.to_id}, which are not labeled spans`);
        const type = r.labels?.[0] ?? 'related';
        if (!RelationSchema.shape.type.safeParse(type).success) throw new Error(`${where(i)}: relation label ${brief(type)} does not fit a Tagwerk relation type (1 to 40 characters)`);
        relations.push({ type, from: a.id, to: b.id });
        return;
      }
      if (r.type === 'labels' || r.id === undefined || !r.from_name || !regions.has(r.id)) return;
      const value = r.type === 'number' ? v.number : r.type === 'rating' ? v.rating
        : r.type === 'choices' && Array.isArray(v.choices) ? v.choices.join(', ')
          : r.type === 'textarea' && Array.isArray(v.text) ? v.text.join('\n') : undefined;
      if (value === undefined || (typeof value !== 'string' && typeof value !== 'number')) return;
      const isNote = r.from_name === 'note' && r.type === 'textarea';
      const attribute = r.type === 'choices' && (value === 'true' || value === 'false') ? value === 'true' : value;
      // What a layer cannot hold is refused here rather than stored in a layer that would not load again.
      if (isNote && !SpanSchema.shape.note.safeParse(value).success) throw new Error(`${where(i)}: the note is longer than a Tagwerk note may be (100,000 characters)`);
      if (!isNote && !AttributesSchema.safeParse({ [r.from_name]: attribute }).success) {
        throw new Error(`${where(i)}: ${brief(r.from_name)}: ${brief(String(value))} does not fit a Tagwerk attribute (names up to 40 characters, texts up to 10,000, finite numbers)`);
      }
      for (const span of regions.get(r.id)!) {
        if (isNote) span.note = String(value);
        else span.attributes[r.from_name] = attribute;
      }
    });
  });
  const meta: Record<string, string> = {};
  for (const [k, v] of Object.entries(task.data)) {
    if (k !== 'text' && !isReservedKey(k) && ['string', 'number', 'boolean'].includes(typeof v)) meta[k] = String(v);
  }
  return { fileName, text, meta, spans, relations };
}

/** `[start, end)` as code points: code points when `quote` matches there (or is absent), else UTF-16 when it matches there. */
function toCodePoints(text: string, index: ReturnType<typeof createOffsetIndex>, start: number, end: number, quote: string | undefined, where: string): [number, number] {
  const same = (slice: string) => quote === undefined || slice === quote || slice.replace(/\n/g, '\\n') === quote;
  if (end <= start) throw new Error(`${where}: end ${end} is not after start ${start}`);
  if (end <= index.length && same(text.slice(index.toUtf16(start), index.toUtf16(end)))) return [start, end];
  const s = index.toCodePoint(start), e = index.toCodePoint(end);
  if (quote !== undefined && s !== null && e !== null && same(text.slice(start, end))) return [s, e];
  if (end > index.length) throw new Error(`${where}: end ${end} is past the end of the text (${index.length} characters)`);
  throw new Error(`${where}: value.text ${JSON.stringify(quote)} is not the text at ${start}–${end}`);
}

/** Label Studio JSON as an import format. A file with any bad task yields no documents. */
export const labelStudioImport: ImportFormat = {
  id: 'label-studio',
  name: 'Label Studio JSON',
  detect: (fileName, head) => /\.json$/i.test(fileName) && /"data"\s*:/.test(head) && /"(annotations|completions|predictions)"\s*:/.test(head),
  parse(files) {
    const documents: ImportedDocument[] = [];
    const problems: ImportProblem[] = [];
    for (const file of files) {
      const before = problems.length;
      const problem = (message: string, line?: number) => problems.push({ fileName: file.name, ...(line ? { line } : {}), message });
      let raw: unknown;
      try { raw = parseJson(file.text); } catch (e) {
        problem((e as Error).message, (e as JsonSyntaxError).line);
        continue;
      }
      const found: ImportedDocument[] = [];
      // A file holds an array of tasks (an export) or one task.
      for (const [i, item] of (Array.isArray(raw) ? raw : [raw]).entries()) {
        const parsed = TaskSchema.safeParse(item);
        if (!parsed.success) {
          problem(`task ${i + 1}: ${firstIssue(parsed.error, 'task')}`);
          continue;
        }
        try { found.push(documentOf(parsed.data, file.name)); } catch (err) { problem(`task ${i + 1}: ${(err as Error).message}`); }
      }
      if (problems.length === before) documents.push(...found);
    }
    return { documents, problems };
  },
};
