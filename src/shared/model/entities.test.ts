import { describe, expect, it } from 'vitest';
import { withEntityLink,
  emptyEntitiesFile, entitiesNamed, ENTITY_TYPES, EntityError, matchEntities, mentionsOf, normalizeName, removeEntity,
  saveEntity, sortEntities, type EntitiesFile, type Entity, type EntityInput,
} from './entities';
import { FileFormatError, loadFile } from './migrate';
import { defaultTagSchema } from './tag-schema';
import type { Span } from './annotation';

const T0 = '2025-07-01T10:00:00.000Z';
const T1 = '2025-07-02T09:30:00.000Z';

/** Saves every input in turn into one list. */
function listOf(...inputs: EntityInput[]): EntitiesFile {
  return inputs.reduce((file, input) => saveEntity(file, input, T0).file, emptyEntitiesFile());
}
const byName = (file: EntitiesFile, name: string): Entity => file.entities.find((e) => e.name === name)!;

/** The EntityError `fn` throws. */
function refusal(fn: () => unknown): EntityError {
  try { fn(); } catch (err) {
    expect(err).toBeInstanceOf(EntityError);
    return err as EntityError;
  }
  throw new Error('expected an EntityError');
}

const ALIJEW: EntityInput = { name: 'Ilham Alijew', type: 'person', aliases: ['Aliyev'] };
const PASCHINJAN: EntityInput = { name: 'Nikol Paschinjan', type: 'person', aliases: ['Pashinyan'] };

describe('entity types', () => {
  it('are the options of the default actor label\'s actor type, in the same order', () => {
    const actor = defaultTagSchema().labels.find((l) => l.id === 'actor')!;
    expect(actor.attributes.find((a) => a.id === 'actor_type')!.options).toEqual([...ENTITY_TYPES]);
  });
});

describe('normalizeName', () => {
  it('ignores case, diacritics, NFKC variants, quotes and punctuation around the name', () => {
    expect(normalizeName('  „Ilham  Alijew“, ')).toBe('ilham alijew');
    expect(normalizeName('ALIJEW')).toBe('alijew');
    expect(normalizeName('ＡＬＩＪＥＷ')).toBe('alijew');
    expect(normalizeName('der aserbaidschanische Präsident')).toBe('der aserbaidschanische prasident');
    // Decomposed ä (a + combining diaeresis) is the same name as the composed one.
    expect(normalizeName('Pra\u0308sident')).toBe(normalizeName('Präsident'));
    expect(normalizeName('(Alijew)')).toBe('alijew');
    expect(normalizeName('Alíyev.')).toBe('aliyev');
  });

  it('folds letters without a decomposition sensibly: Azerbaijani ə and ı, Turkish İ, German ß', () => {
    expect(normalizeName('İlham Əliyev')).toBe('ilham aliyev');
    expect(normalizeName('Qarabağ')).toBe('qarabag');
    expect(normalizeName('Strauß')).toBe('strauss');
    expect(normalizeName('Kəlbəcər')).toBe('kalbacar');
  });

  it('makes white space and hyphen variants one word separator, and drops invisible characters', () => {
    const key = normalizeName('Berg Karabach');
    for (const v of ['Berg-Karabach', 'Berg\u2011Karabach', 'Berg\u2013Karabach', 'Berg \u00a0 Karabach', 'Berg\nKarabach']) {
      expect(normalizeName(v)).toBe(key);
    }
    expect(normalizeName('Ali\u00adjew')).toBe('alijew');
    expect(normalizeName('Aliyev’s')).toBe("aliyev's");
    expect(normalizeName('„…“')).toBe('');
  });
});

describe('saveEntity', () => {
  it('creates an entity with an e_ id and timestamps, trimming name and aliases', () => {
    const { file, entity } = saveEntity(emptyEntitiesFile(), { name: ' Ilham Alijew ', type: 'person', aliases: [' Alijew', 'Aliyev '] }, T0);
    expect(entity).toEqual({ id: expect.stringMatching(/^e_[0-9a-f]{16}$/), name: 'Ilham Alijew', type: 'person', aliases: ['Alijew', 'Aliyev'], createdAt: T0, modifiedAt: T0 });
    expect(file.entities).toEqual([entity]);
    expect(loadFile('tagwerk-entities', file)).toEqual(file);
  });

  it('renames and re-types by id, keeping createdAt; unchanged input returns the same list', () => {
    const before = listOf(ALIJEW);
    const id = before.entities[0].id;
    const { file, entity } = saveEntity(before, { id, name: 'Ilham Heydar oğlu Əliyev', type: 'government', aliases: ['Ilham Alijew', 'Aliyev'], note: 'Präsident seit 2003' }, T1);
    expect(entity).toMatchObject({ id, name: 'Ilham Heydar oğlu Əliyev', type: 'government', aliases: ['Ilham Alijew', 'Aliyev'], note: 'Präsident seit 2003', createdAt: T0, modifiedAt: T1 });
    expect(file.entities).toHaveLength(1);
    expect(saveEntity(file, { id, name: entity.name, type: 'government', aliases: entity.aliases, note: entity.note }, '2030-01-01T00:00:00.000Z').file).toBe(file);
    // An omitted note removes the note.
    expect(saveEntity(file, { id, name: entity.name, type: 'government', aliases: entity.aliases }, T1).entity).not.toHaveProperty('note');
  });

  it('drops an alias that repeats the name or an earlier alias, keeping the first spelling', () => {
    const { entity } = saveEntity(emptyEntitiesFile(), { name: 'Ilham Alijew', type: 'person', aliases: ['ILHAM ALIJEW', 'Alijew', 'alijew', 'Alíjew', 'Aliyev'] }, T0);
    expect(entity.aliases).toEqual(['Alijew', 'Aliyev']);
  });

  it('refuses a name or alias another entity has, case- and diacritics-insensitively, naming that entity', () => {
    const file = listOf(ALIJEW, PASCHINJAN);
    const alijew = byName(file, 'Ilham Alijew');
    const e = refusal(() => saveEntity(file, { name: 'Heydar Alijew', type: 'person', aliases: ['ALÍYEV'] }, T1));
    expect(e.reason).toBe('conflict');
    expect(e.message).toBe(`"ALÍYEV" is already an alias ("Aliyev") of "Ilham Alijew" (person, ${alijew.id})`);
    expect(refusal(() => saveEntity(file, { name: 'ilham  alijew', type: 'person', aliases: [] }, T1)).message)
      .toMatch(/^"ilham {2}alijew" is already the name of "Ilham Alijew" \(person, e_/);
    // Renaming Paschinjan to Alijew's alias is refused as well; the entity keeps its own names.
    const paschinjan = byName(file, 'Nikol Paschinjan');
    expect(refusal(() => saveEntity(file, { ...PASCHINJAN, id: paschinjan.id, aliases: ['Pashinyan', 'Aliyev'] }, T1)).reason).toBe('conflict');
    expect(saveEntity(file, { ...PASCHINJAN, id: paschinjan.id, aliases: ['Pashinyan', 'Paschinjan'] }, T1).entity.aliases).toEqual(['Pashinyan', 'Paschinjan']);
  });

  it('refuses an unknown id, an empty name, a name of punctuation only and input that is not an entity', () => {
    expect(refusal(() => saveEntity(emptyEntitiesFile(), { ...ALIJEW, id: 'e_0123456789abcdef' }, T0)).reason).toBe('not-found');
    expect(refusal(() => saveEntity(emptyEntitiesFile(), { ...ALIJEW, name: '   ' }, T0)).message).toBe('name: a name is needed');
    expect(refusal(() => saveEntity(emptyEntitiesFile(), { ...ALIJEW, aliases: ['„“'] }, T0)).message).toBe('"„“" has no letters or digits to match');
    expect(refusal(() => saveEntity(emptyEntitiesFile(), { ...ALIJEW, type: 'warlord' } as unknown as EntityInput, T0)).reason).toBe('invalid');
    expect(refusal(() => saveEntity(emptyEntitiesFile(), { ...ALIJEW, aliases: Array.from({ length: 501 }, (_, i) => `A${i}`) }, T0)).message).toBe('aliases: at most 500 aliases');
    expect(refusal(() => saveEntity(emptyEntitiesFile(), { ...ALIJEW, name: 'x'.repeat(201) }, T0)).message).toBe('name: at most 200 characters');
  });
});

describe('removeEntity', () => {
  it('removes by id and refuses an unknown id', () => {
    const file = listOf(ALIJEW, PASCHINJAN);
    const id = byName(file, 'Ilham Alijew').id;
    expect(removeEntity(file, id).entities.map((e) => e.name)).toEqual(['Nikol Paschinjan']);
    expect(refusal(() => removeEntity(removeEntity(file, id), id)).reason).toBe('not-found');
  });
});

describe('the entities file', () => {
  it('loads through loadFile and refuses duplicate ids, a wrong kind and a newer schema version', () => {
    const file = listOf(ALIJEW, PASCHINJAN);
    expect(loadFile('tagwerk-entities', JSON.parse(JSON.stringify(file)))).toEqual(file);
    const twice = { ...file, entities: [file.entities[0], { ...file.entities[1], id: file.entities[0].id }] };
    expect(() => loadFile('tagwerk-entities', twice)).toThrow(/is invalid at entities\.1\.id: id e_\S+ is used twice/);
    expect(() => loadFile('tagwerk-entities', { ...file, kind: 'tagwerk-layer' })).toThrow(FileFormatError);
    expect(() => loadFile('tagwerk-entities', { ...file, schemaVersion: 2 })).toThrow(/newer Tagwerk/);
  });
});

describe('matchEntities', () => {
  // The names as the seed articles write them: "der aserbaidschanische Präsident Ilham Alijew",
  // "sagte Alijew", "Regierungschef Nikol Paschinjan"; English spellings as aliases.
  const file = listOf(ALIJEW, PASCHINJAN, { name: 'Heydar Alijew', type: 'person', aliases: ['Heydar Aliyev'] }, { name: 'Aserbaidschan', type: 'state', aliases: ['Azerbaijan'] });
  const ranked = (quote: string, entities = file.entities) => matchEntities(quote, entities).map((c) => [c.entity.name, c.match, c.via]);

  it('finds the entity by its whole name or alias, in any case and with quotes around it', () => {
    expect(ranked('Ilham Alijew')).toEqual([['Ilham Alijew', 'exact', 'Ilham Alijew']]);
    expect(ranked('„ALIYEV“')).toEqual([['Ilham Alijew', 'exact', 'Aliyev']]);
    expect(ranked('Nikol Paschinjan')).toEqual([['Nikol Paschinjan', 'exact', 'Nikol Paschinjan']]);
    expect(ranked('Aserbaidschan')).toEqual([['Aserbaidschan', 'exact', 'Aserbaidschan']]);
  });

  it('finds it after dropping a German genitive -s or an English \'s', () => {
    expect(ranked('Ilham Alijews')).toEqual([['Ilham Alijew', 'genitive', 'Ilham Alijew']]);
    expect(ranked('Aliyev\'s')).toEqual([['Ilham Alijew', 'genitive', 'Aliyev']]);
    expect(ranked('Aliyev’s')).toEqual([['Ilham Alijew', 'genitive', 'Aliyev']]);
    expect(ranked('Aserbaidschans')).toEqual([['Aserbaidschan', 'genitive', 'Aserbaidschan']]);
  });

  it('suggests every entity whose surname is the quote\'s last word, father and son alike', () => {
    expect(ranked('Alijew')).toEqual([['Heydar Alijew', 'surname', 'Heydar Alijew'], ['Ilham Alijew', 'surname', 'Ilham Alijew']]);
    expect(ranked('Alijews')).toEqual([['Heydar Alijew', 'surname', 'Heydar Alijew'], ['Ilham Alijew', 'surname', 'Ilham Alijew']]);
    expect(ranked('Präsident Alijew')).toEqual(ranked('Alijew'));
    // A full name is not also a surname of the other Alijew.
    expect(ranked('Heydar Alijew')).toEqual([['Heydar Alijew', 'exact', 'Heydar Alijew']]);
    expect(ranked('Paschinjan')).toEqual([['Nikol Paschinjan', 'surname', 'Nikol Paschinjan']]);
    // A one-word alias counts as a surname too; the first name alone matches nothing.
    expect(ranked('Premier Pashinyan')).toEqual([['Nikol Paschinjan', 'surname', 'Pashinyan']]);
    expect(ranked('Ilham')).toEqual([]);
    expect(ranked('Stepanakert')).toEqual([]);
    expect(ranked('  ')).toEqual([]);
  });

  it('ranks an exact alias before a surname match once the researcher adds "Alijew" to Ilham Alijew', () => {
    const ilham = byName(file, 'Ilham Alijew');
    const next = saveEntity(file, { id: ilham.id, name: ilham.name, type: 'person', aliases: [...ilham.aliases, 'Alijew'] }, T1).file;
    expect(ranked('Alijew', next.entities)).toEqual([['Ilham Alijew', 'exact', 'Alijew'], ['Heydar Alijew', 'surname', 'Heydar Alijew']]);
    expect(ranked('Alijews', next.entities)).toEqual([['Ilham Alijew', 'genitive', 'Alijew'], ['Heydar Alijew', 'surname', 'Heydar Alijew']]);
  });

  it('matches "der aserbaidschanische Präsident" only once it is an alias, and then exactly', () => {
    expect(ranked('der aserbaidschanische Präsident')).toEqual([]);
    const ilham = byName(file, 'Ilham Alijew');
    const next = saveEntity(file, { id: ilham.id, name: ilham.name, type: 'person', aliases: [...ilham.aliases, 'der aserbaidschanische Präsident'] }, T1).file;
    expect(ranked('der aserbaidschanische Präsident', next.entities)).toEqual([['Ilham Alijew', 'exact', 'der aserbaidschanische Präsident']]);
    expect(ranked('Der aserbaidschanische  Präsident,', next.entities)).toEqual([['Ilham Alijew', 'exact', 'der aserbaidschanische Präsident']]);
    // A several-word alias is not a surname: "Präsident" alone stays unmatched.
    expect(ranked('Präsident', next.entities)).toEqual([]);
  });
});

describe('entitiesNamed', () => {
  it('finds an entity by id, name or alias', () => {
    const file = listOf(ALIJEW, PASCHINJAN);
    const ilham = byName(file, 'Ilham Alijew');
    expect(entitiesNamed(file.entities, ilham.id)).toEqual([ilham]);
    expect(entitiesNamed(file.entities, 'aliyev')).toEqual([ilham]);
    expect(entitiesNamed(file.entities, 'Alijew')).toEqual([]);
  });
});

describe('mentionsOf', () => {
  const span = (id: string, start: number, quote: string, entity?: unknown): Span => ({
    id, start, end: start + Array.from(quote).length, label: 'actor', quote,
    attributes: entity === undefined ? {} : { entity } as Span['attributes'], createdAt: T0, modifiedAt: T0,
  });

  it('lists linked spans by entity name, document, offset and layer, leaving out unknown ids and other spans', () => {
    const file = listOf(PASCHINJAN, ALIJEW);
    const ilham = byName(file, 'Ilham Alijew').id, nikol = byName(file, 'Nikol Paschinjan').id;
    const docs = [
      { id: 'doc-b', title: 'Im Ringen', layers: [
        { annotator: 'ben-schulz', spans: [span('s3', 135, 'Ilham Alijew', ilham), span('s4', 200, 'Nikol Paschinjan', nikol)] },
        { annotator: 'anna-mueller', spans: [span('s1', 135, 'Ilham Alijew', ilham), span('s2', 10, 'Stepanakert'), span('s9', 30, 'Baku', 'e_gone')] },
      ] },
      { id: 'doc-a', title: 'Nach der Rückeroberung', layers: [{ annotator: 'anna-mueller', spans: [span('s5', 5, 'Alijew', ilham), span('s6', 7, 'x', 42)] }] },
    ];
    const rows = mentionsOf(file.entities, docs).map((m) => [m.entityName, m.documentId, m.annotator, m.spanId, m.start, m.end, m.quote]);
    expect(rows).toEqual([
      ['Ilham Alijew', 'doc-b', 'anna-mueller', 's1', 135, 147, 'Ilham Alijew'],
      ['Ilham Alijew', 'doc-b', 'ben-schulz', 's3', 135, 147, 'Ilham Alijew'],
      ['Ilham Alijew', 'doc-a', 'anna-mueller', 's5', 5, 11, 'Alijew'],
      ['Nikol Paschinjan', 'doc-b', 'ben-schulz', 's4', 200, 216, 'Nikol Paschinjan'],
    ]);
    expect(mentionsOf(file.entities, docs, nikol)).toEqual([{
      entityId: nikol, entityName: 'Nikol Paschinjan', entityType: 'person', documentId: 'doc-b', title: 'Im Ringen',
      annotator: 'ben-schulz', spanId: 's4', start: 200, end: 216, quote: 'Nikol Paschinjan', label: 'actor',
    }]);
  });
});

describe('sortEntities', () => {
  it('sorts by name as German readers expect: umlauts with their base letter, case ignored', () => {
    const file = listOf({ name: 'ukrainische Armee', type: 'military', aliases: [] }, { name: 'Ärzte ohne Grenzen', type: 'organisation', aliases: [] }, { name: 'Armenien', type: 'state', aliases: [] });
    expect(sortEntities(file.entities).map((e) => e.name)).toEqual(['Armenien', 'Ärzte ohne Grenzen', 'ukrainische Armee']);
  });
});

describe('withEntityLink', () => {
  it('links, fills an empty actor type from the entity, keeps a chosen one, and unlinks', () => {
    const alijew = { id: 'e_alijew', type: 'person' as const };
    expect(withEntityLink({}, alijew)).toEqual({ entity: 'e_alijew', actor_type: 'person' });
    expect(withEntityLink({ actor_type: 'government' }, alijew)).toEqual({ actor_type: 'government', entity: 'e_alijew' });
    expect(withEntityLink({ entity: 'e_alijew', actor_type: 'person' }, null)).toEqual({ actor_type: 'person' });
  });
});
