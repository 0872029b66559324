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
    case 'number':
      return parseNumberInput(String(raw));
    case 'choice':
      return typeof raw === 'string' && def.options?.includes(raw) ? raw : null;
    case 'text':
      return String(raw) === '' ? null : String(raw);
  }
}

/**
 * A number as a person types it in German or English: `6.500`, `6,500` and `6 500` are six
 * thousand five hundred (groups of three digits), `1,5` and `1.5` are one and a half,
 * `1.234,5` and `1,234.5` mix both. `1,234` reads as 1234: counts are whole numbers far more
 * often than decimals with three places. Anything else (`0x10`, `1e3`, `viele`) is null.
 */
export function parseNumberInput(raw: string): number | null {
  const m = /^([+-]?)(\d+(?:[.,]\d+)*)$/.exec(raw.trim().replace(/[\s\u00a0\u202f']/g, ''));
  if (!m) return null;
  const [, sign, body] = m;
  const groups = body.split(/[.,]/);
  const seps = body.match(/[.,]/g) ?? [];
  const inThrees = (gs: string[]) => gs[0].length <= 3 && gs.slice(1).every((g) => g.length === 3);
  let digits: string;
  if (seps.length === 0) digits = body;
  // One kind of separator with groups of three after it: thousands (6.500, 6,500, 1.234.567).
  else if (new Set(seps).size === 1 && inThrees(groups)) digits = groups.join('');
  // A single separator otherwise: the decimal mark (1,5 or 1.5).
  else if (seps.length === 1) digits = `${groups[0]}.${groups[1]}`;
  else {
    // 1.234,5 or 1,234.5: the last separator is the decimal mark, the others group thousands.
    const decimal = seps[seps.length - 1];
    if (seps.slice(0, -1).includes(decimal) || !inThrees(groups.slice(0, -1))) return null;
    digits = `${groups.slice(0, -1).join('')}.${groups[groups.length - 1]}`;
  }
  const n = Number(`${sign}${digits}`);
  return Number.isFinite(n) ? n : null;
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

/** The attributes with `id` set to `value` (null unsets it); the same object when nothing changes. */
export function withAttribute(attributes: Attributes, id: string, value: AttributeValue): Attributes {
  const present = Object.prototype.hasOwnProperty.call(attributes, id);
  if (value === null ? !present : present && attributes[id] === value) return attributes;
  const next = { ...attributes };
  if (value === null) delete next[id]; else next[id] = value;
  return next;
}
