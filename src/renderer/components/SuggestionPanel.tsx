/**
 * Suggestions in the side panel: the selected one (what it would become, why it is suggested,
 * accept or reject), or, when none is selected, how many of each kind are open, each kind with
 * "Step through" and "Accept all".
 */
import type { Label } from '../../shared/model/tag-schema';
import type { Suggestion } from '../../shared/domain/suggestions';
import { CASUALTY_LABEL } from '../../shared/domain/casualty-spans';
import type { Suggestions } from '../state/use-suggestions';

interface Props {
  suggestions: Suggestions;
  labels: readonly Label[];
}

export function SuggestionPanel({ suggestions, labels }: Props) {
  const { selected, open } = suggestions;
  const byId = new Map(labels.map((l) => [l.id, l]));
  const kinds = [...new Set(open.map((s) => s.label))].map((id) => ({ id, label: byId.get(id), count: open.filter((s) => s.label === id).length }));
  const plural = (n: number, label: Label | undefined) => `${n} ${label?.name.toLowerCase() ?? 'suggestion'}${n === 1 ? '' : ' suggestions'}`;

  if (selected) {
    const label = byId.get(selected.label);
    const same = open.filter((s) => s.label === selected.label).length;
    return (
      <section className="tw-suggestion-panel" aria-label="Selected suggestion" data-testid="suggestion-panel">
        <p className="tw-suggestion-kind" style={{ '--tw-swatch': label?.color } as React.CSSProperties}>
          <span className="tw-swatch" aria-hidden />Suggested: {label?.name ?? selected.label}
        </p>
        <blockquote className="tw-quote">{selected.quote}</blockquote>
        <p className="tw-muted">{selected.reason}</p>
        {selected.label === CASUALTY_LABEL && <p data-testid="suggestion-figure">{describeFigure(selected)}</p>}
        <div className="tw-suggestion-actions">
          <button type="button" className="tw-primary" onClick={() => suggestions.accept()} title="Enter">Accept <kbd>Enter</kbd></button>
          <button type="button" onClick={() => suggestions.reject()} title="Esc">Reject <kbd>Esc</kbd></button>
          {same > 1 && <button type="button" onClick={() => suggestions.acceptAll(selected.label)}>Accept all {same}</button>}
        </div>
        <p className="tw-muted tw-suggestion-nav">
          <button type="button" className="tw-link" onClick={() => suggestions.step(-1)}>← Previous</button>
          {' · '}{open.indexOf(selected) + 1} of {open.length}{' · '}
          <button type="button" className="tw-link" onClick={() => suggestions.step(1)}>Next →</button>
        </p>
      </section>
    );
  }

  if (!open.length && !suggestions.loading && !suggestions.problem) return null;
  return (
    <section className="tw-suggestion-summary" aria-label="Suggestions" data-testid="suggestion-summary">
      <h2>Suggestions</h2>
      {suggestions.problem && <p className="tw-inline-alert tw-error" role="alert">{suggestions.problem}</p>}
      <ul>
        {kinds.map((k) => (
          <li key={k.id} style={{ '--tw-swatch': k.label?.color } as React.CSSProperties}>
            <span className="tw-swatch" aria-hidden />
            <span className="tw-suggestion-count">{plural(k.count, k.label)}</span>
            <button type="button" className="tw-link" onClick={() => suggestions.select(open.find((s) => s.label === k.id)?.id ?? null)}>Step through</button>
            <button type="button" className="tw-link" onClick={() => suggestions.acceptAll(k.id)}>Accept all</button>
          </li>
        ))}
      </ul>
      {suggestions.loading && <p className="tw-muted">Place names follow once the gazetteer has loaded…</p>}
      <p className="tw-muted">Dashed underlines in the text. Suggestions are not annotations: nothing is saved or exported until you accept it.</p>
    </section>
  );
}

/** `63 killed (civilian)`, `at least 6500 killed`, `30–40 injured, approximate`. */
export function describeFigure(s: Pick<Suggestion, 'attributes'>): string {
  const { count_min: min, count_max: max, outcome, victims, approximate } = s.attributes;
  const count = min !== null && max !== null ? (min === max ? `${min}` : `${min}–${max}`)
    : min !== null ? `at least ${min}` : max !== null ? `up to ${max}` : 'an unknown number';
  const who = typeof victims === 'string' && victims !== 'unknown' ? ` (${victims})` : '';
  const what = typeof outcome === 'string' && outcome !== 'unknown' ? ` ${outcome.replace(/_/g, ' ')}` : '';
  return `${count}${what}${who}${approximate === true ? ', approximate' : ''}`;
}
