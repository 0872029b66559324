/** Which annotation a click or a Tab press lands on, among nested and overlapping spans. */

interface Ranged { id: string; start: number; end: number }

/** Spans covering the character at `offset`, innermost (shortest) first. */
export function spansAt<S extends Ranged>(spans: readonly S[], offset: number): S[] {
  return spans.filter((s) => s.start <= offset && offset < s.end)
    .sort((a, b) => (a.end - a.start) - (b.end - b.start) || b.start - a.start);
}

/**
 * The span a click at `offset` selects: the innermost one there, or, when the click repeats on
 * the selected span, the next one outwards (so every nested span stays reachable by mouse).
 */
export function pickAt<S extends Ranged>(spans: readonly S[], offset: number, selectedId: string | null): S | null {
  const here = spansAt(spans, offset);
  if (!here.length) return null;
  const i = here.findIndex((s) => s.id === selectedId);
  return i === -1 ? here[0] : here[(i + 1) % here.length];
}

/**
 * The span after (or before) the selected one in document order. Null past the last (or first)
 * span: Tab then leaves the article as usual, so the keyboard is never trapped in it.
 */
export function stepSpan<S extends Ranged>(spans: readonly S[], selectedId: string | null, direction: 1 | -1): S | null {
  if (!spans.length) return null;
  const i = spans.findIndex((s) => s.id === selectedId);
  if (i === -1) return direction === 1 ? spans[0] : spans[spans.length - 1];
  return spans[i + direction] ?? null;
}
