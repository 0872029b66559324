/**
 * Place suggestions over the seed articles with the real packaged gazetteer (GeoNames cities500
 * and world-countries, ~3 s to load): the place names of the articles are found and linked to the
 * right entries, and the many German words that are also the name of some small town are not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exactPlaces, type GazetteerIndex } from '../../shared/domain/gazetteer';
import { suggestPlaces, trustedPlace, type Suggestion } from '../../shared/domain/suggestions';
import { canonicalizePlainText } from '../../shared/text/canonical';
import { loadGazetteer } from './gazetteer-data';

const seed = (file: string) => canonicalizePlainText(readFileSync(join(__dirname, '../../../seeds', file), 'utf8')).text;
const SEED_000 = seed('000_e40513d5b91acd2a.txt');
const SEED_003 = seed('003_6a4deb1d4d02bbfd.txt');

let gazetteer: GazetteerIndex;
beforeAll(async () => { gazetteer = await loadGazetteer(); }, 30_000);

/** What the service suggests for a German text: exact gazetteer hits, filtered by trustedPlace. */
const places = (text: string): Suggestion[] => suggestPlaces(text, (phrase) => trustedPlace(phrase, exactPlaces([gazetteer], phrase), 'de'));

/** Code point starts of every whole occurrence of `word` (the seeds hold no astral characters, so UTF-16 = code points). */
function startsOf(text: string, word: string): number[] {
  expect(Array.from(text).length).toBe(text.length);
  const out: number[] = [];
  for (const m of text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`, 'gu'))) out.push(m.index);
  return out;
}

describe('place suggestions with the packaged gazetteer', () => {
  it('links Eriwan, Stepanakert, Baku and the genitive Bakus in seed 003 to their GeoNames entries', { timeout: 30_000 }, () => {
    const got = places(SEED_003);
    const at = (quote: string) => got.filter((s) => s.quote === quote).map((s) => [s.start, s.end, s.attributes.place]);
    expect(at('Eriwan')).toEqual([[1263, 1269, 'geonames:616052']]);
    expect(at('Stepanakert')).toEqual([[234, 245, 'geonames:146970']]);
    expect(at('Bakus')).toEqual([[720, 725, 'geonames:587084']]);
    expect(at('Baku')).toEqual(startsOf(SEED_003, 'Baku').map((s) => [s, s + 4, 'geonames:587084']));
    expect(startsOf(SEED_003, 'Baku')).toEqual([805, 1254, 1740]);
    const eriwan = got.find((s) => s.quote === 'Eriwan')!;
    expect(eriwan).toMatchObject({ id: 'location:1263:1269', label: 'location', reason: 'Place: Yerevan (AM)' });
    expect(eriwan.attributes).toMatchObject({ place: 'geonames:616052', place_name: 'Yerevan' });
    expect(Math.abs((eriwan.attributes.lat as number) - 40.18)).toBeLessThan(0.1);
    expect(Math.abs((eriwan.attributes.lon as number) - 44.51)).toBeLessThan(0.1);
  });

  it('suggests exactly the place names of seed 003, each quote matching the text at its offsets', { timeout: 30_000 }, () => {
    const got = places(SEED_003);
    expect(got.map((s) => [s.quote, s.attributes.place])).toEqual([
      ['Karabachs', 'tagwerk:berg-karabach'], ['Stepanakert', 'geonames:146970'], ['Bakus', 'geonames:587084'],
      ['Baku', 'geonames:587084'], ['Karabach', 'tagwerk:berg-karabach'], ['Bergkarabach', 'tagwerk:berg-karabach'],
      ['Karabach', 'tagwerk:berg-karabach'], ['Aserbaidschan', 'iso3166:AZ'], ['Armeniens', 'iso3166:AM'],
      ['Baku', 'geonames:587084'], ['Eriwan', 'geonames:616052'], ['Armeniens', 'iso3166:AM'], ['Russland', 'iso3166:RU'],
      ['Aserbaidschan', 'iso3166:AZ'], ['Karabach', 'tagwerk:berg-karabach'], ['Baku', 'geonames:587084'],
      ['Armenien', 'iso3166:AM'], ['Aserbaidschans', 'iso3166:AZ'],
    ]);
    for (const s of got) expect(SEED_003.slice(s.start, s.end)).toBe(s.quote);
  });

  it('does not suggest common words of seed 003 that the gazetteer knows as small towns', { timeout: 30_000 }, () => {
    const quotes = new Set(places(SEED_003).map((s) => s.quote));
    for (const word of ['Sonntag', 'Landes', 'Mal', 'Fotos']) {
      // The gazetteer does know each (so the test means something), and the word is in the text capitalised.
      expect(exactPlaces([gazetteer], word).length, word).toBeGreaterThan(0);
      expect(startsOf(SEED_003, word).length, word).toBeGreaterThan(0);
      expect(quotes.has(word), word).toBe(false);
    }
  });

  it('does not suggest "Ende", "Alle", "Weil", "Die", "Treffen" or "Länder" in seed 000', { timeout: 30_000 }, () => {
    const got = places(SEED_000);
    for (const word of ['Ende', 'Alle', 'Weil', 'Die', 'Treffen', 'Länder']) {
      expect(exactPlaces([gazetteer], word).length, word).toBeGreaterThan(0);
      expect(startsOf(SEED_000, word).length, word).toBeGreaterThan(0);
      expect(got.filter((s) => s.quote.split(/[\s-]/).includes(word)), word).toEqual([]);
    }
    expect([...new Set(got.map((s) => `${s.quote} ${s.attributes.place}`))].sort()).toEqual([
      'Armenien iso3166:AM', 'Armeniens iso3166:AM', 'Aserbaidschan iso3166:AZ', 'Aserbaidschans iso3166:AZ',
      'Baku geonames:587084', 'Berg-Karabach tagwerk:berg-karabach', 'Karabach tagwerk:berg-karabach',
      'Kebele geonames:585231', 'Russland iso3166:RU', 'Türkei iso3166:TR',
    ]);
  });

  it('refuses "Island" in English text and takes it for Iceland in German text', { timeout: 30_000 }, () => {
    const hits = exactPlaces([gazetteer], 'Island');
    expect(trustedPlace('Island', hits, 'en')).toBeNull();
    expect(trustedPlace('Island', hits, 'de')?.id).toBe('iso3166:IS');
  });

  it('reaches London and Madrid by the genitive (GeoNames also lists "Londons" as a variant of London, UK)', { timeout: 30_000 }, () => {
    expect(trustedPlace('Londons', exactPlaces([gazetteer], 'Londons'), 'de')?.id).toBe('geonames:2643743');
    expect(trustedPlace('London', exactPlaces([gazetteer], 'London'), 'de')?.id).toBe('geonames:2643743');
    expect(trustedPlace('Madrids', exactPlaces([gazetteer], 'Madrids'), 'de')?.id).toBe('geonames:3117735');
    // A variant spelling alone (Wien is a GeoNames variant of Vienna, not its name) is still not trusted.
    expect(trustedPlace('Wien', exactPlaces([gazetteer], 'Wien'), 'de')).toBeNull();
  });

  it('does not suggest the genitive of a word that is a place only now and then ("des Essens", "die Thais")', { timeout: 30_000 }, () => {
    expect(places('Während des Essens sprachen die Thais über die Mittes.')).toEqual([]);
  });
});
