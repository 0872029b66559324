/** File ▸ Export…: format, layer, labels and offsets; a preview of the first records; progress; where it went. */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ExportRequest, ExportResult, ProjectInfo, TagwerkBridge } from '../../shared/api/tagwerk-api';
import type { NestedPolicy } from '../../shared/formats/export-format';
import { EXPORT_FORMATS } from '../../shared/formats/registry';
import { slugify } from '../../shared/model/ids';
import { toggled } from '../state/toggled';

/** The layer select's value for the curated layer (no annotator id can contain a colon). */
const CURATED = ':curated';

interface Props {
  bridge: TagwerkBridge;
  project: ProjectInfo;
  onClose: () => void;
}

export function ExportDialog({ bridge, project, onClose }: Props) {
  const { api } = bridge;
  const dialog = useRef<HTMLDialogElement>(null);
  const [format, setFormat] = useState(EXPORT_FORMATS[0].id);
  const [annotator, setAnnotator] = useState<string>('');
  const [labels, setLabels] = useState<ReadonlySet<string>>(() => new Set(project.tagSchema.labels.map((l) => l.id)));
  const [unit, setUnit] = useState<ExportRequest['unit']>('codepoint');
  const [nested, setNested] = useState<NestedPolicy>('outermost');
  const [preview, setPreview] = useState<{ text: string; warnings: string[]; files: string[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<ExportResult | null>(null);
  const info = EXPORT_FORMATS.find((f) => f.id === format)!;
  // Only annotators the project knows have layers to export; before anyone has annotated, a
  // one-layer format exports the texts without spans.
  const annotators = project.annotators;
  const mine = annotators.some((a) => a.id === project.currentAnnotator.id) ? project.currentAnnotator.id : annotators[0]?.id ?? '';
  const single = info.layers === 'one';
  const layer = single && !annotator ? mine : annotator;
  const fileName = `${slugify(project.name, 'project')}-${format}${info.output === 'folder' ? '' : `.${info.extension}`}`;

  const request = useMemo<ExportRequest>(() => ({
    format, unit, nested,
    ...(layer === CURATED ? { layer: 'curated' as const } : layer ? { annotator: layer } : {}),
    ...(labels.size < project.tagSchema.labels.length ? { labels: [...labels] } : {}),
  }), [format, unit, nested, layer, labels, project.tagSchema.labels.length]);

  useEffect(() => { dialog.current?.showModal(); }, []);
  useEffect(() => bridge.onEvent((e) => { if (e.type === 'export-progress') setProgress({ done: e.done, total: e.total }); }), [bridge]);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      api.previewExport(request).then(
        (p) => { if (current) { setPreview({ text: p.preview, warnings: p.warnings, files: p.files }); setError(null); } },
        (err: Error) => { if (current) { setPreview(null); setError(err.message); } },
      );
    }, 200);
    return () => { current = false; clearTimeout(timer); };
  }, [api, request]);

  const run = async () => {
    setResult(null);
    setProgress({ done: 0, total: project.documentCount });
    try {
      setResult(await api.exportProject({ ...request, fileName }));
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setProgress(null);
    }
  };

  const toggle = (id: string) => setLabels(toggled(labels, id));

  return (
    <dialog ref={dialog} className="tw-dialog tw-export" aria-labelledby="export-title" onCancel={(e) => { e.preventDefault(); if (!progress) onClose(); }}>
      <h2 id="export-title">Export</h2>
      <div className="tw-export-grid">
        <div className="tw-export-options">
          <label className="tw-field"><span>Format</span>
            <select value={format} onChange={(e) => setFormat(e.target.value)}>
              {EXPORT_FORMATS.map((f) => <option key={f.id} value={f.id}>{f.name}</option>)}
            </select>
          </label>
          <p className="tw-muted tw-small">{info.description}</p>
          <label className="tw-field"><span>Layer</span>
            <select value={layer} onChange={(e) => setAnnotator(e.target.value)}>
              {(!single || annotators.length === 0) && <option value="">{annotators.length ? 'Every annotator' : 'Nobody has annotated yet'}</option>}
              {annotators.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
              <option value={CURATED}>Curated layer (adjudicated)</option>
            </select>
          </label>
          <fieldset className="tw-fieldset">
            <legend>Labels</legend>
            {project.tagSchema.labels.map((l) => (
              <label key={l.id} className="tw-check">
                <input type="checkbox" checked={labels.has(l.id)} onChange={() => toggle(l.id)} />
                <span className="tw-swatch" style={{ '--tw-swatch': l.color } as React.CSSProperties} aria-hidden />{l.name}
              </label>
            ))}
          </fieldset>
          <label className="tw-field"><span>Offsets</span>
            <select value={unit} onChange={(e) => setUnit(e.target.value as ExportRequest['unit'])}>
              <option value="codepoint">Code points (Python, spaCy, brat)</option>
              <option value="utf16">UTF-16 units (JavaScript)</option>
            </select>
          </label>
          {info.usesNestedPolicy && (
            <label className="tw-field"><span>Nested spans</span>
              <select value={nested} onChange={(e) => setNested(e.target.value as NestedPolicy)}>
                <option value="outermost">Keep the outermost span</option>
                <option value="innermost">Keep the innermost span</option>
                <option value="per-label">One file per label</option>
              </select>
            </label>
          )}
          <p className="tw-small">Saved to <code className="tw-break">exports/{fileName}</code> in the project folder.</p>
        </div>
        <section className="tw-export-preview" aria-label="Preview">
          <h3>Preview <span className="tw-muted">first documents</span></h3>
          <pre data-testid="export-preview">{preview?.text ?? ''}</pre>
          {preview && preview.files.length > 0 && <p className="tw-muted tw-small">Also writes: {preview.files.slice(0, 6).join(', ')}{preview.files.length > 6 ? ', …' : ''}</p>}
        </section>
      </div>
      {(preview?.warnings.length || error) ? (
        <ul className="tw-problems" role="alert">
          {preview?.warnings.map((w) => <li key={w} className="tw-warning-text">{w}</li>)}
          {error && <li className="tw-error">{error}</li>}
        </ul>
      ) : null}
      {progress && (
        <div className="tw-progress tw-export-progress" role="progressbar" aria-label="Exporting" aria-valuemin={0} aria-valuemax={progress.total} aria-valuenow={progress.done}>
          <span className="tw-progress-bar" style={{ width: `${progress.total ? (100 * progress.done) / progress.total : 0}%` }} />
          <span className="tw-progress-text">{progress.done} / {progress.total} documents</span>
        </div>
      )}
      {result && (
        <p role="status" className="tw-export-result" data-testid="export-result">
          Exported {result.documents} documents, {result.spans} spans, {result.relations} relations to <code className="tw-break">{result.path}</code>
        </p>
      )}
      <div className="tw-dialog-actions">
        <button type="button" onClick={onClose} disabled={!!progress}>Close</button>
        <button type="button" className="tw-primary" onClick={() => void run()} disabled={!!progress || !!error}>Export</button>
      </div>
    </dialog>
  );
}
