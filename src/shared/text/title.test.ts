import { describe, expect, it } from 'vitest';
import { deriveTitle, shorten } from './title';

// The first two sentences of seeds/000_e40513d5b91acd2a.txt, whose first line is one long paragraph.
const SEED_000_FIRST_LINE = 'Im Ringen um ein Ende der blutigen Kämpfe in Berg-Karabach im Südkaukasus zeigt sich der '
  + 'aserbaidschanische Präsident Ilham Alijew grundsätzlich zu Gesprächen mit dem armenischen Regierungschef '
  + 'Nikol Paschinjan bereit. Natürlich sei ein Treffen möglich, sagte der 58-Jährige am Donnerstag der '
  + 'japanischen Tageszeitung „Nikkei“.';

function hasLoneSurrogate(s: string): boolean {
  return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}

describe('deriveTitle', () => {
  it('takes a short first line as it is', () => {
    expect(deriveTitle('Alijew hisst Flagge in Stepanakert\n\nNach der Rückeroberung …', 'de', 'f.txt'))
      .toBe('Alijew hisst Flagge in Stepanakert');
  });

  it('shortens a long seed paragraph to its first sentence, cut at a word with an ellipsis', () => {
    const title = deriveTitle(`${SEED_000_FIRST_LINE}\n\nAlijew schloss aber ein Referendum aus.`, 'de', '000.txt');
    expect(title).toBe('Im Ringen um ein Ende der blutigen Kämpfe in Berg-Karabach im Südkaukasus zeigt sich der…');
    expect(title.length).toBeLessThanOrEqual(91);
  });

  it('uses the first sentence whole when it fits', () => {
    const text = 'Seit 1994 galt eine brüchige Waffenruhe. Seit Ende September kommt es zu neuen schweren Gefechten, '
      + 'zwei vereinbarte Feuerpausen wurden bereits kurz nach Inkrafttreten gebrochen.';
    expect(deriveTitle(text, 'de', 'x')).toBe('Seit 1994 galt eine brüchige Waffenruhe.');
  });

  it('falls back to the file name for an empty first line', () => {
    expect(deriveTitle('', 'de', 'artikel.txt')).toBe('artikel.txt');
    expect(deriveTitle('   \nText', 'de', 'artikel.txt')).toBe('artikel.txt');
  });
});

describe('shorten', () => {
  it('leaves values that fit unchanged', () => {
    expect(shorten('mehr als 6.500 Toten', 20)).toBe('mehr als 6.500 Toten');
  });

  it('cuts at the last space and drops trailing punctuation before the ellipsis', () => {
    expect(shorten('Armenien, Aserbaidschan – und Russland', 26)).toBe('Armenien, Aserbaidschan…');
  });

  it('never cuts an emoji in half (no lone surrogate in a title)', () => {
    const title = shorten(`a${'👍'.repeat(60)}`, 90);
    expect(hasLoneSurrogate(title)).toBe(false);
    expect(title).toBe(`a${'👍'.repeat(44)}…`);
  });
});
