import { describe, expect, it } from 'vitest';
import { canonicalizePlainText, normalizeLineEndings, splitDateHeader } from './canonical';

// The opening of seeds/000_e40513d5b91acd2a.txt, byte for byte (header, body on the same line).
const SEED_OPENING = ' date 2025-07 Im Ringen um ein Ende der blutigen Kämpfe in Berg-Karabach im Südkaukasus';

describe('normalizeLineEndings', () => {
  it('turns Windows CRLF into LF', () => {
    expect(normalizeLineEndings('Alijew sagte:\r\n„Alle Gebiete“\r\n')).toBe('Alijew sagte:\n„Alle Gebiete“\n');
  });

  it('turns a lone CR (classic Mac) into LF', () => {
    expect(normalizeLineEndings('Zeile eins\rZeile zwei\r')).toBe('Zeile eins\nZeile zwei\n');
  });

  it('turns a mix of CRLF, CR and LF into one LF each, keeping blank lines', () => {
    expect(normalizeLineEndings('a\r\n\r\nb\r\rc\n\nd')).toBe('a\n\nb\n\nc\n\nd');
  });

  it('leaves text without CR unchanged', () => {
    const text = 'Seit 1994 galt eine brüchige Waffenruhe.\n\nSeit Ende September …';
    expect(normalizeLineEndings(text)).toBe(text);
  });
});

describe('splitDateHeader', () => {
  it('takes the seed header ` date 2025-07 ` as date and starts the body at the first word', () => {
    expect(splitDateHeader(SEED_OPENING)).toEqual({
      date: '2025-07',
      body: 'Im Ringen um ein Ende der blutigen Kämpfe in Berg-Karabach im Südkaukasus',
    });
  });

  it('accepts a full day and a header on its own line', () => {
    expect(splitDateHeader('date 2023-10-15\nNach der Rückeroberung Karabachs')).toEqual({
      date: '2023-10-15', body: 'Nach der Rückeroberung Karabachs',
    });
  });

  it('leaves an impossible month in the text', () => {
    const text = ' date 2025-13 Im Ringen um ein Ende';
    expect(splitDateHeader(text)).toEqual({ date: null, body: text });
  });

  it('leaves month 00 and day 32 in the text', () => {
    expect(splitDateHeader('date 2025-00 Text').date).toBeNull();
    expect(splitDateHeader('date 2025-07-32 Text').date).toBeNull();
  });

  it('leaves a day that the month does not have (30 February, 31 April) in the text', () => {
    expect(splitDateHeader('date 2025-02-30 Text')).toEqual({ date: null, body: 'date 2025-02-30 Text' });
    expect(splitDateHeader('date 2025-04-31 Text').date).toBeNull();
    expect(splitDateHeader('date 2024-02-29 Text')).toEqual({ date: '2024-02-29', body: 'Text' });
  });

  it('does not take a date glued to the next word, or one that is not at the start', () => {
    expect(splitDateHeader('date 2025-07Im Ringen').date).toBeNull();
    expect(splitDateHeader('Im Ringen date 2025-07 um').date).toBeNull();
    expect(splitDateHeader('Datum 2025-07 Im Ringen').date).toBeNull();
  });
});

describe('canonicalizePlainText', () => {
  it('moves the date header of a seed article into the date and keeps the body verbatim', () => {
    const { text, date } = canonicalizePlainText(`${SEED_OPENING} bereit.\n\nAlijew schloss aber ein Referendum aus.\n`);
    expect(date).toBe('2025-07');
    expect(text).toBe('Im Ringen um ein Ende der blutigen Kämpfe in Berg-Karabach im Südkaukasus bereit.\n\nAlijew schloss aber ein Referendum aus.');
    expect(text).not.toContain('date');
  });

  it('normalises CRLF before looking for the header, so a Windows file gets the same text', () => {
    const unix = canonicalizePlainText(' date 2025-07 Absatz eins.\n\nAbsatz zwei.\n');
    const windows = canonicalizePlainText(' date 2025-07 Absatz eins.\r\n\r\nAbsatz zwei.\r\n');
    const mac = canonicalizePlainText(' date 2025-07 Absatz eins.\r\rAbsatz zwei.\r');
    expect(windows).toEqual(unix);
    expect(mac).toEqual(unix);
    expect(unix).toEqual({ text: 'Absatz eins.\n\nAbsatz zwei.', date: '2025-07' });
  });

  it('keeps a text without header whole, trimming only the outer whitespace', () => {
    expect(canonicalizePlainText('\n  Mehr als 6.500 Tote.  \n\n')).toEqual({ text: 'Mehr als 6.500 Tote.', date: null });
  });

  it('leaves an invalid date header in the annotatable text', () => {
    expect(canonicalizePlainText(' date 2025-13 Im Ringen\r\n')).toEqual({ text: 'date 2025-13 Im Ringen', date: null });
  });

  it('changes nothing else: no Unicode normalisation, no whitespace collapsing inside', () => {
    const decomposed = 'Cafe\u0301  „Nikkei“\t6.500';
    expect(canonicalizePlainText(decomposed).text).toBe(decomposed);
    expect(canonicalizePlainText(decomposed).text).not.toBe(decomposed.normalize('NFC'));
  });
});
