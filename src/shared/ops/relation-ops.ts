/** Relations between two spans of one layer: add, change the type, remove. Pure layer ops like span-ops.ts. */
import type { Layer } from '../model/annotation';
import { SpanRangeError, type OpContext } from './span-ops';

/** Adds a relation from one span to another; one of the same type and direction is not added twice. */
export function addRelation(layer: Layer, rel: { id: string; type: string; from: string; to: string }, ctx: Pick<OpContext, 'now'>): Layer {
  if (rel.from === rel.to) throw new SpanRangeError('a relation joins two different annotations');
  for (const end of [rel.from, rel.to]) if (!layer.spans.some((s) => s.id === end)) throw new SpanRangeError(`no span ${end} in this layer`);
  if (layer.relations.some((r) => r.type === rel.type && r.from === rel.from && r.to === rel.to)) return layer;
  if (layer.relations.some((r) => r.id === rel.id)) throw new SpanRangeError(`relation id ${rel.id} exists already`);
  return { ...layer, relations: [...layer.relations, { ...rel, createdAt: ctx.now, modifiedAt: ctx.now }] };
}

/** Changes a relation's type. */
export function retypeRelation(layer: Layer, id: string, type: string, ctx: Pick<OpContext, 'now'>): Layer {
  const old = layer.relations.find((r) => r.id === id);
  if (!old) throw new SpanRangeError(`no relation ${id} in this layer`);
  if (old.type === type) return layer;
  return { ...layer, relations: layer.relations.map((r) => (r.id === id ? { ...r, type, modifiedAt: ctx.now } : r)) };
}

/** Removes a relation. */
export function removeRelation(layer: Layer, id: string): Layer {
  if (!layer.relations.some((r) => r.id === id)) throw new SpanRangeError(`no relation ${id} in this layer`);
  return { ...layer, relations: layer.relations.filter((r) => r.id !== id) };
}
