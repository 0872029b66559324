import { describe, expect, it } from 'vitest';
import { emptyLayer, type Comment, type Layer, type Span } from '../model/annotation';
import { addComment, CommentNotFoundError, commentTarget, editComment, hasAnnotated, mergeComments, removeComment, resolveTarget, threadKey, threadOf, threadsOf } from './threads';

const span = (id: string, start: number, end: number, label = 'actor'): Span => ({
  id, start, end, label, quote: 'x'.repeat(end - start), attributes: {}, createdAt: 't', modifiedAt: 't',
});
const layer = (annotator: string, spans: Span[] = [], comments: Comment[] = []): Layer =>
  ({ ...emptyLayer('d', annotator, '0'.repeat(64)), spans, comments });
const comment = (id: string, target: Comment['target'], text: string, createdAt: string): Comment =>
  ({ id, target, text, createdAt, modifiedAt: createdAt });

describe('threads', () => {
  const benSpan = span('s_b', 10, 21);
  const ben = layer('ben', [benSpan]);

  it('collect every layer\'s comments on one span, oldest first, with their authors', () => {
    const anna = layer('anna', [], [comment('c1', commentTarget('ben', benSpan), 'Ort, nicht Akteur?', '2026-11-02T10:00:00Z')]);
    const withReply = { ...ben, comments: [comment('c2', commentTarget('ben', benSpan), 'Stimmt.', '2026-11-02T11:00:00Z')] };
    const thread = threadOf([withReply, anna], 'ben', 's_b');
    expect(thread.map((e) => [e.author, e.comment.text])).toEqual([['anna', 'Ort, nicht Akteur?'], ['ben', 'Stimmt.']]);
  });

  it('find the span at the same place and label when it has another id, and keep comments on no span apart', () => {
    const renumbered = layer('ben', [span('s_other', 10, 21)]);
    const onIt = comment('c1', { annotator: 'ben', spanId: 's_b', start: 10, end: 21, label: 'actor' }, 'a', '1');
    const retagged = comment('c2', { annotator: 'ben', spanId: 's_b', start: 10, end: 21, label: 'claim' }, 'b', '2');
    expect(resolveTarget([renumbered], onIt.target)?.id).toBe('s_other');
    expect(resolveTarget([renumbered], retagged.target)).toBeNull();
    const threads = threadsOf([renumbered, layer('anna', [], [onIt, retagged])]);
    expect(threads.get(threadKey('ben', 's_other'))!.map((e) => e.comment.id)).toEqual(['c1']);
    expect(threads.get('')!.map((e) => e.comment.id)).toEqual(['c2']);
  });

  it('add, change and remove only comments the layer has', () => {
    let l = addComment(layer('anna'), { id: 'c1', target: commentTarget('ben', benSpan), text: 'erst' }, '2026-11-02T10:00:00Z');
    l = editComment(l, 'c1', 'dann', '2026-11-02T12:00:00Z');
    expect(l.comments).toEqual([{ id: 'c1', target: commentTarget('ben', benSpan), text: 'dann', createdAt: '2026-11-02T10:00:00Z', modifiedAt: '2026-11-02T12:00:00Z' }]);
    expect(() => editComment(l, 'c9', 'x', 'now')).toThrow(CommentNotFoundError);
    expect(() => removeComment(l, 'c9')).toThrow(CommentNotFoundError);
    expect(removeComment(l, 'c1').comments).toEqual([]);
  });

  it('merge an import without doubling what is there, taking later edits', () => {
    const c1 = comment('c1', commentTarget('ben', benSpan), 'erst', '1');
    const mine = layer('anna', [], [c1]);
    expect(mergeComments(mine, [c1])).toEqual({ layer: mine, added: 0 });
    const edited = { ...c1, text: 'später', modifiedAt: '2' };
    const c2 = comment('c2', commentTarget('ben', benSpan), 'neu', '3');
    const merged = mergeComments(mine, [edited, c2]);
    expect(merged.added).toBe(1);
    expect(merged.layer.comments!.map((c) => c.text)).toEqual(['später', 'neu']);
    // An older copy does not undo the edit.
    expect(mergeComments(merged.layer, [c1]).layer).toBe(merged.layer);
  });

  it('a layer that only holds comments has not annotated the document', () => {
    expect(hasAnnotated(layer('carla', [], [comment('c', commentTarget('ben', benSpan), 'x', '1')]))).toBe(false);
    expect(hasAnnotated(ben)).toBe(true);
    expect(hasAnnotated({ ...layer('dora'), status: 'done' })).toBe(true);
  });
});
