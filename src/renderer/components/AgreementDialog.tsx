/**
 * Agreement between annotators: which layers to compare, a table per label with the counts
 * behind each figure (on hover), a chart of the same figures, the documents one by one, and the
 * report as CSV or JSON. Figures and their definitions: docs/review.md.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import * as Plot from '@observablehq/plot';
import type { AgreementResult, ProjectInfo, TagwerkApi } from '../../shared/api/tagwerk-api';
import { agreementCsv, spansPerAnnotator, type Figures } from '../../shared/review/agreement';
import { toggled } from '../state/toggled';

interface Props {
  api: TagwerkApi;
  project: ProjectInfo;
  /** Document titles by id, for the per-document table. */
  titles: ReadonlyMap<string, string>;
  onClose: () => void;
}

const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '–' : v.toFixed(3));

/** One row's figures, with what stands behind each for the hover text. */
function rowCells(f: Figures, annotators: readonly string[]) {
  const mean = f.spans.mean;
  const kappa = f.tokens.cohenKappa ?? f.tokens.fleissKappa;
  const alpha = f.tokens.krippendorffAlpha;
  const spans = spansPerAnnotator(f, annotators);
  return [
    { text: spans.join(' / '), title: `spans of ${annotators.join(', ')}` },
    { text: fmt(mean?.exact.f1), title: mean ? `exact matches ${mean.counts.exact} of ${mean.counts.a} and ${mean.counts.b} spans; precision ${fmt(mean.exact.precision)}, recall ${fmt(mean.exact.recall)}` : '' },
    { text: fmt(mean?.overlap.f1), title: mean ? `overlap matches ${mean.counts.overlap}; precision ${fmt(mean.overlap.precision)}, recall ${fmt(mean.overlap.recall)}` : '' },
    { text: fmt(kappa?.value), title: kappa ? kappa.note ?? `${kappa.items} tokens; observed agreement ${fmt(kappa.observed)}, expected ${fmt(kappa.expected)}` : f.note ?? '' },
    { text: fmt(alpha?.value), title: alpha ? alpha.note ?? `${alpha.pairableValues} pairable values; observed disagreement ${fmt(alpha.observedDisagreement)}, expected ${fmt(alpha.expectedDisagreement)}` : f.note ?? '' },
    { text: fmt(f.unitizing?.value), title: f.unitizing ? f.unitizing.note ?? `${f.unitizing.units} units on ${f.unitizing.length} characters; observed disagreement ${fmt(f.unitizing.observedDisagreement)}, expected ${fmt(f.unitizing.expectedDisagreement)}` : f.note ?? '' },
  ];
}

/** Offers `data` as a file download (works in the browser and in Electron). */
function download(name: string, type: string, data: string) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url; a.download = name; a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function AgreementDialog({ api, project, titles, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const chart = useRef<HTMLDivElement>(null);
  const withLayers = project.annotators;
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(withLayers.map((a) => a.id)));
  const [result, setResult] = useState<AgreementResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const names = useMemo(() => new Map(project.annotators.map((a) => [a.id, a.name])), [project.annotators]);
  const labelNames = useMemo(() => new Map(project.tagSchema.labels.map((l) => [l.id, l.name])), [project.tagSchema.labels]);

  useEffect(() => { dialog.current?.showModal(); }, []);
  useEffect(() => {
    if (chosen.size < 2) { setResult(null); setError('Choose at least two annotators.'); return; }
    let current = true;
    api.agreement({ annotators: [...chosen] }).then(
      (r) => { if (current) { setResult(r); setError(null); } },
      (err: Error) => { if (current) { setResult(null); setError(err.message); } },
    );
    return () => { current = false; };
  }, [api, chosen]);

  // The chart: per label, F1 (overlap), κ and α_u side by side.
  useEffect(() => {
    const el = chart.current;
    if (!el || !result) return;
    const kappaName = result.annotators.length > 2 ? "Fleiss' κ" : "Cohen's κ";
    const rows = [...result.corpus.labels.map((l) => ({ label: labelNames.get(l.label) ?? l.label, f: l as Figures })), { label: 'All labels', f: result.corpus.all }];
    const data = rows.flatMap(({ label, f }) => [
      { label, measure: 'F1 (overlap)', value: f.spans.mean?.overlap.f1 ?? null },
      { label, measure: kappaName, value: (f.tokens.cohenKappa ?? f.tokens.fleissKappa)?.value ?? null },
      { label, measure: 'α_u', value: f.unitizing?.value ?? null },
    ]).filter((d) => d.value !== null) as { label: string; measure: string; value: number }[];
    const low = Math.min(0, ...data.map((d) => d.value));
    const plot = Plot.plot({
      width: 640, height: 36 + rows.length * 54, marginLeft: 110, marginRight: 40,
      x: { domain: [low, 1], grid: true, label: 'agreement' },
      y: { axis: null, domain: ['F1 (overlap)', kappaName, 'α_u'] },
      fy: { label: null, domain: rows.map((r) => r.label) },
      color: { domain: ['F1 (overlap)', kappaName, 'α_u'], range: ['#0072b2', '#e69f00', '#009e73'], legend: true },
      style: { fontSize: '12px', background: 'transparent' },
      marks: [
        Plot.barX(data, { x: 'value', y: 'measure', fy: 'label', fill: 'measure', title: (d: { measure: string; value: number }) => `${d.measure}: ${d.value.toFixed(3)}` }),
        Plot.text(data, { x: 'value', y: 'measure', fy: 'label', text: (d: { value: number }) => d.value.toFixed(2), dx: 16, fontSize: 10 }),
        Plot.ruleX([0]),
      ],
    });
    el.replaceChildren(plot);
    return () => { plot.remove(); };
  }, [result, labelNames]);

  const toggle = (id: string) => setChosen(toggled(chosen, id));
  const kappaName = result && result.annotators.length > 2 ? "Fleiss' κ" : "Cohen's κ";
  const head = [`Spans${result ? ` (${result.annotators.map((a) => names.get(a) ?? a).join(' / ')})` : ''}`, 'F1 exact', 'F1 overlap', kappaName, 'α', 'α_u'];

  return (
    <dialog ref={dialog} className="tw-dialog tw-agreement" aria-labelledby="agreement-title" onCancel={(e) => { e.preventDefault(); onClose(); }}>
      <h2 id="agreement-title">Agreement</h2>
      <fieldset className="tw-fieldset tw-inline-fieldset">
        <legend>Annotators</legend>
        {withLayers.map((a) => (
          <label key={a.id} className="tw-check"><input type="checkbox" checked={chosen.has(a.id)} onChange={() => toggle(a.id)} />{a.name}</label>
        ))}
      </fieldset>
      {error && <p className="tw-inline-alert tw-error" role="alert">{error}</p>}
      {result && (
        <>
          <p className="tw-muted tw-small" data-testid="agreement-scope">
            {result.corpus.documents} document(s) annotated by all of {result.annotators.map((a) => names.get(a) ?? a).join(', ')}: {result.corpus.tokens} tokens, {result.corpus.length} characters.
            {result.skipped.length > 0 && ` Left out: ${result.skipped.length} document(s) not every one of them annotated.`}
          </p>
          <table className="tw-table" data-testid="agreement-table">
            <thead><tr><th>Label</th>{head.map((h) => <th key={h}>{h}</th>)}</tr></thead>
            <tbody>
              {[...result.corpus.labels.map((l) => ({ key: l.label, name: labelNames.get(l.label) ?? l.label, f: l as Figures })), { key: '', name: 'All labels', f: result.corpus.all }].map(({ key, name, f }) => (
                <tr key={key} className={key ? '' : 'tw-total'}>
                  <th scope="row">{name}</th>
                  {rowCells(f, result.annotators).map((c, i) => <td key={i} title={c.title}>{c.text}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
          <div ref={chart} className="tw-chart" aria-label="Agreement per label" />
          <details className="tw-per-document">
            <summary>Per document ({result.documents.length})</summary>
            <table className="tw-table">
              <thead><tr><th>Document</th>{head.map((h) => <th key={h}>{h}</th>)}</tr></thead>
              <tbody>
                {result.documents.map((d) => (
                  <tr key={d.id}><th scope="row">{titles.get(d.id) ?? d.id}</th>{rowCells(d.all, result.annotators).map((c, i) => <td key={i} title={c.title}>{c.text}</td>)}</tr>
                ))}
              </tbody>
            </table>
          </details>
          <p className="tw-muted tw-small">Hover a figure for the counts behind it. F1: mean over annotator pairs; κ and α on the tokens of the CoNLL export; α_u on characters. Definitions: docs/review.md.</p>
        </>
      )}
      <div className="tw-dialog-actions">
        <button type="button" disabled={!result} onClick={() => result && download('agreement.csv', 'text/csv', agreementCsv(result))}>Save CSV</button>
        <button type="button" disabled={!result} onClick={() => result && download('agreement.json', 'application/json', `${JSON.stringify(result, null, 2)}\n`)}>Save JSON</button>
        <button type="button" className="tw-primary" onClick={onClose}>Close</button>
      </div>
    </dialog>
  );
}
