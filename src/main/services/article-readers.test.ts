import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHtml, readMarkdown, readPlainText } from './article-readers';

const ROOT = join(__dirname, '../../..');
const seed = (name: string) => readFileSync(join(ROOT, 'seeds', name), 'utf8');
const NEWS_PAGE = readFileSync(join(ROOT, 'tests/fixtures/saved-news-page.html'), 'utf8');

describe('readPlainText on the seed articles', () => {
  it('moves ` date 2025-07 ` into meta.date and starts the text with the first word of the article', () => {
    const article = readPlainText(seed('000_e40513d5b91acd2a.txt'));
    expect(article.meta).toEqual({ date: '2025-07' });
    expect(article.title).toBeNull();
    expect(article.text.length).toBe(2460);
    expect(article.text.startsWith('Im Ringen um ein Ende der blutigen Kämpfe in Berg-Karabach')).toBe(true);
    expect(article.text.endsWith('Versorgungsstraße nach Karabach belegen.')).toBe(true);
    expect(article.text.split('\n\n')).toHaveLength(6);
    expect(article.text.indexOf('Ilham Alijew')).toBe(118);
    expect(article.text).not.toMatch(/date 2025/);
  });

  it('keeps German quotes and number formats of the second seed verbatim', () => {
    const article = readPlainText(seed('003_6a4deb1d4d02bbfd.txt'));
    expect(article.meta.date).toBe('2025-07');
    expect(article.text.length).toBe(1977);
    expect(article.text.slice(1399, 1410)).toBe('6.500 Toten');
    expect(article.text).toContain('„Wir haben erreicht, was wir wollten“');
  });

  it('gives the same text for the seed saved with Windows line endings', () => {
    const unix = readPlainText(seed('003_6a4deb1d4d02bbfd.txt'));
    const windows = readPlainText(seed('003_6a4deb1d4d02bbfd.txt').replace(/\n/g, '\r\n'));
    expect(windows).toEqual(unix);
  });
});

describe('readMarkdown', () => {
  const MD = [
    '---',
    'title: "Alijew: Gespräche mit Paschinjan möglich"',
    'date: 2020-10-22T09:15:00Z',
    'author: dpa',
    'lang: de',
    '---',
    '',
    '# Alijew zu Gesprächen bereit',
    '',
    'Im Ringen um ein Ende der blutigen Kämpfe in **Berg-Karabach** zeigt sich der *aserbaidschanische* '
      + 'Präsident [Ilham Alijew](https://de.wikipedia.org/wiki/Ilham_Alijew) bereit.',
    '',
    '## Gefechte',
    '',
    '> „Alle Gebiete Aserbaidschans müssen befreit werden. Alle“, sagte der Präsident.',
    '',
    '- Mehr als 6.500 Tote',
    '- 63 getötete _Zivilisten_',
    '',
    'Tom &amp; Jerry: `6.500` ![Karte](karte.png)',
    '',
  ].join('\r\n');

  it('turns headings, emphasis, links, quotes and lists into plain paragraphs', () => {
    expect(readMarkdown(MD).text).toBe([
      'Alijew zu Gesprächen bereit',
      'Im Ringen um ein Ende der blutigen Kämpfe in Berg-Karabach zeigt sich der aserbaidschanische Präsident Ilham Alijew bereit.',
      'Gefechte',
      '„Alle Gebiete Aserbaidschans müssen befreit werden. Alle“, sagte der Präsident.',
      'Mehr als 6.500 Tote',
      '63 getötete Zivilisten',
      'Tom & Jerry: 6.500 Karte',
    ].join('\n\n'));
  });

  it('reads title, date, author and language from the front matter', () => {
    const { title, meta } = readMarkdown(MD);
    expect(title).toBe('Alijew: Gespräche mit Paschinjan möglich');
    expect(meta).toEqual({ date: '2020-10-22', author: 'dpa', language: 'de' });
  });

  it('uses the first heading as title without front matter, and a seed-style date header as date', () => {
    const { title, meta, text } = readMarkdown(' date 2025-07 # Kämpfe in Berg-Karabach\n\nMehr als **6.500** Tote.\n');
    expect(meta).toEqual({ date: '2025-07' });
    expect(title).toBe('Kämpfe in Berg-Karabach');
    expect(text).toBe('Kämpfe in Berg-Karabach\n\nMehr als 6.500 Tote.');
  });

  it('leaves no markup characters from the source in the text', () => {
    expect(readMarkdown(MD).text).not.toMatch(/[*_#>[\]`]|\]\(|&amp;|https:/);
  });
});

describe('readHtml on a saved news page', () => {
  it('extracts the article paragraphs, separated by blank lines', async () => {
    const { text } = await readHtml(NEWS_PAGE, 'saved-news-page.html');
    const paragraphs = text.split('\n\n');
    // The headline (which Readability takes out of the body) opens the text, without the site name.
    expect(paragraphs[0]).toBe('Alijew hisst Flagge in Stepanakert');
    expect(paragraphs).toContain('Nach der Rückeroberung Karabachs hat der aserbaidschanische Präsident Ilham Alijew in der '
      + 'Hauptstadt der Kaukasusregion die Flagge seines Landes gehisst. „Wir haben erreicht, was wir wollten“, sagte '
      + 'Alijew am Sonntag in einer Rede in Stepanakert.');
    expect(paragraphs).toContain('Es habe sich ein seit Jahrzehnten gehegter „Traum des aserbaidschanischen Volkes erfüllt“. '
      + 'Es war das erste Mal, dass Alijew die Stadt betrat, seit sie in den 1990er Jahren von armenischen Separatisten '
      + 'eingenommen worden war.');
    expect(paragraphs).toContain('Nach einem Krieg im Herbst 2020 mit mehr als 6.500 Toten vermittelte Armeniens Schutzmacht '
      + 'Russland einen Waffenstillstand. Die aserbaidschanische Seite spricht von 63 getöteten Zivilisten.');
    expect(paragraphs.at(-1)).toBe('Armenien warf Aserbaidschan vor, gezielt gegen die Bevölkerung von Berg-Karabach vorzugehen. '
      + 'Mehr als 100.000 Menschen sind inzwischen nach Armenien geflohen.');
    // The paragraphs keep the page's order.
    const order = ['Nach der Rückeroberung', 'Es habe sich', 'Nach einem Krieg', 'Armenien warf'].map((s) => text.indexOf(s));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(text).not.toMatch(/\n{3,}|^\s|\s$/);
  });

  it('leaves out navigation, ads, scripts, styles, related links and the footer', async () => {
    const { text } = await readHtml(NEWS_PAGE, 'saved-news-page.html');
    for (const marker of ['NAVIGATION_ABO_LINK', 'WERBUNG_BANNER', 'WERBUNG_INLINE', 'TRACKING_PIXEL_SCRIPT_TEXT',
      'INLINE_SCRIPT_OUTPUT', 'RELATED_TEASER', 'FOOTER_TEXT', 'Impressum', 'min-height', 'dataLayer']) {
      expect(text).not.toContain(marker);
    }
  });

  it('reads date, language, canonical URL and title from the page metadata', async () => {
    const { title, meta } = await readHtml(NEWS_PAGE, 'saved-news-page.html');
    expect(meta.date).toBe('2023-10-15');
    expect(meta.language).toBe('de');
    expect(meta.url).toBe('https://kaukasus-rundschau.example/politik/alijew-hisst-flagge-in-stepanakert');
    expect(title).toBe('Alijew hisst Flagge in Stepanakert');
  });

  it('falls back to the body of a page too short for an article, without running its scripts', async () => {
    const page = '<html><head><title>Kurz</title></head><body><p>Mehr als 6.500 Tote.</p><p>63 Zivilisten.</p>'
      + '<script>document.body.innerHTML = "HIJACKED"</script></body></html>';
    const { text, meta } = await readHtml(page, 'kurz.html');
    expect(text).toBe('Mehr als 6.500 Tote.\n\n63 Zivilisten.');
    expect(meta.date).toBeUndefined();
  });

  it('reads a page whose doctype is no valid name (found by tests/integration/importer-fuzz.test.ts)', async () => {
    // jsdom parses `<!doctype,html>` but threw InvalidCharacterError when the page was cloned for Readability.
    const { text, title } = await readHtml('<!doctype,html><html><head><title>Kurz</title></head><body><p>Mehr als 6.500 Tote.</p></body></html>', 'kurz.html');
    expect(text).toBe('Mehr als 6.500 Tote.');
    expect(title).toBe('Kurz');
  });
});
