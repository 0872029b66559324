import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Span } from '../model/annotation';
import type { Entity } from '../model/entities';
import { canonicalizePlainText } from '../text/canonical';
import type { Place, PlaceHit } from './gazetteer';
import {
  ACTOR_LABEL, LOCATION_LABEL, mergeSuggestions, openSuggestions, SUGGEST_MIN_POPULATION, suggestActors,
  suggestCasualtyFigures, suggestionId, suggestPlaces, trustedPlace, type Suggestion,
} from './suggestions';

/** The canonical text of a seed article (date header moved out, as the importer does). */
const seed = (file: string) => canonicalizePlainText(readFileSync(join(__dirname, '../../../seeds', file), 'utf8')).text;
const SEED_000 = seed('000_e40513d5b91acd2a.txt');
const SEED_003 = seed('003_6a4deb1d4d02bbfd.txt');

/** Code point offsets of the `nth` occurrence of `needle` (computed without Tagwerk's offset code). */
function cp(text: string, needle: string, nth = 0): { start: number; end: number } {
  let u = -1;
  for (let k = 0; k <= nth; k++) {
    u = text.indexOf(needle, u + 1);
    if (u < 0) throw new Error(`"${needle}" (#${nth}) not in text`);
  }
  const start = Array.from(text.slice(0, u)).length;
  return { start, end: start + Array.from(needle).length };
}

const NOW = '2025-07-01T10:00:00.000Z';
function entity(id: string, name: string, type: Entity['type'], aliases: string[] = []): Entity {
  return { id, name, type, aliases, createdAt: NOW, modifiedAt: NOW };
}
const ALIJEW = entity('e_alijew', 'Ilham Alijew', 'person', ['der aserbaidschanische Präsident']);
const HEYDAR = entity('e_heydar', 'Heydar Alijew', 'person');
const PASCHINJAN = entity('e_paschinjan', 'Nikol Paschinjan', 'person');

const linkedTo = (e: Entity) => ({ entity: e.id, actor_type: e.type });
/** The fields a reader checks, in text order. */
const brief = (list: readonly Suggestion[]) => list.map((s) => [s.id, s.quote, s.attributes, s.reason]);

describe('suggestionId', () => {
  it('is label:start:end', () => {
    expect(suggestionId('casualty_figure', 1390, 1410)).toBe('casualty_figure:1390:1410');
  });
});

describe('suggestCasualtyFigures on the seed articles', () => {
  it('suggests "63 getöteten Zivilisten" in seed 000: 63 civilians killed', () => {
    const at = cp(SEED_000, '63 getöteten Zivilisten');
    expect(at).toEqual({ start: 2045, end: 2068 });
    expect(suggestCasualtyFigures(SEED_000)).toEqual([{
      id: 'casualty_figure:2045:2068', label: 'casualty_figure', start: 2045, end: 2068, quote: '63 getöteten Zivilisten',
      attributes: { count_min: 63, count_max: 63, approximate: false, outcome: 'killed', victims: 'civilian', normalized_by: 'auto' },
      reason: 'Casualty figure',
    }]);
  });

  it('suggests "mehr als 6.500 Toten" in seed 003: at least 6500 killed, no upper bound', () => {
    const at = cp(SEED_003, 'mehr als 6.500 Toten');
    expect(at).toEqual({ start: 1390, end: 1410 });
    expect(suggestCasualtyFigures(SEED_003)).toEqual([{
      id: 'casualty_figure:1390:1410', label: 'casualty_figure', ...at, quote: 'mehr als 6.500 Toten',
      attributes: { count_min: 6500, count_max: null, approximate: false, outcome: 'killed', victims: 'unknown', normalized_by: 'auto' },
      reason: 'Casualty figure',
    }]);
  });

  it('counts offsets in code points when an emoji stands before the figure', () => {
    const text = `👍🏽 ${SEED_003}`;
    const [only] = suggestCasualtyFigures(text);
    // 👍🏽 is two code points (four UTF-16 units), plus the space.
    expect([only.start, only.end, only.quote]).toEqual([1393, 1413, 'mehr als 6.500 Toten']);
    expect(Array.from(text).slice(only.start, only.end).join('')).toBe(only.quote);
  });
});

describe('suggestActors', () => {
  it('finds the lowercase alias, the full name and the capitalised surname in seed 000, each linked with its actor type', () => {
    const got = suggestActors(SEED_000, [ALIJEW, PASCHINJAN]);
    expect(brief(got)).toEqual([
      ['actor:85:117', 'der aserbaidschanische Präsident', linkedTo(ALIJEW), 'Entity: Ilham Alijew'],
      ['actor:118:130', 'Ilham Alijew', linkedTo(ALIJEW), 'Entity: Ilham Alijew'],
      ['actor:194:210', 'Nikol Paschinjan', linkedTo(PASCHINJAN), 'Entity: Nikol Paschinjan'],
      ['actor:580:586', 'Alijew', linkedTo(ALIJEW), 'Entity: Ilham Alijew'],
      ['actor:1502:1508', 'Alijew', linkedTo(ALIJEW), 'Entity: Ilham Alijew'],
      ['actor:2088:2094', 'Alijew', linkedTo(ALIJEW), 'Entity: Ilham Alijew'],
    ]);
    // Offsets as computed independently from the text; every suggestion is an actor.
    expect(got.map((s) => [s.start, s.end])).toEqual([
      cp(SEED_000, 'der aserbaidschanische Präsident'), cp(SEED_000, 'Ilham Alijew'), cp(SEED_000, 'Nikol Paschinjan'),
      cp(SEED_000, 'Alijew', 1), cp(SEED_000, 'Alijew', 2), cp(SEED_000, 'Alijew', 3),
    ].map((r) => [r.start, r.end]));
    expect(new Set(got.map((s) => s.label))).toEqual(new Set([ACTOR_LABEL]));
  });

  it('finds alias and name standing side by side in seed 003 as two suggestions, and "sagte Alijew am Sonntag"', () => {
    const got = suggestActors(SEED_003, [ALIJEW]);
    expect(got.map((s) => [s.start, s.end, s.quote])).toEqual([
      [37, 69, 'der aserbaidschanische Präsident'],
      [70, 82, 'Ilham Alijew'],
      [199, 205, 'Alijew'],
      [365, 371, 'Alijew'],
      [735, 741, 'Alijew'],
    ]);
    expect(cp(SEED_003, 'Alijew am Sonntag').start).toBe(199);
    // "vor der aserbaidschanische Flagge" is not the alias.
    expect(got.some((s) => s.quote.includes('Flagge'))).toBe(false);
  });

  it('finds the genitive of the full name and of the surname, and a capitalised alias at a sentence start', () => {
    const text = 'Nach Ilham Alijews Rede lobte man Alijews Kurs. Der aserbaidschanische Präsident schwieg.';
    expect(brief(suggestActors(text, [ALIJEW]))).toEqual([
      ['actor:5:18', 'Ilham Alijews', linkedTo(ALIJEW), 'Entity: Ilham Alijew'],
      ['actor:34:41', 'Alijews', linkedTo(ALIJEW), 'Entity: Ilham Alijew'],
      ['actor:48:80', 'Der aserbaidschanische Präsident', linkedTo(ALIJEW), 'Entity: Ilham Alijew'],
    ]);
  });

  it('fills actor_type from the entity type: a state is a state', () => {
    const armenien = entity('e_armenien', 'Armenien', 'state', ['die armenische Regierung']);
    const got = suggestActors(SEED_000, [armenien]);
    expect(got.map((s) => [s.start, s.quote])).toEqual([[687, 'Armenien'], [1168, 'Armenien'], [1368, 'Armenien'], [1579, 'Armeniens'], [1829, 'Armenien']]);
    expect(got[0]).toMatchObject({ ...cp(SEED_000, 'Armenien'), attributes: { entity: 'e_armenien', actor_type: 'state' }, reason: 'Entity: Armenien' });
    // "Armeniens" is its genitive; "armenischen" (adjective) is not a form of it.
    expect(suggestActors('Das Außenministerium Armeniens und der armenischen Seite.', [armenien]).map((s) => s.quote)).toEqual(['Armeniens']);
  });

  it('suggests a surname two persons share without a link, naming both; their full names stay linked', () => {
    const got = suggestActors(SEED_003, [ALIJEW, HEYDAR]);
    expect(brief(got)).toEqual([
      ['actor:37:69', 'der aserbaidschanische Präsident', linkedTo(ALIJEW), 'Entity: Ilham Alijew'],
      ['actor:70:82', 'Ilham Alijew', linkedTo(ALIJEW), 'Entity: Ilham Alijew'],
      ['actor:199:205', 'Alijew', {}, 'Entity: Ilham Alijew or Heydar Alijew (choose one)'],
      ['actor:365:371', 'Alijew', {}, 'Entity: Ilham Alijew or Heydar Alijew (choose one)'],
      ['actor:735:741', 'Alijew', {}, 'Entity: Ilham Alijew or Heydar Alijew (choose one)'],
    ]);
    expect(brief(suggestActors('Heydar Alijew regierte vor Ilham.', [ALIJEW, HEYDAR]))).toEqual([
      ['actor:0:13', 'Heydar Alijew', linkedTo(HEYDAR), 'Entity: Heydar Alijew'],
    ]);
  });

  it('does not suggest a surname written in lower case, but does suggest it capitalised', () => {
    expect(suggestActors('Ein alijew genannter Mann.', [ALIJEW])).toEqual([]);
    expect(suggestActors('Ein Alijew genannter Mann.', [ALIJEW]).map((s) => [s.start, s.end, s.quote])).toEqual([[4, 10, 'Alijew']]);
  });

  it('suggests nothing without entities, and no surname for a one-word name or a non-person', () => {
    expect(suggestActors(SEED_000, [])).toEqual([]);
    const org = entity('e_osze', 'Minsker Gruppe', 'organisation');
    expect(suggestActors('Die Minsker Gruppe tagte; eine Gruppe von Diplomaten.', [org]).map((s) => s.quote)).toEqual(['Minsker Gruppe']);
  });

  it('does not join the words of a name across a full stop or comma', () => {
    expect(suggestActors('Er traf Ilham. Alijew schwieg.', [ALIJEW]).map((s) => s.quote)).toEqual(['Alijew']);
    expect(suggestActors('Ilham, Alijew', [ALIJEW]).map((s) => s.quote)).toEqual(['Alijew']);
  });
});

/** A place as the gazetteer gives it. */
function place(id: string, name: string, kind: Place['kind'], extra: Partial<Place> = {}): Place {
  return { id, name, kind, country: '', lat: 40, lon: 45, ...extra };
}
const hit = (p: Place, via: PlaceHit['via'] = 'name', match: PlaceHit['match'] = 'exact'): PlaceHit => ({ place: p, match, via });

const ARMENIA = place('iso3166:AM', 'Armenia', 'country', { country: 'AM', aliases: ['Armenien'] });
const ICELAND = place('iso3166:IS', 'Iceland', 'country', { country: 'IS', aliases: ['Island'] });
const YEREVAN = place('geonames:616052', 'Yerevan', 'place', { country: 'AM', population: 1_093_485, aliases: ['Eriwan'] });
const KARABACH = place('tagwerk:berg-karabach', 'Berg-Karabach', 'region', { country: 'AZ', aliases: ['Karabach', 'Bergkarabach'] });

describe('trustedPlace', () => {
  it('accepts a country by its alias, also in the genitive ("Armeniens")', () => {
    expect(trustedPlace('Armenien', [hit(ARMENIA, 'alias')], 'de')).toBe(ARMENIA);
    expect(trustedPlace('Armeniens', [hit(ARMENIA, 'alias', 'genitive')], 'de')).toBe(ARMENIA);
    expect(trustedPlace('Armenia', [hit(ARMENIA, 'name')], 'de')).toBe(ARMENIA);
  });

  it('accepts a region, and compares names without case, spaces or hyphens', () => {
    expect(trustedPlace('Berg-Karabach', [hit(KARABACH)])).toBe(KARABACH);
    expect(trustedPlace('Berg Karabach', [hit(KARABACH)])).toBe(KARABACH);
    expect(trustedPlace('BERGKARABACH', [hit(KARABACH, 'alias')])).toBe(KARABACH);
  });

  it('refuses hits reached only through a variant spelling of the data source', () => {
    const jerewan = hit(YEREVAN, 'variant');
    expect(trustedPlace('Jerewan', [jerewan], 'de')).toBeNull();
    // A variant hit first does not hide a trusted one after it.
    expect(trustedPlace('Eriwan', [hit(place('geonames:1', 'Erivan', 'place', { population: 2_000_000 }), 'variant'), hit(YEREVAN, 'alias')], 'de')).toBe(YEREVAN);
  });

  it('refuses a match that only the diacritics folding made ("Fotos" is not "Fotö")', () => {
    const foto = place('geonames:2713875', 'Fotö', 'place', { country: 'SE', population: 500_000 });
    expect(trustedPlace('Fotos', [hit(foto, 'name', 'genitive')], 'de')).toBeNull();
    expect(trustedPlace('Foto', [hit(foto)], 'de')).toBeNull();
    expect(trustedPlace('Fotö', [hit(foto)], 'de')).toBe(foto);
    // The same the other way round: "Turkei" is not "Türkei".
    const turkey = place('iso3166:TR', 'Türkiye', 'country', { country: 'TR', aliases: ['Türkei'] });
    expect(trustedPlace('Türkei', [hit(turkey, 'alias')], 'de')).toBe(turkey);
    expect(trustedPlace('Turkei', [hit(turkey, 'alias')], 'de')).toBeNull();
  });

  it(`refuses towns under ${SUGGEST_MIN_POPULATION} inhabitants unless they are the project's own or reached by a curated alias`, () => {
    const treffen = place('geonames:2763390', 'Treffen', 'place', { country: 'AT', population: 815 });
    expect(trustedPlace('Treffen', [hit(treffen)], 'de')).toBeNull();
    expect(trustedPlace('Treffen', [hit({ ...treffen, population: undefined })], 'de')).toBeNull();
    expect(trustedPlace('Treffen', [hit({ ...treffen, population: SUGGEST_MIN_POPULATION - 1 })], 'de')).toBeNull();
    const big = { ...treffen, population: SUGGEST_MIN_POPULATION };
    expect(trustedPlace('Treffen', [hit(big)], 'de')).toBe(big);
    const own = place('user:kebele-checkpoint', 'Kebele Checkpoint', 'place', { aliases: ['Kontrollpunkt Kebele'] });
    expect(trustedPlace('Kebele Checkpoint', [hit(own)], 'de')).toBe(own);
    expect(trustedPlace('Kontrollpunkt Kebele', [hit(own, 'alias')], 'de')).toBe(own);
    const curated = place('geonames:585231', 'Qəbələ', 'place', { country: 'AZ', population: 13_000, aliases: ['Kebele'] });
    expect(trustedPlace('Kebele', [hit(curated, 'alias')], 'de')).toBe(curated);
  });

  it('takes the first trusted hit in the order given and skips the untrusted ones before it', () => {
    const small = place('geonames:2', 'Baku', 'place', { population: 500 });
    const baku = place('geonames:587084', 'Baku', 'place', { country: 'AZ', population: 1_116_513 });
    expect(trustedPlace('Baku', [hit(small), hit(baku)], 'de')).toBe(baku);
    expect(trustedPlace('Bakus', [hit(baku, 'name', 'genitive')], 'de')).toBe(baku);
    expect(trustedPlace('Baku', [], 'de')).toBeNull();
  });

  it('refuses words that are places only now and then ("Mitte", "Mann"), whatever the hits say', () => {
    const mitte = place('geonames:6545310', 'Mitte', 'place', { country: 'DE', population: 102_338 });
    expect(trustedPlace('Mitte', [hit(mitte)], 'de')).toBeNull();
    expect(trustedPlace('MITTE', [hit(mitte)], 'de')).toBeNull();
    const man = place('iso3166:IM', 'Isle of Man', 'country', { country: 'IM', aliases: ['Mann'] });
    expect(trustedPlace('Mann', [hit(man, 'alias')], 'de')).toBeNull();
    expect(trustedPlace('Isle of Man', [hit(man)], 'de')).toBe(man);
  });

  it('refuses "Island" in English text but takes it for Iceland in German text and when no language is known', () => {
    expect(trustedPlace('Island', [hit(ICELAND, 'alias')], 'en')).toBeNull();
    expect(trustedPlace('Island', [hit(ICELAND, 'alias')], 'en-GB')).toBeNull();
    expect(trustedPlace('Island', [hit(ICELAND, 'alias')], 'de')).toBe(ICELAND);
    expect(trustedPlace('Island', [hit(ICELAND, 'alias')], 'de-AT')).toBe(ICELAND);
    expect(trustedPlace('Island', [hit(ICELAND, 'alias')])).toBe(ICELAND);
  });
});

describe('suggestPlaces', () => {
  const BAKU = place('geonames:587084', 'Baku', 'place', { country: 'AZ', lat: 40.37767, lon: 49.89201, population: 1_116_513 });
  const HAGUE = place('geonames:2747373', 'The Hague', 'place', { country: 'NL', lat: 52.07667, lon: 4.29861 });
  const FRANKFURT = place('geonames:2925533', 'Frankfurt am Main', 'place', { country: 'DE', lat: 50.11552, lon: 8.68417 });
  const KNOWN: Record<string, Place> = {
    Baku: BAKU, Bakus: BAKU, 'Den Haag': HAGUE, Haag: HAGUE, 'Frankfurt am Main': FRANKFURT, Frankfurt: FRANKFURT,
    Armenien: ARMENIA, 'Berg-Karabach': KARABACH, 'Baku Eriwan': YEREVAN, 'Armenien Baku': YEREVAN,
  };
  /** A deterministic lookup that records what it was asked. */
  function lookup() {
    const asked: string[] = [];
    return { asked, find: (phrase: string) => { asked.push(phrase); return KNOWN[phrase] ?? null; } };
  }

  it('suggests runs of up to three capitalised words the lookup knows, longest first, linked to the place', () => {
    const text = 'Gespräche in Den Haag und Frankfurt am Main über Berg-Karabach.';
    const { asked, find } = lookup();
    const got = suggestPlaces(text, find);
    expect(got).toEqual([
      {
        id: 'location:13:21', label: LOCATION_LABEL, start: 13, end: 21, quote: 'Den Haag',
        attributes: { place: 'geonames:2747373', place_name: 'The Hague', lat: 52.07667, lon: 4.29861 }, reason: 'Place: The Hague (NL)',
      },
      {
        id: 'location:26:43', label: LOCATION_LABEL, start: 26, end: 43, quote: 'Frankfurt am Main',
        attributes: { place: 'geonames:2925533', place_name: 'Frankfurt am Main', lat: 50.11552, lon: 8.68417 }, reason: 'Place: Frankfurt am Main (DE)',
      },
      {
        id: 'location:49:62', label: LOCATION_LABEL, start: 49, end: 62, quote: 'Berg-Karabach',
        attributes: { place: 'tagwerk:berg-karabach', place_name: 'Berg-Karabach', lat: 40, lon: 45 }, reason: 'Place: Berg-Karabach (AZ)',
      },
    ]);
    // A matched run is skipped past: "Haag" and "Frankfurt" alone are never asked.
    expect(asked).not.toContain('Haag');
    expect(asked).not.toContain('Frankfurt');
    // Every run asked starts and ends with a capital and has at most three words.
    for (const phrase of asked) {
      expect(phrase).toMatch(/^\p{Lu}/u);
      expect(phrase).toMatch(/(^|\s)\p{Lu}[^\s]*$/u);
      expect(phrase.split(' ').length).toBeLessThanOrEqual(3);
    }
    expect(asked).toContain('Gespräche in Den');
  });

  it('names no country for a country', () => {
    expect(suggestPlaces('Armenien meldete Gefechte.', lookup().find).map((s) => s.reason)).toEqual(['Place: Armenia']);
  });

  it('never joins words across a full stop, a comma or a line break', () => {
    const { asked, find } = lookup();
    expect(suggestPlaces('Kontrolle von Baku. Eriwan schwieg; Armenien, Baku\nEriwan', find).map((s) => [s.quote, s.attributes.place])).toEqual([
      ['Baku', 'geonames:587084'], ['Armenien', 'iso3166:AM'], ['Baku', 'geonames:587084'],
    ]);
    expect(asked.filter((p) => /[.,;\n]/.test(p))).toEqual([]);
    expect(asked).not.toContain('Baku Eriwan');
    expect(asked).not.toContain('Armenien Baku');
  });

  it('joins words separated by spaces only, so "Baku Eriwan" is one run', () => {
    expect(suggestPlaces('Zwischen Baku Eriwan liegt', lookup().find).map((s) => [s.quote, s.attributes.place])).toEqual([['Baku Eriwan', 'geonames:616052']]);
  });

  it('does not suggest a run starting or ending with a lowercase word', () => {
    const { asked, find } = lookup();
    expect(suggestPlaces('von baku aus', find)).toEqual([]);
    expect(asked).toEqual([]);
  });

  it('gives code point offsets after an emoji and the genitive as written', () => {
    const text = '🇦🇿 Nach Angaben Bakus';
    const [only] = suggestPlaces(text, lookup().find);
    // 🇦🇿 is two code points but four UTF-16 units: "Bakus" starts at code point 16, UTF-16 unit 18.
    expect(text.indexOf('Bakus')).toBe(18);
    expect([only.id, only.start, only.end, only.quote]).toEqual(['location:16:21', 16, 21, 'Bakus']);
    expect(Array.from(text).slice(16, 21).join('')).toBe('Bakus');
  });
});

/** A suggestion of `label` over start–end (quote and attributes do not matter to merging). */
function sug(label: string, start: number, end: number): Suggestion {
  return { id: suggestionId(label, start, end), label, start, end, quote: 'x'.repeat(end - start), attributes: {}, reason: label };
}
const ids = (list: readonly Suggestion[]) => list.map((s) => s.id);

describe('mergeSuggestions', () => {
  it('keeps everything in text order when nothing overlaps', () => {
    expect(ids(mergeSuggestions([sug('location', 20, 25)], [sug('actor', 0, 5), sug('casualty_figure', 5, 10)])))
      .toEqual(['actor:0:5', 'casualty_figure:5:10', 'location:20:25']);
  });

  it('prefers an actor over a location where they overlap, whatever their length and order', () => {
    expect(ids(mergeSuggestions([sug('location', 0, 8)], [sug('actor', 0, 8)]))).toEqual(['actor:0:8']);
    expect(ids(mergeSuggestions([sug('location', 0, 20)], [sug('actor', 5, 10)]))).toEqual(['actor:5:10']);
    expect(ids(mergeSuggestions([sug('actor', 0, 4)], [sug('location', 2, 30)]))).toEqual(['actor:0:4']);
  });

  it('prefers a casualty figure over a location, and an actor over a casualty figure', () => {
    expect(ids(mergeSuggestions([sug('location', 0, 30)], [sug('casualty_figure', 10, 15)]))).toEqual(['casualty_figure:10:15']);
    expect(ids(mergeSuggestions([sug('casualty_figure', 0, 30)], [sug('actor', 10, 15)]))).toEqual(['actor:10:15']);
  });

  it('keeps the longer of two overlapping suggestions of the same source', () => {
    expect(ids(mergeSuggestions([sug('location', 0, 4), sug('location', 0, 13)]))).toEqual(['location:0:13']);
    expect(ids(mergeSuggestions([sug('location', 0, 4)], [sug('location', 2, 13)]))).toEqual(['location:2:13']);
    expect(ids(mergeSuggestions([sug('location', 0, 10)], [sug('location', 2, 5)]))).toEqual(['location:0:10']);
    // Equal length: the earlier one stays.
    expect(ids(mergeSuggestions([sug('location', 0, 5)], [sug('location', 3, 8)]))).toEqual(['location:0:5']);
  });

  it('keeps a suggestion that overlapped only one that lost to a better one', () => {
    expect(mergeSuggestions([sug('location', 0, 10), sug('location', 5, 8)], [sug('actor', 9, 20)]).map((s) => s.id)).toEqual(['location:5:8', 'actor:9:20']);
  });

  it('treats touching suggestions as not overlapping', () => {
    expect(ids(mergeSuggestions([sug('location', 0, 5), sug('actor', 5, 9)]))).toEqual(['location:0:5', 'actor:5:9']);
  });

  it('merges the real sources of seed 000: the entity "Armenien" wins over the place Armenien', () => {
    const armenien = entity('e_armenien', 'Armenien', 'state');
    const places = suggestPlaces(SEED_000, (p) => (p === 'Armenien' || p === 'Armeniens' ? ARMENIA : null));
    const merged = mergeSuggestions(suggestCasualtyFigures(SEED_000), suggestActors(SEED_000, [armenien]), places);
    expect(merged.map((s) => [s.label, s.quote, s.start])).toEqual([
      ['actor', 'Armenien', 687], ['actor', 'Armenien', 1168], ['actor', 'Armenien', 1368],
      ['actor', 'Armeniens', 1579], ['actor', 'Armenien', 1829], ['casualty_figure', '63 getöteten Zivilisten', 2045],
    ]);
  });
});

/** A span as a layer holds it. */
function span(id: string, label: string, start: number, end: number): Span {
  return { id, label, start, end, quote: 'x'.repeat(end - start), attributes: {}, createdAt: NOW, modifiedAt: NOW };
}

describe('openSuggestions', () => {
  const suggestions = [sug('actor', 10, 20), sug('location', 30, 40), sug('casualty_figure', 50, 60)];

  it('keeps every suggestion of an empty, undismissed layer', () => {
    expect(ids(openSuggestions(suggestions, []))).toEqual(['actor:10:20', 'location:30:40', 'casualty_figure:50:60']);
    expect(openSuggestions([], [span('s', 'actor', 10, 20)], ['actor:10:20'])).toEqual([]);
  });

  it('drops dismissed ids, and only those', () => {
    expect(ids(openSuggestions(suggestions, [], ['location:30:40', 'actor:10:21']))).toEqual(['actor:10:20', 'casualty_figure:50:60']);
  });

  it('drops a suggestion a span of the same label overlaps, however little', () => {
    expect(ids(openSuggestions(suggestions, [span('a', 'actor', 19, 25), span('l', 'location', 25, 31)])))
      .toEqual(['casualty_figure:50:60']);
    // Touching is not overlapping.
    expect(ids(openSuggestions(suggestions, [span('a', 'actor', 20, 25), span('l', 'location', 25, 30)])))
      .toEqual(['actor:10:20', 'location:30:40', 'casualty_figure:50:60']);
  });

  it('agrees with the plain rule on random layers, ordered or not, with long spans among them', () => {
    const labels = ['actor', 'location', 'claim'];
    const range = fc.tuple(fc.nat(300), fc.integer({ min: 1, max: 120 }));
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.constantFrom(...labels), range), { maxLength: 40 }),
      fc.array(fc.tuple(fc.constantFrom(...labels), range), { maxLength: 15 }),
      fc.boolean(),
      (spanSpecs, sugSpecs, shuffle) => {
        let spans = spanSpecs.map(([label, [start, length]], i) => span(`s${i}`, label, start, start + length));
        spans = shuffle ? spans : [...spans].sort((a, b) => a.start - b.start);
        const suggested = sugSpecs.map(([label, [start, length]]) => sug(label, start, start + length));
        const plain = suggested.filter((s) => !spans.some((x) => (x.start === s.start && x.end === s.end) || (x.label === s.label && x.start < s.end && x.end > s.start)));
        expect(openSuggestions(suggested, spans)).toEqual(plain);
      },
    ));
  });

  it('drops a suggestion whose exact range a span of another label has', () => {
    expect(ids(openSuggestions(suggestions, [span('c', 'claim', 30, 40)]))).toEqual(['actor:10:20', 'casualty_figure:50:60']);
  });

  it('keeps a suggestion that a span of another label only partly overlaps or contains', () => {
    const spans = [span('c', 'claim', 0, 45), span('l', 'location', 55, 58), span('a', 'actor', 31, 40)];
    expect(ids(openSuggestions(suggestions, spans))).toEqual(['actor:10:20', 'location:30:40', 'casualty_figure:50:60']);
  });
});
