/**
 * Pre-annotation: spans Tagwerk proposes before anyone tags them. Three sources, each trusting
 * only what it can be sure of: casualty-figure phrases (casualty.ts), the names and aliases of the
 * project's entities, and place names the gazetteer knows exactly. A suggestion is not an
 * annotation: it lives beside the layer until the researcher accepts it (it then becomes a span
 * like any other) or rejects it (its id is kept in the layer's `dismissed` list so that it does
 * not come back). Offsets are code points, like spans.
 */
import type { Attributes, Span } from '../model/annotation';
import { genitiveBase, normalizeName, withEntityLink, type Entity } from '../model/entities';
import { withPlaceLink } from '../model/user-places';
import { createOffsetIndex, type OffsetIndex } from '../text/offsets';
import { findCasualtyFigures } from './casualty';
import { CASUALTY_LABEL } from './casualty-spans';
import type { Place, PlaceHit } from './gazetteer';

/** The labels suggestions are made for besides casualty figures (the default schema's ids). */
export const ACTOR_LABEL = 'actor';
export const LOCATION_LABEL = 'location';

export interface Suggestion {
  /** `label:start:end`: stable as long as the canonical text is (it never changes). */
  id: string;
  label: string;
  start: number;
  end: number;
  quote: string;
  /** What the span gets on acceptance: the parser's figures, the entity or place link. */
  attributes: Attributes;
  /** Why it is suggested, for the person deciding: `Entity: Ilham Alijew`, `Place: Yerevan (AM)`. */
  reason: string;
}

/** The id of the suggestion for this label and range. */
export function suggestionId(label: string, start: number, end: number): string {
  return `${label}:${start}:${end}`;
}

/** One word of the text: UTF-16 offsets, and whether it starts with a capital letter. */
interface Word { start: number; end: number; capital: boolean }

// Words are letters and digits, joined by inner hyphens and apostrophes (`Berg-Karabach`, `Aliyev's`).
const WORD = /[\p{L}\p{N}]+(?:[-\u2010\u2011'\u2019][\p{L}\p{N}]+)*/gu;
const CAPITAL = /^\p{Lu}/u;
/** What may stand between two words of one name: spaces only (no full stop, comma or line break). */
const NAME_GAP = /^[ \u00a0]+$/;

function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const m of text.matchAll(WORD)) words.push({ start: m.index, end: m.index + m[0].length, capital: CAPITAL.test(m[0]) });
  return words;
}

/**
 * Walks the words and tries the longest run first (up to `maxWords`) at each word: `match` gets the
 * run's words and its text and answers whether it matched; a matched run is skipped past.
 */
function scanRuns(text: string, words: readonly Word[], maxWords: number, match: (run: readonly Word[], phrase: string) => boolean): void {
  for (let i = 0; i < words.length;) {
    let matched = 0;
    for (let n = Math.min(maxWords, words.length - i); n >= 1 && !matched; n--) {
      const run = words.slice(i, i + n);
      if (run.some((w, k) => k > 0 && !NAME_GAP.test(text.slice(run[k - 1].end, w.start)))) continue;
      if (match(run, text.slice(run[0].start, run[n - 1].end))) matched = n;
    }
    i += matched || 1;
  }
}

function suggestion(index: OffsetIndex, text: string, label: string, from: number, to: number, attributes: Attributes, reason: string): Suggestion | null {
  const start = index.toCodePoint(from);
  const end = index.toCodePoint(to);
  if (start === null || end === null) return null;
  return { id: suggestionId(label, start, end), label, start, end, quote: text.slice(from, to), attributes, reason };
}

/** Casualty figures the parser finds (see `findCasualtyFigures`), with their normalised attributes. */
export function suggestCasualtyFigures(text: string): Suggestion[] {
  return findCasualtyFigures(text).map((f) => ({
    id: suggestionId(CASUALTY_LABEL, f.start, f.end), label: CASUALTY_LABEL, start: f.start, end: f.end, quote: f.quote,
    attributes: { ...f.attributes }, reason: 'Casualty figure',
  }));
}

/**
 * Mentions of the project's entities: a name or alias as it stands (`der aserbaidschanische
 * Präsident`, compared like `normalizeName`: case, diacritics and hyphens aside) or in the
 * genitive (`Alijews`), and a person's surname alone when it is capitalised (`Alijew`). A form
 * several entities share is suggested without a link, the reason naming them all.
 */
export function suggestActors(text: string, entities: readonly Entity[]): Suggestion[] {
  const forms = new Map<string, { entities: Set<Entity>; surname: boolean }>();
  const add = (key: string, entity: Entity, surname: boolean) => {
    if (!key) return;
    const have = forms.get(key);
    if (have) { have.entities.add(entity); have.surname &&= surname; } else forms.set(key, { entities: new Set([entity]), surname });
  };
  for (const entity of entities) {
    for (const form of [entity.name, ...entity.aliases]) add(normalizeName(form), entity, false);
    const name = normalizeName(entity.name);
    const last = name.slice(name.lastIndexOf(' ') + 1);
    if (entity.type === 'person' && name.includes(' ') && last.length >= 3) add(last, entity, true);
  }
  if (!forms.size) return [];
  const maxWords = Math.max(...[...forms.keys()].map((k) => k.split(' ').length));
  const index = createOffsetIndex(text);
  const words = wordsOf(text);
  const out: Suggestion[] = [];
  scanRuns(text, words, maxWords, (run, phrase) => {
    const key = normalizeName(phrase);
    const base = genitiveBase(key);
    const found = forms.get(key) ?? (base === null ? undefined : forms.get(base));
    if (!found || (found.surname && !run[0].capital)) return false;
    const [only, ...more] = [...found.entities];
    const attributes = more.length ? {} : withEntityLink({}, only);
    const reason = more.length ? `Entity: ${[only, ...more].map((e) => e.name).join(' or ')} (choose one)` : `Entity: ${only.name}`;
    const s = suggestion(index, text, ACTOR_LABEL, run[0].start, run[run.length - 1].end, attributes, reason);
    if (s) out.push(s);
    return true;
  });
  return out;
}

/**
 * Place names: runs of up to three capitalised words (`Berg-Karabach`, `Den Haag`) that `lookup`
 * resolves to one place. The lookup decides what it trusts (see the service: exact names and
 * curated aliases, small towns only from the project's own places).
 */
export function suggestPlaces(text: string, lookup: (phrase: string) => Place | null): Suggestion[] {
  const index = createOffsetIndex(text);
  const words = wordsOf(text);
  const out: Suggestion[] = [];
  scanRuns(text, words, 3, (run, phrase) => {
    if (!run[0].capital || !run[run.length - 1].capital) return false;
    const place = lookup(phrase);
    if (!place) return false;
    const where = place.country && place.kind !== 'country' ? ` (${place.country})` : '';
    const s = suggestion(index, text, LOCATION_LABEL, run[0].start, run[run.length - 1].end, withPlaceLink({}, place), `Place: ${place.name}${where}`);
    if (s) out.push(s);
    return true;
  });
  return out;
}

/** Towns smaller than this are suggested only from the project's own places: below it, names that are also words (`Ende`, `Alle`, `Weil`) swamp the real ones. */
export const SUGGEST_MIN_POPULATION = 100_000;

/**
 * Words of German and English news that the gazetteer knows as a place name or a country's native
 * name, but that running text almost always uses otherwise (`Mann`, `Mitte Mai`, `Thai`), and
 * first names that are also towns (`George`, `Jackson`). Found by running the suggestions over the
 * GermEval 2014 test sentences; they can still be tagged and linked by hand.
 */
const NOT_PLACES: ReadonlySet<string> = new Set([
  'man', 'mann', 'mitte', 'male', 'thai', 'ende', 'essen', 'halle', 'mark', 'alle', 'weil', 'die',
  'george', 'mary', 'jackson', 'hamilton', 'richardson', 'victoria', 'virginia', 'york', 'elizabeth', 'lincoln', 'jos',
]);
/** The same for one language only: German `Island` is Iceland, English `island` is not. */
const NOT_PLACES_IN: Readonly<Record<string, ReadonlySet<string>>> = {
  en: new Set(['island', 'van', 'independence', 'union', 'nice', 'reading', 'bath', 'split']),
};

/** Lower case, spaces and hyphens dropped; diacritics kept (`Länder` is not `Lander`). */
function spelling(name: string): string {
  return name.normalize('NFC').toLowerCase().replace(/[\s\u00a0\u2010\u2011-]+/g, '');
}

/**
 * The place a phrase in running text names, if a suggestion may trust it: among the gazetteer's
 * hits for the phrase (`exactPlaces`, best first), the first whose name or an alias is spelled as
 * in the text (apart from case, hyphens and a genitive `-s`; a variant spelling alone or a
 * diacritics-folded match like `Fotos` -> `Fotö` is not enough) that is a country, a region, one of the
 * project's own places, a curated alias, or a town of at least `SUGGEST_MIN_POPULATION`; never
 * one of a few words that are places only now and then (`NOT_PLACES`, by the text's `language`).
 */
export function trustedPlace(phrase: string, hits: readonly PlaceHit[], language?: string): Place | null {
  const written = spelling(phrase);
  const forms = new Set([written, written.endsWith('s') ? written.slice(0, -1) : written]);
  const notHere = NOT_PLACES_IN[language?.slice(0, 2) ?? ''];
  if ([...forms].some((f) => NOT_PLACES.has(f) || notHere?.has(f))) return null;
  for (const { place, via } of hits) {
    // Reached by a variant or not, the place counts by its name or alias as written: GeoNames
    // lists `Londons` as a variant of London, which must still reach London by its name.
    if (![place.name, ...(place.aliases ?? [])].some((n) => forms.has(spelling(n)))) continue;
    const own = place.id.startsWith('user:');
    if (own || via === 'alias' || place.kind !== 'place' || (place.population ?? 0) >= SUGGEST_MIN_POPULATION) return place;
  }
  return null;
}

/** Which source wins where two suggestions overlap: the project's own entity list first. */
const PRIORITY: Record<string, number> = { [ACTOR_LABEL]: 0, [CASUALTY_LABEL]: 1, [LOCATION_LABEL]: 2 };

/**
 * The suggestions of several sources as one list in text order, without overlaps: where two
 * overlap, the one of the better source stays (actors, casualty figures, places), then the longer.
 */
export function mergeSuggestions(...lists: readonly Suggestion[][]): Suggestion[] {
  const rank = (s: Suggestion) => PRIORITY[s.label] ?? 9;
  const best = lists.flat().sort((a, b) => rank(a) - rank(b) || (b.end - b.start) - (a.end - a.start) || a.start - b.start);
  // Best first; each is kept unless it overlaps one kept already (kept stays in text order).
  const kept: Suggestion[] = [];
  for (const s of best) {
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (kept[mid].start < s.start) lo = mid + 1;
      else hi = mid;
    }
    const before = kept[lo - 1];
    const after = kept[lo];
    if ((before && before.end > s.start) || (after && after.start < s.end)) continue;
    kept.splice(lo, 0, s);
  }
  return kept;
}

/**
 * The suggestions still open in a layer: not dismissed, and not where the layer already has the
 * answer (a span of the same label overlapping it, or any span with exactly its range).
 */
export function openSuggestions(suggestions: readonly Suggestion[], spans: readonly Span[], dismissed: readonly string[] = []): Suggestion[] {
  if (!suggestions.length) return [];
  // Runs after every edit: no per-span allocation, only a pass for the longest span and a binary
  // search per suggestion (layers keep their spans ordered by start; other input is sorted here).
  const gone = new Set(dismissed);
  let ordered = true;
  let longest = 0;
  for (let i = 0; i < spans.length; i++) {
    if (i > 0 && spans[i].start < spans[i - 1].start) ordered = false;
    longest = Math.max(longest, spans[i].end - spans[i].start);
  }
  const sorted = ordered ? spans : [...spans].sort((a, b) => a.start - b.start);
  const answered = (s: Suggestion) => {
    let lo = 0, hi = sorted.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (sorted[mid].start < s.start - longest) lo = mid + 1; else hi = mid; }
    for (let i = lo; i < sorted.length && sorted[i].start < s.end; i++) {
      const x = sorted[i];
      if ((x.start === s.start && x.end === s.end) || (x.label === s.label && x.end > s.start)) return true;
    }
    return false;
  };
  return suggestions.filter((s) => !gone.has(s.id) && !answered(s));
}
