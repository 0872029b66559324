/**
 * Casualty figures in German and English news text: reading a figure the researcher tagged
 * (`mehr als 6.500 Toten` → at least 6500, killed) and finding figures worth suggesting.
 * The rules and their reasons are documented in docs/domain.md ("Casualty figures"); the words they
 * know are in casualty-words.ts, the tokenizer in casualty-tokens.ts, number expressions in number-words.ts.
 */
import { createOffsetIndex } from '../text/offsets';
import { isCapitalized, isCapitalizedInside, isSentenceEnd, isWord, lookupEndingAt, tokenize, type Token } from './casualty-tokens';
import {
  ARTICLE_WORDS, ASIDE, CONJUNCTIONS, COUNTING_ARTICLES, FUNCTION_WORDS, INTENSIFIERS, LINKING, MODIFIERS, MONTHS, NEGATIONS,
  OUTCOMES, outcomeAt, PREDICATE_PATH, PREPOSITIONS, REFERENCE_BEFORE, RELATIVES, UNIT_SYMBOLS, UNITS, victimAt, YEAR_BEFORE,
  type KnownOutcome, type VictimClass,
} from './casualty-words';
import { INDEFINITE_ARTICLES, readNumberExpr, type NumberExpr } from './number-words';

/** The normalised attributes of a casualty_figure span. */
export interface CasualtyAttributes {
  /** Lower bound (an integer), null when the text gives only an upper bound ("bis zu 40"). */
  count_min: number | null;
  /** Upper bound, equal to count_min for an exact figure, null for "at least"/"more than"/vague plurals. */
  count_max: number | null;
  /** The text hedges the figure: etwa, rund, knapp, fast, about, nearly, …, and vague plurals. */
  approximate: boolean;
  outcome: 'killed' | 'injured' | 'killed_or_injured' | 'missing' | 'displaced' | 'captured' | 'unknown';
  victims: 'civilian' | 'military' | 'mixed' | 'unknown';
  /** Who set the values: the parser always says 'auto'; the researcher's correction says 'annotator'. */
  normalized_by: 'auto' | 'annotator';
}

/** What happened to the people counted. */
export type CasualtyOutcome = CasualtyAttributes['outcome'];
/** Who the people counted were. */
export type CasualtyVictims = CasualtyAttributes['victims'];

/** A suggested casualty figure: code point offsets (half-open) into the text, its quote and attributes. */
export interface CasualtyFigure {
  start: number;
  end: number;
  quote: string;
  attributes: CasualtyAttributes;
}

// ---------------------------------------------------------------------------------------------
// What the outcome and victim words found make of a figure's attributes.

/** Several outcomes of one figure: killed and injured together are killed_or_injured; other mixes are unknown. */
function combineOutcomes(outcomes: KnownOutcome[]): CasualtyOutcome {
  const set = new Set(outcomes);
  if (set.size === 0) return 'unknown';
  if (set.size === 1) return outcomes[0];
  return [...set].every((o) => o === 'killed' || o === 'injured' || o === 'killed_or_injured') ? 'killed_or_injured' : 'unknown';
}

function victimsOf(classes: VictimClass[]): CasualtyVictims {
  const civilian = classes.includes('civilian');
  const military = classes.includes('military');
  return civilian && military ? 'mixed' : civilian ? 'civilian' : military ? 'military' : 'unknown';
}

// ---------------------------------------------------------------------------------------------
// The phrase after a number: its head (a person noun, an outcome word, another noun or nothing),
// the outcome and victim words in it, and whether it makes the number a unit or an age.

type HeadKind = 'person' | 'outcome' | 'unknown' | 'none';

interface NounPhrase {
  /** Last token of the phrase (the number expression's last token when there is no head). */
  end: number;
  head: HeadKind;
  /** The head is an outcome noun ("Toten", "Verletzte", "casualties"), not an adjective or participle. */
  headIsNoun: boolean;
  outcomes: KnownOutcome[];
  victims: VictimClass[];
  unit: boolean;
  /** A digit-led compound follows ("ein 25-jähriger"). */
  age: boolean;
}

/**
 * A second head joined by und/and/oder/or: a person noun after a person noun ("soldiers and
 * civilians"), an outcome word of the same kind after an outcome head ("Tote und Verletzte",
 * "killed or injured"), never a verb with its own object ("… und verletzte zwei weitere").
 */
function extendCoordinated(tokens: Token[], np: NounPhrase): void {
  const conj = tokens[np.end + 1];
  if (!isWord(conj) || !CONJUNCTIONS.has(conj.lower)) return;
  let k = np.end + 2;
  if (isWord(tokens[k]) && INTENSIFIERS.has(tokens[k].lower)) k++;
  if (!isWord(tokens[k]) || INDEFINITE_ARTICLES.has(tokens[k].lower) || readNumberExpr(tokens, k)) return;
  const v = victimAt(tokens, k);
  const o = outcomeAt(tokens, k);
  const nounLike = !!o && (o.value.pos === 'noun' || isCapitalizedInside(tokens, k));
  const length = np.head === 'person' ? v?.length : o && nounLike === np.headIsNoun ? o.length : undefined;
  if (length === undefined || startsFigure(tokens, k + length)) return;
  if (v) np.victims.push(v.value);
  if (o && np.head === 'outcome') np.outcomes.push(o.value.outcome);
  np.end = k + length - 1;
}

/** Person and outcome nouns right after a person head: "deutsche Soldaten", "civilian casualties". */
function extendPersonHead(tokens: Token[], np: NounPhrase): void {
  for (;;) {
    const v = victimAt(tokens, np.end + 1);
    const o = v ? null : outcomeAt(tokens, np.end + 1);
    if (v) {
      np.victims.push(v.value);
      np.end += v.length;
    } else if (o?.value.pos === 'noun') {
      np.outcomes.push(o.value.outcome);
      np.end += o.length;
    } else return;
  }
}

/** Reads the noun phrase after the number expression ending at token `e`. */
function readNounPhrase(tokens: Token[], e: number): NounPhrase {
  const np: NounPhrase = { end: e, head: 'none', headIsNoun: false, outcomes: [], victims: [], unit: false, age: false };
  const first = tokens[e + 1];
  if (!first) return np;
  np.unit = (first.kind === 'punct' && UNIT_SYMBOLS.has(first.text)) || (isWord(first) && UNITS.has(first.lower));
  np.age = isWord(first) && /^\d/.test(first.text);
  const pending: KnownOutcome[] = [];
  let tentative = -1;
  for (let k = e + 1; k <= e + 5 && isWord(tokens[k]) && !readNumberExpr(tokens, k);) {
    const v = victimAt(tokens, k);
    const o = outcomeAt(tokens, k);
    if (o && (o.value.pos === 'noun' || isCapitalizedInside(tokens, k))) {
      // "6.500 Toten", "12 Schwerverletzte", "Zivilopfer", "casualties"
      Object.assign(np, { head: 'outcome', headIsNoun: true, end: k + o.length - 1 });
      np.outcomes.push(...pending, o.value.outcome);
      if (v) np.victims.push(v.value);
      break;
    }
    if (v) {
      // "Zivilisten", "deutsche Soldaten", "civilian casualties"
      Object.assign(np, { head: 'person', end: k + v.length - 1 });
      np.victims.push(v.value);
      np.outcomes.push(...pending);
      extendPersonHead(tokens, np);
      break;
    }
    if (o) { pending.push(o.value.outcome); tentative = k + o.length - 1; k += o.length; continue; }
    const t = tokens[k];
    if (FUNCTION_WORDS.has(t.lower) || UNITS.has(t.lower)) break;
    if (isCapitalized(t)) {
      // An English nationality before a person noun ("Israeli soldiers"); otherwise a noun we do not know.
      if (tentative === -1 && victimAt(tokens, k + 1)) { k++; continue; }
      Object.assign(np, { head: 'unknown', end: k });
      np.outcomes.push(...pending);
      break;
    }
    k++;
  }
  if (np.head === 'none' && tentative >= 0) {
    Object.assign(np, { head: 'outcome', end: tentative });
    np.outcomes.push(...pending);
  } else if (np.head === 'none' && isWord(first) && !FUNCTION_WORDS.has(first.lower) && !MODIFIERS.has(first.lower) && !np.unit && !np.age
    && !readNumberExpr(tokens, e + 1)) {
    Object.assign(np, { head: 'unknown', end: e + 1 }); // "3 villages", "3 houses"
  } else if (np.head === 'none') {
    // "zwei weitere", "dozens more"
    const isMore = (t: Token | undefined) => isWord(t) && MODIFIERS.has(t.lower) && !INTENSIFIERS.has(t.lower);
    while (isMore(tokens[np.end + 1])) np.end++;
  }
  if (np.head === 'person' || np.head === 'outcome') extendCoordinated(tokens, np);
  return np;
}

// ---------------------------------------------------------------------------------------------
// The outcome from the clause around the phrase.

/** Where a figure's outcome was found, from most to least direct. */
type Source = 'phrase' | 'predicate' | 'after' | 'link' | 'verb' | 'none';

/** Index after the token that closes what `i` opens: `)` for `(`, the next comma for an aside. */
function skipPast(tokens: Token[], i: number, closer: string): number {
  let k = i + 1;
  while (k < tokens.length && tokens[k].text !== closer && !isSentenceEnd(tokens[k])) k++;
  return tokens[k]?.text === closer ? k + 1 : k;
}

/** Whether a figure starts at token `j` (the object of an active verb: "killed 3 people", "tötete einen Mann"). */
function startsFigure(tokens: Token[], j: number): boolean {
  return tokens[j]?.kind === 'number' || readNumberExpr(tokens, j) !== null;
}

/**
 * The predicate after the phrase ("63 Menschen … wurden getötet", "3 were killed"), within the
 * clause. `direct` when only auxiliaries and adverbs stand between. Asides ("darunter 20 Kinder")
 * and relative clauses are crossed only after a person noun; a verb with its own object belongs to that.
 */
function outcomeAfter(tokens: Token[], start: number, npEnd: number, head: HeadKind): { outcome: CasualtyOutcome; direct: boolean } | null {
  let direct = true, crossedFigure = false, words = 0;
  // A figure inside an aside ("…, darunter 20 Kinder, wurden getötet") shares the predicate after it.
  let inAside = isWord(tokens[start - 1]) && ASIDE.has(tokens[start - 1].lower);
  for (let i = npEnd + 1; i < tokens.length && words < 10;) {
    const t = tokens[i];
    if (t.kind === 'punct') {
      const next = tokens[i + 1];
      if (isSentenceEnd(t) || /^[–—-]$/.test(t.text)) return null;
      if (t.text === '(') { i = skipPast(tokens, i, ')'); direct = false; continue; }
      if (t.text === ',' && head === 'person' && isWord(next) && ASIDE.has(next.lower)) { i = skipPast(tokens, i + 1, ','); direct = false; continue; }
      if (t.text === ',' && head === 'person' && isWord(next) && RELATIVES.has(next.lower)) { i++; direct = false; continue; }
      if (t.text === ',' && inAside) { inAside = false; i++; direct = false; continue; }
      if (t.text === ',' || t.text === ')') return null;
      i++;
      continue;
    }
    if (t.kind !== 'word') {
      // "3 soldiers and 10 civilians were killed": cross a coordinated figure
      if (head !== 'person' || !isWord(tokens[i - 1]) || !CONJUNCTIONS.has(tokens[i - 1].lower)) return null;
      crossedFigure = true; direct = false; i++;
      continue;
    }
    const m = outcomeAt(tokens, i);
    if (!m) {
      if (!PREDICATE_PATH.has(t.lower)) direct = false;
      words++; i++;
      continue;
    }
    if (isWord(tokens[i - 1]) && NEGATIONS.has(tokens[i - 1].lower)) return null;
    const nounLike = m.value.pos === 'noun' || isCapitalizedInside(tokens, i);
    if (nounLike && crossedFigure) { i += m.length; words++; continue; } // the other figure's noun
    if (nounLike && head !== 'person') return null;
    if (startsFigure(tokens, i + m.length)) return null;
    const outcomes = [m.value.outcome];
    const conj = tokens[i + m.length];
    if (isWord(conj) && CONJUNCTIONS.has(conj.lower)) {
      const k = i + m.length + 1 + (INTENSIFIERS.has(tokens[i + m.length + 1]?.lower ?? '') ? 1 : 0);
      const second = outcomeAt(tokens, k);
      if (second && !startsFigure(tokens, k + second.length)) outcomes.push(second.value.outcome);
    }
    return { outcome: combineOutcomes(outcomes), direct };
  }
  return null;
}
/**
 * The outcome before the figure: an outcome word linked to it only by linking words ("the death
 * toll rose to 45", "Unter den Toten sind 3 Kinder", "killing 3"), or, if `verbs`, an outcome
 * verb earlier in the clause ("tötete … einen Palästinenser", "starben … mehr als 40 Menschen").
 */
function outcomeBefore(tokens: Token[], start: number, verbs: boolean): { outcome: KnownOutcome; via: 'link' | 'verb' } | null {
  let linked = true, afterAside = false;
  for (let i = start - 1, words = 0; i >= 0 && words < 8; i--) {
    const t = tokens[i];
    if (t.kind === 'punct') {
      if ((t.text === ',' || t.text === '(') && afterAside) { afterAside = false; continue; }
      return null;
    }
    afterAside = false;
    words++;
    if (t.kind !== 'word') { linked = false; continue; }
    const m = lookupEndingAt(OUTCOMES, tokens, i);
    if (m) {
      if (linked) return { outcome: m.value.outcome, via: 'link' };
      const isVerb = m.value.pos === 'verb' && !isCapitalizedInside(tokens, i - m.length + 1);
      return isVerb && verbs ? { outcome: m.value.outcome, via: 'verb' } : null;
    }
    if (ASIDE.has(t.lower)) afterAside = true;
    if (!LINKING.has(t.lower)) linked = false;
    if (!linked && !verbs) return null;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Phrases: a number expression with its noun phrase, why it is not a count (if so) and its outcome.

interface Phrase {
  expr: NumberExpr;
  np: NounPhrase;
  /** Why this is not a count of people (a unit, date, year, age, reference), or null. */
  blocked: string | null;
  outcome: CasualtyOutcome;
  source: Source;
  victims: CasualtyVictims;
}

const isInteger = (n: number | null) => n === null || Math.abs(n - Math.round(n)) < 1e-9;

/** Whether a preposition governs the figure ("in 30 Dörfern", "bei den 3 Polizisten", "of 3 children"). */
function hasPrepositionBefore(tokens: Token[], start: number): boolean {
  let i = start - 1;
  while (isWord(tokens[i]) && ARTICLE_WORDS.has(tokens[i].lower)) i--;
  return isWord(tokens[i]) && PREPOSITIONS.has(tokens[i].lower);
}

/** Why the expression is not a count of people, or null. */
function blockedReason(tokens: Token[], expr: NumberExpr, np: NounPhrase): string | null {
  const prev = tokens[expr.start - 1];
  const next = tokens[expr.end + 1];
  const afterDot = tokens[expr.end + 2];
  const isMonth = (t: Token | undefined) => isWord(t) && MONTHS.has(t.lower) && isCapitalized(t);
  if (np.unit) return 'unit';
  if (!isInteger(expr.min) || !isInteger(expr.max)) return 'fraction';
  if (isMonth(next) || isMonth(prev)) return 'date';
  // "am 27. September", "im 2. Weltkrieg", "die 3. Armee": a German ordinal, unless the dot ends a sentence
  if (next?.text === '.' && next.start === tokens[expr.end].end && isWord(afterDot)
    && (isMonth(afterDot) || !isCapitalized(afterDot) || (np.head === 'none' && !isSentenceEndLikely(tokens, expr)))) return 'ordinal';
  if (prev && (UNIT_SYMBOLS.has(prev.text) || REFERENCE_BEFORE.has(prev.lower))) return 'reference';
  if (prev?.lower === 'von' && tokens[expr.start - 2]?.lower === 'alter') return 'age';
  if (prev?.text === '(' && next?.text === ')') return 'age';
  // "the Two Margarets": a number word capitalised inside a sentence, before a noun we do not know, is a name
  if (np.head === 'unknown' && isWord(tokens[expr.core]) && isCapitalizedInside(tokens, expr.core)) return 'name';
  // "gestorben 84 1": a bare number followed by another is a page or list number
  if (np.head === 'none' && tokens[expr.end + 1]?.kind === 'number') return 'list';
  if (isWord(prev) && NEGATIONS.has(prev.lower)) return 'negated';
  // A year unless a person or outcome noun follows at once ("2000 Tote"; not "nach 1939 hohe Opfer").
  const countedNoun = (np.head === 'person' || (np.head === 'outcome' && np.headIsNoun)) && np.end === expr.end + 1;
  if (expr.yearLike && (!countedNoun || (isWord(prev) && YEAR_BEFORE.has(prev.lower)))) return 'year';
  return null;
}

/** A bare number followed by "." and a capitalised word ends a sentence when an outcome leads to it ("stieg auf 45. Die …"). */
function isSentenceEndLikely(tokens: Token[], expr: NumberExpr): boolean {
  return outcomeBefore(tokens, expr.start, false) !== null;
}

function readPhrase(tokens: Token[], expr: NumberExpr): Phrase {
  const np = readNounPhrase(tokens, expr.end);
  const blocked = blockedReason(tokens, expr, np);
  const victims = victimsOf(np.victims);
  if (np.outcomes.length > 0) return { expr, np, blocked, outcome: combineOutcomes(np.outcomes), source: 'phrase', victims };
  // Most direct first: a linked word before ("killing one child and wounding four others"), the
  // predicate after, an outcome verb earlier in the clause.
  const linked = outcomeBefore(tokens, expr.start, false);
  if (linked) return { expr, np, blocked, outcome: linked.outcome, source: 'link', victims };
  const governed = hasPrepositionBefore(tokens, expr.start);
  const after = governed ? null : outcomeAfter(tokens, expr.start, np.end, np.head);
  if (after) return { expr, np, blocked, outcome: after.outcome, source: after.direct ? 'predicate' : 'after', victims };
  const before = governed || (np.head !== 'person' && np.head !== 'outcome') ? null : outcomeBefore(tokens, expr.start, true);
  return { expr, np, blocked, outcome: before?.outcome ?? 'unknown', source: before?.via ?? 'none', victims };
}

/** Every number expression of the text with its phrase, left to right, none overlapping. */
function readPhrases(tokens: Token[]): Phrase[] {
  const phrases: Phrase[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const expr = readNumberExpr(tokens, i);
    if (!expr) continue;
    const phrase = readPhrase(tokens, expr);
    phrases.push(phrase);
    i = phrase.np.end;
  }
  return phrases;
}

/**
 * Whether a phrase is worth suggesting: a count of people with an outcome, where the number is
 * clearly the count of those people (see docs/domain.md for the rules).
 */
function isSuggestion(tokens: Token[], p: Phrase): boolean {
  if (p.blocked || p.outcome === 'unknown') return false;
  if (p.expr.article) {
    const counted = p.np.head === 'person' || (p.np.head === 'outcome' && p.np.headIsNoun);
    return COUNTING_ARTICLES.has(tokens[p.expr.core].lower) && counted && !p.np.age; // not "ein 25-jähriger"
  }
  if (p.np.head === 'person' || p.np.head === 'outcome') return true;
  return p.source === 'predicate' || p.source === 'link';
}

function attributesOf(p: Phrase): CasualtyAttributes {
  const round = (n: number | null) => (n === null ? null : Math.round(n));
  return {
    count_min: round(p.expr.min), count_max: round(p.expr.max), approximate: p.expr.approximate,
    outcome: p.outcome, victims: p.victims, normalized_by: 'auto',
  };
}

/** Joins context and span so that words do not run together ("Menschen" + "wurden"). */
function joinContext(before: string, text: string, after: string): { full: string; start: number; end: number } {
  const glue = (a: string, b: string) => (/[\p{L}\p{N}]$/u.test(a) && /^[\p{L}\p{N}]/u.test(b) ? ' ' : '');
  const pre = before + glue(before, text);
  return { full: pre + text + glue(text, after) + after, start: pre.length, end: pre.length + text.length };
}

/**
 * Normalise the text of a span tagged casualty_figure. `context` is text around the span that
 * may say what happened when the span does not ("63 Menschen" + after "wurden getötet"), or hold
 * a qualifier just before it ("mehr als" + "6.500 Toten"). The first count in the span is read;
 * a span the researcher tagged is read even without an outcome word (outcome 'unknown').
 * Returns null when the span holds no count at all: no number, or only a year, date, time,
 * ordinal, percentage, amount of money, distance or age.
 */
export function parseCasualtyFigure(text: string, context: { after?: string; before?: string } = {}): CasualtyAttributes | null {
  const { full, start, end } = joinContext(context.before ?? '', text, context.after ?? '');
  const tokens = tokenize(full);
  // The figure's numbers (not its qualifier) overlap the span: "6.500 Toten" after "mehr als", "45" after "von 30 auf".
  const inSpan = readPhrases(tokens).filter((p) => tokens[p.expr.end].end > start && tokens[p.expr.core].start < end && !p.blocked);
  const pick = inSpan.find((p) => !p.expr.article) ?? inSpan[0];
  return pick ? attributesOf(pick) : null;
}

/**
 * Find casualty-figure phrases in a text, for pre-annotation suggestions: offsets are Unicode
 * code points (half-open), `quote` is the matched text, `attributes` what parseCasualtyFigure
 * reads from the quote in its context. Only counts of people with an outcome word nearby are
 * proposed; years, dates, times, ages, percentages, money, distances, populations and ordinals
 * never are.
 */
export function findCasualtyFigures(text: string): CasualtyFigure[] {
  const tokens = tokenize(text);
  const index = createOffsetIndex(text);
  const codePoint = (utf16: number): number => {
    const cp = index.toCodePoint(utf16);
    if (cp === null) throw new RangeError(`token boundary ${utf16} inside a surrogate pair`);
    return cp;
  };
  return readPhrases(tokens).filter((p) => isSuggestion(tokens, p)).map((p) => {
    const from = tokens[p.expr.start].start;
    const to = tokens[p.np.end].end;
    return { start: codePoint(from), end: codePoint(to), quote: text.slice(from, to), attributes: attributesOf(p) };
  });
}
