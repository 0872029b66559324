/**
 * The relations of conflict reporting (PRODUCT.md, "The domain"): a claim is attributed to an
 * actor; a casualty figure is reported by an actor and located in a location. A relation
 * between other labels is `related_to` until the researcher picks a type.
 */
export interface RelationType {
  id: string;
  name: string;
  /** Labels it goes from and to; empty: any. */
  from: readonly string[];
  to: readonly string[];
}

export const RELATION_TYPES: readonly RelationType[] = [
  { id: 'attributed_to', name: 'attributed to', from: ['claim'], to: ['actor'] },
  { id: 'reported_by', name: 'reported by', from: ['casualty_figure'], to: ['actor'] },
  { id: 'located_in', name: 'located in', from: ['casualty_figure', 'claim', 'actor'], to: ['location'] },
  { id: 'related_to', name: 'related to', from: [], to: [] },
];

/** The type a new relation from a span with label `from` to one with label `to` gets. */
export function relationTypeFor(from: string, to: string): string {
  return RELATION_TYPES.find((t) => t.from.includes(from) && t.to.includes(to))?.id ?? 'related_to';
}

/** A relation type's name for people ("attributed to"); an unknown id as it is. */
export function relationTypeName(id: string): string {
  return RELATION_TYPES.find((t) => t.id === id)?.name ?? id.replace(/_/g, ' ');
}
