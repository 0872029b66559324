/**
 * Discussion on annotations: each comment lives in its author's layer and names the span it is
 * about (layer, span id, and the span's place and label when it was written). A thread is every
 * comment of every layer of the document about one span, oldest first.
 */
import type { Comment, Layer, Span } from '../model/annotation';

/** What threads read of a layer: whose it is, its spans, its comments. */
export type ThreadLayer = Pick<Layer, 'annotator' | 'spans' | 'comments'>;

/** A comment with its author (the annotator whose layer holds it). */
export interface ThreadEntry {
  author: string;
  comment: Comment;
}

/** What a comment on `span` of layer `annotator` records as its target. */
export function commentTarget(annotator: string, span: Pick<Span, 'id' | 'start' | 'end' | 'label'>): Comment['target'] {
  return { annotator, spanId: span.id, start: span.start, end: span.end, label: span.label };
}

/**
 * The span of `layers` a comment is about: the span with its id in the named layer, or, when no
 * span there has that id (an import gave it another), the one at the same place with the same label.
 */
export function resolveTarget(layers: readonly ThreadLayer[], target: Comment['target']): Span | null {
  const layer = layers.find((l) => l.annotator === target.annotator);
  if (!layer) return null;
  return layer.spans.find((s) => s.id === target.spanId)
    ?? layer.spans.find((s) => s.start === target.start && s.end === target.end && s.label === target.label)
    ?? null;
}

/** Every comment of the document, keyed by the span it resolves to (`annotator`, NUL, span id); comments on no span under `''`. */
export function threadsOf(layers: readonly ThreadLayer[]): Map<string, ThreadEntry[]> {
  const threads = new Map<string, ThreadEntry[]>();
  for (const layer of layers) {
    for (const comment of layer.comments ?? []) {
      const span = resolveTarget(layers, comment.target);
      const key = span ? threadKey(comment.target.annotator, span.id) : '';
      const list = threads.get(key) ?? [];
      list.push({ author: layer.annotator, comment });
      threads.set(key, list);
    }
  }
  for (const list of threads.values()) list.sort(byTime);
  return threads;
}

/** The key of a span's thread in `threadsOf`. */
export function threadKey(annotator: string, spanId: string): string {
  return `${annotator}\u0000${spanId}`;
}

/** The thread on one span, oldest first. */
export function threadOf(layers: readonly ThreadLayer[], annotator: string, spanId: string): ThreadEntry[] {
  return threadsOf(layers).get(threadKey(annotator, spanId)) ?? [];
}

function byTime(a: ThreadEntry, b: ThreadEntry): number {
  return a.comment.createdAt < b.comment.createdAt ? -1 : a.comment.createdAt > b.comment.createdAt ? 1 : a.comment.id < b.comment.id ? -1 : 1;
}

/** Thrown when a comment op names a comment the layer does not have. */
export class CommentNotFoundError extends Error {}

/** Adds a comment to its author's layer. */
export function addComment(layer: Layer, comment: Pick<Comment, 'id' | 'target' | 'text'>, now: string): Layer {
  if ((layer.comments ?? []).some((c) => c.id === comment.id)) throw new Error(`comment ${comment.id} exists already`);
  return { ...layer, comments: [...(layer.comments ?? []), { ...comment, createdAt: now, modifiedAt: now }] };
}

/** Changes the text of one of the layer's comments. */
export function editComment(layer: Layer, id: string, text: string, now: string): Layer {
  const comments = layer.comments ?? [];
  if (!comments.some((c) => c.id === id)) throw new CommentNotFoundError(`no comment ${id} of ${layer.annotator} on this document`);
  return { ...layer, comments: comments.map((c) => (c.id === id ? { ...c, text, modifiedAt: now } : c)) };
}

/** Removes one of the layer's comments. */
export function removeComment(layer: Layer, id: string): Layer {
  const comments = layer.comments ?? [];
  if (!comments.some((c) => c.id === id)) throw new CommentNotFoundError(`no comment ${id} of ${layer.annotator} on this document`);
  return { ...layer, comments: comments.filter((c) => c.id !== id) };
}

/**
 * Comments from a colleague's layer merged into ours (an import): one we have already (same id,
 * or same target, text and time) is not added twice; a later edit of one we have replaces it.
 */
export function mergeComments(layer: Layer, incoming: readonly Comment[]): { layer: Layer; added: number } {
  const comments = [...(layer.comments ?? [])];
  let added = 0;
  let changed = false;
  for (const c of incoming) {
    const at = comments.findIndex((x) => x.id === c.id || (x.text === c.text && x.createdAt === c.createdAt
      && x.target.spanId === c.target.spanId && x.target.annotator === c.target.annotator));
    if (at < 0) { comments.push(c); added++; changed = true; }
    else if (comments[at].modifiedAt < c.modifiedAt) { comments[at] = { ...c, id: comments[at].id }; changed = true; }
  }
  return { layer: changed ? { ...layer, comments } : layer, added };
}

/** Whether the annotator has annotated the document (spans, or a status set), as opposed to only commenting. */
export function hasAnnotated(layer: Layer): boolean {
  return layer.spans.length > 0 || layer.status !== 'not_started';
}
