/**
 * Canonical text: the one string every offset points into. Rules (docs/project-format.md):
 * BOM removed (by the decoder), line endings normalised to `\n`, a leading `date YYYY-MM[-DD]`
 * header moved into metadata, leading and trailing whitespace of the whole text removed.
 * Nothing else is changed: no Unicode normalisation, no whitespace collapsing inside the text.
 */

/** `\r\n` and lone `\r` become `\n`. */
export function normalizeLineEndings(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

const DATE_HEADER = /^[ \t\n]*date[ \t]+(\d{4})-(\d{2})(?:-(\d{2}))?(?=[\s]|$)[ \t]*\n?/;

/**
 * Splits a leading ` date YYYY-MM[-DD] ` header (as in the sample articles) from the body.
 * Returns `date: null` and the text unchanged when there is no valid header.
 */
export function splitDateHeader(text: string): { date: string | null; body: string } {
  const m = DATE_HEADER.exec(text);
  if (!m) return { date: null, body: text };
  const month = Number(m[2]);
  const day = m[3] === undefined ? null : Number(m[3]);
  if (month < 1 || month > 12 || (day !== null && (day < 1 || day > daysInMonth(Number(m[1]), month)))) {
    return { date: null, body: text };
  }
  const date = day === null ? `${m[1]}-${m[2]}` : `${m[1]}-${m[2]}-${m[3]}`;
  return { date, body: text.slice(m[0].length) };
}

/** Number of days of `month` (1–12) in `year`, leap years included (2024-02 has 29, 2025-02 has 28). */
function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Canonical text of a plain-text body plus the date found in its header, if any. */
export function canonicalizePlainText(decoded: string): { text: string; date: string | null } {
  const { date, body } = splitDateHeader(normalizeLineEndings(decoded));
  return { text: body.trim(), date };
}
