/** The project's tag schema: labels with colours, keys and typed attributes. */
import { z } from 'zod';

/** A typed attribute a label may carry. */
export const AttributeDefSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  name: z.string().min(1).max(80),
  type: z.enum(['text', 'number', 'choice', 'boolean']),
  /** Allowed values for `choice` attributes. */
  options: z.array(z.string().min(1).max(80)).max(100).optional(),
});
export type AttributeDef = z.infer<typeof AttributeDefSchema>;

export const LabelSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  name: z.string().min(1).max(80),
  /** `#rrggbb`. */
  color: z.string().regex(/^#[0-9a-f]{6}$/i),
  /** A single key that applies the label, or null. */
  key: z.string().max(1).nullable(),
  attributes: z.array(AttributeDefSchema).max(50),
});
export type Label = z.infer<typeof LabelSchema>;

export const TagSchemaSchema = z.object({
  labels: z.array(LabelSchema).max(200),
});
export type TagSchema = z.infer<typeof TagSchemaSchema>;

/**
 * Colour-blind-safe palette (Okabe & Ito, 2008), in the order labels receive them.
 * The first four are the defaults for actor, claim, location and casualty figure.
 */
export const LABEL_PALETTE = [
  '#0072b2', '#e69f00', '#009e73', '#d55e00', '#cc79a7', '#56b4e9', '#f0e442', '#000000',
] as const;

/** The four labels every new project starts with (PRODUCT.md: keys 1–4). */
export function defaultTagSchema(): TagSchema {
  return {
    labels: [
      {
        id: 'actor', name: 'Actor', color: LABEL_PALETTE[0], key: '1',
        attributes: [{
          id: 'actor_type', name: 'Actor type', type: 'choice',
          options: ['person', 'state', 'government', 'military', 'armed_group', 'organisation', 'media', 'other'],
        }],
      },
      {
        id: 'claim', name: 'Claim', color: LABEL_PALETTE[1], key: '2',
        attributes: [{
          id: 'certainty', name: 'Certainty', type: 'choice',
          options: ['asserted', 'hedged', 'reported', 'denied'],
        }],
      },
      { id: 'location', name: 'Location', color: LABEL_PALETTE[2], key: '3', attributes: [] },
      {
        id: 'casualty_figure', name: 'Casualty figure', color: LABEL_PALETTE[3], key: '4',
        attributes: [
          { id: 'count_min', name: 'Count (min)', type: 'number' },
          { id: 'count_max', name: 'Count (max)', type: 'number' },
          { id: 'approximate', name: 'Approximate', type: 'boolean' },
          {
            id: 'outcome', name: 'Outcome', type: 'choice',
            options: ['killed', 'injured', 'killed_or_injured', 'missing', 'displaced', 'captured', 'unknown'],
          },
          { id: 'victims', name: 'Victims', type: 'choice', options: ['civilian', 'military', 'mixed', 'unknown'] },
          { id: 'normalized_by', name: 'Normalised by', type: 'choice', options: ['auto', 'annotator'] },
        ],
      },
    ],
  };
}

/** A label for an id that the schema does not know yet (e.g. from an imported corpus). */
export function labelFor(id: string, existing: readonly Label[]): Label {
  const name = id.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
  return {
    id, name, color: LABEL_PALETTE[existing.length % LABEL_PALETTE.length], key: null, attributes: [],
  };
}

/** Label ids are lower-case identifiers; imported labels such as `PER` or `LOCderiv` are mapped. */
export function toLabelId(raw: string): string {
  const id = raw.trim().toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(id) ? id.slice(0, 40) : `l_${id}`.slice(0, 40);
}
