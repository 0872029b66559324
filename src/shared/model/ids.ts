/** Identifiers: random ids for annotations and stable, readable ids for documents and annotators. */

/** A random, URL- and file-safe id (RFC 4122 v4 without dashes shortened to 16 hex digits). */
export function newId(prefix = ''): string {
  // Web Crypto exists in browsers, Electron and Node >= 19; typed loosely because src/shared sees no DOM.
  const { crypto } = globalThis as unknown as { crypto: { randomUUID(): string } };
  const hex = crypto.randomUUID().replace(/-/g, '').slice(0, 16);
  return prefix ? `${prefix}_${hex}` : hex;
}

/**
 * A lower-case ASCII slug for file names: umlauts transliterated, everything else outside
 * `[a-z0-9]` collapsed to single dashes. Never empty: falls back to `fallback`.
 */
export function slugify(value: string, fallback = 'untitled', maxLength = 48): string {
  const slug = value
    .replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue')
    .replace(/Ä/g, 'Ae').replace(/Ö/g, 'Oe').replace(/Ü/g, 'Ue').replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/g, '');
  return slug || fallback;
}

/**
 * Document ids: readable stem plus the first 8 hex digits of the canonical text's hash.
 * A stem that is already such an id for this text (a Tagwerk export imported elsewhere) is kept,
 * so that a document has the same id in every colleague's project.
 */
export function documentId(stem: string, textSha256: string): string {
  const suffix = `-${textSha256.slice(0, 8)}`;
  const asIs = slugify(stem, 'doc', 40 + suffix.length);
  return asIs.endsWith(suffix) ? asIs : `${slugify(stem, 'doc', 40)}${suffix}`;
}

/** The pattern every id that becomes part of a file name must match. */
export const SAFE_ID = /^[a-z0-9][a-z0-9_-]{0,79}$/;
