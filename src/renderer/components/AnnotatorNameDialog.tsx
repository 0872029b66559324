/** Settings: the name stamped on every annotation this user makes (kept for every project). */
import { useEffect, useRef, useState } from 'react';
import type { ProjectInfo, TagwerkApi } from '../../shared/api/tagwerk-api';

interface Props {
  api: TagwerkApi;
  current: string;
  onSaved: (project: ProjectInfo) => void;
  onClose: () => void;
}

export function AnnotatorNameDialog({ api, current, onSaved, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState(current);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { dialog.current?.showModal(); }, []);
  const save = async () => {
    try {
      onSaved(await api.setAnnotatorName({ name }));
      onClose();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <dialog ref={dialog} className="tw-dialog tw-name-dialog" aria-labelledby="name-title" onCancel={(e) => { e.preventDefault(); onClose(); }}>
      <h2 id="name-title">Your name</h2>
      <form method="dialog" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <label className="tw-field"><span>Annotator name</span>
          <input value={name} maxLength={120} autoFocus onChange={(e) => setName(e.target.value)} />
        </label>
        <p className="tw-muted tw-small">Stamped on everything you annotate from now on, in every project; your layer is the one of this name. Colleagues see it when they import your work.</p>
        {error && <p className="tw-inline-alert tw-error" role="alert">{error}</p>}
        <div className="tw-dialog-actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="tw-primary" disabled={!name.trim()}>Save</button>
        </div>
      </form>
    </dialog>
  );
}
