/**
 * The project's entity list (actors with a canonical name, a type and aliases), the pure edits
 * of it, the name matching that suggests an entity for an actor span, and the mentions of
 * entities across layers. A span links to an entity through its attribute `entity` (the id).
 */
import { z } from 'zod';
import { ListEditError } from './list-edit-error';
import type { Attributes, Layer, Span } from './annotation';
import { withAttribute } from './attribute-values';
import { newId } from './ids';

/**
 * Entity types. The same values as the options of the default actor label's `actor_type`
 * attribute (tag-schema.ts does not export them; entities.test.ts checks that both agree).
 */
export const ENTITY_TYPES = ['person', 'state', 'government', 'military', 'armed_group', 'organisation', 'media', 'other'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** The span attribute that holds the id of the entity a span mentions. */
export const ENTITY_ATTRIBUTE = 'entity';

/** Entity ids: `e_` and a random part (`newId('e')`); file- and URL-safe. */
export const ENTITY_ID = /^e_[a-z0-9_-]{1,78}$/;

const MAX_NAME = 200;
const MAX_ALIASES = 500;
const MAX_NOTE = 10_000;

const name = z.string().trim().min(1, 'a name is needed').max(MAX_NAME, `at most ${MAX_NAME} characters`);

/** What the UI sends to create (no id) or change (with id) an entity. */
export const EntityInputSchema = z.object({
  id: z.string().regex(ENTITY_ID, 'not an entity id').optional(),
  name,
  type: z.enum(ENTITY_TYPES),
  aliases: z.array(z.string().trim().min(1, 'an alias cannot be empty').max(MAX_NAME, `at most ${MAX_NAME} characters`))
    .max(MAX_ALIASES, `at most ${MAX_ALIASES} aliases`),
  note: z.string().max(MAX_NOTE).optional(),
}).strict();
export type EntityInput = z.infer<typeof EntityInputSchema>;

export const EntitySchema = z.object({
  id: z.string().regex(ENTITY_ID, 'not an entity id'),
  name: z.string().min(1).max(MAX_NAME),
  type: z.enum(ENTITY_TYPES),
  aliases: z.array(z.string().min(1).max(MAX_NAME)).max(MAX_ALIASES),
  note: z.string().max(MAX_NOTE).optional(),
  createdAt: z.string(),
  modifiedAt: z.string(),
});
export type Entity = z.infer<typeof EntitySchema>;

/** `entities.json`: the project-wide entity list. */
export const EntitiesFileSchema = z.object({
  schemaVersion: z.literal(1),
  kind: z.literal('tagwerk-entities'),
  entities: z.array(EntitySchema).max(100_000),
}).superRefine((file, ctx) => {
  const seen = new Set<string>();
  file.entities.forEach((e, i) => {
    if (seen.has(e.id)) ctx.addIssue({ code: 'custom', path: ['entities', i, 'id'], message: `id ${e.id} is used twice` });
    seen.add(e.id);
  });
});
export type EntitiesFile = z.infer<typeof EntitiesFileSchema>;

/** An entity list with no entities (what a project without `entities.json` has). */
export function emptyEntitiesFile(): EntitiesFile {
  return { schemaVersion: 1, kind: 'tagwerk-entities', entities: [] };
}

/** Why an edit of the entity list was refused; `reason` maps to an API error code. */
export class EntityError extends ListEditError {}

// Letters that Unicode decomposition leaves alone, folded as the gazetteer folds place names
// (ə -> a: Əliyev = Aliyev); umlauts and accents lose their marks like other diacritics.
const FOLD: Record<string, string> = {
  ə: 'a', ı: 'i', ß: 'ss', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', æ: 'ae', œ: 'oe', ħ: 'h', ŧ: 't',
};
/** Soft hyphen, zero-width space/joiners, word joiner, BOM: invisible, so dropped. */
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;
/** Apostrophe look-alikes (typographic, modifier letter, backtick, acute, prime). */
const APOSTROPHES = /[\u2018\u2019\u02bc\u0060\u00b4\u2032]/g;
/** Runs of white space and hyphen or dash variants: one word separator. */
const SEPARATORS = /[\s\u2010-\u2015\u2212\u2043-]+/gu;
/** Anything at either end that is not a letter or digit: quotes, brackets, commas, full stops. */
const SURROUNDING = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/**
 * The key two names share when they name the same thing: NFKC, lower case, diacritics removed
 * (`Präsident` = `prasident`, `İlham` = `ilham`), `ə` as `a`, `ß` as `ss`, apostrophes as `'`,
 * white space and hyphens (`Berg-Karabach`, `Berg‑Karabach`, `Berg Karabach`) as one space, and
 * quotes and punctuation around the name (`„Alijew“,`) dropped. Words stay apart, so the last
 * word of a name can be compared on its own.
 */
export function normalizeName(value: string): string {
  return value
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[əıßøłđðþæœħŧ]/g, (c) => FOLD[c] ?? c)
    .replace(APOSTROPHES, "'")
    .replace(SEPARATORS, ' ')
    .replace(SURROUNDING, '');
}

/** The key without a genitive ending: English `'s` (`aliyev's`), German `-s` (`alijews`); null if none. */
export function genitiveBase(key: string): string | null {
  if (key.endsWith("'s") && key.length > 2) return key.slice(0, -2);
  const lastWord = key.slice(key.lastIndexOf(' ') + 1);
  return lastWord.length >= 4 && key.endsWith('s') ? key.slice(0, -1) : null;
}

/** The keys of an entity's name and aliases, each with the text it came from. */
function keysOf(entity: Pick<Entity, 'name' | 'aliases'>): { key: string; text: string; isName: boolean }[] {
  return [
    { key: normalizeName(entity.name), text: entity.name, isName: true },
    ...entity.aliases.map((a) => ({ key: normalizeName(a), text: a, isName: false })),
  ];
}

/**
 * Creates an entity (input without id) or replaces the name, type, aliases and note of the
 * entity with `input.id` (an omitted note removes the note). Aliases are trimmed; an alias that
 * repeats the name or an earlier alias (compared by `normalizeName`) is dropped. Refuses a name
 * or alias that another entity has as its name or alias, naming that entity. Unchanged input
 * returns the same file.
 */
export function saveEntity(file: EntitiesFile, input: EntityInput, now: string): { file: EntitiesFile; entity: Entity } {
  const parsed = EntityInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EntityError(`${issue.path.join('.') || 'entity'}: ${issue.message}`, 'invalid');
  }
  const { id, name: entityName, type, aliases: rawAliases, note: rawNote } = parsed.data;
  const note = rawNote?.trim() ? rawNote : undefined;
  const existing = id === undefined ? undefined : file.entities.find((e) => e.id === id);
  if (id !== undefined && !existing) throw new EntityError(`no entity ${id} in this project`, 'not-found');

  const seen = new Set<string>();
  const aliases: string[] = [];
  for (const text of [entityName, ...rawAliases]) {
    const key = normalizeName(text);
    if (!key) throw new EntityError(`"${text}" has no letters or digits to match`, 'invalid');
    if (seen.has(key)) continue;
    seen.add(key);
    if (text !== entityName) aliases.push(text);
  }
  for (const other of file.entities) {
    if (other.id === id) continue;
    for (const { key, text, isName } of keysOf(other)) {
      if (!seen.has(key)) continue;
      const mine = [entityName, ...aliases].find((t) => normalizeName(t) === key)!;
      throw new EntityError(
        `"${mine}" is already ${isName ? 'the name' : `an alias ("${text}")`} of "${other.name}" (${other.type}, ${other.id})`, 'conflict');
    }
  }

  if (existing && existing.name === entityName && existing.type === type && existing.note === note
    && existing.aliases.length === aliases.length && existing.aliases.every((a, i) => a === aliases[i])) {
    return { file, entity: existing };
  }
  const entity: Entity = {
    id: existing?.id ?? newId('e'), name: entityName, type, aliases,
    ...(note === undefined ? {} : { note }),
    createdAt: existing?.createdAt ?? now, modifiedAt: now,
  };
  const entities = existing ? file.entities.map((e) => (e.id === entity.id ? entity : e)) : [...file.entities, entity];
  return { file: { ...file, entities }, entity };
}

/** The list without entity `id`; refuses an unknown id. */
export function removeEntity(file: EntitiesFile, id: string): EntitiesFile {
  if (!file.entities.some((e) => e.id === id)) throw new EntityError(`no entity ${id} in this project`, 'not-found');
  return { ...file, entities: file.entities.filter((e) => e.id !== id) };
}

/** Entities in the order lists show them: by name (German collation, case-insensitive), then id. */
export function sortEntities(entities: readonly Entity[]): Entity[] {
  return [...entities].sort((a, b) => a.name.localeCompare(b.name, 'de', { sensitivity: 'base' }) || a.id.localeCompare(b.id));
}

/**
 * The entities a person means by `query`: the one with that id, else those whose name or an
 * alias has the same `normalizeName` key (one, unless the file was edited by hand).
 */
export function entitiesNamed(entities: readonly Entity[], query: string): Entity[] {
  const byId = entities.filter((e) => e.id === query.trim());
  if (byId.length) return byId;
  const key = normalizeName(query);
  return key ? entities.filter((e) => keysOf(e).some((k) => k.key === key)) : [];
}

/**
 * How a quote met an entity: its whole name or an alias (`exact`), that after dropping a
 * genitive ending (`genitive`: `Alijews`, `Aliyev's`), or the quote's last word equal to the last
 * word of the entity's name or to a one-word alias (`surname`: `Präsident Alijew`, `Alijew`
 * -> `Ilham Alijew`).
 */
export type EntityMatchKind = 'exact' | 'genitive' | 'surname';

export interface EntityCandidate {
  entity: Entity;
  match: EntityMatchKind;
  /** The name or alias that matched, as the entity list writes it. */
  via: string;
}

const MATCH_RANK: Record<EntityMatchKind, number> = { exact: 0, genitive: 1, surname: 2 };

/**
 * The entities a quote may mention, best first: exact matches, then genitive, then surname
 * matches; within one kind a match of the name before a match of an alias, then by name. Each
 * entity appears once, with its best match. A quote of several words that matches an entity
 * exactly or as a genitive gets no surname matches.
 */
export function matchEntities(quote: string, entities: readonly Entity[]): EntityCandidate[] {
  const key = normalizeName(quote);
  if (!key) return [];
  const base = genitiveBase(key);
  const lastWord = key.slice(key.lastIndexOf(' ') + 1);
  const lastWords = new Set([lastWord, genitiveBase(lastWord)].filter((w): w is string => !!w));
  let found: (EntityCandidate & { isName: boolean })[] = [];
  for (const entity of entities) {
    let best: (EntityCandidate & { isName: boolean }) | null = null;
    for (const form of keysOf(entity)) {
      // The name's last word, or a one-word alias, counts as a surname.
      const word = form.isName ? form.key.slice(form.key.lastIndexOf(' ') + 1) : form.key.includes(' ') ? null : form.key;
      const match: EntityMatchKind | null = form.key === key ? 'exact'
        : base !== null && form.key === base ? 'genitive'
          : word !== null && lastWords.has(word) ? 'surname' : null;
      if (match && (!best || MATCH_RANK[match] < MATCH_RANK[best.match] || (match === best.match && form.isName && !best.isName))) {
        best = { entity, match, via: form.text, isName: form.isName };
      }
    }
    if (best) found.push(best);
  }
  // A quote of several words that names an entity in full ("Ilham Alijew") is not also a
  // surname of another ("Heydar Alijew"); a single word ("Alijew") still suggests every bearer.
  if (key.includes(' ') && found.some((c) => c.match !== 'surname')) found = found.filter((c) => c.match !== 'surname');
  found.sort((a, b) => MATCH_RANK[a.match] - MATCH_RANK[b.match] || Number(b.isName) - Number(a.isName)
    || a.entity.name.localeCompare(b.entity.name, 'de', { sensitivity: 'base' }) || a.entity.id.localeCompare(b.entity.id));
  return found.map(({ entity, match, via }) => ({ entity, match, via }));
}

/** One span that links to an entity. Offsets are code points, as in layer files. */
export interface Mention {
  entityId: string;
  entityName: string;
  entityType: EntityType;
  documentId: string;
  title: string;
  /** The layer the span is in: an annotator id, or `curated_layer`. */
  annotator: string;
  spanId: string;
  start: number;
  end: number;
  quote: string;
  label: string;
}

/** A document with the layers whose links count. */
export interface MentionSource {
  id: string;
  title: string;
  layers: readonly Pick<Layer, 'annotator' | 'spans'>[];
}

/** The entity id a span links to, or null. */
export function linkedEntity(span: Pick<Span, 'attributes'>): string | null {
  const value = Object.prototype.hasOwnProperty.call(span.attributes, ENTITY_ATTRIBUTE) ? span.attributes[ENTITY_ATTRIBUTE] : null;
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * Every span of these documents whose `entity` attribute is the id of one of `entities` (only
 * `entityId`'s when given), ordered by entity (as `sortEntities`), then document (in the order
 * given), start, end and layer. Links to ids that are not in the list are left out.
 */
export function mentionsOf(entities: readonly Entity[], documents: readonly MentionSource[], entityId?: string): Mention[] {
  const order = new Map(sortEntities(entities).map((e, i) => [e.id, { entity: e, rank: i }]));
  const out: { mention: Mention; rank: number; doc: number }[] = [];
  documents.forEach((doc, docIndex) => {
    for (const layer of doc.layers) {
      for (const span of layer.spans) {
        const id = linkedEntity(span);
        const known = id === null ? undefined : order.get(id);
        if (!known || (entityId !== undefined && id !== entityId)) continue;
        out.push({
          rank: known.rank, doc: docIndex,
          mention: {
            entityId: known.entity.id, entityName: known.entity.name, entityType: known.entity.type,
            documentId: doc.id, title: doc.title, annotator: layer.annotator,
            spanId: span.id, start: span.start, end: span.end, quote: span.quote, label: span.label,
          },
        });
      }
    }
  });
  out.sort((a, b) => a.rank - b.rank || a.doc - b.doc || a.mention.start - b.mention.start || a.mention.end - b.mention.end
    || a.mention.annotator.localeCompare(b.mention.annotator) || a.mention.spanId.localeCompare(b.mention.spanId));
  return out.map((m) => m.mention);
}

/**
 * A span's attributes linked to `entity` (or unlinked: null). Linking also fills the actor type
 * from the entity's type when the span has none yet; a type the researcher chose stays.
 */
export function withEntityLink(attributes: Attributes, entity: Pick<Entity, 'id' | 'type'> | null): Attributes {
  const linked = withAttribute(attributes, ENTITY_ATTRIBUTE, entity?.id ?? null);
  return entity && attributes.actor_type == null ? withAttribute(linked, 'actor_type', entity.type) : linked;
}
