/**
 * Sentences of the canonical text (Intl.Segmenter, never across a line break) and the tokens
 * of each: the units every token-based export (CoNLL, Hugging Face) and the token-level
 * agreement figures use, so that they can be recomputed from each other. Lines of plain Latin
 * text are split by `plainSentenceBreaks`, which breaks exactly where the segmenter does.
 */
import { plainBreaksAgree, plainSentenceBreaks } from './sentence-breaks';
import { tokenize, type TextRange } from './tokens';

/** The sentence segmenter of a language, and whether `plainSentenceBreaks` may stand in for it. */
interface SentenceSplitter { segmenter: Intl.Segmenter; plain: boolean }
const splitters = new Map<string, SentenceSplitter>();
function sentenceSplitter(language: string | undefined): SentenceSplitter {
  const key = language ?? '';
  let s = splitters.get(key);
  if (!s) {
    const segmenter = new Intl.Segmenter(language ? [language] : [], { granularity: 'sentence' });
    s = { segmenter, plain: plainBreaksAgree(segmenter) };
    splitters.set(key, s);
  }
  return s;
}

/** Where the segmenter ends each segment of `line` (plain Latin lines computed without it, equally). */
function segmentEnds(line: string, splitter: SentenceSplitter): number[] {
  const plain = splitter.plain ? plainSentenceBreaks(line) : null;
  return plain ?? Array.from(splitter.segmenter.segment(line), (seg) => seg.index + seg.segment.length);
}

/** Abbreviations whose full stop does not end a sentence in German and English news. */
const ABBREVIATION = /(?:^|[\s(„"'])(?:Dr|Nr|Nrn|ca|bzw|vgl|St|Prof|Mio|Mrd|Abs|Art|Bd|Jh|Jhd|Tel|usw|etc|sog|ggf|evtl|inkl|zzgl|u\.\s?a|z\.\s?B|d\.\s?h|v\.\s?a|u\.\s?U|o\.\s?ä|Mr|Mrs|Ms|Gen|Lt|Col|Sgt|Gov|Sen|Rep|No|vs|Jan|Feb|Apr|Aug|Sept?|Okt|Oct|Nov|Dez|Dec)\.$/;
/** A day or ordinal number with its full stop (`am 19.`, `zum 1.`, `der 2.`). */
const ORDINAL = /(?:^|\s)\d{1,2}\.$/;
const MONTH_OR_WORD_AFTER_ORDINAL = /^(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|Jahrhundert|Weltkrieg|Mal|Runde|Tag|Woche|Monat|Jahr|Platz)\b/;

/**
 * Whether the segmenter's break between `before` and `after` is no sentence end: after an
 * abbreviation, after a German date or ordinal (`am 19. September`), or before a lower-case word.
 */
function continues(before: string, after: string): boolean {
  if (/^\p{Ll}/u.test(after)) return true;
  if (ABBREVIATION.test(before)) return true;
  return ORDINAL.test(before) && MONTH_OR_WORD_AFTER_ORDINAL.test(after);
}

/** Sentence ranges (UTF-16 offsets), without surrounding whitespace, in text order; empty lines give none. */
export function sentenceRanges(text: string, language?: string): TextRange[] {
  const out: TextRange[] = [];
  let lineStart = 0;
  const splitter = sentenceSplitter(language);
  for (const line of text.split('\n')) {
    let previous: TextRange | null = null;
    let index = 0;
    for (const end of segmentEnds(line, splitter)) {
      const segment = line.slice(index, end);
      const lead = segment.length - segment.trimStart().length;
      const body = segment.trim();
      const at = index;
      index = end;
      if (!body) continue;
      const range = { start: lineStart + at + lead, end: lineStart + at + lead + body.length };
      if (previous && continues(text.slice(previous.start, previous.end), body)) previous.end = range.end;
      else { out.push(range); previous = range; }
    }
    lineStart += line.length + 1;
  }
  return out;
}

/** A sentence and its tokens (UTF-16 offsets into the whole text). */
export interface Sentence extends TextRange {
  tokens: (TextRange & { wordLike: boolean })[];
}

/** Every sentence with its tokens; tokens are word and punctuation segments, never whitespace. */
export function sentencesWithTokens(text: string, language?: string): Sentence[] {
  return sentenceRanges(text, language).map((s) => ({
    ...s,
    tokens: tokenize(text.slice(s.start, s.end), language).map((t) => ({ start: s.start + t.start, end: s.start + t.end, wordLike: t.wordLike })),
  })).filter((s) => s.tokens.length > 0);
}

/** The sentence containing UTF-16 offset `at`, or null in whitespace between sentences. */
export function sentenceAt(sentences: readonly TextRange[], at: number): TextRange | null {
  let lo = 0, hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid].end <= at) lo = mid + 1;
    else if (sentences[mid].start > at) hi = mid - 1;
    else return sentences[mid];
  }
  return null;
}
