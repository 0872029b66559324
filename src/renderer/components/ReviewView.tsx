/**
 * Reviewing one document: two or more annotators' layers compared (each group of spans shown
 * once, coloured by kind of disagreement) and adjudicated into the curated layer. Keyboard:
 * j / k next and previous disagreement, 1–9 accept that annotator's version, b all versions,
 * x neither, Shift+A every agreement. Rules: src/shared/review/compare.ts and adjudicate.ts.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DocumentDetail, ProjectInfo, TagwerkApi } from '../../shared/api/tagwerk-api';
import { CURATED_LAYER, type Span } from '../../shared/model/annotation';
import type { Label } from '../../shared/model/tag-schema';
import { acceptAllAgreements, acceptItem, adjudicationProgress, copyRelations, curatedFromItem, itemDecided, type ItemChoice } from '../../shared/review/adjudicate';
import { hasAnnotated } from '../../shared/review/threads';
import { compareLayers, nextDisagreement, summarizeComparison, type ComparisonItem, type ComparisonKind } from '../../shared/review/compare';
import { pickAt } from '../editor/pick-span';
import { useDiscussion } from '../state/use-discussion';
import { useLayerEditor } from '../state/use-layer-editor';
import { DiscussionThread } from './DiscussionThread';
import { ArticleView, type ArticleHandle } from './ArticleView';
import { toggled } from '../state/toggled';

interface Props {
  api: TagwerkApi;
  project: ProjectInfo;
  detail: DocumentDetail;
  /** Opens the curated layer in Annotate mode (to edit a span, or add one), with that span selected. */
  onEditCurated: (spanId: string | null) => void;
}

/** Colours of the kinds (Okabe–Ito, as the label palette). */
export const KIND_LABELS: readonly Label[] = [
  { id: 'agreement', name: 'Agreement', color: '#009e73', key: null, attributes: [] },
  { id: 'label', name: 'Label differs', color: '#d55e00', key: null, attributes: [] },
  { id: 'boundary', name: 'Boundaries differ', color: '#e69f00', key: null, attributes: [] },
  { id: 'partial', name: 'Only some marked it', color: '#cc79a7', key: null, attributes: [] },
];
const KIND_NAME = Object.fromEntries(KIND_LABELS.map((l) => [l.id, l.name])) as Record<ComparisonKind, string>;

export function ReviewView({ api, project, detail, onEditCurated }: Props) {
  const doc = detail.document;
  const article = useRef<ArticleHandle>(null);
  // The current annotator is registered with their first edit: until then only the session knows the name.
  const names = useMemo(() => new Map([[project.currentAnnotator.id, project.currentAnnotator.name], ...project.annotators.map((a) => [a.id, a.name] as const)]),
    [project.annotators, project.currentAnnotator]);
  const labelOf = useMemo(() => new Map(project.tagSchema.labels.map((l) => [l.id, l])), [project.tagSchema.labels]);
  const withLayers = detail.layers.filter((l) => l.annotator !== CURATED_LAYER && hasAnnotated(l)).map((l) => l.annotator);
  // Annotators left out of the comparison: everyone else takes part, also a layer that arrives
  // with an import while the view is open.
  const [excluded, setExcluded] = useState<ReadonlySet<string>>(new Set());
  const [labelFilter, setLabelFilter] = useState<ReadonlySet<string>>(new Set());
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const curated = useLayerEditor({ api, detail, annotatorId: CURATED_LAYER, target: 'curated' });
  const live = useMemo(() => ({ annotator: CURATED_LAYER, spans: curated.layer.spans }), [curated.layer.spans]);
  const discussion = useDiscussion(api, detail, project.currentAnnotator.id, live);

  useEffect(() => { setExcluded(new Set()); setSelectedId(null); }, [doc.id]);

  const compared = withLayers.filter((a) => !excluded.has(a));
  const items = useMemo<ComparisonItem[]>(() => {
    if (compared.length < 2) return [];
    const layers = Object.fromEntries(detail.layers.filter((l) => compared.includes(l.annotator)).map((l) => [l.annotator, l.spans]));
    return compareLayers(layers, compared, labelFilter.size ? { labels: [...labelFilter] } : undefined);
  }, [detail.layers, compared.join(','), labelFilter]); // eslint-disable-line react-hooks/exhaustive-deps
  const summary = summarizeComparison(items);
  const progress = adjudicationProgress(curated.layer, items);
  const selected = items.find((i) => i.id === selectedId) ?? null;
  const chars = useMemo(() => Array.from(doc.text), [doc.text]);
  const shapes = useMemo<Span[]>(() => items.map((i) => ({
    id: i.id, start: i.start, end: i.end, label: i.kind, quote: '', attributes: {}, createdAt: '', modifiedAt: '',
  })), [items]);

  const select = useCallback((item: ComparisonItem | null) => {
    setSelectedId(item?.id ?? null);
    if (item) article.current?.reveal(item);
  }, []);
  const step = (direction: 1 | -1) => select(nextDisagreement(items, selectedId, direction) ?? selected);

  const decide = (item: ComparisonItem, choice: ItemChoice) => {
    curated.edit((layer, ctx) => copyRelations(acceptItem(layer, item, choice, ctx), detail.layers, ctx));
    const after = nextDisagreement(items, item.id, 1);
    if (after) select(after);
  };
  const acceptAgreements = () => curated.edit((layer, ctx) => copyRelations(acceptAllAgreements(layer, items, ctx), detail.layers, ctx));

  const onKey = (event: KeyboardEvent): boolean => {
    if (event.ctrlKey || event.metaKey || event.altKey) {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z') { if (event.shiftKey) curated.redo(); else curated.undo(); return true; }
      return false;
    }
    // Letters work with Caps Lock on; accepting every agreement needs Shift.
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    if (key === 'j' || key === 'ArrowDown') { step(1); return true; }
    if (key === 'k' || key === 'ArrowUp') { step(-1); return true; }
    if (key === 'a') { if (event.shiftKey) acceptAgreements(); return true; }
    if (!selected) return false;
    const n = Number(event.key);
    if (Number.isInteger(n) && n >= 1 && n <= compared.length) {
      const annotator = compared[n - 1];
      if (selected.spans.some((s) => s.annotator === annotator)) decide(selected, { annotator });
      return true;
    }
    if (key === 'b') { decide(selected, 'both'); return true; }
    if (key === 'x') { decide(selected, 'neither'); return true; }
    return false;
  };

  const toggleAnnotator = (id: string) => setExcluded(toggled(excluded, id));
  const toggleLabel = (id: string) => setLabelFilter(toggled(labelFilter, id));

  return (
    <>
      <main className="tw-main tw-review">
        <div className="tw-toolbar tw-review-bar" role="toolbar" aria-label="Review">
          <span className="tw-muted">Compare</span>
          {withLayers.map((a) => (
            <label key={a} className="tw-check"><input type="checkbox" checked={!excluded.has(a)} onChange={() => toggleAnnotator(a)} />{names.get(a) ?? a}</label>
          ))}
          <span className="tw-sep" />
          {project.tagSchema.labels.map((l) => (
            <button key={l.id} type="button" className="tw-filter-chip" aria-pressed={labelFilter.has(l.id)} onClick={() => toggleLabel(l.id)}
              style={{ '--tw-swatch': l.color } as React.CSSProperties}>{l.name}</button>
          ))}
          <span className="tw-sep" />
          <button type="button" onClick={acceptAgreements} disabled={!summary.agreement} title="Shift+A">Accept all agreements</button>
          <button type="button" onClick={() => onEditCurated(null)} title="Open the curated layer in Annotate mode: change spans, add your own">Edit curated layer</button>
          <span className="tw-save" data-testid="review-progress" role="status">
            {items.length ? `${progress.decided} of ${progress.total} decided · ${progress.left} left` : ''}
            {curated.saveState === 'saving' ? ' · Saving…' : curated.saveState === 'error' ? ' · Not saved' : ''}
          </span>
        </div>
        {compared.length < 2 ? (
          <p className="tw-inline-alert">{withLayers.length < 2
            ? 'Only one annotator has annotated this document. Import a colleague\u2019s bundle or project folder to compare.'
            : 'Choose at least two annotators to compare.'}</p>
        ) : (
          <p className="tw-legend" aria-label="Legend">
            {KIND_LABELS.map((k) => <span key={k.id} className="tw-legend-item" style={{ '--tw-swatch': k.color } as React.CSSProperties}>{k.name} <b>{summary[k.id as ComparisonKind]}</b></span>)}
          </p>
        )}
        {curated.error && <p className="tw-inline-alert tw-error" role="alert">{curated.error}</p>}
        <ArticleView key={doc.id} document={doc} spans={shapes} labels={KIND_LABELS} selectedId={selectedId} granularity="token"
          language={doc.meta.language ?? project.language} handleRef={article} onKeyDown={onKey}
          onPick={(offset) => select(items.find((i) => i.id === pickAt(shapes, offset, selectedId)?.id) ?? null)}
          onResize={() => undefined} />
      </main>
      <aside className="tw-panel" aria-label="Disagreement">
        {selected ? (
          <section className="tw-item" data-testid="review-item">
            <h2>{KIND_NAME[selected.kind]}{itemDecided(curated.layer, selected) ? ' · decided' : ''}</h2>
            <ol className="tw-versions">
              {compared.map((a, i) => {
                const version = selected.spans.find((s) => s.annotator === a);
                const label = version ? labelOf.get(version.span.label) : undefined;
                return (
                  <li key={a} className="tw-version" style={{ '--tw-swatch': label?.color ?? 'transparent' } as React.CSSProperties}>
                    <div className="tw-version-who">{names.get(a) ?? a}</div>
                    {version ? (
                      <>
                        <div><b>{label?.name ?? version.span.label}</b> <span className="tw-muted">{version.span.start}–{version.span.end}</span></div>
                        <q className="tw-quote">{version.span.quote}</q>
                        <button type="button" onClick={() => decide(selected, { annotator: a })}>Accept ({i + 1})</button>
                        <DiscussionThread key={version.span.id} discussion={discussion} annotator={a} span={version.span} names={names} compact />
                      </>
                    ) : <div className="tw-muted">did not mark it</div>}
                  </li>
                );
              })}
            </ol>
            <div className="tw-dialog-actions tw-left">
              {selected.spans.length > 1 && <button type="button" onClick={() => decide(selected, 'both')}>Accept all (b)</button>}
              <button type="button" onClick={() => decide(selected, 'neither')}>Neither (x)</button>
            </div>
            {curatedFromItem(curated.layer, selected).map((s) => (
              <p key={s.id} className="tw-small">Curated: <b>{labelOf.get(s.label)?.name ?? s.label}</b> “{s.quote}” <span className="tw-muted">{s.origin!.decision} from {s.origin!.annotators.map((x) => names.get(x) ?? x).join(', ')}</span>
                {' '}<button type="button" className="tw-link" onClick={() => onEditCurated(s.id)}>Edit</button></p>
            ))}
          </section>
        ) : (
          <p className="tw-muted tw-panel-hint">Press j for the first disagreement, or click a marked passage. 1–{Math.max(compared.length, 2)} accept a version, b all, x neither, Shift+A all agreements.</p>
        )}
        <h2>Disagreements <span className="tw-muted">{items.length - summary.agreement}</span></h2>
        <ul className="tw-review-list" data-testid="review-list">
          {items.filter((i) => i.kind !== 'agreement').map((i) => (
            <li key={i.id}>
              <button type="button" className={`tw-span-row tw-review-row${i.id === selectedId ? ' tw-span-row-selected' : ''}`} onClick={() => select(i)}
                style={{ '--tw-swatch': KIND_LABELS.find((k) => k.id === i.kind)!.color } as React.CSSProperties}>
                <span className="tw-small">{KIND_NAME[i.kind]}{itemDecided(curated.layer, i) ? ' ✓' : ''}</span>
                <span>{i.spans.map((s) => `${names.get(s.annotator) ?? s.annotator}: ${labelOf.get(s.span.label)?.name ?? s.span.label}`).join(' · ')}</span>
                <span className="tw-muted tw-small">“{chars.slice(i.start, Math.min(i.end, i.start + 80)).join('')}”</span>
              </button>
            </li>
          ))}
        </ul>
        <h2>Curated layer <span className="tw-muted">{curated.layer.spans.length}</span></h2>
      </aside>
    </>
  );
}
