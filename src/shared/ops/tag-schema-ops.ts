/**
 * Editing the project's tag schema: adding labels and attributes with safe ids, and the rules a
 * schema must keep (unique ids and keys, choices with options, no label dropped while in use).
 */
import type { Span } from '../model/annotation';
import { attributeProblem } from '../model/attribute-values';
import { slugify } from '../model/ids';
import { suggestColor } from '../model/label-colors';
import type { AttributeDef, Label, TagSchema } from '../model/tag-schema';

/** Keys the editor uses itself and that cannot apply a label. */
export const RESERVED_KEYS = [' '] as const;

/** A label or attribute id from a display name: `Casualty figure` -> `casualty_figure`, unique among `taken`. */
export function idFromName(name: string, taken: readonly string[], fallback = 'label'): string {
  let base = slugify(name, fallback, 36).replace(/-/g, '_');
  if (!/^[a-z]/.test(base)) base = `${fallback}_${base}`.slice(0, 36);
  let id = base;
  for (let n = 2; taken.includes(id); n++) id = `${base}_${n}`;
  return id;
}

/** A key for a new label: the first free digit, then the first free letter, or none. */
export function freeKey(labels: readonly Label[]): string | null {
  const used = new Set(labels.map((l) => l.key?.toLowerCase()).filter(Boolean));
  for (const k of '123456789abcdefghijklmnopqrstuvwxyz') if (!used.has(k)) return k;
  return null;
}

/** Adds a label named `name` with a free key and the colour most distinct from the others. */
export function addLabel(schema: TagSchema, name: string): TagSchema {
  const label: Label = {
    id: idFromName(name, schema.labels.map((l) => l.id)),
    name: name.trim() || 'New label',
    color: suggestColor(schema.labels.map((l) => l.color)),
    key: freeKey(schema.labels),
    attributes: [],
  };
  return { ...schema, labels: [...schema.labels, label] };
}

/** Adds an attribute to a label. */
export function addAttribute(label: Label, name: string, type: AttributeDef['type']): Label {
  const def: AttributeDef = {
    id: idFromName(name, label.attributes.map((a) => a.id), 'attribute'),
    name: name.trim() || 'Attribute',
    type,
    ...(type === 'choice' ? { options: [] } : {}),
  };
  return { ...label, attributes: [...label.attributes, def] };
}

/** Everything wrong with a schema, in words for the person editing it; empty when it is fine. */
export function schemaProblems(schema: TagSchema): string[] {
  const problems: string[] = [];
  const seenIds = new Set<string>();
  const keys = new Map<string, string>();
  for (const label of schema.labels) {
    if (seenIds.has(label.id)) problems.push(`Two labels have the id "${label.id}".`);
    seenIds.add(label.id);
    if (!label.name.trim()) problems.push(`The label "${label.id}" needs a name.`);
    const key = label.key?.toLowerCase();
    if (key) {
      if ((RESERVED_KEYS as readonly string[]).includes(key)) problems.push(`"${label.name}": the space bar cannot be a label key.`);
      const other = keys.get(key);
      if (other) problems.push(`"${other}" and "${label.name}" both use the key ${key}.`);
      keys.set(key, label.name);
    }
    const attrIds = new Set<string>();
    for (const attr of label.attributes) {
      if (attrIds.has(attr.id)) problems.push(`"${label.name}" has two attributes with the id "${attr.id}".`);
      attrIds.add(attr.id);
      if (attr.type === 'choice' && !(attr.options ?? []).length) problems.push(`"${label.name}": the choice "${attr.name}" needs at least one option.`);
      if (attr.type === 'choice' && new Set(attr.options).size !== (attr.options ?? []).length) problems.push(`"${label.name}": the choice "${attr.name}" lists an option twice.`);
    }
  }
  return problems;
}

/** Labels of `before` that `after` no longer has. */
export function removedLabels(before: TagSchema, after: TagSchema): Label[] {
  const kept = new Set(after.labels.map((l) => l.id));
  return before.labels.filter((l) => !kept.has(l.id));
}

/**
 * Attributes of `span` whose value fitted the label's definition in `before` but does not fit
 * it in `after` (an option removed, a type changed), as `label.attribute` keys.
 */
export function invalidatedAttributes(before: TagSchema, after: TagSchema, span: Pick<Span, 'label' | 'attributes'>): string[] {
  const old = before.labels.find((l) => l.id === span.label);
  const next = after.labels.find((l) => l.id === span.label);
  if (!old || !next) return [];
  const out: string[] = [];
  for (const def of next.attributes) {
    if (!Object.prototype.hasOwnProperty.call(span.attributes, def.id)) continue;
    const value = span.attributes[def.id];
    const oldDef = old.attributes.find((a) => a.id === def.id);
    const fitted = !oldDef || attributeProblem(oldDef, value) === null;
    if (fitted && attributeProblem(def, value) !== null) out.push(`${span.label}.${def.id}`);
  }
  return out;
}
