import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { germevalSentences, hipeArticles, seedTexts, type RealText } from '../../../tests/fixtures/corpora';
import { sentenceRanges, sentencesWithTokens } from '../text/sentences';
import { tokenize } from '../text/tokens';
import { tokenizeSentence } from './sentence-tokens';
import { tokenizeDocument } from './token-tags';

/** The seed articles, the GermEval 2014 sentences (tokens joined by spaces) and the HIPE-2020 articles (OCR, de and en). */
function realTexts(): RealText[] {
  const germeval = (['NER-de-dev.tsv', 'NER-de-test.tsv'] as const).map((file) => ({ text: germevalSentences(file).join('\n'), language: 'de' }));
  return [...seedTexts(), ...germeval, ...hipeArticles()];
}

/** Characters the fast path handles, next to the ones it leaves to Intl.Segmenter. */
const FAST = ['a', 'Z', 'ä', 'ß', 'é', 'ł', 'ſ', '1', '0', '.', "'", '’', '‘', ',', ';', ':', '·', '-', '(', ')', '„', '“', '"', '%', '€', '–', '…', '/', '&'];
const SLOW = ['_', '\u00a0', '\u2002', '\u00ad', '\u0301', '\ufe0f', '\t', 'ª', 'α', 'д', '😀', '👍🏽', '\u200d', '©', '\u202f', '²', '🇩', '🇪', '\u0096'];

describe('tokenizeSentence', () => {
  it('gives the tokens Intl.Segmenter gives on every sentence of the seeds, GermEval 2014 and HIPE-2020', () => {
    let sentences = 0;
    for (const { text, language } of realTexts()) {
      for (const r of sentenceRanges(text, language)) {
        const sentence = text.slice(r.start, r.end);
        const fast = tokenizeSentence(sentence, language);
        const slow = tokenize(sentence, language);
        if (JSON.stringify(fast) !== JSON.stringify(slow)) expect({ sentence, tokens: fast }).toEqual({ sentence, tokens: slow });
        sentences++;
      }
    }
    expect(sentences).toBeGreaterThan(20_000);
  });

  it('gives the tokens Intl.Segmenter gives on random strings, in languages with their own word-break tailoring', () => {
    const text = fc.array(fc.constantFrom(...FAST, ...FAST, ' ', ' ', ...SLOW), { minLength: 1, maxLength: 14 }).map((cs) => cs.join(''));
    for (const language of ['de', 'en', 'fr', 'it', 'fi', 'sv', 'tr', undefined]) {
      fc.assert(fc.property(text, (s) => {
        expect(tokenizeSentence(s, language)).toEqual(tokenize(s, language));
      }), { numRuns: 3000 });
    }
  });

  it('keeps numbers, abbreviations and elisions whole and splits punctuation off words', () => {
    const words = (s: string) => tokenizeSentence(s, 'de').map((t) => s.slice(t.start, t.end));
    expect(words('Laut z.B. Angaben starben 1.000,5 Menschen („viele“), d\'Artagnan.'))
      .toEqual(['Laut', 'z.B', '.', 'Angaben', 'starben', '1.000,5', 'Menschen', '(', '„', 'viele', '“', ')', ',', "d'Artagnan", '.']);
    expect(tokenizeSentence('Berg-Karabach, 2023.', 'de').map((t) => t.wordLike)).toEqual([true, false, true, false, true, false]);
  });

  it('tokenizes a sentence inside a longer text with offsets into that text', () => {
    const text = 'Erster Satz. Dann: 12:30 Uhr, z.B. in Baku.';
    const range = { start: 13, end: text.length };
    expect(tokenizeSentence(text, 'de', range)).toEqual(tokenize(text.slice(13), 'de').map((t) => ({ ...t, start: t.start + 13, end: t.end + 13 })));
  });
});

describe('tokenizeDocument', () => {
  it('gives the sentences and tokens of sentencesWithTokens', () => {
    for (const { text, language } of realTexts().slice(0, 60)) {
      const doc = tokenizeDocument(text, language);
      const expected = sentencesWithTokens(text, language);
      expect(doc.sentences).toEqual(expected);
      expect(doc.tokens).toEqual(expected.flatMap((s) => s.tokens));
      expect(doc.starts).toEqual(expected.map((_, k) => expected.slice(0, k).reduce((n, s) => n + s.tokens.length, 0)));
    }
  });
});
