/**
 * "Tag all occurrences": from one span, find the same text (and the names of its entity) as
 * whole words in this document or the whole project, look at each place in context, and tag the
 * chosen ones with the span's label and links in one step. This document's part goes through the
 * layer editor (Ctrl+Z undoes it); the other documents' part is written by the backend, and
 * "Take back" removes exactly the spans this made.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { DocumentOccurrence, TagwerkApi } from '../../shared/api/tagwerk-api';
import type { Attributes, Span } from '../../shared/model/annotation';
import type { Entity } from '../../shared/model/entities';
import { linkedEntity } from '../../shared/model/entities';
import type { Label } from '../../shared/model/tag-schema';
import { carriedAttributes } from '../../shared/domain/occurrences';

interface Props {
  api: TagwerkApi;
  span: Span;
  label: Label | undefined;
  documentId: string;
  entities: readonly Entity[];
  /** Tags these ranges of the open document (one undoable edit); answers the new span ids. */
  tagHere: (ranges: { start: number; end: number }[], attributes: Attributes) => string[];
  /** Removes spans of the open document made here (one undoable edit). */
  untagHere: (spanIds: string[]) => void;
  onClose: () => void;
}

type Scope = 'document' | 'project';

interface Done {
  here: string[];
  elsewhere: { documentId: string; spanId: string }[];
  documents: number;
  skipped: number;
}

export function OccurrencesDialog({ api, span, label, documentId, entities, tagHere, untagHere, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const entity = useMemo(() => entities.find((e) => e.id === linkedEntity(span)), [entities, span]);
  const names = useMemo(() => [...new Set([span.quote, ...(entity ? [entity.name, ...entity.aliases] : [])])], [span.quote, entity]);
  const [phrases, setPhrases] = useState<ReadonlySet<string>>(() => new Set(names));
  const [scope, setScope] = useState<Scope>('document');
  const [found, setFound] = useState<DocumentOccurrence[] | null>(null);
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Done | null>(null);

  useEffect(() => { dialog.current?.showModal(); }, []);
  useEffect(() => {
    if (!phrases.size) { setFound([]); setChosen(new Set()); return; }
    let live = true;
    setFound(null);
    api.findOccurrences({ phrases: [...phrases], label: span.label, ...(scope === 'document' ? { documentId } : {}) }).then(
      (r) => { if (live) { setFound(r.occurrences); setChosen(new Set(r.occurrences.map((_, i) => i))); setError(null); } },
      (err: Error) => { if (live) setError(err.message); },
    );
    return () => { live = false; };
  }, [api, phrases, scope, span.label, documentId]);

  const documents = useMemo(() => new Set(found?.map((o) => o.documentId)).size, [found]);

  const apply = async () => {
    if (!found) return;
    const picked = found.filter((_, i) => chosen.has(i));
    const attributes = carriedAttributes(span);
    setBusy(true);
    try {
      const here = tagHere(picked.filter((o) => o.documentId === documentId), attributes);
      const others = picked.filter((o) => o.documentId !== documentId).map(({ documentId: d, start, end }) => ({ documentId: d, start, end }));
      const result = others.length ? await api.tagOccurrences({ label: span.label, attributes, occurrences: others }) : { created: [], skipped: 0 };
      setDone({ here, elsewhere: result.created, documents: new Set(result.created.map((c) => c.documentId)).size, skipped: result.skipped });
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const takeBack = async () => {
    if (!done) return;
    setBusy(true);
    try {
      if (done.here.length) untagHere(done.here);
      const byDocument = new Map<string, string[]>();
      for (const c of done.elsewhere) byDocument.set(c.documentId, [...(byDocument.get(c.documentId) ?? []), c.spanId]);
      for (const [d, ids] of byDocument) {
        await api.applyChange({ documentId: d, change: { removeSpans: ids, putSpans: [], removeRelations: [], putRelations: [] } });
      }
      onClose();
    } catch (err) {
      setError(`Could not take everything back: ${(err as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  const toggle = <T,>(set: ReadonlySet<T>, value: T) => {
    const next = new Set(set);
    if (next.has(value)) next.delete(value); else next.add(value);
    return next;
  };

  return (
    <dialog ref={dialog} className="tw-dialog tw-occurrences" aria-label="Tag all occurrences" onClose={onClose} data-testid="occurrences-dialog">
      <h2>Tag all occurrences as {label?.name ?? span.label}</h2>
      <p className="tw-muted">Whole words, as written. Places already tagged {label?.name ?? span.label} are left out.
        {Object.keys(carriedAttributes(span)).length > 0 && ' The new annotations get this one’s links and values.'}</p>
      <fieldset className="tw-occurrences-options" disabled={!!done}>
        <legend className="tw-visually-hidden">Find</legend>
        <div>
          {names.map((n) => (
            <label key={n} className="tw-check">
              <input type="checkbox" checked={phrases.has(n)} onChange={() => setPhrases((p) => toggle(p, n))} />“{n}”
            </label>
          ))}
        </div>
        <div role="radiogroup" aria-label="Where">
          <label className="tw-check"><input type="radio" name="scope" checked={scope === 'document'} onChange={() => setScope('document')} />This document</label>
          <label className="tw-check"><input type="radio" name="scope" checked={scope === 'project'} onChange={() => setScope('project')} />All documents</label>
        </div>
      </fieldset>
      {error && <p className="tw-inline-alert tw-error" role="alert">{error}</p>}
      {!done && (found === null ? <p className="tw-muted">Searching…</p> : found.length === 0 ? <p className="tw-muted" data-testid="occurrences-none">No other occurrences.</p> : (
        <ol className="tw-occurrence-list" aria-label="Occurrences">
          {found.map((o, i) => (
            <li key={`${o.documentId}:${o.start}`}>
              <label className="tw-check">
                <input type="checkbox" checked={chosen.has(i)} onChange={() => setChosen((c) => toggle(c, i))} />
                <span>
                  {scope === 'project' && <span className="tw-occurrence-doc">{o.title}</span>}
                  …{o.before}<mark>{o.quote}</mark>{o.after}…
                </span>
              </label>
            </li>
          ))}
        </ol>
      ))}
      {done && (
        <p role="status" data-testid="occurrences-done">
          Tagged {done.here.length} in this document{done.elsewhere.length > 0 && ` and ${done.elsewhere.length} in ${done.documents} other document${done.documents === 1 ? '' : 's'}`}.
          {done.skipped > 0 && ` ${done.skipped} had been tagged meanwhile and were left alone.`}
        </p>
      )}
      <div className="tw-dialog-footer">
        <div className="tw-dialog-actions">
          {done ? (
            <>
              <button type="button" onClick={takeBack} disabled={busy}>Take back</button>
              <button type="button" className="tw-primary" onClick={onClose}>Close</button>
            </>
          ) : (
            <>
              <span className="tw-muted">{found && found.length > 0 && `${chosen.size} of ${found.length}${scope === 'project' ? ` in ${documents} document${documents === 1 ? '' : 's'}` : ''}`}</span>
              <button type="button" onClick={onClose}>Cancel</button>
              <button type="button" className="tw-primary" onClick={apply} disabled={busy || !found || chosen.size === 0}>Tag {chosen.size}</button>
            </>
          )}
        </div>
      </div>
    </dialog>
  );
}
