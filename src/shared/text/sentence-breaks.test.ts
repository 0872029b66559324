import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { germevalSentences, hipeArticles, seedTexts, type RealText } from '../../../tests/fixtures/corpora';
import { plainBreaksAgree, plainSentenceBreaks } from './sentence-breaks';
import { sentenceRanges } from './sentences';

/** The seed articles, the GermEval 2014 sentences (tokens joined by spaces, as W2 builds its articles) and the HIPE-2020 articles. */
function realTexts(): RealText[] {
  const out = seedTexts();
  for (const file of ['NER-de-dev.tsv', 'NER-de-test.tsv'] as const) {
    const sentences = germevalSentences(file);
    // Paragraphs of a few sentences each, so that lines hold sentence breaks.
    for (let i = 0; i < sentences.length; i += 4) out.push({ text: sentences.slice(i, i + 4).join(' '), language: 'de' });
  }
  return [...out, ...hipeArticles()];
}

const segmenterOf = (language?: string) => new Intl.Segmenter(language ? [language] : [], { granularity: 'sentence' });
/** What the fast path stands in for: the end of each segment the segmenter gives. */
const segmentEnds = (segmenter: Intl.Segmenter, line: string) => Array.from(segmenter.segment(line), (s) => s.index + s.segment.length);

/** sentenceRanges as it was before the fast path: every line through the segmenter. */
function segmenterSentenceRanges(text: string, language?: string): { start: number; end: number }[] {
  const ABBREVIATION = /(?:^|[\s(„"'])(?:Dr|Nr|Nrn|ca|bzw|vgl|St|Prof|Mio|Mrd|Abs|Art|Bd|Jh|Jhd|Tel|usw|etc|sog|ggf|evtl|inkl|zzgl|u\.\s?a|z\.\s?B|d\.\s?h|v\.\s?a|u\.\s?U|o\.\s?ä|Mr|Mrs|Ms|Gen|Lt|Col|Sgt|Gov|Sen|Rep|No|vs|Jan|Feb|Apr|Aug|Sept?|Okt|Oct|Nov|Dez|Dec)\.$/;
  const ORDINAL = /(?:^|\s)\d{1,2}\.$/;
  const AFTER_ORDINAL = /^(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|Jahrhundert|Weltkrieg|Mal|Runde|Tag|Woche|Monat|Jahr|Platz)\b/;
  const continues = (before: string, after: string) =>
    /^\p{Ll}/u.test(after) || ABBREVIATION.test(before) || (ORDINAL.test(before) && AFTER_ORDINAL.test(after));
  const out: { start: number; end: number }[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    let previous: { start: number; end: number } | null = null;
    for (const seg of segmenterOf(language).segment(line)) {
      const lead = seg.segment.length - seg.segment.trimStart().length;
      const body = seg.segment.trim();
      if (!body) continue;
      const range = { start: lineStart + seg.index + lead, end: lineStart + seg.index + lead + body.length };
      if (previous && continues(text.slice(previous.start, previous.end), body)) previous.end = range.end;
      else { out.push(range); previous = range; }
    }
    lineStart += line.length + 1;
  }
  return out;
}

/** Characters of every class the fast path handles, and some it leaves to the segmenter. */
const FAST = ['a', 'z', 'Q', 'Ä', 'ß', 'é', 'Ł', 'ſ', '1', '0', '.', '.', '.', '!', '?', ' ', ' ', ' ', '"', "'", '(', ')', '[', '„', '“', '»', '’',
  ',', ';', ':', '-', '–', '—', '%', '…', '€', '§', '/', '·', '•'];
const SLOW = ['\u00a0', '\t', '\r', '\u2028', '\u0085', '\u00ad', '\u0301', 'ª', 'µ', 'α', 'д', '。', '‼', '؟', '😀', '\ufeff', '\u2024', '¹'];

describe('plainSentenceBreaks', () => {
  it('breaks every line of the seeds, GermEval 2014 and HIPE-2020 where the segmenter does, and handles most of them', () => {
    let plain = 0, lines = 0;
    const segmenters = new Map<string, Intl.Segmenter>();
    for (const { text, language } of realTexts()) {
      if (!segmenters.has(language)) segmenters.set(language, segmenterOf(language));
      for (const line of text.split('\n')) {
        lines++;
        const fast = plainSentenceBreaks(line);
        if (!fast) continue;
        plain++;
        const slow = segmentEnds(segmenters.get(language)!, line);
        if (JSON.stringify(fast) !== JSON.stringify(slow)) expect({ line, ends: fast }).toEqual({ line, ends: slow });
      }
    }
    expect(lines).toBeGreaterThan(10_000);
    expect(plain / lines).toBeGreaterThan(0.8);
  });

  it('breaks random lines where the segmenter does, in languages with and without tailorings', () => {
    const line = fc.array(fc.constantFrom(...FAST), { minLength: 1, maxLength: 16 }).map((cs) => cs.join(''));
    for (const language of ['de', 'en', 'fr', 'fi', 'sv', 'tr', 'nl', undefined]) {
      const segmenter = segmenterOf(language);
      expect(plainBreaksAgree(segmenter)).toBe(true);
      fc.assert(fc.property(line, (s) => { expect(plainSentenceBreaks(s)).toEqual(segmentEnds(segmenter, s)); }), { numRuns: 4000 });
    }
  });

  it('leaves a line with any character it does not handle to the segmenter', () => {
    for (const c of SLOW) expect(plainSentenceBreaks(`Er kam.${c} Sie ging.`)).toBeNull();
    expect(plainSentenceBreaks('')).toEqual([]);
  });

  it('keeps numbers, initials and lower-case continuations in one sentence, as the segmenter does', () => {
    const pieces = (s: string) => { let from = 0; return plainSentenceBreaks(s)!.map((end) => s.slice(from, (from = end))); };
    expect(pieces('Es waren 1.000 Menschen. U.S.A. kam, etc. und ging! Wirklich? „Ja.“ Gut.'))
      .toEqual(['Es waren 1.000 Menschen. ', 'U.S.A. kam, etc. und ging! ', 'Wirklich? ', '„Ja.“ ', 'Gut.']);
  });

  it('is not used where the segmenter is tailored: Greek ends a sentence at a semicolon', () => {
    expect(plainBreaksAgree(segmenterOf('el'))).toBe(false);
    const text = 'Kommt er; Ja. Gut';
    expect(sentenceRanges(text, 'el')).toEqual(segmenterSentenceRanges(text, 'el'));
    expect(sentenceRanges(text, 'el')).toHaveLength(3);
  });
});

describe('sentenceRanges with the fast path', () => {
  it('gives the sentences the segmenter alone gives on the seeds, GermEval 2014 and HIPE-2020', () => {
    for (const { text, language } of realTexts()) {
      const fast = sentenceRanges(text, language);
      const slow = segmenterSentenceRanges(text, language);
      if (JSON.stringify(fast) !== JSON.stringify(slow)) expect({ text, fast }).toEqual({ text, fast: slow });
    }
  });

  it('gives the sentences the segmenter alone gives on random texts of several lines, fast and slow ones mixed', () => {
    const text = fc.array(fc.constantFrom(...FAST, ...FAST, ...SLOW, '\n'), { minLength: 0, maxLength: 30 }).map((cs) => cs.join(''));
    for (const language of ['de', 'en', 'el', undefined]) {
      fc.assert(fc.property(text, (s) => { expect(sentenceRanges(s, language)).toEqual(segmenterSentenceRanges(s, language)); }), { numRuns: 2000 });
    }
  });
});
