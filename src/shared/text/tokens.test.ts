import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalizePlainText } from './canonical';
import { snapSelection, stepBoundary, tokenize, trimRange, type Granularity, type TextRange } from './tokens';

const seed = canonicalizePlainText(readFileSync(join(__dirname, '../../../seeds/003_6a4deb1d4d02bbfd.txt'), 'utf8')).text;

/** Selects `from`…`to` (substrings located in `text`, `to` inclusive) and returns the snapped quote. */
function snapped(text: string, from: number, to: number, granularity: Granularity = 'token'): string | null {
  const r = snapSelection(text, { start: from, end: to }, granularity, 'de');
  return r ? text.slice(r.start, r.end) : null;
}
const at = (text: string, needle: string, nth = 0) => {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
  if (i === -1) throw new Error(`${needle} not in text`);
  return i;
};

describe('snapSelection to tokens', () => {
  it('widens a sloppy drag over a name to the whole name', () => {
    // "lham Alij" as a careless mouse drag inside "Ilham Alijew"
    const s = at(seed, 'Ilham Alijew');
    expect(snapped(seed, s + 1, s + 9)).toBe('Ilham Alijew');
  });

  it('drops the space and the comma a drag picked up at either end', () => {
    const s = at(seed, 'Präsident Ilham Alijew');
    expect(snapped(seed, s + 'Präsident'.length, s + 'Präsident Ilham Alijew'.length)).toBe('Ilham Alijew');
    const text = 'Das sagte Alijew, der Präsident.';
    expect(snapped(text, at(text, ' Alijew'), at(text, ',') + 2)).toBe('Alijew');
  });

  it('keeps German quotes that open and close inside the selection, drops a lone one', () => {
    const s = at(seed, '„Wir haben');
    const e = at(seed, 'wollten“') + 'wollten“'.length;
    expect(snapped(seed, s, e)).toBe('„Wir haben erreicht, was wir wollten“');
    expect(snapped(seed, s, e - 1)).toBe('Wir haben erreicht, was wir wollten');
    expect(snapped(seed, s + 1, e + 1)).toBe('Wir haben erreicht, was wir wollten');
    const english = 'He said “we won.” Then he left.';
    expect(snapped(english, at(english, '“'), at(english, '”') + 1)).toBe('“we won.”');
    const guillemets = 'Sie nannte es »einen Traum« gestern.';
    expect(snapped(guillemets, at(guillemets, '»'), at(guillemets, '«') + 1)).toBe('»einen Traum«');
  });

  it('drops the full stop that ends a claim sentence but keeps everything inside it', () => {
    const sentence = 'Es war das erste Mal, dass Alijew die Stadt betrat, seit sie in den 1990er Jahren von armenischen Separatisten eingenommen worden war.';
    const s = at(seed, sentence);
    expect(snapped(seed, s, s + sentence.length + 1)).toBe(sentence.slice(0, -1));
  });

  it('keeps hyphenated compounds, German numbers and abbreviation-internal dots whole', () => {
    const text = 'In Berg-Karabach starben mehr als 6.500 Menschen, rund 1,5 Mio. flohen, u.a. nach Eriwan.';
    expect(snapped(text, at(text, 'Karab') + 2, at(text, 'Karab') + 4)).toBe('Karabach');
    expect(snapped(text, at(text, 'rg-K'), at(text, 'rg-K') + 4)).toBe('Berg-Karabach');
    expect(snapped(text, at(text, '6.500') + 2, at(text, '6.500') + 3)).toBe('6.500');
    expect(snapped(text, at(text, 'mehr'), at(text, 'Menschen') + 3)).toBe('mehr als 6.500 Menschen');
    expect(snapped(text, at(text, '1,5'), at(text, '1,5') + 1)).toBe('1,5');
  });

  it('never splits an emoji with its skin-tone modifier or a letter from its combining accent', () => {
    const text = 'Applaus 👍🏽 für Jose\u0301 und Zoë.';
    const thumb = at(text, '👍🏽');
    expect(snapped(text, thumb, thumb + 1, 'character')).toBe('👍🏽');
    expect(snapped(text, thumb + 3, thumb + 4, 'character')).toBe('👍🏽');
    const jose = at(text, 'Jose\u0301');
    expect(snapped(text, jose, jose + 4, 'character')).toBe('Jose\u0301');
    expect(snapped(text, jose + 1, jose + 2)).toBe('Jose\u0301');
  });

  it('gives character precision inside a word when asked', () => {
    const text = 'Die Aserbaidschaner flohen.';
    const s = at(text, 'Aserbaidschan');
    expect(snapped(text, s, s + 'Aserbaidschan'.length, 'character')).toBe('Aserbaidschan');
    expect(snapped(text, s, s + 'Aserbaidschan'.length, 'token')).toBe('Aserbaidschaner');
  });

  it('may cross a line break and trims the line breaks at its ends', () => {
    const text = 'Erste Zeile endet hier\nzweite Zeile beginnt.\n';
    expect(snapped(text, at(text, 'hier') - 1, text.length)).toBe('hier\nzweite Zeile beginnt');
  });

  it('returns null for a selection of only spaces and punctuation', () => {
    const text = 'Ende. – „ Anfang';
    expect(snapSelection(text, { start: 4, end: 10 }, 'token', 'de')).toBeNull();
    expect(snapSelection(text, { start: 3, end: 3 }, 'token', 'de')).toBeNull();
  });

  it('keeps symbols that are content: per cent, section, degrees', () => {
    const text = 'Die Zahl stieg um 30 % laut § 4.';
    expect(snapped(text, at(text, '30'), at(text, '%') + 1)).toBe('30 %');
    expect(snapped(text, at(text, '§'), at(text, '4.') + 2)).toBe('§ 4');
  });
});

describe('trimRange', () => {
  it('keeps balanced brackets and strips an unbalanced closing one', () => {
    const text = 'die Vereinten Nationen (UN) sagten';
    expect(text.slice(...bounds(trimRange(text, { start: at(text, '(UN)'), end: at(text, '(UN)') + 4 })))).toBe('(UN)');
    expect(text.slice(...bounds(trimRange(text, { start: at(text, 'UN)'), end: at(text, 'UN)') + 3 })))).toBe('UN');
  });
});

function bounds(r: TextRange | null): [number, number] {
  if (!r) throw new Error('expected a range');
  return [r.start, r.end];
}

describe('stepBoundary', () => {
  const text = 'Präsident Ilham Alijew sagte in Stepanakert:\nWir haben 👍🏽 erreicht.';
  const a = at(text, 'Ilham');
  const b = at(text, 'Alijew');

  it('moves an end token by token, skipping spaces and line breaks', () => {
    expect(stepBoundary(text, a + 5, 1, 'end', 'token', 'de')).toBe(b + 6);
    expect(stepBoundary(text, b + 6, -1, 'end', 'token', 'de')).toBe(a + 5);
    const colon = at(text, ':');
    expect(stepBoundary(text, colon, 1, 'end', 'token', 'de')).toBe(colon + 1);
    expect(stepBoundary(text, colon + 1, 1, 'end', 'token', 'de')).toBe(at(text, 'Wir') + 3);
  });

  it('moves a start token by token', () => {
    expect(stepBoundary(text, b, -1, 'start', 'token', 'de')).toBe(a);
    expect(stepBoundary(text, a, 1, 'start', 'token', 'de')).toBe(b);
    expect(stepBoundary(text, at(text, 'Wir'), -1, 'start', 'token', 'de')).toBe(at(text, ':'));
  });

  it('moves by whole graphemes in character mode', () => {
    const thumb = at(text, '👍🏽');
    expect(stepBoundary(text, thumb, 1, 'end', 'character', 'de')).toBe(thumb + 4);
    expect(stepBoundary(text, thumb + 4, -1, 'end', 'character', 'de')).toBe(at(text, 'haben') + 5);
  });

  it('stays put at the ends of the text', () => {
    expect(stepBoundary(text, 0, -1, 'start', 'token', 'de')).toBe(0);
    expect(stepBoundary(text, text.length, 1, 'end', 'token', 'de')).toBe(text.length);
  });
});

describe('tokenize', () => {
  it('splits the seed article into words and punctuation, never whitespace', () => {
    const tokens = tokenize(seed, 'de');
    const words = tokens.map((t) => seed.slice(t.start, t.end));
    expect(words.slice(0, 4)).toEqual(['Nach', 'der', 'Rückeroberung', 'Karabachs']);
    expect(words).toContain('6.500');
    expect(words.some((w) => /\s/.test(w))).toBe(false);
    expect(tokens.find((t) => seed.slice(t.start, t.end) === '„')?.wordLike).toBe(false);
  });
});

describe('snapSelection properties', () => {
  const alphabet = [...'ab Zü.,„“-\n👍🏽é\u0301 ()'];
  const texts = fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 40 }).map((cs) => cs.join(''));
  it('returns a range inside the text that starts and ends on non-space graphemes, never half a character, and is stable', () => {
    fc.assert(fc.property(texts, fc.nat(), fc.nat(), fc.constantFrom<Granularity>('token', 'character'), (text, x, y, g) => {
      const s = x % (text.length + 1);
      const e = y % (text.length + 1);
      const r = snapSelection(text, { start: s, end: e }, g, 'de');
      if (!r) return;
      expect(r.start).toBeGreaterThanOrEqual(0);
      expect(r.end).toBeLessThanOrEqual(text.length);
      expect(r.end).toBeGreaterThan(r.start);
      const quote = text.slice(r.start, r.end);
      // Never starts or ends with a whitespace grapheme (a space carrying a combining accent is
      // a visible character and may stay).
      const graphemes = [...new Intl.Segmenter('de', { granularity: 'grapheme' }).segment(quote)].map((g) => g.segment);
      expect(/^\s+$/.test(graphemes[0])).toBe(false);
      expect(/^\s+$/.test(graphemes[graphemes.length - 1])).toBe(false);
      // Never half a surrogate pair.
      expect(/^[\udc00-\udfff]/.test(quote) || /[\ud800-\udbff]$/.test(quote)).toBe(false);
      // Snapping is idempotent: snapping the result again changes nothing.
      expect(snapSelection(text, r, g, 'de')).toEqual(r);
    }), { numRuns: 3000 });
  });
});
