/** Every annotation of the document: counts per label, a label filter, and a list to jump from. */
import { useMemo, useState } from 'react';
import type { Span } from '../../shared/model/annotation';
import type { Label } from '../../shared/model/tag-schema';
import { threadKey } from '../../shared/review/threads';
import { toggled } from '../state/toggled';

interface Props {
  spans: readonly Span[];
  labels: readonly Label[];
  selectedId: string | null;
  onSelect: (span: Span) => void;
  /** Comments per span (by `threadKey`), and the layer the spans are in. */
  commentCounts?: ReadonlyMap<string, number>;
  layer?: string;
}

/** A long quote cut to about 90 characters, never inside an emoji or surrogate pair. */
function shorten(quote: string): string {
  if (quote.length <= 90) return quote;
  return `${Array.from(quote).slice(0, 88).join('')}…`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Rows rendered at first; long documents show more on request rather than thousands of rows at once. */
const PAGE = 200;

export function AnnotationList({ spans, labels, selectedId, onSelect, commentCounts, layer }: Props) {
  const [only, setOnly] = useState<ReadonlySet<string>>(new Set());
  const [limit, setLimit] = useState(PAGE);
  const counts = useMemo(() => {
    const c = new Map<string, number>();
    for (const s of spans) c.set(s.label, (c.get(s.label) ?? 0) + 1);
    return c;
  }, [spans]);
  const shown = only.size ? spans.filter((s) => only.has(s.label)) : spans;
  const byId = new Map(labels.map((l) => [l.id, l]));
  const unknown = [...counts.keys()].filter((id) => !byId.has(id));
  const toggle = (id: string) => setOnly(toggled(only, id));
  const move = (event: React.KeyboardEvent) => {
    const i = shown.findIndex((s) => s.id === selectedId);
    const next = event.key === 'ArrowDown' ? shown[i + 1] : event.key === 'ArrowUp' ? shown[Math.max(0, i - 1)] : undefined;
    if (next) { event.preventDefault(); onSelect(next); }
  };
  return (
    <section className="tw-annotation-list" aria-label="Annotations in this document">
      <h2>Annotations <span className="tw-muted">{spans.length}</span></h2>
      <div className="tw-filter" role="group" aria-label="Show only these labels">
        {[...labels.map((l) => [l.id, l.name, l.color] as const), ...unknown.map((id) => [id, id, '#777777'] as const)].map(([id, name, color]) => (
          <button key={id} type="button" aria-pressed={only.has(id)} onClick={() => toggle(id)} className="tw-filter-chip"
            style={{ '--tw-swatch': color } as React.CSSProperties}>
            <span className="tw-swatch" aria-hidden />{name} <span className="tw-count">{counts.get(id) ?? 0}</span>
          </button>
        ))}
      </div>
      {shown.length === 0 ? <p className="tw-muted">{spans.length ? 'No annotations with these labels.' : 'Select text and press a label key to annotate.'}</p> : (
        <ol className="tw-spans" role="listbox" aria-label="Annotations" tabIndex={0} onKeyDown={move}
          aria-activedescendant={selectedId && shown.some((s) => s.id === selectedId) ? `ann-${selectedId}` : undefined}>
          {shown.slice(0, limit).map((s) => (
            <li key={s.id} id={`ann-${s.id}`} role="option" aria-selected={s.id === selectedId} onClick={() => onSelect(s)}
              className={s.id === selectedId ? 'tw-span-row tw-span-row-selected' : 'tw-span-row'}
              style={{ '--tw-swatch': byId.get(s.label)?.color ?? '#777777' } as React.CSSProperties}>
              <span className="tw-span-row-label">{byId.get(s.label)?.name ?? s.label}</span>
              <span className="tw-span-row-quote">{shorten(s.quote)}</span>
              {layer && commentCounts?.get(threadKey(layer, s.id)) ? (
                <span className="tw-comment-count">{plural(commentCounts.get(threadKey(layer, s.id))!, 'comment')}</span>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {shown.length > limit && <button type="button" className="tw-link" onClick={() => setLimit(limit + PAGE)}>Show {Math.min(PAGE, shown.length - limit)} more of {shown.length - limit}</button>}
    </section>
  );
}
