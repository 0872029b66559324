import { describe, expect, it } from 'vitest';
import { colorConflicts } from '../model/label-colors';
import { defaultTagSchema, LabelSchema, type Label, type TagSchema } from '../model/tag-schema';
import { addAttribute, addLabel, freeKey, idFromName, removedLabels, schemaProblems } from './tag-schema-ops';

/** The default schema with `change` applied to the label with id `id`. */
function withLabel(id: string, change: (l: Label) => Label, schema: TagSchema = defaultTagSchema()): TagSchema {
  return { ...schema, labels: schema.labels.map((l) => (l.id === id ? change(l) : l)) };
}

const ID_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

describe('idFromName', () => {
  it('turns a display name into a lower-case identifier with underscores', () => {
    expect(idFromName('Casualty figure', [])).toBe('casualty_figure');
    expect(idFromName('  Reported   by (source) ', [])).toBe('reported_by_source');
  });

  it('transliterates umlauts and ß, and drops accents', () => {
    expect(idFromName('Größe der Äußerung', [])).toBe('groesse_der_aeusserung');
    expect(idFromName('Übergriff', [])).toBe('uebergriff');
    expect(idFromName('Straße', [])).toBe('strasse');
    expect(idFromName('Crème brûlée', [])).toBe('creme_brulee');
  });

  it('appends _2, _3 … when the id is taken', () => {
    expect(idFromName('Actor', ['actor'])).toBe('actor_2');
    expect(idFromName('Actor', ['actor', 'actor_2'])).toBe('actor_3');
    expect(idFromName('Casualty figure', defaultTagSchema().labels.map((l) => l.id))).toBe('casualty_figure_2');
  });

  it('prefixes names that start with a digit, and falls back for names without latin letters', () => {
    expect(idFromName('1. Welle', [])).toBe('label_1_welle');
    expect(idFromName('2024', [], 'attribute')).toBe('attribute_2024');
    expect(idFromName('Жертвы', [])).toBe('label');
    expect(idFromName('   ', ['label'])).toBe('label_2');
  });

  it('always yields an id the schema accepts, also for very long names', () => {
    const names = ['a'.repeat(60), `1${'b'.repeat(60)}`, 'Größe '.repeat(20), '…', '_x_', 'Ärger-Äußerung 3'];
    for (const name of names) {
      const id = idFromName(name, []);
      expect(id, name).toMatch(ID_PATTERN);
      expect(idFromName(name, [id]), name).toMatch(ID_PATTERN);
    }
  });
});

describe('freeKey', () => {
  it('gives the first free digit, then letters', () => {
    expect(freeKey(defaultTagSchema().labels)).toBe('5');
    expect(freeKey([])).toBe('1');
    const digits = '123456789'.split('').map((key) => ({ ...defaultTagSchema().labels[0], key }));
    expect(freeKey(digits)).toBe('a');
  });

  it('skips keys in use regardless of case, and labels without key do not block anything', () => {
    const labels = [
      { ...defaultTagSchema().labels[0], key: null },
      ...'123456789'.split('').map((key) => ({ ...defaultTagSchema().labels[0], key })),
      { ...defaultTagSchema().labels[0], key: 'A' },
      { ...defaultTagSchema().labels[0], key: 'B' },
    ];
    expect(freeKey(labels)).toBe('c');
  });

  it('returns null when every digit and letter is taken', () => {
    const all = '123456789abcdefghijklmnopqrstuvwxyz'.split('').map((key) => ({ ...defaultTagSchema().labels[0], key }));
    expect(freeKey(all)).toBeNull();
  });
});

describe('addLabel and addAttribute', () => {
  it('adds a label with a unique id, a free key, no attributes and a colour that conflicts with none', () => {
    const schema = addLabel(defaultTagSchema(), 'Casualty figure');
    expect(schema.labels).toHaveLength(5);
    const added = schema.labels[4];
    expect(added).toMatchObject({ id: 'casualty_figure_2', name: 'Casualty figure', key: '5', attributes: [] });
    expect(LabelSchema.parse(added)).toEqual(added);
    expect(defaultTagSchema().labels.map((l) => l.color)).not.toContain(added.color);
    expect(colorConflicts(schema.labels)).toEqual([]);
    expect(schemaProblems(schema)).toEqual([]);
  });

  it('keeps ids, keys and colours distinct over several additions to the default schema', () => {
    let schema = defaultTagSchema();
    for (const name of ['Weapon', 'Weapon', 'Zeitpunkt', 'Quelle', 'Ort (Region)', 'Opfergruppe']) schema = addLabel(schema, name);
    expect(schema.labels.map((l) => l.id).slice(4)).toEqual(['weapon', 'weapon_2', 'zeitpunkt', 'quelle', 'ort_region', 'opfergruppe']);
    expect(schema.labels.map((l) => l.key)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', 'a']);
    expect(new Set(schema.labels.map((l) => l.color.toLowerCase())).size).toBe(10);
    expect(colorConflicts(schema.labels)).toEqual([]);
    expect(schemaProblems(schema)).toEqual([]);
  });

  it('does not change the schema it is given, and trims the name', () => {
    const before = defaultTagSchema();
    const after = addLabel(before, '  Quelle  ');
    expect(before).toEqual(defaultTagSchema());
    expect(after.labels[4].name).toBe('Quelle');
  });

  it('adds attributes with ids unique within the label; a choice starts without options', () => {
    const actor = defaultTagSchema().labels[0];
    const withText = addAttribute(actor, 'Rolle im Konflikt', 'text');
    expect(withText.attributes[1]).toEqual({ id: 'rolle_im_konflikt', name: 'Rolle im Konflikt', type: 'text' });
    const again = addAttribute(withText, 'Actor type', 'choice');
    expect(again.attributes[2]).toEqual({ id: 'actor_type_2', name: 'Actor type', type: 'choice', options: [] });
    expect(actor.attributes).toHaveLength(1);
  });
});

describe('schemaProblems', () => {
  it('finds nothing wrong with the default schema', () => {
    expect(schemaProblems(defaultTagSchema())).toEqual([]);
  });

  it('names two labels on the same key, also when they differ only in case', () => {
    const same = withLabel('claim', (l) => ({ ...l, key: '1' }));
    expect(schemaProblems(same)).toEqual(['"Actor" and "Claim" both use the key 1.']);
    const letters = withLabel('location', (l) => ({ ...l, key: 'Q' }), withLabel('claim', (l) => ({ ...l, key: 'q' })));
    expect(schemaProblems(letters)).toEqual(['"Claim" and "Location" both use the key q.']);
  });

  it('allows several labels without a key', () => {
    const none = { labels: defaultTagSchema().labels.map((l) => ({ ...l, key: null })) };
    expect(schemaProblems(none)).toEqual([]);
  });

  it('names duplicate label ids and duplicate attribute ids', () => {
    const schema = defaultTagSchema();
    const dup = { labels: [...schema.labels, { ...schema.labels[2], name: 'Ort', key: '9' }] };
    expect(schemaProblems(dup)).toEqual(['Two labels have the id "location".']);
    const attrs = withLabel('claim', (l) => ({ ...l, attributes: [...l.attributes, { ...l.attributes[0], name: 'Sicherheit' }] }));
    expect(schemaProblems(attrs)).toEqual(['"Claim" has two attributes with the id "certainty".']);
  });

  it('names a choice without options and a choice listing an option twice', () => {
    const empty = withLabel('location', (l) => addAttribute(l, 'Region', 'choice'));
    expect(schemaProblems(empty)).toEqual(['"Location": the choice "Region" needs at least one option.']);
    const missing = withLabel('location', (l) => ({ ...l, attributes: [{ id: 'region', name: 'Region', type: 'choice' }] }));
    expect(schemaProblems(missing)).toEqual(['"Location": the choice "Region" needs at least one option.']);
    const twice = withLabel('claim', (l) => ({
      ...l, attributes: [{ ...l.attributes[0], options: ['asserted', 'hedged', 'asserted'] }],
    }));
    expect(schemaProblems(twice)).toEqual(['"Claim": the choice "Certainty" lists an option twice.']);
  });

  it('refuses the space bar as a label key and a label without a name', () => {
    expect(schemaProblems(withLabel('actor', (l) => ({ ...l, key: ' ' }))))
      .toEqual(['"Actor": the space bar cannot be a label key.']);
    expect(schemaProblems(withLabel('actor', (l) => ({ ...l, name: '  ' }))))
      .toEqual(['The label "actor" needs a name.']);
  });

  it('lists every problem at once', () => {
    const schema = withLabel('claim', (l) => ({ ...l, key: ' ', attributes: [{ id: 'x', name: 'X', type: 'choice', options: [] }] }),
      withLabel('location', (l) => ({ ...l, key: '1' })));
    expect(schemaProblems(schema)).toHaveLength(3);
  });
});

describe('removedLabels', () => {
  it('lists the labels whose id is gone, not those renamed or recoloured', () => {
    const before = defaultTagSchema();
    const after = {
      labels: before.labels
        .filter((l) => l.id !== 'location')
        .map((l) => (l.id === 'actor' ? { ...l, name: 'Akteur', color: '#332288', key: 'a' } : l)),
    };
    expect(removedLabels(before, after).map((l) => l.id)).toEqual(['location']);
    expect(removedLabels(before, before)).toEqual([]);
    expect(removedLabels(before, addLabel(before, 'Quelle'))).toEqual([]);
  });

  it('counts a changed id as a removal', () => {
    const before = defaultTagSchema();
    const after = withLabel('casualty_figure', (l) => ({ ...l, id: 'casualties' }));
    expect(removedLabels(before, after)).toEqual([before.labels[3]]);
    expect(removedLabels(before, { labels: [] }).map((l) => l.id)).toEqual(['actor', 'claim', 'location', 'casualty_figure']);
  });
});
