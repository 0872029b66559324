/**
 * The tokens of one sentence exactly as `tokenize` (Intl.Segmenter, word granularity) gives
 * them, computed much faster for the characters most news text is made of.
 *
 * Why: the token formats and the token-level agreement figures tokenize every document, and
 * Intl.Segmenter costs about half a microsecond per segment (whitespace included), which made
 * tokenizing a 25 MB corpus take seconds. For Latin letters, digits and common punctuation the
 * word-break rules (UAX #29, as ICU implements them) reduce to a few lines:
 * - a space (U+0020) always separates segments, and runs of spaces are whitespace segments,
 *   which `tokenize` drops (WB3d, WB999);
 * - letters and digits next to each other form one word (WB5, WB8, WB9, WB10);
 * - `.`, `'`, `‘` and `’` join two letters (WB6, WB7) or two digits (WB11, WB12); `,` and `;`
 *   join two digits only (`1.000,5`, `z.B`, `don't` are single words, `Ende.` is not);
 * - every other character of the fast set is a segment of its own and not word-like, and so
 *   are `:` and `·` unless they stand between two letters or digits (locales may tailor that).
 * Everything else goes to `tokenize` itself: a stretch between spaces holding any other
 * character (or `:` between letters) is segmented on its own, since the rules above never look
 * across a space; and when such a stretch starts with a character that may cling to the space
 * before it (a combining mark, a format character, other whitespace) the whole sentence is.
 * The tests compare both on the corpora and on random strings in several languages.
 */
import { tokenize, type TextRange } from '../text/tokens';

/** A token of a sentence: UTF-16 offsets into it and whether it is a word (letters or digits). */
export type SentenceToken = TextRange & { wordLike: boolean };

const SLOW = 0, LETTER = 1, DIGIT = 2, OTHER = 3, MID_NUM_LET = 4, MID_NUM = 5, MID_LETTER = 6;
const SPACE = 0x20;
/** Characters that may join the space before them (WB3d, WB4): a stretch starting with one is not segmented alone. */
const CLINGS = /^[\s\p{M}\p{Cf}\u{1F3FB}-\u{1F3FF}]/u;

/** Word-break class of each BMP code unit this module handles itself; SLOW for the rest. */
const CLASS = new Uint8Array(0x10000);
for (let c = 0x41; c <= 0x5a; c++) CLASS[c] = LETTER;
for (let c = 0x61; c <= 0x7a; c++) CLASS[c] = LETTER;
// Latin-1 letters and Latin Extended-A (all ALetter), not × and ÷.
for (let c = 0xc0; c <= 0x17f; c++) if (c !== 0xd7 && c !== 0xf7) CLASS[c] = LETTER;
for (let c = 0x30; c <= 0x39; c++) CLASS[c] = DIGIT;
for (const ch of '!"#$%&()*+-/<=>?@[\\]^`{|}~¡¢£¥§«¬°±¶»¿×÷–—„“”‚…•‹›€') CLASS[ch.charCodeAt(0)] = OTHER;
for (const ch of ".'‘’") CLASS[ch.charCodeAt(0)] = MID_NUM_LET;
for (const ch of ',;') CLASS[ch.charCodeAt(0)] = MID_NUM;
for (const ch of ':·') CLASS[ch.charCodeAt(0)] = MID_LETTER;

const isWordChar = (c: number) => c === LETTER || c === DIGIT;
/** Whether `mid` between `before` and `after` keeps them in one word (WB6/7, WB11/12). */
const joins = (before: number, mid: number, after: number) =>
  (before === LETTER && after === LETTER && mid === MID_NUM_LET)
  || (before === DIGIT && after === DIGIT && (mid === MID_NUM_LET || mid === MID_NUM));

/**
 * Every token of the sentence `text` (or of the sentence `range` of it) that is not
 * whitespace, with UTF-16 offsets into `text`: the same list as `tokenize` gives for the
 * sentence, its offsets moved by `range.start`.
 */
export function tokenizeSentence(text: string, language?: string, range: TextRange = { start: 0, end: text.length }): SentenceToken[] {
  const out: SentenceToken[] = [];
  const { start: from, end: n } = range;
  let i = from;
  while (i < n) {
    if (text.charCodeAt(i) === SPACE) { i++; continue; }
    let j = i, simple = true;
    for (; j < n && text.charCodeAt(j) !== SPACE; j++) {
      const c = CLASS[text.charCodeAt(j)];
      if (c === SLOW) simple = false;
      else if (c === MID_LETTER && j > i && j + 1 < n && isWordChar(CLASS[text.charCodeAt(j - 1)]) && isWordChar(CLASS[text.charCodeAt(j + 1)])) simple = false;
    }
    if (!simple) {
      if (i > from && CLINGS.test(text.slice(i, i + 2))) return segmented(text, from, n, language);
      for (const t of segmented(text, i, j, language)) out.push(t);
      i = j;
      continue;
    }
    for (let k = i; k < j;) {
      if (!isWordChar(CLASS[text.charCodeAt(k)])) { out.push({ start: k, end: k + 1, wordLike: false }); k++; continue; }
      const start = k++;
      while (k < j) {
        if (isWordChar(CLASS[text.charCodeAt(k)])) k++;
        else if (k + 1 < j && joins(CLASS[text.charCodeAt(k - 1)], CLASS[text.charCodeAt(k)], CLASS[text.charCodeAt(k + 1)])) k += 2;
        else break;
      }
      out.push({ start, end: k, wordLike: true });
    }
    i = j;
  }
  return out;
}

/** The tokens `tokenize` gives for `text` from `start` to `end`, with offsets into `text`. */
function segmented(text: string, start: number, end: number, language: string | undefined): SentenceToken[] {
  return tokenize(text.slice(start, end), language).map((t) => ({ start: start + t.start, end: start + t.end, wordLike: t.wordLike }));
}
