/** A readable title for a document that has none of its own: its first line or sentence, shortened. */

const MAX_TITLE = 90;

/** Derives a title from canonical text; `fallback` (e.g. the file name) when the text is empty. */
export function deriveTitle(text: string, language: string, fallback: string): string {
  const firstLine = text.split('\n', 1)[0].trim();
  if (!firstLine) return fallback;
  let candidate = firstLine;
  if (candidate.length > MAX_TITLE) {
    const segmenter = new Intl.Segmenter(language, { granularity: 'sentence' });
    const first = segmenter.segment(candidate)[Symbol.iterator]().next();
    if (!first.done) candidate = first.value.segment.trim();
  }
  return shorten(candidate, MAX_TITLE);
}

/** Cuts `value` at a word boundary so that it fits `max` characters, marking the cut with `…`. */
export function shorten(value: string, max: number): string {
  if (value.length <= max) return value;
  // Never keep half of a surrogate pair (an emoji) at the cut.
  const cut = value.slice(0, /[\ud800-\udbff]/.test(value[max - 1]) ? max - 1 : max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.5 ? cut.slice(0, space) : cut).replace(/[\s,;:–-]+$/u, '')}…`;
}
