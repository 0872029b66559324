/**
 * The discussion on one annotation: who said what and when, oldest first, and a field to add to
 * it (Ctrl+Enter sends). The current annotator can change or delete their own comments.
 */
import { useState } from 'react';
import type { Span } from '../../shared/model/annotation';
import type { Discussion } from '../state/use-discussion';
import { formatTime } from '../format-time';

interface Props {
  discussion: Discussion;
  /** The layer the span is in. */
  annotator: string;
  span: Span;
  names: ReadonlyMap<string, string>;
  /** Start with the field closed behind a button (the review panel, which shows several threads). */
  compact?: boolean;
}

export function DiscussionThread({ discussion, annotator, span, names, compact }: Props) {
  const entries = discussion.thread(annotator, span.id);
  const [open, setOpen] = useState(!compact);
  const [draft, setDraft] = useState('');
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null);
  const send = async () => {
    if (draft.trim() && (await discussion.add({ annotator, span }, draft.trim()))) setDraft('');
  };
  const saveEdit = async () => {
    if (editing && editing.text.trim() && (await discussion.edit(editing.id, editing.text.trim()))) setEditing(null);
  };
  return (
    <section className="tw-thread" aria-label="Discussion" data-testid="discussion">
      {!compact && <h3>Discussion {entries.length > 0 && <span className="tw-muted">{entries.length}</span>}</h3>}
      {entries.length > 0 && (
        <ol className="tw-thread-list">
          {entries.map(({ author, comment }) => (
            <li key={`${author}/${comment.id}`} className="tw-comment">
              <div className="tw-comment-head">
                <b>{names.get(author) ?? author}</b>{' '}
                <time className="tw-muted" dateTime={comment.createdAt}>{formatTime(comment.createdAt)}</time>
                {comment.modifiedAt !== comment.createdAt && <span className="tw-muted" title={`changed ${formatTime(comment.modifiedAt)}`}> · changed</span>}
              </div>
              {editing?.id === comment.id ? (
                <>
                  <textarea rows={3} value={editing.text} aria-label="Change comment" onChange={(e) => setEditing({ id: comment.id, text: e.target.value })}
                    onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void saveEdit(); if (e.key === 'Escape') setEditing(null); }} />
                  <div className="tw-dialog-actions tw-left">
                    <button type="button" onClick={() => void saveEdit()}>Save</button>
                    <button type="button" onClick={() => setEditing(null)}>Cancel</button>
                  </div>
                </>
              ) : (
                <p className="tw-comment-text">{comment.text}</p>
              )}
              {author === discussion.me && editing?.id !== comment.id && (
                <div className="tw-comment-actions">
                  <button type="button" className="tw-link" onClick={() => setEditing({ id: comment.id, text: comment.text })}>Change</button>
                  <button type="button" className="tw-link" onClick={() => void discussion.remove(comment.id)}>Delete</button>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
      {open ? (
        <div className="tw-comment-new">
          <textarea rows={2} value={draft} placeholder={`Comment as ${names.get(discussion.me) ?? discussion.me}…`} aria-label="New comment"
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void send(); }} />
          <button type="button" onClick={() => void send()} disabled={!draft.trim()} title="Ctrl+Enter">Comment</button>
        </div>
      ) : (
        <button type="button" className="tw-link" onClick={() => setOpen(true)}>{entries.length ? 'Reply' : 'Comment…'}</button>
      )}
      {discussion.error && <p className="tw-field-error tw-small" role="alert">{discussion.error}</p>}
    </section>
  );
}
