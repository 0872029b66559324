import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalizePlainText } from '../text/canonical';
import { emptyLayer } from '../model/annotation';
import { addSpan } from '../ops/span-ops';
import { createOffsetIndex } from '../text/offsets';
import { carriedAttributes, CONTEXT_CHARS, findOccurrences, tagRanges } from './occurrences';

const seed = (file: string) => canonicalizePlainText(readFileSync(join(__dirname, '../../../seeds', file), 'utf8')).text;
const SEED_000 = seed('000_e40513d5b91acd2a.txt');
const SEED_003 = seed('003_6a4deb1d4d02bbfd.txt');

const ranges = (text: string, phrases: string[], skip: { start: number; end: number }[] = []) =>
  findOccurrences(text, phrases, skip).map((o) => [o.start, o.end, o.quote]);

describe('findOccurrences', () => {
  it('finds Baku as a whole word only: not inside the genitive Bakus', () => {
    expect(ranges(SEED_003, ['Baku'])).toEqual([[805, 809, 'Baku'], [1254, 1258, 'Baku'], [1740, 1744, 'Baku']]);
    // With the genitive asked for too, it is found as written.
    expect(ranges(SEED_003, ['Baku', 'Bakus'])).toEqual([[720, 725, 'Bakus'], [805, 809, 'Baku'], [1254, 1258, 'Baku'], [1740, 1744, 'Baku']]);
    // And not inside a longer word at its start or end either.
    expect(ranges('Bakuer, Alt-Baku, Baku-Stadt, ABaku, Baku.', ['Baku'])).toEqual([[12, 16, 'Baku'], [18, 22, 'Baku'], [37, 41, 'Baku']]);
  });

  it('matches case as written', () => {
    expect(ranges(SEED_003, ['baku'])).toEqual([]);
    expect(ranges(SEED_003, ['ALIJEW'])).toEqual([]);
  });

  it('lets the longer phrase win where two overlap: "Ilham Alijew" over "Alijew", at either start', () => {
    expect(ranges(SEED_003, ['Alijew', 'Ilham Alijew'])).toEqual([
      [70, 82, 'Ilham Alijew'], [199, 205, 'Alijew'], [365, 371, 'Alijew'], [735, 741, 'Alijew'],
    ]);
    expect(ranges(SEED_003, ['Alijew'])).toEqual([[76, 82, 'Alijew'], [199, 205, 'Alijew'], [365, 371, 'Alijew'], [735, 741, 'Alijew']]);
    // Overlapping at different starts: "sagte Alijew" (12) yields to "Alijew am Sonntag" (17), and the other way round.
    expect(ranges(SEED_003, ['sagte Alijew', 'Alijew am Sonntag'])).toEqual([[199, 216, 'Alijew am Sonntag']]);
    expect(ranges(SEED_003, ['sagte Alijew am', 'Alijew am'])).toEqual([[193, 208, 'sagte Alijew am']]);
  });

  it('finds every occurrence in seed 000, in text order, with trimmed and repeated phrases counted once', () => {
    expect(ranges(SEED_000, [' Alijew ', 'Alijew', '', '   '])).toEqual([
      [124, 130, 'Alijew'], [580, 586, 'Alijew'], [1502, 1508, 'Alijew'], [2088, 2094, 'Alijew'],
    ]);
    expect(findOccurrences(SEED_000, [])).toEqual([]);
    expect(findOccurrences(SEED_000, ['  '])).toEqual([]);
  });

  it('leaves out occurrences that overlap a range to skip, but not ones that only touch it', () => {
    expect(ranges(SEED_003, ['Alijew'], [{ start: 199, end: 205 }, { start: 360, end: 366 }])).toEqual([[76, 82, 'Alijew'], [735, 741, 'Alijew']]);
    expect(ranges(SEED_003, ['Alijew'], [{ start: 193, end: 199 }, { start: 205, end: 210 }]).map((r) => r[0])).toEqual([76, 199, 365, 735]);
    // A long skipped range (a claim) hides everything inside it.
    expect(ranges(SEED_003, ['Alijew'], [{ start: 0, end: 400 }])).toEqual([[735, 741, 'Alijew']]);
  });

  it('gives code point offsets when astral characters stand before the match', () => {
    const text = '👍🏽 𝔄 Alijew traf 🇦🇲 Paschinjan, dann Alijew.';
    // 👍🏽, 𝔄 and 🇦🇲 take two UTF-16 units per code point.
    expect(text.indexOf('Alijew')).toBe(8);
    expect(ranges(text, ['Alijew', 'Paschinjan'])).toEqual([[5, 11, 'Alijew'], [20, 30, 'Paschinjan'], [37, 43, 'Alijew']]);
    for (const o of findOccurrences(text, ['Alijew', 'Paschinjan'])) expect(Array.from(text).slice(o.start, o.end).join('')).toBe(o.quote);
    // Skip ranges are code points too.
    expect(ranges(text, ['Alijew'], [{ start: 37, end: 43 }])).toEqual([[5, 11, 'Alijew']]);
    expect(ranges(text, ['Alijew'], [{ start: 36, end: 37 }]).map((r) => r[0])).toEqual([5, 37]);
  });

  it('gives up to 40 characters of context before and after, white space runs as one space', () => {
    expect(CONTEXT_CHARS).toBe(40);
    const [baku] = findOccurrences(SEED_003, ['Baku']);
    // "…sowie andere Städte.\n\nBaku hatte am 19. September…": the paragraph break becomes one space.
    expect(baku).toEqual({
      start: 805, end: 809, quote: 'Baku',
      before: 'eine alte Festung sowie andere Städte. ', after: ' hatte am 19. September einen breit ange',
    });
    const [eriwan] = findOccurrences(SEED_003, ['Eriwan']);
    expect([eriwan.before, eriwan.after]).toEqual(['aner vertrieben. Seitdem haben Baku und ', ' bereits zwei Kriege um das aserbaidscha']);
  });

  it('gives short context at the start and end of the text', () => {
    const [first] = findOccurrences(SEED_003, ['Nach']);
    expect(first).toMatchObject({ start: 0, end: 4, before: '', after: ' der Rückeroberung Karabachs hat der ase' });
    const [last] = findOccurrences(SEED_003, ['aufgenommen']);
    expect(last).toMatchObject({ end: SEED_003.length - 1, after: '.' });
    expect(SEED_003.endsWith('aufgenommen.')).toBe(true);
  });

  it('does not require word boundaries next to a phrase edge that is not a letter', () => {
    // "6.500" and "„Wir" begin or end with a digit or quote mark: the edge that is a letter or digit is still checked.
    expect(ranges(SEED_003, ['„Wir'])).toEqual([[154, 158, '„Wir']]);
    expect(ranges(SEED_003, ['6.50'])).toEqual([]);
    expect(ranges(SEED_003, ['6.500'])).toEqual([[1399, 1404, '6.500']]);
  });

  it('cuts the context around an emoji without splitting it, and sees an astral letter as part of the word', () => {
    const [hit] = findOccurrences('a👍' + 'x'.repeat(38) + ' Baku ' + 'y'.repeat(38) + '👍', ['Baku']);
    expect(hit.before).toBe('x'.repeat(38) + ' ');
    expect(hit.after).toBe(' ' + 'y'.repeat(38));
    expect(findOccurrences('𝔄Alijew', ['Alijew'])).toEqual([]);
    expect(findOccurrences('Alijew𝔄', ['Alijew'])).toEqual([]);
    expect(findOccurrences('👍Alijew', ['Alijew']).map((o) => [o.start, o.end])).toEqual([[1, 7]]);
  });
});

describe('tagRanges', () => {
  const ctx = { text: SEED_003, index: createOffsetIndex(SEED_003), now: '2025-07-01T10:00:00.000Z' };
  const baku = findOccurrences(SEED_003, ['Baku']).map(({ start, end }) => ({ start, end }));

  it('tags every range with the label and attributes, skipping one a span of the label overlaps and one a range before it overlaps', () => {
    let n = 0;
    const layer = addSpan(emptyLayer('d', 'anna', 'a'.repeat(64)), { id: 'old', ...baku[1], label: 'location' }, ctx);
    const out = tagRanges(layer, [baku[2], baku[0], baku[1], { start: baku[0].start, end: baku[0].end + 2 }], 'location', { place: 'geonames:587084' }, ctx, () => `s${++n}`);
    expect(out.created).toEqual(['s1', 's2']);
    expect(out.skipped).toBe(2);
    expect(out.layer.spans.map((s) => [s.id, s.start, s.end, s.quote, s.attributes])).toEqual([
      ['s1', 805, 809, 'Baku', { place: 'geonames:587084' }],
      ['old', 1254, 1258, 'Baku', {}],
      ['s2', 1740, 1744, 'Baku', { place: 'geonames:587084' }],
    ]);
  });

  it('tags over a span of another label (a location inside a claim)', () => {
    const layer = addSpan(emptyLayer('d', 'anna', 'a'.repeat(64)), { id: 'claim', start: 800, end: 900, label: 'claim' }, ctx);
    expect(tagRanges(layer, [baku[0]], 'location', {}, ctx, () => 'x').created).toEqual(['x']);
  });
});

describe('carriedAttributes', () => {
  it('carries links and chosen values, not a casualty figure\'s own reading', () => {
    expect(carriedAttributes({ attributes: { entity: 'e_1', actor_type: 'person', place: 'geonames:1', lat: 1.5, certainty: 'reported' } }))
      .toEqual({ entity: 'e_1', actor_type: 'person', place: 'geonames:1', lat: 1.5, certainty: 'reported' });
    expect(carriedAttributes({ attributes: { count_min: 63, count_max: 63, approximate: false, outcome: 'killed', victims: 'civilian', normalized_by: 'auto' } })).toEqual({});
  });
});
