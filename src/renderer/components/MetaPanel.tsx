/** The selected document's metadata and source, and how much each annotator has tagged. */
import { Fragment, useMemo } from 'react';
import type { DocumentDetail } from '../../shared/api/tagwerk-api';
import type { Annotator } from '../../shared/model/project';
import { codePointLength } from '../../shared/text/offsets';

export function MetaPanel({ detail, annotators }: { detail: DocumentDetail; annotators: readonly Annotator[] }) {
  const { document: doc, layers } = detail;
  const length = useMemo(() => codePointLength(doc.text), [doc.text]);
  const nameOf = (id: string) => annotators.find((a) => a.id === id)?.name ?? id;
  const extra = Object.entries(doc.meta).filter(([k]) => !['date', 'language', 'author', 'url'].includes(k));
  return (
    <details className="tw-meta" aria-label="Document information">
      <summary>Document</summary>
      <dl>
        <dt>Date</dt><dd data-testid="meta-date">{doc.meta.date ?? '—'}</dd>
        <dt>Language</dt><dd>{doc.meta.language ?? '—'}</dd>
        {doc.meta.author && <><dt>Author</dt><dd>{doc.meta.author}</dd></>}
        {doc.meta.url && <><dt>URL</dt><dd className="tw-break">{doc.meta.url}</dd></>}
        {extra.map(([k, v]) => <Fragment key={k}><dt>{k}</dt><dd>{String(v)}</dd></Fragment>)}
        <dt>Length</dt><dd>{length.toLocaleString()} characters</dd>
        <dt>File</dt><dd className="tw-break">{doc.source.fileName}</dd>
        <dt>Format</dt><dd>{doc.source.format}</dd>
        <dt>Imported</dt><dd>{new Date(doc.source.importedAt).toLocaleString()}</dd>
        <dt>SHA-256</dt><dd className="tw-hash" title={doc.source.sha256}>{doc.source.sha256.slice(0, 16)}…</dd>
      </dl>
      <h3>Layers</h3>
      {layers.length === 0 ? <p className="tw-muted">No annotations saved yet.</p> : (
        <ul className="tw-layers">
          {layers.map((l) => <li key={l.annotator}>{nameOf(l.annotator)}: {l.spans.length} spans</li>)}
        </ul>
      )}
    </details>
  );
}
