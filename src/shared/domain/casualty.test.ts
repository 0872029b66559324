/**
 * Casualty figures as researchers meet them: a table of real German and English phrasings
 * (the seed articles, GermEval 2014 news and Wikipedia sentences, typical agency wording), the
 * numbers that must never be proposed, code point offsets, and the whole GermEval 2014 and
 * HIPE-2020 corpora from ../shared read at test time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findCasualtyFigures, parseCasualtyFigure, type CasualtyAttributes, type CasualtyFigure } from './casualty';

const REPO_ROOT = resolve(__dirname, '../../..');
const SHARED = resolve(REPO_ROOT, '../shared');
const GERMEVAL_DIR = join(SHARED, 'corpora/germeval2014');
const HIPE_DIR = join(SHARED, 'corpora/hipe2020/jsonl');

type Outcome = CasualtyAttributes['outcome'];
type Victims = CasualtyAttributes['victims'];
/** [count_min, count_max, approximate, outcome, victims], or null for "no count". */
type Want = [number | null, number | null, boolean, Outcome, Victims] | null;
type Context = { before?: string; after?: string };
type Row = [text: string, want: Want, context?: Context];

const attrs = ([count_min, count_max, approximate, outcome, victims]: NonNullable<Want>): CasualtyAttributes =>
  ({ count_min, count_max, approximate, outcome, victims, normalized_by: 'auto' });

/** The text between code point offsets, as Python would slice it. */
const cpSlice = (text: string, start: number, end: number) => [...text].slice(start, end).join('');

/** A figure as one readable line: `quote → min..max[~] outcome victims`. */
const show = (f: CasualtyFigure) => {
  const a = f.attributes;
  return `${f.quote} → ${a.count_min}..${a.count_max}${a.approximate ? '~' : ''} ${a.outcome} ${a.victims}`;
};

// ---------------------------------------------------------------------------------------------
// parseCasualtyFigure: a span the researcher tagged, with the text around it.

const SEED_ROWS: Row[] = [
  // seeds/000_e40513d5b91acd2a.txt
  ['63 getöteten Zivilisten', [63, 63, false, 'killed', 'civilian']],
  ['etwa 145.000 Bewohnern', [145000, 145000, true, 'unknown', 'civilian']], // a population, but tagged: read it
  ['145.000 Bewohnern', [145000, 145000, true, 'unknown', 'civilian'], { before: 'um die Region mit etwa ' }],
  ['vor rund 30 Jahren', null],
  ['Seit 1994', null],
  ['58-Jährige', null],
  ['Zwei vereinbarte Feuerpausen', [2, 2, false, 'unknown', 'unknown']],
  // seeds/003_6a4deb1d4d02bbfd.txt
  ['mehr als 6.500 Toten', [6500, null, false, 'killed', 'unknown']],
  ['6.500 Toten', [6500, null, false, 'killed', 'unknown'], { before: 'Nach sechswöchigen Kämpfen mit mehr als ' }],
  ['zwei Kriege', [2, 2, false, 'unknown', 'unknown']],
  ['im Jahr 2020', null],
  ['2020', null],
  ['am 19. September', null],
  ['zum 1. Januar 2024', null],
  ['in den 1990er Jahren', null],
];

// GermEval 2014 (CC BY 4.0, Benikova, Biemann, Reznicek: NoSta-D, LREC 2014); each row names the
// sentence's `#` source line. Tokens are space-separated there ("Tote , 72").
const GERMEVAL_ROWS: Row[] = [
  // http://www.landeszeitung.de/start.phtml?…artikel=108181901
  ['155 Menschen', [155, 155, false, 'killed', 'unknown'], { before: 'Bei dem Absturz kamen ', after: ' ums Leben .' }],
  // http://www.rp-online.de/panorama/deutschland/Ab-Mittwoch-droht-Eisregen_aid_811545.html
  ['mindestens zwei Menschen', [2, null, false, 'killed', 'unknown'], { after: ' ums Leben , viele weitere wurden verletzt .' }],
  // fr-aktuell.de vom 12.10.2005
  ['38 Mitglieder einer Grundbesitzerfamilie', [38, 38, false, 'killed', 'unknown'], { after: ' getötet hatte .' }],
  // http://de.wikipedia.org/wiki/Geschichte_der_Stadt_Bremen
  ['1.054 Tote', [1054, 1054, false, 'killed', 'unknown']],
  ['72 Schwer-', [72, 72, false, 'injured', 'unknown'], { after: ' und 677 Leichtverletzte' }],
  ['677 Leichtverletzte', [677, 677, false, 'injured', 'unknown']],
  ['49.100 Obdachlose', [49100, 49100, false, 'displaced', 'unknown']],
  // http://de.wikipedia.org/wiki/Rheinische_Republik
  ['zwei Menschen', [2, 2, false, 'killed', 'unknown'], { before: 'bei denen in Wiesbaden ', after: ' getötet wurden .' }],
  // tagesspiegel.de vom 20.07.2006
  ['mindestens 525 Tote', [525, null, false, 'killed', 'unknown']],
  ['382 Verletzte', [382, 382, false, 'injured', 'unknown']],
  // http://de.wikipedia.org/wiki/Kaukasus-Konflikt_2008
  ['383 Verletzten und Toten', [383, 383, false, 'killed_or_injured', 'unknown']],
  ['zwischen 2001 und 2007', null],
  // focus.msn.de vom 05.07.2006
  ['einen radikalen Palästinenser', [1, 1, false, 'killed', 'unknown'], { before: 'tötete sie bei einem Luftangriff nach eigenen Angaben ' }],
  ['zwei weitere', [2, 2, false, 'injured', 'unknown'], { before: 'einen radikalen Palästinenser und verletzte ' }],
  // rtl.de vom 01.08.2005
  ['mehr als 40 Menschen', [40, null, false, 'killed', 'unknown'], { before: 'allein in Vietnam starben daran seit Ende 2003 ' }],
  // archiv.tagesspiegel.de vom 21.11.2005
  ['Mindestens 500000 Menschen', [500000, null, false, 'killed', 'unknown'], { after: ' fielen ihm und Francos anschließender Hetzjagd auf Oppositionelle zum Opfer .' }],
  // http://www.sueddeutsche.de/kultur/artikel/184/104080/
  ['Hunderttausende deutsche Zivilisten', [200000, null, true, 'displaced', 'civilian'], { after: ' , die auf der Flucht vor der Roten Armee' }],
  // http://de.wikipedia.org/wiki/Mauer_(Baden)
  ['416 Heimatvertriebene', [416, 416, false, 'displaced', 'unknown']],
  // http://www.koeln.de/aktuell/afp/newsticker/ticker/081026183547.8q5qefgo.html
  ['14 weitere Menschen', [14, 14, false, 'injured', 'unknown'], { after: ' seien verletzt worden .' }],
  // http://de.wikipedia.org/wiki/Bahnhof_Zürich_Oerlikon
  ['Eine Reisende', [1, 1, false, 'killed', 'civilian'], { after: ' wird getötet , 32 verletzt .' }],
  ['32 verletzt', [32, 32, false, 'injured', 'unknown']],
  // http://de.wikipedia.org/wiki/Esslingen_am_Neckar
  ['rund 12.000 Flüchtlinge', [12000, 12000, true, 'displaced', 'unknown']],
  // http://www.badisches-tagblatt.de/html/ticker/00_20080913111631_Schweres_Zugunglueck_bei_Los_Angeles_mit_minde.html
  ['154 Todesopfern', [154, 154, false, 'killed', 'unknown']],
  ['12:03 Uhr', null],
  ['Drei Wochen', null],
  // http://www.rp-online.de/politik/ausland/Bundesregierung-bestaetigt-Mord-an-Deutscher_aid_891093.html
  ['eine getötete Deutsche', [1, 1, false, 'killed', 'unknown']],
  // http://de.wikipedia.org/wiki/U_100_(Kriegsmarine)
  ['79 Tote', [79, 79, false, 'killed', 'unknown']],
  ['elf Passagiere', [11, 11, false, 'killed', 'civilian'], { before: 'Es gab 79 Tote ( darunter ', after: ' ) und 20 Überlebende .' }],
  // http://www.volksstimme.de/vsm/startseite/kurzmeldungen/?&em_cnt=168032
  ['219 Todesopfern', [219, 219, false, 'killed', 'unknown']],
  ['72 Menschen', [72, 72, false, 'missing', 'unknown'], { after: ' werden noch vermisst .' }],
  // http://www.sudanjem.com/2009/archives/6974/de/index.html
  ['vier Gefangene', [4, 4, false, 'captured', 'unknown']],
  // http://de.wikipedia.org/wiki/Lötschbergtunnel
  ['13 Arbeiter', [13, 13, false, 'killed', 'civilian'], { after: ' kamen ums Leben .' }],
  // de.news.yahoo.com vom 30.01.2006
  ['Zehn irakische Zivilisten', [10, 10, false, 'killed', 'civilian'], { after: ' kamen ums Leben , als am Samstagabend' }],
  ['rund 60 Kilometer', null],
  // http://de.wikipedia.org/wiki/Geschichte_der_United_States_Army
  ['31 Toten', [31, 31, false, 'killed', 'unknown'], { before: 'Nach dem Kampf und mittlerweile ' }],
  // http://de.wikipedia.org/wiki/Schlacht_um_Huế
  ['1500 Nordvietnamesen', [1500, 1500, false, 'killed', 'unknown'], { after: ' innerhalb der Stadt getötet .' }],
  // http://de.wikipedia.org/wiki/Stella_(1890)
  ['86 Passagiere', [86, 86, false, 'killed', 'civilian'], { after: ' , darunter mindestens 18 Frauen und vier Kinder , sowie 19 Besatzungsmitglieder , darunter die beiden Stewardessen , starben durch die Katastrophe' }],
  // http://de.wikipedia.org/wiki/Ludgeriplatz
  ['drei Radfahrer', [3, 3, false, 'killed', 'unknown'], { after: ' sind bislang dabei ums Leben gekommen .' }],
  // http://www.finanznachrichten.de/nachrichten-2010-01/15805079-zahlreiche-braende-durch-feuerwerk-in-der-silvesternacht-003.htm
  ['eine Person', [1, 1, false, 'injured', 'unknown'], { before: 'wurde ', after: ' beim Brand eines Schuppens verletzt' }],
  // http://de.wikipedia.org/wiki/Justus_Siebein
  ['knapp 10.000 kampffähigen Soldaten', [10000, 10000, true, 'unknown', 'military']],
  // http://de.wikipedia.org/wiki/Deutscher_Unterstützungsverband_Somalia
  ['ca. 4.500 deutsche Soldaten', [4500, 4500, true, 'unknown', 'military']],
  // http://www.blick.ch/news/schweiz/zuerich/schweizer-46-hat-mustafa-erstochen-91636
  ['( 27 )', null],
  // http://www.net-tribune.de/article/270808-93.php
  ['21,1 Millionen Euro', null],
  // http://www.presseportal.de/pm/7169/1615135/swr_suedwestrundfunk/rss
  ['im Alter von 86 Jahren', null],
  ['am 16. Mai', null],
];

// Typical agency wording (Reuters/AP/dpa style, written for these tests).
const NEWS_ROWS: Row[] = [
  ['at least 12 people', [12, null, false, 'killed', 'unknown'], { after: ' were killed in the blast' }],
  ['3 soldiers', [3, 3, false, 'killed', 'military'], { before: 'The strike hit a checkpoint, killing ' }],
  ['dozens wounded', [24, null, true, 'injured', 'unknown']],
  ['some 100,000 displaced', [100000, 100000, true, 'displaced', 'unknown']],
  ['45', [45, 45, false, 'killed', 'unknown'], { before: 'the death toll rose to ', after: ', officials said' }],
  ['More than 200 civilians', [200, null, false, 'killed', 'civilian'], { after: ' have been killed since March' }],
  ['between 30 and 40 people', [30, 40, false, 'killed', 'unknown'], { after: ' died' }],
  ['up to 40 fighters', [null, 40, false, 'killed', 'military'], { after: ' were killed' }],
  ['nearly 1,000 people', [1000, 1000, true, 'injured', 'unknown'], { after: ' were injured' }],
  ['hundreds of thousands of refugees', [200000, null, true, 'displaced', 'unknown']],
  ['Tens of thousands', [20000, null, true, 'displaced', 'unknown'], { after: ' have fled the fighting' }],
  ['A dozen soldiers', [12, 12, false, 'captured', 'military'], { after: ' were captured' }],
  ['fewer than 10 casualties', [null, 10, false, 'killed_or_injured', 'unknown']],
  ['Two children', [2, 2, false, 'killed', 'civilian'], { after: ' were among the dead' }],
  ['1.5 million people', [1500000, 1500000, false, 'displaced', 'unknown'], { after: ' have been displaced' }],
  ['30 to 40 militants', [30, 40, false, 'killed', 'military'], { after: ' were killed' }],
  ['scores of villagers', [40, null, true, 'captured', 'civilian'], { after: ' were abducted' }],
  ['three Israeli soldiers', [3, 3, false, 'captured', 'military'], { after: ' were taken hostage' }],
  ['1,200 people', [1200, 1200, false, 'missing', 'unknown'], { after: ' remain missing' }],
  ['about 20 killed and wounded', [20, 20, true, 'killed_or_injured', 'unknown']],
  ['an estimated 2,000 people', [2000, 2000, true, 'killed', 'unknown'], { after: ' were killed' }],
  ['from 30 to 45', [45, 45, false, 'killed', 'unknown'], { before: 'the death toll climbed ' }],
  ['12 civilian casualties', [12, 12, false, 'killed_or_injured', 'civilian']],
  ['two or three', [2, 3, false, 'injured', 'unknown'], { after: ' were injured' }],
  ['7 dead', [7, 7, false, 'killed', 'unknown'], { before: 'The attack left ' }],
  ['5', [5, 5, false, 'killed', 'unknown'], { before: 'The attack killed ', after: ' and injured 17.' }],
  ['twenty-one soldiers', [21, 21, false, 'unknown', 'military']],
  ['two hundred and fifty prisoners of war', [250, 250, false, 'captured', 'unknown']],
  ['a soldier', [1, 1, false, 'unknown', 'military']],
  // dpa style
  ['Dutzende Verletzte', [24, null, true, 'injured', 'unknown']],
  ['zwischen 30 und 40 Tote', [30, 40, false, 'killed', 'unknown']],
  ['30 bis 40 Tote', [30, 40, false, 'killed', 'unknown']],
  ['30-40 Tote', [30, 40, false, 'killed', 'unknown']],
  ['etwa 30 bis 40 Tote', [30, 40, true, 'killed', 'unknown']],
  ['bis zu 40 Tote', [null, 40, false, 'killed', 'unknown']],
  ['fast 100 Tote', [100, 100, true, 'killed', 'unknown']],
  ['knapp 10.000 Vertriebene', [10000, 10000, true, 'displaced', 'unknown']],
  ['mehr als zwei Dutzend Soldaten', [24, null, false, 'injured', 'military'], { after: ' wurden verwundet' }],
  ['einundzwanzig Tote', [21, 21, false, 'killed', 'unknown']],
  ['zweihundert Gefangene', [200, 200, false, 'captured', 'unknown']],
  ['zweitausendfünfhundert Vertriebene', [2500, 2500, false, 'displaced', 'unknown']],
  ['dreißig Verletzte', [30, 30, false, 'injured', 'unknown']],
  ['zwölf Soldaten', [12, 12, false, 'captured', 'military'], { after: ' wurden verschleppt' }],
  ['ungefähr 50 Geiseln', [50, 50, true, 'captured', 'unknown']],
  ['weniger als 10 Todesopfer', [null, 10, false, 'killed', 'unknown']],
  ['Hunderte Vermisste', [200, null, true, 'missing', 'unknown']],
  ['Zehntausende Binnenvertriebene', [20000, null, true, 'displaced', 'unknown']],
  ['einige hundert Menschen', [200, null, true, 'displaced', 'unknown'], { after: ' sind auf der Flucht' }],
  ['Tausende', [2000, null, true, 'displaced', 'unknown'], { after: ' sind auf der Flucht' }],
  ['einen Toten', [1, 1, false, 'killed', 'unknown']],
  ['ein Dutzend Verletzte', [12, 12, false, 'injured', 'unknown']],
  ['mehr als ein Dutzend Tote', [12, null, false, 'killed', 'unknown']],
  ['6 500 Tote', [6500, 6500, false, 'killed', 'unknown']],
  ['1,5 Millionen Flüchtlinge', [1500000, 1500000, false, 'displaced', 'unknown']],
  ['zwischen 1 und 2 Millionen Vertriebene', [1000000, 2000000, false, 'displaced', 'unknown']],
  ['3 Mio. Flüchtlinge', [3000000, 3000000, false, 'displaced', 'unknown']],
  ['63 Soldaten und Zivilisten', [63, 63, false, 'unknown', 'mixed']],
  ['12 Tote und Vermisste', [12, 12, false, 'unknown', 'unknown']],
  ['45', [45, 45, false, 'killed', 'unknown'], { before: 'Die Zahl der Toten stieg von 30 auf ' }],
  ['3 Kinder', [3, 3, false, 'killed', 'civilian'], { before: 'Unter den Toten sind ' }],
  ['20 Kinder', [20, 20, false, 'killed', 'civilian'], { before: '63 Menschen, darunter ', after: ', wurden getötet.' }],
  ['12 Soldaten', [12, 12, false, 'killed', 'military'], { after: ', die bei dem Angriff getötet wurden' }],
  ['12 Soldaten', [12, 12, false, 'unknown', 'military'], { after: ' wurden nicht verletzt' }],
  ['3 Kindern', [3, 3, false, 'unknown', 'civilian'], { before: 'Der Vater von ', after: ' wurde getötet.' }],
  ['Tote und Verletzte', null],
  ['mehrere Tote', null],
  ['several dead', null],
  ['a few people', null],
  ['20 Prozent', null],
  ['1.000 Euro', null],
  ['3 p.m.', null],
  ['2,5 Tote', null],
];

describe('parseCasualtyFigure', () => {
  const rows = [...SEED_ROWS, ...GERMEVAL_ROWS, ...NEWS_ROWS];

  it('holds at least 60 real phrasings with a figure', () => {
    expect(rows.filter(([, want]) => want !== null).length).toBeGreaterThanOrEqual(60);
  });

  it.each(rows)('reads %j', (text, want, context) => {
    expect(parseCasualtyFigure(text, context)).toEqual(want === null ? null : attrs(want));
  });

  it('reads the first figure of a span and prefers a number to an article', () => {
    expect(parseCasualtyFigure('mindestens 525 Tote und 382 Verletzte')).toEqual(attrs([525, null, false, 'killed', 'unknown']));
    expect(parseCasualtyFigure('ein 25-jähriger Mann', { after: ' wurde getötet' })).toEqual(attrs([1, 1, false, 'killed', 'unknown']));
    expect(parseCasualtyFigure('$200,000 and killed 200 men')).toEqual(attrs([200, 200, false, 'killed', 'unknown']));
  });

  it('keeps words apart when context is given without a space', () => {
    expect(parseCasualtyFigure('63 Menschen', { after: 'wurden getötet' })).toEqual(attrs([63, 63, false, 'killed', 'unknown']));
  });

  it('always says normalized_by auto', () => {
    expect(parseCasualtyFigure('12 dead')?.normalized_by).toBe('auto');
  });
});

// ---------------------------------------------------------------------------------------------
// findCasualtyFigures: suggestions.

describe('findCasualtyFigures on the seed articles', () => {
  const seed = (name: string) => readFileSync(join(REPO_ROOT, 'seeds', name), 'utf8');

  it('proposes the two figures the articles report and nothing else (no population, years, dates, wars or ages)', () => {
    expect(findCasualtyFigures(seed('000_e40513d5b91acd2a.txt')).map(show)).toEqual(['63 getöteten Zivilisten → 63..63 killed civilian']);
    expect(findCasualtyFigures(seed('003_6a4deb1d4d02bbfd.txt')).map(show)).toEqual(['mehr als 6.500 Toten → 6500..null killed unknown']);
  });
});

describe('findCasualtyFigures never proposes numbers that are not counts of people', () => {
  const cases: [string, string[]][] = [
    ['Im Jahr 2020 wurden bei Kämpfen 300 Menschen getötet.', ['300 Menschen']],
    ['Seit 1994 galt eine brüchige Waffenruhe, die 2020 mit 12 Toten endete.', ['12 Toten']],
    ['Am 27. September wurden 12 Soldaten getötet.', ['12 Soldaten']],
    ['Killed on 12 May 2020: 4 civilians.', []],
    ['Seitdem haben Baku und Eriwan bereits zwei Kriege geführt, bei denen Tausende starben.', ['Tausende starben']],
    ['Die Region mit etwa 145.000 Bewohnern wurde beschossen, 3 Menschen starben.', ['3 Menschen']],
    ['In 30 Dörfern wurden Menschen getötet.', []],
    ['Um 3 Uhr wurden zwei Menschen verletzt.', ['zwei Menschen']],
    ['20 Prozent der Opfer waren Kinder.', []],
    ['Rund 50 Kilometer südlich wurden 4 Menschen getötet.', ['4 Menschen']],
    ['1.000 Euro erhielten die Opfer, 21,1 Millionen Euro die Verletzten.', []],
    ['Ein 25-jähriger wurde schwer verletzt, ein 19-jähriger getötet.', []],
    ['A 25-year-old man was killed.', []],
    ['Der 58-Jährige wurde verletzt.', []],
    ['Mustafa S. (27) wurde getötet.', []],
    ['Er starb am 16. Mai im Alter von 86 Jahren.', []],
    ['Die 3. Armee verlor im 2. Weltkrieg 200 Soldaten.', []],
    ['Im zweiten Krieg um die Region starben mehr als 6.500 Menschen, im Zweiten Weltkrieg Millionen.', ['mehr als 6.500 Menschen']],
    ['Zwei Raketen trafen die Region, zwei Kriege wurden geführt.', []],
    ['Piraten haben eins von zwei entführten malaysischen Schiffen freigegeben.', []],
    ['Bei dem Unfall, der um 12:03 Uhr geschah, wurde niemand verletzt.', []],
    ['No one was killed in the 3 attacks.', []],
    ['The gang stole $200,000 and killed 200 men.', ['200 men']],
    ['Die Polizei war mit mehr als 2.000 Beamten vor Ort; Verletzte gab es nicht.', []],
    ['Mit zwei Jahren überlebte er einen Autounfall schwer verletzt.', []],
    ['In den letzten 7 Tagen schon 216 mal gelesen, der Täter soll einen Mann getötet haben.', ['einen Mann']],
    ['The 2 gunmen killed 3 people.', ['3 people']],
    ['30 Raketen töteten 12 Menschen.', ['12 Menschen']],
    ['Der Vater von 3 Kindern wurde getötet.', []],
    ['Er wurde von einem Soldaten getötet.', []],
  ];
  it.each(cases)('%s', (text, quotes) => {
    expect(findCasualtyFigures(text).map((f) => f.quote)).toEqual(quotes);
  });
});

describe('findCasualtyFigures on agency wording', () => {
  it('finds each figure with its own outcome and victims', () => {
    const text = 'At least 12 people were killed and dozens wounded when the strike hit the market, killing 3 soldiers '
      + 'and wounding 10 civilians. Some 100,000 people have been displaced. The death toll rose to 45. '
      + 'Bei dem Anschlag starben mehr als 40 Menschen, 63 Menschen, darunter 20 Kinder, wurden verletzt. '
      + 'Eine Reisende wird getötet, 32 verletzt. Es wurden 1.054 Tote, 72 Schwer- und 677 Leichtverletzte gezählt.';
    expect(findCasualtyFigures(text).map(show)).toEqual([
      'At least 12 people → 12..null killed unknown',
      'dozens wounded → 24..null~ injured unknown',
      '3 soldiers → 3..3 killed military',
      '10 civilians → 10..10 injured civilian',
      'Some 100,000 people → 100000..100000~ displaced unknown',
      '45 → 45..45 killed unknown',
      'mehr als 40 Menschen → 40..null killed unknown',
      '63 Menschen → 63..63 injured unknown',
      '20 Kinder → 20..20 injured civilian',
      'Eine Reisende → 1..1 killed civilian',
      '32 verletzt → 32..32 injured unknown',
      '1.054 Tote → 1054..1054 killed unknown',
      '72 Schwer- → 72..72 injured unknown',
      '677 Leichtverletzte → 677..677 injured unknown',
    ]);
  });
});

describe('findCasualtyFigures offsets', () => {
  // Flags and a skin-toned emoji: 10 code points but 18 UTF-16 units before "Nach".
  const TEXT = '🇦🇲🇦🇿 Bericht 👍🏽: Nach Angaben Bakus gab es mehr als 6.500 Tote und 63 getötete Zivilisten.';

  it('are Unicode code points, as Python slices them, not UTF-16 units', () => {
    const found = findCasualtyFigures(TEXT);
    expect(found.map((f) => [f.start, f.end, f.quote])).toEqual([
      [43, 62, 'mehr als 6.500 Tote'],
      [67, 89, '63 getötete Zivilisten'],
    ]);
    expect(TEXT.indexOf('mehr als 6.500 Tote')).toBe(49); // the UTF-16 offset differs
    for (const f of found) expect(cpSlice(TEXT, f.start, f.end)).toBe(f.quote);
  });

  it('shift by the code point length of any prefix, and the quote reads back the same attributes', () => {
    const sentences = [
      'Es gab 79 Tote ( darunter elf Passagiere ) und 20 Überlebende .',
      'The strike killed 3 soldiers and wounded 10 civilians.',
      'Die aserbaidschanische Seite spricht zudem von 63 getöteten Zivilisten.',
    ];
    const base = sentences.map((s) => findCasualtyFigures(s));
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 8 }), fc.integer({ min: 0, max: 2 }), (raw, which) => {
      const prefix = `${raw.replace(/[\p{L}\p{N}]/gu, '')} `;
      const text = prefix + sentences[which];
      const shift = [...prefix].length;
      const found = findCasualtyFigures(text);
      expect(found.map((f) => [f.start - shift, f.end - shift, f.quote])).toEqual(base[which].map((f) => [f.start, f.end, f.quote]));
      for (const f of found) {
        expect(cpSlice(text, f.start, f.end)).toBe(f.quote);
        const context = { before: cpSlice(text, 0, f.start), after: cpSlice(text, f.end, Infinity) };
        expect(parseCasualtyFigure(f.quote, context)).toEqual(f.attributes);
      }
    }), { numRuns: 200 });
  });
});

// ---------------------------------------------------------------------------------------------
// Whole corpora from ../shared, read at test time.

/** GermEval 2014 sentences (tokens joined by one space) with their `#` source line. */
function readGermEval(): { source: string; text: string }[] {
  const out: { source: string; text: string }[] = [];
  for (const file of ['NER-de-dev.tsv', 'NER-de-test.tsv']) {
    let source = '';
    let tokens: string[] = [];
    for (const line of readFileSync(join(GERMEVAL_DIR, file), 'utf8').split('\n')) {
      if (line.startsWith('#')) source = line.split('\t')[1] ?? '';
      else if (line.trim() === '') { if (tokens.length) out.push({ source, text: tokens.join(' ') }); tokens = []; }
      else tokens.push(line.split('\t')[1]);
    }
    if (tokens.length) out.push({ source, text: tokens.join(' ') });
  }
  return out;
}

const hasGermEval = existsSync(GERMEVAL_DIR);
describe(`GermEval 2014, all 7,300 dev and test sentences${hasGermEval ? '' : ' (skipped: ../shared/corpora/germeval2014 is not there)'}`, () => {
  it.skipIf(!hasGermEval)('proposes exactly these figures (each reviewed by hand)', () => {
    const sentences = readGermEval();
    expect(sentences.length).toBe(7300);
    const found = sentences.flatMap((s) => findCasualtyFigures(s.text));
    expect(found.map(show)).toEqual([
    '155 Menschen → 155..155 killed unknown',
    'drei Personen → 3..3 killed unknown',
    'zwei Brüder → 2..2 killed unknown',
    'mindestens zwei Menschen → 2..null killed unknown',
    '38 Mitglieder → 38..38 killed unknown',
    '1.054 Tote → 1054..1054 killed unknown',
    '72 Schwer- → 72..72 injured unknown',
    '677 Leichtverletzte → 677..677 injured unknown',
    '49.100 Obdachlose → 49100..49100 displaced unknown',
    'eine Polizistin → 1..1 injured unknown',
    'eine Feuerwehrfrau → 1..1 injured civilian',
    'zwei Menschen → 2..2 killed unknown',
    'mindestens 525 Tote → 525..null killed unknown',
    '382 Verletzte → 382..382 injured unknown',
    '383 Verletzten und Toten → 383..383 killed_or_injured unknown',
    'drei Palästinenser → 3..3 killed unknown',
    'einen radikalen Palästinenser → 1..1 killed unknown',
    'zwei weitere → 2..2 injured unknown',
    'mehr als 40 Menschen → 40..null killed unknown',
    'ein Mensch → 1..1 killed unknown',
    '60 Millionen Abtreibungsopfern → 60000000..60000000 killed_or_injured unknown',
    'Mindestens 500000 Menschen → 500000..null killed unknown',
    'Hunderttausende deutsche Zivilisten → 200000..null~ displaced civilian',
    '416 Heimatvertriebene → 416..416 displaced unknown',
    '14 weitere Menschen → 14..14 injured unknown',
    'Eine Reisende → 1..1 killed civilian',
    '32 verletzt → 32..32 injured unknown',
    'rund 12.000 Flüchtlinge → 12000..12000~ displaced unknown',
    'eine Frau → 1..1 killed civilian',
    'Millionen dieser Menschen → 2000000..null~ killed unknown',
    '154 Todesopfern → 154..154 killed unknown',
    'eine getötete Deutsche → 1..1 killed unknown',
    '79 Tote → 79..79 killed unknown',
    'elf Passagiere → 11..11 killed civilian',
    '219 Todesopfern → 219..219 killed unknown',
    '72 Menschen → 72..72 missing unknown',
    'vier Gefangene → 4..4 captured unknown',
    '13 Arbeiter → 13..13 killed civilian',
    'einen Mann → 1..1 killed unknown',
    'Zehn irakische Zivilisten → 10..10 killed civilian',
    '31 Toten → 31..31 killed unknown',
    '1500 Nordvietnamesen → 1500..1500 killed unknown',
    '86 Passagiere → 86..86 killed civilian',
    'mindestens 18 Frauen → 18..null killed civilian',
    '19 Besatzungsmitglieder → 19..19 killed unknown',
    'eine Person → 1..1 injured unknown',
    'drei Radfahrer → 3..3 killed unknown',
    ]);
  });

  it.skipIf(!hasGermEval)('gives quotes that slice the sentence and parse back to the same attributes', () => {
    for (const { text } of readGermEval()) {
      for (const f of findCasualtyFigures(text)) {
        expect(cpSlice(text, f.start, f.end)).toBe(f.quote);
        expect(parseCasualtyFigure(f.quote, { before: cpSlice(text, 0, f.start), after: cpSlice(text, f.end, Infinity) })).toEqual(f.attributes);
      }
    }
  });
});

interface HipeRecord { id: string; text: string; spans: { start: number; end: number; label: string }[] }
const HIPE_SPLITS = ['dev-de', 'dev-en', 'test-de', 'test-en', 'train-de'];
const readHipe = (split: string): HipeRecord[] =>
  readFileSync(join(HIPE_DIR, `hipe2020-${split}.jsonl`), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as HipeRecord);

// HIPE-2020 is CC BY-NC-SA: its text stays in ../shared; only document ids and offsets are pinned here.
const hasHipe = existsSync(HIPE_DIR);
describe(`HIPE-2020 historical newspapers, all 311 documents${hasHipe ? '' : ' (skipped: ../shared/corpora/hipe2020 is not there)'}`, () => {
  it.skipIf(!hasHipe)('proposes exactly these figures (each reviewed by hand: OCR noise, 19th-century spelling, no false alarms)', () => {
    const found = HIPE_SPLITS.flatMap((split) => readHipe(split).flatMap((r) => findCasualtyFigures(r.text).map((f) => {
      const a = f.attributes;
      return [split, r.id, f.start, f.end, a.count_min, a.count_max, a.approximate, a.outcome, a.victims];
    })));
    expect(found).toEqual([
      // "… ein braver Soldat … zum Opfer", "Killed Two Hundred Men" (headline) and "killed 200 men",
      // "killing one child and wounding …", "mehr als 20 Personen das Leben verloren", "… Gefangene, darunter einen Offizier",
      // "900 Gefangene gemacht", "Zahl der … Verwundeten ist 17", "Etwa dreißig Leichen", "ein Soldat … getötet",
      // "ein Mann und eine Frau getötet", "Zwei Bediente wurden verwundet"
      ['dev-de', 'NZZ-1918-11-27-a-p0001', 5592, 5609, 1, 1, false, 'killed', 'military'],
      ['dev-en', 'sn86063397-1900-01-16-a-i0003', 154, 169, 200, 200, false, 'killed', 'unknown'],
      ['dev-en', 'sn86063397-1900-01-16-a-i0003', 4730, 4737, 200, 200, false, 'killed', 'unknown'],
      ['dev-en', 'sn89058133-1920-06-17-a-i0007', 1504, 1513, 1, 1, false, 'killed', 'civilian'],
      ['test-de', 'NZZ-1798-01-20-a-p0002', 1593, 1613, 20, null, false, 'killed', 'unknown'],
      ['test-de', 'NZZ-1918-09-09-c-p0002', 3030, 3044, 1, 1, false, 'captured', 'military'],
      ['train-de', 'NZZ-1848-10-04-a-p0004', 197, 210, 900, 900, false, 'captured', 'unknown'],
      ['train-de', 'NZZ-1858-12-15-a-p0003', 1012, 1014, 17, 17, false, 'injured', 'unknown'],
      ['train-de', 'NZZ-1898-04-06-b-p0008', 7999, 8019, 30, 30, true, 'killed', 'unknown'],
      ['train-de', 'NZZ-1918-11-24-a-p0002', 3776, 3786, 1, 1, false, 'killed', 'military'],
      ['train-de', 'NZZ-1918-11-24-a-p0002', 3887, 3895, 1, 1, false, 'killed', 'unknown'],
      ['train-de', 'NZZ-1918-11-24-a-p0002', 3900, 3909, 1, 1, false, 'killed', 'civilian'],
      ['train-de', 'luxwort-1858-01-20-a-i0001', 3705, 3718, 2, 2, false, 'injured', 'unknown'],
    ]);
  });

  it.skipIf(!hasHipe)('never proposes a figure inside a date the HIPE annotators marked (time entities)', () => {
    for (const split of HIPE_SPLITS) {
      for (const r of readHipe(split)) {
        const times = r.spans.filter((s) => s.label.startsWith('time'));
        expect(times.length + 1).toBeGreaterThan(0);
        for (const f of findCasualtyFigures(r.text)) {
          expect(cpSlice(r.text, f.start, f.end)).toBe(f.quote);
          expect(times.filter((s) => s.start < f.end && f.start < s.end), `${r.id} ${f.start}`).toEqual([]);
        }
      }
    }
  });
});
