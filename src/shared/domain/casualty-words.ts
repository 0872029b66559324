/**
 * The words the casualty-figure reader knows, in German and English: outcome and victim words,
 * units, and the small words that end a figure's phrase or link it to its predicate; with the
 * lookups of outcome and victim words in a token stream. The rules that use them are in casualty.ts.
 */
import type { CasualtyOutcome } from './casualty';
import { createLexicon, isWord, lookup, type Match, type Token } from './casualty-tokens';

// Word tables. A leading `*` also matches the word as the end of a compound
// (`*verletzte` matches Schwerverletzte, Leichtverletzte; never unverletzte).

export type Pos = 'noun' | 'adj' | 'verb';
export type KnownOutcome = Exclude<CasualtyOutcome, 'unknown'>;

/**
 * Outcome words. `verb`: finite verbs and participles, which may also stand before the figure
 * ("killing 3", "tötete einen"); `adj` and `noun` only count inside or after the figure's phrase,
 * or before it when only linking words stand between ("die Zahl der Toten stieg auf 45").
 */
const OUTCOME_WORDS: ReadonlyArray<readonly [KnownOutcome, Pos, readonly string[]]> = [
  ['killed', 'verb', [
    'getötet', 'tötete', 'töteten', 'tötet', 'starb', 'starben', 'stirbt', 'sterben', 'gestorben', 'ermordet', 'ermordete',
    'ermordeten', 'umgebracht', 'hingerichtet', 'erschossen', 'erschlagen', 'erwürgt', 'erstochen', 'ums leben', 'das leben', 'ihr leben', 'zum opfer',
    'tödlich verletzt', 'tödlich verwundet', 'tödlich verunglückt',
    'killed', 'kill', 'kills', 'killing', 'died', 'dying', 'perished', 'slain', 'murdered', 'executed', 'shot dead',
    'lost their lives', 'lost their life', 'fatally wounded', 'fatally injured',
  ]],
  ['killed', 'adj', ['getötete', 'getöteten', 'getöteter', 'getötetes', 'tot', 'todt', 'gefallene', 'gefallenen', 'dead']],
  ['killed', 'noun', [
    '*tote', '*toten', '*toter', 'todte', 'todten', '*todesopfer', '*todesopfern', 'leichen', 'totenzahl', 'todeszahl',
    'deaths', 'death', 'death toll', 'fatalities', 'fatality', 'bodies',
  ]],
  ['injured', 'verb', [
    'verletzt', '*verletzte', '*verletzten', 'verwundet', '*verwundete', '*verwundeten', 'schwerverletzt',
    'injured', 'injuring', 'injures', 'wounded', 'wounding', 'hurt',
  ]],
  ['injured', 'noun', ['*verletzter', 'injuries']],
  ['missing', 'verb', ['vermisst', 'vermißt', 'verschollen', 'missing', 'unaccounted for']],
  ['missing', 'noun', ['*vermisste', '*vermissten', 'vermisster']],
  ['displaced', 'verb', [
    'vertrieben', 'geflohen', 'flohen', 'floh', 'flüchteten', 'geflüchtet', 'evakuiert', 'auf der flucht',
    'displaced', 'fled', 'fleeing', 'evacuated', 'uprooted', 'made homeless', 'forced to flee',
  ]],
  ['displaced', 'noun', [
    '*vertriebene', '*vertriebenen', '*flüchtlinge', '*flüchtlingen', 'geflüchtete', 'geflüchteten', 'obdachlose', 'obdachlosen',
    'refugees', 'evacuees',
  ]],
  ['captured', 'verb', [
    'gefangen genommen', 'gefangengenommen', 'gefangen', 'in gefangenschaft', 'verschleppt', 'entführt', 'entführte', 'entführten',
    'verschleppte', 'verschleppten', 'als geiseln',
    'captured', 'abducted', 'kidnapped', 'taken prisoner', 'taken captive', 'taken hostage', 'held hostage',
  ]],
  ['captured', 'noun', ['*gefangene', '*gefangenen', 'geiseln', 'prisoners of war', 'prisoners', 'pows', 'captives', 'hostages']],
  ['killed_or_injured', 'noun', ['*opfer', '*opfern', 'casualties', 'casualty', 'victims']],
];

export type VictimClass = 'civilian' | 'military' | 'person';

/** Nouns for people. `person` says "people" without saying civilian or military. */
const VICTIM_WORDS: ReadonlyArray<readonly [VictimClass, readonly string[]]> = [
  ['civilian', [
    '*zivilisten', 'zivilist', 'zivilistin', 'zivilistinnen', 'zivilpersonen', 'zivilperson', 'zivile', 'zivilen', 'zivilopfer',
    '*einwohner', '*einwohnern', '*bewohner', '*bewohnern', '*kinder', '*kindern', 'kind', '*frauen', '*frau', 'mädchen', 'babys',
    'säuglinge', 'passagiere', 'passagieren', 'reisende', 'reisenden', '*journalisten', 'journalistin', '*helfer', '*arbeiter',
    'schüler', 'studenten', 'patienten', 'pilger', 'demonstranten', 'bergleute',
    'civilians', 'civilian', 'residents', 'villagers', 'children', 'child', 'kids', 'women', 'woman', 'girls', 'boys', 'babies',
    'infants', 'passengers', 'journalists', 'reporters', 'aid workers', 'workers', 'students', 'pupils', 'patients', 'worshippers',
    'pilgrims', 'protesters', 'demonstrators', 'farmers', 'miners',
  ]],
  ['military', [
    '*soldaten', 'soldat', 'soldatinnen', '*kämpfer', '*kämpfern', 'militärs', '*armeeangehörige', '*armeeangehörigen',
    '*militärangehörige', '*militärangehörigen', '*truppen', 'offiziere', 'offizier', 'rebellen', 'aufständische', 'aufständischen',
    'milizionäre', 'milizen', 'separatisten', 'dschihadisten', 'islamisten', 'kombattanten', 'partisanen', 'rekruten', 'wehrpflichtige',
    'soldiers', 'soldier', 'troops', 'fighters', 'servicemen', 'servicemembers', 'service members', 'militants', 'rebels',
    'insurgents', 'militiamen', 'combatants', 'marines', 'sailors', 'airmen', 'guerrillas', 'paratroopers', 'military personnel',
    'military', 'jihadists', 'separatists', 'recruits', 'conscripts',
  ]],
  ['person', [
    'menschen', 'mensch', 'personen', 'person', 'leute', 'männer', 'mann', 'jugendliche', 'jugendlichen', 'insassen', '*mitglieder',
    '*angehörige', '*angehörigen', '*polizisten', 'polizist', 'polizistin', 'polizeibeamte', 'polizeibeamten', 'sicherheitskräfte',
    'beamte', 'angreifer', 'täter', 'attentäter', 'einheimische',
    'people', 'persons', 'individuals', 'men', 'man', 'others', 'members', 'crew members', 'crew', 'policemen', 'police officers',
    'police', 'officers', 'gunmen', 'attackers', 'security forces',
    // Nationalities: a person noun, neither civilian nor military by itself.
    '*palästinenser', 'israelis', 'israeli', '*ukrainer', '*russen', '*syrer', '*iraker', '*afghanen', '*amerikaner', 'deutsche',
    'deutschen', '*franzosen', '*briten', '*türken', '*kurden', '*armenier', '*aserbaidschaner', '*libanesen', '*jemeniten',
    '*somalier', '*sudanesen', '*pakistaner', '*tschetschenen', '*georgier', '*serben', '*kroaten', '*bosnier', '*albaner',
    'rohingya', '*uiguren', '*vietnamesen', '*iraner', '*ägypter', '*libyer', 'jesiden',
  ]],
];

/** Words right after a number that make it something other than a count of people. */
export const UNITS = new Set([
  'uhr', 'prozent', 'prozentpunkte', 'percent', 'grad', 'degrees', 'kilometer', 'kilometern', 'km', 'meter', 'metern', 'm',
  'meilen', 'miles', 'mile', 'metres', 'meters', 'quadratkilometer', 'hektar', 'hectares', 'tonnen', 'tonnes', 'tons', 'kg',
  'kilogramm', 'liter', 'litres', 'euro', 'euros', 'dollar', 'dollars', 'us-dollar', 'usd', 'eur', 'pfund', 'pounds', 'franken',
  'fr.', 'chf', 'rubel', 'rubles', 'roubles', 'mark', 'cent', 'cents', 'yen', 'jahre', 'jahren', 'jahr', 'jahres', 'years', 'year',
  'monate', 'monaten', 'monat', 'months', 'month', 'wochen', 'woche', 'weeks', 'week', 'tage', 'tagen', 'tag', 'days', 'day',
  'stunden', 'stunde', 'hours', 'hour', 'minuten', 'minute', 'minutes', 'sekunden', 'seconds', 'jahrzehnte', 'jahrzehnten',
  'decades', 'jahrhunderte', 'centuries', 'mal', 'times', 'seiten', 'pages', 'a.m.', 'p.m.', 'stück',
]);
export const UNIT_SYMBOLS = new Set(['%', '‰', '€', '$', '£', '¥', '°', '§']);
/** Words right before a number that make it an amount of money, an age or a reference. */
export const REFERENCE_BEFORE = new Set([
  'us$', 'chf', 'fr.', 'eur', 'usd', 'aged', 'age', 'alter', 'nr.', 'no.', 'art.', 'bd.', 's.', 'p.', 'seite', 'page', 'kapitel',
  'chapter', 'paragraph', 'paragraf', 'platz', 'rang', 'jahrgang', 'version', 'stufe', 'level', 'nummer', 'number', 'klasse',
]);
export const YEAR_BEFORE = new Set([
  'jahr', 'jahre', 'jahres', 'year', 'seit', 'since', 'anno', 'sommer', 'winter', 'frühjahr', 'herbst', 'ende', 'anfang', 'mitte',
  'nach', 'vor', 'bis', 'ab', 'um', 'im', 'in', 'after', 'before', 'until', 'by',
]);
export const MONTHS = new Set([
  'januar', 'jänner', 'februar', 'märz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'dezember',
  'january', 'february', 'march', 'may', 'june', 'july', 'october', 'december',
  'jan.', 'feb.', 'mär.', 'apr.', 'jun.', 'jul.', 'aug.', 'sep.', 'sept.', 'okt.', 'oct.', 'nov.', 'dez.', 'dec.',
]);
export const PREPOSITIONS = new Set([
  'in', 'im', 'an', 'am', 'auf', 'aus', 'bei', 'beim', 'mit', 'nach', 'seit', 'von', 'vom', 'vor', 'zu', 'zum', 'zur', 'für',
  'gegen', 'ohne', 'um', 'unter', 'durch', 'während', 'wegen', 'trotz', 'ab', 'innerhalb', 'außerhalb', 'binnen', 'neben',
  'on', 'at', 'of', 'from', 'with', 'by', 'for', 'to', 'into', 'after', 'before', 'during', 'within', 'among', 'per', 'under',
  'near', 'across', 'against', 'than', 'towards', 'toward', 'behind',
]);
export const ARTICLE_WORDS = new Set(['der', 'die', 'das', 'den', 'dem', 'des', 'the', 'a', 'an', 'ein', 'eine', 'einen', 'einem', 'einer', 'eines']);
const AUX_VERBS = new Set([
  'ist', 'sind', 'war', 'waren', 'wurde', 'wurden', 'werden', 'worden', 'wird', 'sei', 'seien', 'wäre', 'wären', 'hat', 'haben',
  'hatte', 'hatten', 'kamen', 'kam', 'gelten', 'galten', 'gilt', 'blieben', 'bleiben',
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'has', 'have', 'had', 'will', 'would', 'remain', 'remained', 'remains',
]);
/** Adverbs that may stand between a figure and its predicate ("wurden dabei … verletzt"). */
const FILLERS = new Set([
  'bislang', 'bisher', 'dabei', 'dort', 'auch', 'noch', 'bereits', 'schon', 'insgesamt', 'offenbar', 'mutmaßlich', 'vermutlich',
  'wahrscheinlich', 'jeweils', 'sofort', 'zunächst', 'damals', 'inzwischen', 'mittlerweile', 'nun', 'jetzt', 'wohl',
  'reportedly', 'also', 'all', 'both', 'later', 'already', 'allegedly', 'apparently', 'still', 'now', 'subsequently',
]);
/** How badly: inside a phrase ("12 Schwerverletzte", "schwer verletzt") or before its predicate. */
export const INTENSIFIERS = new Set([
  'schwer', 'leicht', 'lebensgefährlich', 'seriously', 'critically', 'badly', 'severely', 'slightly', 'lightly', 'mortally',
]);
/** Words that do not break the link between an outcome noun and a figure ("Zahl der Toten stieg auf"). */
const LINK_WORDS = new Set([
  'auf', 'to', 'at', 'of', 'bei', 'liegt', 'lag', 'stieg', 'steigt', 'gestiegen', 'stand', 'steht', 'erhöhte', 'erhöht', 'beträgt',
  'betrug', 'rose', 'risen', 'rises', 'climbed', 'reached', 'stood', 'stands', 'totals', 'totalled', 'totaled', 'include',
  'included', 'includes', 'were', 'among', 'unter', 'den', 'the', 'sich', 'nun', 'jetzt',
]);
/** Words that open an aside naming part of a figure ("63 Menschen, darunter 20 Kinder, …"). */
export const ASIDE = new Set(['darunter', 'davon', 'including', 'includes', 'among']);
export const CONJUNCTIONS = new Set(['und', 'oder', 'sowie', 'bzw.', 'and', 'or', '&']);
const PRONOUNS = new Set(['sie', 'er', 'es', 'wir', 'ihr', 'ihnen', 'ihm', 'sich', 'they', 'he', 'she', 'it', 'we', 'them', 'their', 'its']);
export const RELATIVES = new Set(['die', 'der', 'den', 'denen', 'das', 'welche', 'who', 'which', 'that', 'whom']);
export const NEGATIONS = new Set(['nicht', 'kein', 'keine', 'keiner', 'niemand', 'not', 'no', 'never', 'none']);
/** Verbs before "from X to Y" that make it a change ("rose from 30 to 45": 45), not a range. */
export const RISE_VERBS = new Set(['rose', 'risen', 'climbed', 'increased', 'jumped', 'grew', 'stieg', 'gestiegen', 'erhöhte', 'erhöht']);
/** Words that may sit inside a figure's phrase without being its head ("weitere", "more", "schwer"). */
export const MODIFIERS = new Set(['weitere', 'weiteren', 'andere', 'anderen', 'more', 'other', 'additional', ...INTENSIFIERS]);
/** Words that end a figure's phrase. */
export const FUNCTION_WORDS = new Set([
  ...ARTICLE_WORDS, ...PREPOSITIONS, ...AUX_VERBS, ...CONJUNCTIONS, ...PRONOUNS, ...RELATIVES, ...NEGATIONS, ...FILLERS,
]);
/** Words allowed between a figure and its predicate for the figure to count as its subject ("3 wurden getötet"). */
export const PREDICATE_PATH = new Set([...AUX_VERBS, ...FILLERS, ...INTENSIFIERS]);
/** Words that keep an outcome word before a figure linked to it ("Zahl der Toten stieg auf 45"). */
export const LINKING = new Set([...LINK_WORDS, ...AUX_VERBS, ...FILLERS, ...ASIDE]);
/** German articles that can be a count in a suggestion: nominative/accusative only ("von einem Soldaten getötet" names the killer). */
export const COUNTING_ARTICLES = new Set(['ein', 'eine', 'einen']);

// ---------------------------------------------------------------------------------------------
// Outcome and victim words looked up in a token stream.

export interface OutcomeValue { outcome: KnownOutcome; pos: Pos }
export const OUTCOMES = createLexicon<OutcomeValue>(OUTCOME_WORDS.map(([outcome, pos, words]) => [{ outcome, pos }, words] as const));
const VICTIMS = createLexicon<VictimClass>(VICTIM_WORDS);

/**
 * A truncated compound ("72 Schwer- und 677 Leichtverletzte") is looked up through the word it
 * shares its ending with: the next word after a conjunction (and perhaps a number).
 */
function resolveTruncated(tokens: Token[], i: number): number {
  if (!tokens[i]?.text.endsWith('-')) return i;
  let k = i + 1;
  if (isWord(tokens[k]) && CONJUNCTIONS.has(tokens[k].lower)) k++; else return i;
  if (tokens[k]?.kind === 'number') k++;
  return isWord(tokens[k]) ? k : i;
}

/** The outcome word starting at token `i` (a truncated compound through the word it shares its ending with). */
export function outcomeAt(tokens: Token[], i: number): Match<OutcomeValue> | null {
  const m = lookup(OUTCOMES, tokens, resolveTruncated(tokens, i));
  return m && resolveTruncated(tokens, i) !== i ? { value: m.value, length: 1 } : m;
}

/** The victim word starting at token `i` (a truncated compound through the word it shares its ending with). */
export function victimAt(tokens: Token[], i: number): Match<VictimClass> | null {
  const m = lookup(VICTIMS, tokens, resolveTruncated(tokens, i));
  return m && resolveTruncated(tokens, i) !== i ? { value: m.value, length: 1 } : m;
}
