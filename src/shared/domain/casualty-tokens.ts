/**
 * The token stream the casualty-figure reader works on: a regex tokenizer for German and English
 * news text, tests on tokens (word, capitalised, sentence end) and lexicons of word sequences and
 * compound endings looked up in that stream. It knows no casualty words: casualty-words.ts has those.
 */
import { parseNumberInput } from '../model/attribute-values';

// Our own regex tokenizer rather than Intl.Segmenter: figures need `6 500`, `27.09.2020`,
// `12:03`, `25-jähriger` and `ca.` as single tokens, which word segmentation splits or joins otherwise.

type TokenKind = 'word' | 'number' | 'punct' | 'other';

export interface Token {
  kind: TokenKind;
  text: string;
  lower: string;
  /** UTF-16 offsets into the analysed text. */
  start: number;
  end: number;
  /** The value of a `number` token (6.500 → 6500, 1,5 → 1.5). */
  value: number | null;
}

const TOKEN = new RegExp([
  // dates, times, scores, fractions: never counts
  String.raw`(?<other>\d{1,2}\.\d{1,2}\.(?:\d{2,4})?(?!\d)|\d{4}-\d{2}-\d{2}|\d+[:/]\d+(?:[:/]\d+)?)`,
  // words, including digit-led compounds (25-jähriger, 45-year-old, 1990er) and truncated compounds (Schwer-)
  String.raw`(?<word>[ap]\.m\.|\d+(?:[.,]\d+)*-\p{L}[\p{L}\p{M}\d-]*|\d+\p{L}[\p{L}\p{M}]*|[\p{L}\p{M}][\p{L}\p{M}\d]*(?:['’-][\p{L}\p{M}\d]+)*(?:-(?=\s))?)`,
  // numbers with thousands groups (6.500, 6,500, 6 500) or a decimal mark (1,5)
  String.raw`(?<number>\d{1,3}(?:(?:[.,]|[ \u00a0\u202f\u2009](?=\d{3}(?!\d)))\d{3}(?!\d))+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)`,
  String.raw`(?<punct>[^\s\p{L}\p{M}\d])`,
].join('|'), 'gu');

/** Abbreviations whose period belongs to the word ("ca. 300", "2 Mio. Menschen"). */
const ABBREVIATIONS = new Set([
  'ca', 'mio', 'mrd', 'tsd', 'nr', 'no', 'art', 'bd', 's', 'p', 'fr', 'approx', 'bzw', 'jan', 'feb', 'mär', 'apr', 'jun',
  'jul', 'aug', 'sep', 'sept', 'okt', 'oct', 'nov', 'dez', 'dec', 'chr', 'jhd', 'st', 'dr', 'abs', 'vgl',
]);

/** Splits `text` into words, numbers and punctuation with UTF-16 offsets. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const re = new RegExp(TOKEN); // a fresh lastIndex per call
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const groups = m.groups ?? {};
    const kind: TokenKind = groups.other ? 'other' : groups.word ? 'word' : groups.number ? 'number' : 'punct';
    let end = m.index + m[0].length;
    if (kind === 'word' && text[end] === '.' && ABBREVIATIONS.has(m[0].toLowerCase())) re.lastIndex = ++end;
    const raw = text.slice(m.index, end);
    tokens.push({ kind, text: raw, lower: raw.toLowerCase(), start: m.index, end, value: kind === 'number' ? parseNumberInput(raw) : null });
  }
  return tokens;
}

const SENTENCE_END = new Set(['.', '!', '?', ';', ':', '…']);
export const isWord = (t: Token | undefined): t is Token => t?.kind === 'word';
export const isCapitalized = (t: Token): boolean => /^\p{Lu}/u.test(t.text);
export const isSentenceEnd = (t: Token | undefined): boolean => t?.kind === 'punct' && SENTENCE_END.has(t.text);
/** A capitalised word not at the start of a sentence: in German a noun, in English a name or nationality. */
export const isCapitalizedInside = (tokens: Token[], i: number): boolean =>
  isCapitalized(tokens[i]) && i > 0 && !isSentenceEnd(tokens[i - 1]) && !/^["„“«»(]$/.test(tokens[i - 1].text);

// ---------------------------------------------------------------------------------------------
// Lexicon lookup: exact word sequences (longest first) and compound endings (longest first).

interface Entry<T> { words: string[]; value: T }
export interface Lexicon<T> { byFirst: Map<string, Entry<T>[]>; suffixes: Entry<T>[]; maxWords: number }
export interface Match<T> { value: T; length: number }

export function createLexicon<T>(groups: ReadonlyArray<readonly [T, readonly string[]]>): Lexicon<T> {
  const byFirst = new Map<string, Entry<T>[]>();
  const suffixes: Entry<T>[] = [];
  let maxWords = 1;
  for (const [value, list] of groups) {
    for (const raw of list) {
      const entry: Entry<T> = { words: raw.replace(/^\*/, '').split(' '), value };
      maxWords = Math.max(maxWords, entry.words.length);
      byFirst.set(entry.words[0], [...(byFirst.get(entry.words[0]) ?? []), entry].sort((a, b) => b.words.length - a.words.length));
      if (raw.startsWith('*')) suffixes.push(entry);
    }
  }
  suffixes.sort((a, b) => b.words[0].length - a.words[0].length);
  return { byFirst, suffixes, maxWords };
}

/** The lexicon entry starting at token `i`: a word sequence, or a compound ending in an entry (never un-/nicht-). */
export function lookup<T>(lexicon: Lexicon<T>, tokens: Token[], i: number): Match<T> | null {
  const t = tokens[i];
  if (!isWord(t)) return null;
  for (const entry of lexicon.byFirst.get(t.lower) ?? []) {
    if (entry.words.every((w, k) => tokens[i + k]?.kind === 'word' && tokens[i + k].lower === w)) {
      return { value: entry.value, length: entry.words.length };
    }
  }
  const word = t.lower.replace(/-$/, '');
  for (const entry of lexicon.suffixes) {
    const suffix = entry.words[0];
    const prefix = word.slice(0, word.length - suffix.length);
    if (word.endsWith(suffix) && prefix.length >= 2 && !/^(un|nicht)-?$/.test(prefix)) return { value: entry.value, length: 1 };
  }
  return null;
}

/** The lexicon entry ending at token `i` (for looking backwards). */
export function lookupEndingAt<T>(lexicon: Lexicon<T>, tokens: Token[], i: number): Match<T> | null {
  for (let len = lexicon.maxWords; len >= 1; len--) {
    const m = i - len + 1 >= 0 ? lookup(lexicon, tokens, i - len + 1) : null;
    if (m && m.length === len) return m;
  }
  return null;
}
