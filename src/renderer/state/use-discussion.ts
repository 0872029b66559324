/**
 * The discussion on the open document's annotations: every layer's comments, kept here once
 * fetched and changed through the API (each comment is written to its author's layer file).
 * Threads are resolved against the spans shown now, so a thread follows its span's edits.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DocumentDetail, TagwerkApi } from '../../shared/api/tagwerk-api';
import type { Comment, Span } from '../../shared/model/annotation';
import { threadKey, threadsOf, type ThreadEntry, type ThreadLayer } from '../../shared/review/threads';

export interface Discussion {
  /** The thread on a span of a layer, oldest first. */
  thread(annotator: string, spanId: string): readonly ThreadEntry[];
  /** How many comments each span has, by `threadKey`. */
  counts: ReadonlyMap<string, number>;
  add(target: { annotator: string; span: Span }, text: string): Promise<boolean>;
  edit(commentId: string, text: string): Promise<boolean>;
  remove(commentId: string): Promise<boolean>;
  /** The current annotator: the author of what is added here. */
  me: string;
  error: string | null;
}

export function useDiscussion(api: TagwerkApi, detail: DocumentDetail, me: string, liveSpans?: { annotator: string; spans: readonly Span[] }): Discussion {
  const documentId = detail.document.id;
  const initial = () => new Map(detail.layers.map((l) => [l.annotator, l.comments ?? []]));
  const [comments, setComments] = useState<ReadonlyMap<string, readonly Comment[]>>(initial);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { setComments(initial()); setError(null); }, [detail]); // eslint-disable-line react-hooks/exhaustive-deps

  const threads = useMemo(() => {
    const spansOf = (annotator: string, stored: readonly Span[]) => (liveSpans?.annotator === annotator ? liveSpans.spans : stored);
    const layers: ThreadLayer[] = detail.layers.map((l) => ({ annotator: l.annotator, spans: [...spansOf(l.annotator, l.spans)], comments: [...(comments.get(l.annotator) ?? [])] }));
    // My comments before my layer file exists in this view (the first comment creates it).
    if (!layers.some((l) => l.annotator === me)) layers.push({ annotator: me, spans: [...spansOf(me, [])], comments: [...(comments.get(me) ?? [])] });
    return threadsOf(layers);
  }, [detail.layers, comments, me, liveSpans]);

  const counts = useMemo(() => new Map([...threads].filter(([k]) => k).map(([k, list]) => [k, list.length])), [threads]);

  const mine = useCallback((update: (list: readonly Comment[]) => readonly Comment[]) => {
    setComments((all) => new Map(all).set(me, update(all.get(me) ?? [])));
  }, [me]);

  const run = useCallback(async (call: () => Promise<void>): Promise<boolean> => {
    try {
      await call();
      setError(null);
      return true;
    } catch (err) {
      setError(`The comment was not saved: ${(err as Error).message}`);
      return false;
    }
  }, []);

  return {
    me,
    error,
    counts,
    thread: (annotator, spanId) => threads.get(threadKey(annotator, spanId)) ?? [],
    add: ({ annotator, span }, text) => run(async () => {
      const comment = await api.addComment({ documentId, target: { annotator, spanId: span.id }, text });
      mine((list) => [...list, comment]);
    }),
    edit: (commentId, text) => run(async () => {
      const comment = await api.updateComment({ documentId, commentId, text });
      mine((list) => list.map((c) => (c.id === commentId ? comment : c)));
    }),
    remove: (commentId) => run(async () => {
      await api.deleteComment({ documentId, commentId });
      mine((list) => list.filter((c) => c.id !== commentId));
    }),
  };
}
