import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalizePlainText } from '../text/canonical';
import { sentenceRanges, sentencesWithTokens } from '../text/sentences';
import { tokenize } from '../text/tokens';
import { tokenizeSentence } from './sentence-tokens';
import { tokenizeDocument } from './token-tags';

const root = join(__dirname, '../../..');
const corpora = join(root, '../shared/corpora');

/** The seed articles, the GermEval 2014 sentences (tokens joined by spaces) and the HIPE-2020 articles (OCR, de and en). */
function realTexts(): { text: string; language: string }[] {
  const out = readdirSync(join(root, 'seeds')).filter((f) => f.endsWith('.txt'))
    .map((f) => ({ text: canonicalizePlainText(readFileSync(join(root, 'seeds', f), 'utf8')).text, language: 'de' }));
  for (const file of ['NER-de-dev.tsv', 'NER-de-test.tsv']) {
    const sentences = readFileSync(join(corpora, 'germeval2014', file), 'utf8').split(/\n\s*\n/)
      .map((block) => block.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t')[1]).join(' '));
    out.push({ text: sentences.join('\n'), language: 'de' });
  }
  for (const file of readdirSync(join(corpora, 'hipe2020/jsonl'))) {
    for (const line of readFileSync(join(corpora, 'hipe2020/jsonl', file), 'utf8').split('\n')) {
      if (line.trim()) { const r = JSON.parse(line) as { text: string; lang: string }; out.push({ text: r.text, language: r.lang }); }
    }
  }
  return out;
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
