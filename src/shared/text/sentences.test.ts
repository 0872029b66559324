import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalizePlainText } from './canonical';
import { sentenceAt, sentenceRanges, sentencesWithTokens } from './sentences';

const seed = canonicalizePlainText(readFileSync(join(__dirname, '../../../seeds/003_6a4deb1d4d02bbfd.txt'), 'utf8')).text;
const sentencesOf = (text: string) => sentenceRanges(text, 'de').map((r) => text.slice(r.start, r.end));

describe('sentenceRanges', () => {
  it('splits the seed article into its sentences, keeping German dates whole', () => {
    const all = sentencesOf(seed);
    expect(all).toContain('Baku hatte am 19. September einen breit angelegten Anti-Terror-Einsatz in Karabach gestartet.');
    expect(all.find((s) => s.startsWith('Bereits einen Tag später'))).toBe(
      'Bereits einen Tag später kapitulierten die dortigen pro-armenischen Kämpfer, später wurde die Auflösung der selbsternannten Republik Bergkarabach zum 1. Januar 2024 verkündet.');
    expect(all[1]).toBe('„Wir haben erreicht, was wir wollten“, sagte Alijew am Sonntag in einer Rede in Stepanakert.');
  });

  it('does not end a sentence after common abbreviations or before a lower-case word', () => {
    expect(sentencesOf('Laut Dr. Müller starben ca. 30 Menschen, u. a. Kinder. Nr. 5 blieb offen.')).toEqual([
      'Laut Dr. Müller starben ca. 30 Menschen, u. a. Kinder.', 'Nr. 5 blieb offen.',
    ]);
    expect(sentencesOf('Die Zahl stieg auf 19. Danach sank sie.')).toEqual(['Die Zahl stieg auf 19.', 'Danach sank sie.']);
  });

  it('never crosses a line break and skips empty lines', () => {
    expect(sentencesOf('Erste Zeile ohne Punkt\n\nzweite Zeile.')).toEqual(['Erste Zeile ohne Punkt', 'zweite Zeile.']);
  });

  it('gives tokens inside their sentence and finds the sentence at an offset', () => {
    const sentences = sentencesWithTokens(seed, 'de');
    for (const s of sentences) for (const t of s.tokens) expect(t.start >= s.start && t.end <= s.end).toBe(true);
    const at = seed.indexOf('Stepanakert');
    expect(seed.slice(sentenceAt(sentences, at)!.start, sentenceAt(sentences, at)!.end)).toContain('Stepanakert.');
    expect(sentenceAt(sentences, seed.indexOf('\n'))).toBeNull();
  });
});
