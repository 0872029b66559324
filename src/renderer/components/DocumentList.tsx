/** The project's documents: title, date, status; arrow keys move the selection. */
import { useRef, type KeyboardEvent } from 'react';
import type { DocumentStatus, DocumentSummary } from '../../shared/model/document';

const STATUS_TEXT: Record<DocumentStatus, string> = {
  not_started: 'Not started', in_progress: 'In progress', done: 'Done',
};

interface Props {
  documents: readonly DocumentSummary[];
  selectedId: string | null;
  onSelect(id: string): void;
}

export function DocumentList({ documents, selectedId, onSelect }: Props) {
  const listRef = useRef<HTMLUListElement>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    const i = documents.findIndex((d) => d.id === selectedId);
    const next = event.key === 'ArrowDown' ? i + 1 : event.key === 'ArrowUp' ? i - 1 : null;
    if (next === null || next < 0 || next >= documents.length) return;
    event.preventDefault();
    onSelect(documents[next].id);
    listRef.current?.querySelectorAll<HTMLElement>('[role=option]')[next]?.scrollIntoView({ block: 'nearest' });
  };
  if (documents.length === 0) {
    return <p className="tw-empty">No documents yet. Open or drop article files (.txt, .md, .html, .jsonl).</p>;
  }
  return (
    <ul className="tw-doclist" role="listbox" aria-label="Documents" tabIndex={0} ref={listRef} onKeyDown={onKeyDown}
      aria-activedescendant={selectedId ? `doc-${selectedId}` : undefined}>
      {documents.map((d) => (
        <li key={d.id} id={`doc-${d.id}`} role="option" aria-selected={d.id === selectedId}
          className={d.id === selectedId ? 'tw-doc tw-doc-selected' : 'tw-doc'} onClick={() => onSelect(d.id)}>
          <span className="tw-doc-title">{d.title}</span>
          <span className="tw-doc-meta">
            <span className="tw-doc-date">{d.date ?? 'no date'}</span>
            <span className={`tw-status tw-status-${d.status}`}>{STATUS_TEXT[d.status]}</span>
            {d.spanCount > 0 && <span className="tw-doc-count">{d.spanCount} spans</span>}
          </span>
        </li>
      ))}
    </ul>
  );
}
