/** The selected annotation's relations, both directions: the other end (click to go there), the type (changeable), remove. */
import type { Relation, Span } from '../../shared/model/annotation';
import type { Label } from '../../shared/model/tag-schema';
import { RELATION_TYPES, relationTypeName } from '../../shared/domain/relation-types';

interface Props {
  span: Span;
  spans: readonly Span[];
  relations: readonly Relation[];
  labels: readonly Label[];
  onSelect: (span: Span) => void;
  onRetype: (relationId: string, type: string) => void;
  onRemove: (relationId: string) => void;
}

export function RelationList({ span, spans, relations, labels, onSelect, onRetype, onRemove }: Props) {
  const mine = relations.filter((r) => r.from === span.id || r.to === span.id);
  // Only the spans at the other ends are looked up (a long document has thousands).
  const ends = new Set(mine.flatMap((r) => [r.from, r.to]));
  const byId = new Map(mine.length ? spans.filter((s) => ends.has(s.id)).map((s) => [s.id, s]) : []);
  const color = (s: Span) => labels.find((l) => l.id === s.label)?.color ?? '#777777';
  return (
    <section className="tw-relations" aria-label="Relations" data-testid="relations">
      <h3>Relations {mine.length > 0 && <span className="tw-muted">{mine.length}</span>}</h3>
      {mine.length === 0 ? (
        <p className="tw-muted tw-small">Shift+R, then click another annotation, relates this one to it.</p>
      ) : (
        <ul className="tw-relation-list">
          {mine.map((r) => {
            const outgoing = r.from === span.id;
            const other = byId.get(outgoing ? r.to : r.from);
            if (!other) return null;
            const types = RELATION_TYPES.some((t) => t.id === r.type) ? RELATION_TYPES : [...RELATION_TYPES, { id: r.type, name: relationTypeName(r.type) }];
            return (
              <li key={r.id} className="tw-relation">
                <span className="tw-muted" title={outgoing ? 'from this annotation' : 'to this annotation'}>{outgoing ? 'this →' : '← from'}</span>
                <select aria-label="Relation type" value={r.type} onChange={(e) => onRetype(r.id, e.target.value)}>
                  {types.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
                </select>
                <button type="button" className="tw-relation-end" style={{ '--tw-swatch': color(other) } as React.CSSProperties} onClick={() => onSelect(other)}>
                  “{Array.from(other.quote).length > 50 ? `${Array.from(other.quote).slice(0, 48).join('')}…` : other.quote}”
                </button>
                <button type="button" className="tw-link" aria-label="Remove relation" onClick={() => onRemove(r.id)}>×</button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
