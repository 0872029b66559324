/** Above the article: the label palette, word/character precision, undo/redo, status and the save state. */
import { useState } from 'react';
import { DOCUMENT_STATUSES, type DocumentStatus } from '../../shared/model/document';
import { readableTextOn } from '../../shared/model/label-colors';
import type { Label } from '../../shared/model/tag-schema';
import type { Granularity } from '../../shared/text/tokens';
import { isMacPlatform, shortcutList } from '../editor/keymap';
import type { SaveState } from '../state/use-layer-editor';

export const STATUS_NAMES: Record<DocumentStatus, string> = { not_started: 'Not started', in_progress: 'In progress', done: 'Done' };

interface Props {
  labels: readonly Label[];
  onLabel: (labelId: string) => void;
  granularity: Granularity;
  onToggleGranularity: () => void;
  canUndo: boolean;
  canRedo: boolean;
  onUndo: () => void;
  onRedo: () => void;
  status: DocumentStatus;
  onStatus: (status: DocumentStatus) => void;
  saveState: SaveState;
  onEditLabels: () => void;
  /** Shown across the toolbar's last row (which layer is being edited). */
  notice?: React.ReactNode;
  /** Whether suggestions are shown, and how many are open. */
  suggestions?: { shown: boolean; count: number; onToggle: () => void };
}

/** Buttons here must not take the focus or the text selection away from the article. */
const keepSelection = (e: React.MouseEvent) => e.preventDefault();

export function AnnotateToolbar(p: Props) {
  const [help, setHelp] = useState(false);
  const mod = isMacPlatform() ? '⌘' : 'Ctrl+';
  return (
    <div className="tw-toolbar" role="toolbar" aria-label="Annotation tools">
      <div className="tw-palette" aria-label="Labels" role="group">
        {p.labels.map((l) => (
          <button key={l.id} type="button" className="tw-label-button" onMouseDown={keepSelection} onClick={() => p.onLabel(l.id)}
            aria-keyshortcuts={l.key ?? undefined} title={l.key ? `${l.name} (key ${l.key})` : l.name}
            style={{ '--tw-swatch': l.color, '--tw-swatch-ink': readableTextOn(l.color) } as React.CSSProperties}>
            <span className="tw-swatch" aria-hidden />{l.name}{l.key && <kbd aria-hidden>{l.key}</kbd>}
          </button>
        ))}
        <button type="button" className="tw-link" onClick={p.onEditLabels} title="Add, rename and recolour labels, set keys and attributes">Edit labels…</button>
      </div>
      <span className="tw-toolbar-gap" />
      <button type="button" onMouseDown={keepSelection} onClick={p.onToggleGranularity} aria-pressed={p.granularity === 'token'}
        title={`Selections snap to whole words (${mod}. to switch; hold Alt with a label key for one character-precise span)`}>
        Snap to words
      </button>
      {p.suggestions && (
        <button type="button" onMouseDown={keepSelection} onClick={p.suggestions.onToggle} aria-pressed={p.suggestions.shown} data-testid="suggestions-toggle"
          title="Show suggested casualty figures, actors and places (dashed); they become annotations only when accepted">
          Suggestions{p.suggestions.shown && p.suggestions.count > 0 && <span className="tw-count">{p.suggestions.count}</span>}
        </button>
      )}
      <button type="button" onMouseDown={keepSelection} onClick={p.onUndo} disabled={!p.canUndo} aria-keyshortcuts={isMacPlatform() ? 'Meta+Z' : 'Control+Z'}>Undo</button>
      <button type="button" onMouseDown={keepSelection} onClick={p.onRedo} disabled={!p.canRedo} aria-keyshortcuts={isMacPlatform() ? 'Meta+Shift+Z' : 'Control+Shift+Z'}>Redo</button>
      <label className="tw-status-select">
        <span className="tw-visually-hidden">Document status</span>
        <select value={p.status} onChange={(e) => p.onStatus(e.target.value as DocumentStatus)} aria-label="Document status">
          {DOCUMENT_STATUSES.map((s) => <option key={s} value={s}>{STATUS_NAMES[s]}</option>)}
        </select>
      </label>
      <span className={`tw-save tw-save-${p.saveState}`} role="status" aria-live="polite" data-testid="save-state">
        {p.saveState === 'saved' ? 'Saved' : p.saveState === 'saving' ? 'Saving…' : 'Not saved'}
      </span>
      <div className="tw-help">
        <button type="button" aria-expanded={help} onClick={() => setHelp(!help)} title="Keyboard shortcuts">?</button>
        {help && (
          <dl className="tw-help-list" aria-label="Keyboard shortcuts">
            {shortcutList().map(([k, what]) => <div key={k}><dt><kbd>{k}</kbd></dt><dd>{what}</dd></div>)}
          </dl>
        )}
      </div>
      {p.notice}
    </div>
  );
}
