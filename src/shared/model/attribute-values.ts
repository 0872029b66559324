/** Attribute values typed by the label's attribute definitions: reading form input, checking stored values. */
import type { AttributeValue, Attributes } from './annotation';
import type { AttributeDef, Label } from './tag-schema';

/**
 * The value a form field means for an attribute: text as typed (empty = unset), a finite number
 * or null, a boolean, or one of the choice's options (anything else = unset).
 */
export function coerceAttribute(def: AttributeDef, raw: string | boolean | null): AttributeValue {
  if (raw === null) return null;
  switch (def.type) {
    case 'boolean':
      return typeof raw === 'boolean' ? raw : raw === 'true';
    case 'number': {
      const text = String(raw).trim().replace(/\s/g, '');
      if (text === '') return null;
      const n = Number(text);
      return Number.isFinite(n) ? n : null;
    }
    case 'choice':
      return typeof raw === 'string' && def.options?.includes(raw) ? raw : null;
    case 'text':
      return String(raw) === '' ? null : String(raw);
  }
}

/** Why a stored value does not fit its definition, or null when it fits (null always fits: unset). */
export function attributeProblem(def: AttributeDef, value: AttributeValue): string | null {
  if (value === null) return null;
  const ok = def.type === 'number' ? typeof value === 'number' && Number.isFinite(value)
    : def.type === 'boolean' ? typeof value === 'boolean'
      : def.type === 'choice' ? typeof value === 'string' && (def.options ?? []).includes(value)
        : typeof value === 'string';
  if (ok) return null;
  const expected = def.type === 'choice' ? `one of ${(def.options ?? []).join(', ')}` : `a ${def.type}`;
  return `attribute "${def.id}" must be ${expected}, not ${JSON.stringify(value)}`;
}

/** Every problem of `attributes` against the label's definitions (attributes it does not define are kept as they are). */
export function attributeProblems(label: Label, attributes: Attributes): string[] {
  const out: string[] = [];
  for (const def of label.attributes) {
    if (Object.prototype.hasOwnProperty.call(attributes, def.id)) {
      const problem = attributeProblem(def, attributes[def.id]);
      if (problem) out.push(problem);
    }
  }
  return out;
}

/**
 * The attributes a span keeps when it is retagged: those the new label defines with a value
 * that fits. Values the old label defined but the new one does not are dropped (undo brings
 * them back); attributes no label defines (from an imported corpus) are kept.
 */
export function attributesForLabel(attributes: Attributes, from: Label | undefined, to: Label): Attributes {
  const out: Attributes = {};
  const fromIds = new Set(from?.attributes.map((a) => a.id));
  for (const [key, value] of Object.entries(attributes)) {
    const def = to.attributes.find((a) => a.id === key);
    if (def ? attributeProblem(def, value) === null : !fromIds.has(key)) out[key] = value;
  }
  return out;
}
