/** The selected annotation: label, quote, typed attributes, note, who made it and when. */
import { useEffect, useState } from 'react';
import type { AttributeValue, Attributes, Span } from '../../shared/model/annotation';
import { attributeProblem, coerceAttribute, withAttribute } from '../../shared/model/attribute-values';
import type { AttributeDef, Label } from '../../shared/model/tag-schema';
import { formatTime } from '../format-time';
import { ENTITY_ATTRIBUTE } from '../../shared/model/entities';
import { PLACE_ATTRIBUTE_IDS } from '../../shared/model/user-places';
import type { Discussion } from '../state/use-discussion';
import { DiscussionThread } from './DiscussionThread';

interface Props {
  span: Span;
  labels: readonly Label[];
  annotatorName: string;
  onRetag: (labelId: string) => void;
  onAttributes: (attributes: Attributes) => void;
  onNote: (note: string) => void;
  onDelete: () => void;
  discussion: Discussion;
  /** The layer the span is in, and annotator names for the thread. */
  layer: string;
  names: ReadonlyMap<string, string>;
  /** Shown after the attributes and note (the relations). */
  children?: React.ReactNode;
}

const LINK_ATTRIBUTES: ReadonlySet<string> = new Set([ENTITY_ATTRIBUTE, ...PLACE_ATTRIBUTE_IDS]);

export function SpanPanel({ span, labels, annotatorName, onRetag, onAttributes, onNote, onDelete, discussion, layer, names, children }: Props) {
  const label = labels.find((l) => l.id === span.label);
  const defined = new Set(label?.attributes.map((a) => a.id));
  // Links (entity, place) are shown by their own sections, not as raw values.
  const others = Object.entries(span.attributes).filter(([k]) => !defined.has(k) && !LINK_ATTRIBUTES.has(k));
  const set = (id: string, value: AttributeValue) => {
    const next = withAttribute(span.attributes, id, value);
    if (next !== span.attributes) onAttributes(next);
  };
  return (
    <section className="tw-span-panel" aria-label="Selected annotation" data-testid="span-panel">
      <h2>Annotation</h2>
      <label className="tw-field">
        <span>Label</span>
        <select className="tw-label-select" value={span.label} onChange={(e) => onRetag(e.target.value)} style={{ borderLeftColor: label?.color }}>
          {!label && <option value={span.label}>{span.label} (not in the schema)</option>}
          {labels.map((l) => <option key={l.id} value={l.id}>{l.name}{l.key ? ` (${l.key})` : ''}</option>)}
        </select>
      </label>
      <blockquote className="tw-quote" data-testid="span-quote">{span.quote}</blockquote>
      <p className="tw-muted tw-small">Characters {span.start}–{span.end} (code points)</p>
      {label?.attributes.map((def) => {
        const value = span.attributes[def.id] ?? null;
        const misfit = attributeProblem(def, value);
        return (
          <div key={`${span.id}-${def.id}`}>
            <AttributeField def={def} value={misfit ? null : value} onChange={(v) => set(def.id, v)} />
            {misfit && <p className="tw-field-error tw-small">Stored value {JSON.stringify(value)} does not fit this attribute (kept as imported until you choose another).</p>}
          </div>
        );
      })}
      {others.length > 0 && (
        <dl className="tw-other-attributes" aria-label="Other attributes">
          {others.map(([k, v]) => <div key={k}><dt>{k}</dt><dd>{String(v)}</dd></div>)}
        </dl>
      )}
      <NoteField key={span.id} note={span.note ?? ''} onCommit={onNote} />
      {children}
      <dl className="tw-provenance">
        <div><dt>Annotator</dt><dd>{annotatorName}</dd></div>
        {span.origin && (
          <div><dt>Origin</dt><dd data-testid="span-origin">{span.origin.decision}{span.origin.annotators.length ? ` from ${[...new Set(span.origin.annotators)].map((a) => names.get(a) ?? a).join(', ')}` : ''}</dd></div>
        )}
        <div><dt>Created</dt><dd>{formatTime(span.createdAt)}</dd></div>
        <div><dt>Modified</dt><dd>{formatTime(span.modifiedAt)}</dd></div>
      </dl>
      <button type="button" className="tw-danger" onClick={onDelete} aria-keyshortcuts="Delete">Delete annotation</button>
      <DiscussionThread discussion={discussion} annotator={layer} span={span} names={names} />
    </section>
  );
}

function AttributeField({ def, value, onChange }: { def: AttributeDef; value: AttributeValue; onChange: (v: AttributeValue) => void }) {
  if (def.type === 'choice' || def.type === 'boolean') {
    const options = def.type === 'boolean' ? [['true', 'yes'], ['false', 'no']] : (def.options ?? []).map((o) => [o, o.replace(/_/g, ' ')]);
    return (
      <label className="tw-field">
        <span>{def.name}</span>
        <select value={value === null ? '' : String(value)} onChange={(e) => onChange(e.target.value === '' ? null : coerceAttribute(def, e.target.value))}>
          <option value="">—</option>
          {options.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
        </select>
      </label>
    );
  }
  return <TextualField def={def} value={value} onChange={onChange} />;
}

/** Text and number attributes are committed on Enter or when the field loses focus: one undo step per edit. */
function TextualField({ def, value, onChange }: { def: AttributeDef; value: AttributeValue; onChange: (v: AttributeValue) => void }) {
  const shown = value === null ? '' : String(value);
  const [draft, setDraft] = useState(shown);
  useEffect(() => setDraft(shown), [shown]);
  const invalid = def.type === 'number' && draft.trim() !== '' && coerceAttribute(def, draft) === null;
  const commit = () => { if (!invalid && draft !== shown) onChange(coerceAttribute(def, draft)); };
  return (
    <label className="tw-field">
      <span>{def.name}</span>
      <input value={draft} inputMode={def.type === 'number' ? 'decimal' : undefined} aria-invalid={invalid || undefined}
        onChange={(e) => setDraft(e.target.value)} onBlur={commit}
        onKeyDown={(e) => { if (e.key === 'Enter') commit(); if (e.key === 'Escape') setDraft(shown); }} />
      {invalid && <small className="tw-field-error">Not a number</small>}
    </label>
  );
}

function NoteField({ note, onCommit }: { note: string; onCommit: (note: string) => void }) {
  const [draft, setDraft] = useState(note);
  useEffect(() => setDraft(note), [note]);
  return (
    <label className="tw-field">
      <span>Note</span>
      <textarea rows={3} value={draft} onChange={(e) => setDraft(e.target.value)} onBlur={() => { if (draft !== note) onCommit(draft); }} />
    </label>
  );
}
