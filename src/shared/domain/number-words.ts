/**
 * German and English quantity words as news reports use them: cardinals written out ("zwölf",
 * "einundzwanzig", "zweihundert", "twenty-one"), multipliers ("Millionen", "dozen"), vague
 * plurals ("Dutzende", "hundreds") and the qualifiers that bound a figure ("mehr als", "at least",
 * "etwa", "bis zu"); and the number expressions they form in casualty-tokens.ts's token stream
 * ("mehr als 6.500", "zwischen 30 und 40"). casualty.ts reads figures from those expressions.
 */
import { createLexicon, isWord, lookup, type Token } from './casualty-tokens';
import { RISE_VERBS } from './casualty-words';

/** A lookup table from an object literal (a Map, so that words such as "constructor" are not found on the prototype). */
function table(entries: Record<string, number>): ReadonlyMap<string, number> {
  return new Map(Object.entries(entries));
}

const GERMAN_UNITS = table({
  ein: 1, zwei: 2, drei: 3, vier: 4, fünf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9,
});
const GERMAN_TEENS = table({
  zehn: 10, elf: 11, zwölf: 12, dreizehn: 13, vierzehn: 14, fünfzehn: 15, sechzehn: 16, siebzehn: 17, achtzehn: 18, neunzehn: 19,
});
const GERMAN_TENS = table({
  zwanzig: 20, dreißig: 30, dreissig: 30, vierzig: 40, fünfzig: 50, sechzig: 60, siebzig: 70, achtzig: 80, neunzig: 90,
});
/** Whole words that are numbers on their own but not parts of compounds. */
const GERMAN_STANDALONE = table({
  null: 0, eins: 1, anderthalb: 1.5, eineinhalb: 1.5, zweieinhalb: 2.5, hundert: 100, tausend: 1000,
});

const ENGLISH_NUMBERS = table({
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
});

/**
 * Words that multiply the number before them ("1,5 Millionen", "two dozen", "drei Tausend") or
 * stand for their value after an article ("a dozen", "eine Million").
 */
const MULTIPLIERS = table({
  dutzend: 12, hundert: 100, tausend: 1000, tsd: 1000, 'tsd.': 1000, million: 1e6, millionen: 1e6, 'mio.': 1e6, mio: 1e6,
  milliarde: 1e9, milliarden: 1e9, 'mrd.': 1e9, mrd: 1e9,
  dozen: 12, score: 20, hundred: 100, thousand: 1000, billion: 1e9,
});

/**
 * Vague plurals and the smallest count each literally implies: "Dutzende" are at least two
 * dozen, "hundreds" at least two hundred. A figure built on one is always approximate and has no
 * upper bound. "Millionen"/"millions" only count as vague without a number before them.
 */
const VAGUE_PLURALS = table({
  dutzende: 24, dutzenden: 24, hunderte: 200, hunderten: 200, tausende: 2000, tausenden: 2000,
  zehntausende: 20_000, zehntausenden: 20_000, hunderttausende: 200_000, hunderttausenden: 200_000,
  millionen: 2e6,
  dozens: 24, scores: 40, hundreds: 200, thousands: 2000, millions: 2e6,
  tens: 20, // only in "tens of thousands"/"tens of millions"
});

/** "einige hundert", "several dozen", "a few thousand": at least two of the multiplier, approximate. */
export const FEW_WORDS: ReadonlySet<string> = new Set(['einige', 'mehrere', 'paar', 'several', 'few']);

/** Articles that are the count one only when the researcher tagged them ("ein Soldat", "a child"). */
export const INDEFINITE_ARTICLES: ReadonlySet<string> = new Set(['ein', 'eine', 'einen', 'einem', 'einer', 'eines', 'a', 'an']);

/** What a qualifier does to the figure after it. */
export type QualifierKind = 'approximate' | 'at_least' | 'at_most';

/**
 * Qualifiers before a figure, lower case, as word sequences. "mehr als N" and "at least N" record
 * N as the lower bound (not N + 1): researchers record the figure that was stated.
 */
export const QUALIFIERS: ReadonlyArray<readonly [string, QualifierKind]> = [
  ['etwa', 'approximate'], ['rund', 'approximate'], ['circa', 'approximate'], ['ca.', 'approximate'], ['ca', 'approximate'],
  ['zirka', 'approximate'], ['ungefähr', 'approximate'], ['annähernd', 'approximate'], ['schätzungsweise', 'approximate'],
  ['knapp', 'approximate'], ['fast', 'approximate'], ['beinahe', 'approximate'], ['nahezu', 'approximate'],
  ['um die', 'approximate'], ['an die', 'approximate'], ['geschätzte', 'approximate'], ['geschätzt', 'approximate'],
  ['about', 'approximate'], ['around', 'approximate'], ['roughly', 'approximate'], ['approximately', 'approximate'],
  ['approx.', 'approximate'], ['some', 'approximate'], ['nearly', 'approximate'], ['almost', 'approximate'],
  ['close to', 'approximate'], ['an estimated', 'approximate'], ['estimated', 'approximate'],
  ['mehr als', 'at_least'], ['über', 'at_least'], ['mindestens', 'at_least'], ['wenigstens', 'at_least'],
  ['weit mehr als', 'at_least'], ['deutlich mehr als', 'at_least'], ['weit über', 'at_least'], ['nicht weniger als', 'at_least'],
  ['at least', 'at_least'], ['more than', 'at_least'], ['over', 'at_least'], ['upwards of', 'at_least'], ['in excess of', 'at_least'],
  ['well over', 'at_least'], ['far more than', 'at_least'], ['no fewer than', 'at_least'], ['no less than', 'at_least'],
  ['bis zu', 'at_most'], ['weniger als', 'at_most'], ['höchstens', 'at_most'], ['maximal', 'at_most'], ['nicht mehr als', 'at_most'],
  ['up to', 'at_most'], ['fewer than', 'at_most'], ['less than', 'at_most'], ['at most', 'at_most'], ['no more than', 'at_most'],
];

/** The value of one German word below a hundred: "sieben", "zwölf", "dreißig", "einundzwanzig". */
function germanBelowHundred(w: string): number | null {
  const simple = GERMAN_UNITS.get(w) ?? GERMAN_TEENS.get(w) ?? GERMAN_TENS.get(w);
  if (simple !== undefined) return simple;
  const m = /^(.+?)und(.+)$/.exec(w);
  const unit = m ? GERMAN_UNITS.get(m[1]) : undefined;
  const tens = m ? GERMAN_TENS.get(m[2]) : undefined;
  return unit !== undefined && tens !== undefined ? unit + tens : null;
}

/** The value of one German word below a thousand: "hundert", "zweihundertfünfzig". */
function germanBelowThousand(w: string): number | null {
  const at = w.indexOf('hundert');
  if (at === -1) return germanBelowHundred(w);
  const left = w.slice(0, at);
  const right = w.slice(at + 'hundert'.length);
  const hundreds = left === '' ? 1 : germanBelowHundred(left);
  const rest = right === '' ? 0 : germanBelowHundred(right);
  return hundreds === null || rest === null || hundreds > 9 ? null : hundreds * 100 + rest;
}

/**
 * A German cardinal written as one word, lower case: "zwölf" → 12, "einundzwanzig" → 21,
 * "zweitausendfünfhundert" → 2500. The bare articles (ein, eine, …) and ordinals ("zweiten")
 * are not cardinals here.
 */
export function germanCardinal(w: string): number | null {
  const standalone = GERMAN_STANDALONE.get(w);
  if (standalone !== undefined) return standalone;
  if (w === 'ein') return null;
  const at = w.indexOf('tausend');
  if (at === -1) return germanBelowThousand(w);
  const left = w.slice(0, at);
  const right = w.slice(at + 'tausend'.length);
  const thousands = left === '' ? 1 : germanBelowThousand(left);
  const rest = right === '' ? 0 : germanBelowThousand(right);
  return thousands === null || rest === null ? null : thousands * 1000 + rest;
}

/** An English cardinal word, lower case: "twelve" → 12, "twenty-one" → 21. */
export function englishCardinal(w: string): number | null {
  const simple = ENGLISH_NUMBERS.get(w);
  if (simple !== undefined) return simple;
  const m = /^([a-z]+)-([a-z]+)$/.exec(w);
  const tens = m ? ENGLISH_NUMBERS.get(m[1]) : undefined;
  const unit = m ? ENGLISH_NUMBERS.get(m[2]) : undefined;
  if (tens === undefined || unit === undefined) return null;
  return tens >= 20 && tens % 10 === 0 && unit >= 1 && unit <= 9 ? tens + unit : null;
}

/** A cardinal number word in either language ("zwölf", "twelve", "hundert"), or null. */
export function cardinalWord(w: string): number | null {
  return englishCardinal(w) ?? germanCardinal(w);
}

/** The multiplier a word stands for ("Millionen" → 1e6, "dozen" → 12), or null. */
export function multiplierOf(w: string): number | null {
  return MULTIPLIERS.get(w) ?? null;
}

/** The smallest count a vague plural implies ("Dutzende" → 24, "hundreds" → 200), or null. */
export function vagueMinimum(w: string): number | null {
  return VAGUE_PLURALS.get(w) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Number expressions: [qualifier] cardinal [range], e.g. "mehr als 6.500", "zwischen 30 und 40",
// "1,5 Millionen", "Dutzende", "two dozen", "von 30 auf 45".

const QUALIFIER_LEXICON = createLexicon<QualifierKind>(QUALIFIERS.map(([words, kind]) => [kind, [words]] as const));

interface Cardinal {
  value: number;
  /** Last token of the cardinal. */
  end: number;
  /** A bare article (ein, eine, a, an): the count one only when the rest says so. */
  article: boolean;
  /** A vague plural or "several hundred": value is the smallest count implied. */
  vague: boolean;
  /** The product of multipliers applied ("2 Millionen" → 1e6), 1 without. */
  scale: number;
  /** A single plain digit token: 2020, not 2.020 or zweitausendzwanzig. */
  plainDigits: boolean;
}

/** A figure's number expression: where it stands in the tokens and the bounds it gives. */
export interface NumberExpr {
  /** First token (qualifier or range word), core token (the first number), last token. */
  start: number;
  core: number;
  end: number;
  min: number | null;
  max: number | null;
  approximate: boolean;
  article: boolean;
  /** Shaped like a year (1000–2100 in plain digits) and not qualified. */
  yearLike: boolean;
}

const isOf = (t: Token | undefined) => isWord(t) && (t.lower === 'of' || t.lower === 'von');

/** Multipliers and written-out parts after a first value: "Millionen", "hundred and fifty", "thousand five hundred". */
function readMultipliers(tokens: Token[], k: number, first: number): { value: number; end: number; scale: number } {
  let total = 0, current = first, scale = 1, end = k - 1, lastMultiplier = 0;
  for (;;) {
    const t = tokens[end + 1];
    if (!isWord(t)) break;
    const m = multiplierOf(t.lower);
    if (m !== null) {
      if (m >= 1000) { total += current * m; current = 0; } else current *= m;
      scale *= m; lastMultiplier = m; end++;
      continue;
    }
    const part = lastMultiplier ? cardinalWord(t.lower) : null;
    if (part !== null && part < lastMultiplier) { current += part; end++; continue; }
    if (t.lower === 'and' && lastMultiplier && cardinalWord(tokens[end + 2]?.lower ?? '') !== null) { end++; continue; }
    break;
  }
  return { value: total + current, end, scale };
}

/** The cardinal starting at token `j`, or null. */
function readCardinal(tokens: Token[], j: number): Cardinal | null {
  const t = tokens[j];
  if (!t) return null;
  if (t.kind === 'number') {
    if (t.value === null) return null;
    const r = readMultipliers(tokens, j + 1, t.value);
    return { value: r.value, end: r.end, article: false, vague: false, scale: r.scale, plainDigits: r.scale === 1 && /^\d+$/.test(t.text) };
  }
  if (!isWord(t)) return null;
  const next = tokens[j + 1];
  const vague = vagueMinimum(t.lower);
  if (vague !== null && (t.lower !== 'tens' || (isOf(next) && /^(thousands|millions)$/.test(tokens[j + 2]?.lower ?? '')))) {
    let value = vague, end = j;
    // "hundreds of thousands", "Tausende von …"
    if (isOf(tokens[end + 1])) end++;
    const bigger = tokens[end + 1]?.lower;
    if (bigger === 'thousands' || bigger === 'millions') { value = (value / 2) * (bigger === 'thousands' ? 2000 : 2e6); end++; }
    if (isOf(tokens[end + 1])) end++;
    return { value, end, article: false, vague: true, scale: 1, plainDigits: false };
  }
  // "einige hundert", "several dozen", "a few thousand", "ein paar tausend"
  const fewLength = FEW_WORDS.has(t.lower) ? 1 : (t.lower === 'a' || t.lower === 'ein') && isWord(next) && FEW_WORDS.has(next.lower) ? 2 : 0;
  const fewMultiplier = fewLength ? multiplierOf(tokens[j + fewLength]?.lower ?? '') : null;
  if (fewMultiplier !== null) {
    let end = j + fewLength;
    if (isOf(tokens[end + 1])) end++;
    return { value: 2 * fewMultiplier, end, article: false, vague: true, scale: fewMultiplier, plainDigits: false };
  }
  if (INDEFINITE_ARTICLES.has(t.lower)) {
    if (isWord(next) && FEW_WORDS.has(next.lower)) return null; // "a few people", "ein paar Tote": no figure
    if (isWord(next) && multiplierOf(next.lower) !== null) {
      const r = readMultipliers(tokens, j + 1, 1);
      return { value: r.value, end: r.end, article: false, vague: false, scale: r.scale, plainDigits: false };
    }
    return { value: 1, end: j, article: true, vague: false, scale: 1, plainDigits: false };
  }
  const word = cardinalWord(t.lower);
  if (word === null) return null;
  const r = readMultipliers(tokens, j + 1, word);
  return { value: r.value, end: r.end, article: false, vague: false, scale: r.scale, plainDigits: false };
}

/** The second figure of a range after `a` ("bis 40", "to 40", "-40", "oder drei"), or null. */
function readRangeEnd(tokens: Token[], a: Cardinal, keyword: string | null): { b: Cardinal; change: boolean } | null {
  const sep = tokens[a.end + 1];
  if (!sep) return null;
  const s = sep.lower;
  const allowed = keyword === 'zwischen' || keyword === 'between' ? ['und', 'and']
    : keyword === 'von' ? ['bis', 'auf'] : keyword === 'from' ? ['to']
      : ['bis', 'to', '-', '–', '—', 'oder', 'or'];
  if (!allowed.includes(s)) return null;
  if (s === 'bis' && tokens[a.end + 2]?.lower === 'zu') return null;
  const b = readCardinal(tokens, a.end + 2);
  if (!b || b.article || b.vague) return null;
  if ((s === 'oder' || s === 'or') && !(b.value > a.value)) return null;
  return { b, change: s === 'auf' };
}

/** The number expression starting at token `i`, or null. */
export function readNumberExpr(tokens: Token[], i: number): NumberExpr | null {
  const q = lookup(QUALIFIER_LEXICON, tokens, i);
  const keyword = isWord(tokens[i]) && ['zwischen', 'between', 'von', 'from'].includes(tokens[i].lower) ? tokens[i].lower : null;
  const core = q ? i + q.length : keyword ? i + 1 : i;
  const a = readCardinal(tokens, core);
  if (!a || ((q || keyword) && a.article)) return null; // "über eine getötete Deutsche": über is a preposition here
  const range = a.article || a.vague ? null : readRangeEnd(tokens, a, keyword);
  if (keyword && !range) return null;
  const base: Omit<NumberExpr, 'min' | 'max' | 'approximate'> = {
    start: i, core, end: range ? range.b.end : a.end, article: a.article,
    yearLike: !q && a.plainDigits && a.value >= 1000 && a.value <= 2100 && (!range || range.b.plainDigits),
  };
  const approximate = q?.value === 'approximate';
  if (range) {
    const riseBefore = isWord(tokens[i - 1]) && RISE_VERBS.has(tokens[i - 1].lower);
    if (range.change || (keyword === 'from' && riseBefore)) return { ...base, min: range.b.value, max: range.b.value, approximate };
    // "1 bis 2 Millionen": the multiplier of the second figure applies to the first
    const from = a.scale === 1 && range.b.scale > 1 && a.value * range.b.scale <= range.b.value ? a.value * range.b.scale : a.value;
    return { ...base, min: from, max: range.b.value, approximate };
  }
  if (a.vague) return { ...base, min: a.value, max: null, approximate: true };
  if (q?.value === 'at_least') return { ...base, min: a.value, max: null, approximate: false };
  if (q?.value === 'at_most') return { ...base, min: null, max: a.value, approximate: false };
  return { ...base, min: a.value, max: a.value, approximate };
}
