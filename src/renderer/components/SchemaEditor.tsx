/** The tag schema editor: labels with names, colours, keys and typed attributes, checked as you edit. */
import { useEffect, useRef, useState } from 'react';
import type { TagwerkApi } from '../../shared/api/tagwerk-api';
import { colorConflicts, EXTRA_COLORS } from '../../shared/model/label-colors';
import { LABEL_PALETTE, type AttributeDef, type Label, type TagSchema } from '../../shared/model/tag-schema';
import { addAttribute, addLabel, schemaProblems } from '../../shared/ops/tag-schema-ops';

interface Props {
  api: TagwerkApi;
  schema: TagSchema;
  onClose: () => void;
  onSaved: () => void;
}

const VISION_NAMES = { normal: 'anyone', protan: 'people with protanopia', deutan: 'people with deuteranopia', tritan: 'people with tritanopia' };
const SAFE_COLORS = [...LABEL_PALETTE, ...EXTRA_COLORS];

export function SchemaEditor({ api, schema, onClose, onSaved }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState(schema);
  const [usage, setUsage] = useState<Record<string, number>>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [newName, setNewName] = useState('');

  useEffect(() => {
    dialog.current?.showModal();
    api.labelUsage({}).then(setUsage, (err: Error) => setError(err.message));
  }, [api]);

  const problems = schemaProblems(draft);
  const nameOf = (id: string) => draft.labels.find((l) => l.id === id)?.name ?? id;
  const conflicts = colorConflicts(draft.labels);
  const setLabel = (i: number, patch: Partial<Label>) => setDraft({ ...draft, labels: draft.labels.map((l, j) => (j === i ? { ...l, ...patch } : l)) });
  const setAttr = (i: number, k: number, patch: Partial<AttributeDef>) =>
    setLabel(i, { attributes: draft.labels[i].attributes.map((a, j) => (j === k ? { ...a, ...patch } : a)) });

  const save = async () => {
    setSaving(true);
    try {
      await api.updateTagSchema({ tagSchema: draft });
      onSaved();
      onClose();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <dialog ref={dialog} className="tw-dialog" aria-labelledby="schema-title" onCancel={(e) => { e.preventDefault(); onClose(); }}>
      <h2 id="schema-title">Labels</h2>
      <p className="tw-muted">Keys apply a label to the selected text. Colours come from palettes that stay distinct with colour blindness; Tagwerk warns when two are hard to tell apart.</p>
      <ol className="tw-schema-labels">
        {draft.labels.map((l, i) => (
          <li key={l.id} className="tw-schema-label" data-testid={`schema-label-${l.id}`}>
            <div className="tw-schema-row">
              <input className="tw-color-input" type="color" value={l.color} onChange={(e) => setLabel(i, { color: e.target.value.toLowerCase() })} aria-label={`Colour of ${l.name}`} />
              <label className="tw-field tw-grow"><span>Name</span><input value={l.name} onChange={(e) => setLabel(i, { name: e.target.value })} /></label>
              <label className="tw-field tw-key"><span>Key</span>
                <input value={l.key ?? ''} maxLength={1} onChange={(e) => setLabel(i, { key: e.target.value.toLowerCase() || null })} aria-label={`Key for ${l.name}`} />
              </label>
              <span className="tw-muted tw-small" title="Label id in files and exports">{l.id} · {usage[l.id] ?? 0} spans</span>
              <button type="button" className="tw-link" disabled={!!usage[l.id]} title={usage[l.id] ? 'Delete or retag its spans first' : undefined}
                onClick={() => setDraft({ ...draft, labels: draft.labels.filter((_, j) => j !== i) })} aria-label={`Remove ${l.name}`}>Remove</button>
            </div>
            <div className="tw-swatches" role="radiogroup" aria-label={`Suggested colours for ${l.name}`}>
              {SAFE_COLORS.map((c) => (
                <button key={c} type="button" role="radio" aria-checked={l.color === c} aria-label={c} className="tw-swatch-button"
                  style={{ background: c }} onClick={() => setLabel(i, { color: c })} />
              ))}
            </div>
            <AttributesEditor label={l} onAdd={(name, type) => setLabel(i, addAttribute(l, name, type))}
              onChange={(k, patch) => setAttr(i, k, patch)}
              onRemove={(k) => setLabel(i, { attributes: l.attributes.filter((_, j) => j !== k) })} />
          </li>
        ))}
      </ol>
      <form className="tw-schema-add" onSubmit={(e) => { e.preventDefault(); if (newName.trim()) { setDraft(addLabel(draft, newName)); setNewName(''); } }}>
        <label className="tw-field tw-grow"><span>New label</span><input value={newName} onChange={(e) => setNewName(e.target.value)} placeholder="e.g. Weapon" /></label>
        <button type="submit" disabled={!newName.trim()}>Add label</button>
      </form>
      <div className="tw-dialog-footer">
        {(problems.length > 0 || conflicts.length > 0 || error) && (
          <ul className="tw-problems" role="alert">
            {problems.map((p) => <li key={p} className="tw-error">{p}</li>)}
            {conflicts.map((c) => (
              <li key={`${c.a}-${c.b}`} className="tw-warning-text">
                {nameOf(c.a)} and {nameOf(c.b)} are hard to tell apart for {VISION_NAMES[c.vision]} (ΔE {c.distance.toFixed(1)}).
              </li>
            ))}
            {error && <li className="tw-error">{error}</li>}
          </ul>
        )}
        <div className="tw-dialog-actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="button" className="tw-primary" onClick={() => void save()} disabled={problems.length > 0 || saving}>Save labels</button>
        </div>
      </div>
    </dialog>
  );
}

function AttributesEditor({ label, onAdd, onChange, onRemove }: {
  label: Label;
  onAdd: (name: string, type: AttributeDef['type']) => void;
  onChange: (k: number, patch: Partial<AttributeDef>) => void;
  onRemove: (k: number) => void;
}) {
  const [name, setName] = useState('');
  const [type, setType] = useState<AttributeDef['type']>('text');
  return (
    <details className="tw-attributes">
      <summary>Attributes ({label.attributes.length})</summary>
      {label.attributes.map((a, k) => (
        <div key={a.id} className="tw-schema-row">
          <label className="tw-field tw-grow"><span>Attribute</span><input value={a.name} onChange={(e) => onChange(k, { name: e.target.value })} /></label>
          <span className="tw-muted tw-small">{a.type}</span>
          {a.type === 'choice' && (
            <label className="tw-field tw-grow"><span>Options (comma-separated)</span>
              <input defaultValue={(a.options ?? []).join(', ')}
                onBlur={(e) => onChange(k, { options: e.target.value.split(',').map((o) => o.trim()).filter(Boolean) })} />
            </label>
          )}
          <button type="button" className="tw-link" onClick={() => onRemove(k)} aria-label={`Remove attribute ${a.name}`}>Remove</button>
        </div>
      ))}
      <div className="tw-schema-row">
        <label className="tw-field tw-grow"><span>New attribute</span><input value={name} onChange={(e) => setName(e.target.value)} /></label>
        <label className="tw-field"><span>Type</span>
          <select value={type} onChange={(e) => setType(e.target.value as AttributeDef['type'])}>
            <option value="text">text</option><option value="number">number</option><option value="choice">choice</option><option value="boolean">yes / no</option>
          </select>
        </label>
        <button type="button" disabled={!name.trim()} onClick={() => { onAdd(name, type); setName(''); }}>Add attribute</button>
      </div>
    </details>
  );
}
