/**
 * Every released version of the project format stays readable. `tests/fixtures/schema-versions/`
 * holds a frozen project written by Tagwerk for each schema version (v1: a seed article with a
 * claim, the actor inside it linked to an entity, a casualty figure, a relation, a note and a
 * comment, the project's own entity and place lists). Each must load through
 * `validate(migrate(raw))` and open as the same project; a new schema version must add its own
 * fixture (the last test fails until it does).
 */
import { cp, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { annotatorFromName } from '../../src/main/services/annotators';
import { openProjectStore } from '../../src/main/services/project-store';
import { createTagwerkService } from '../../src/main/services/tagwerk-service';
import { CURRENT_VERSION, loadFile, type FileKind } from '../../src/shared/model/migrate';
import { cpSlice, listFiles, makeTempDir, REPO_ROOT, removeTempDirs } from './project-fixtures';

afterAll(removeTempDirs);

const FIXTURES = join(REPO_ROOT, 'tests/fixtures/schema-versions');

function kindOf(rel: string): FileKind {
  if (rel === 'tagwerk.json') return 'tagwerk-project';
  if (rel === 'entities.json') return 'tagwerk-entities';
  if (rel === 'places.json') return 'tagwerk-places';
  if (rel.startsWith('documents/')) return 'tagwerk-document';
  if (rel.startsWith('annotations/')) return 'tagwerk-layer';
  throw new Error(`a file the project format does not have: ${rel}`);
}

const versions = async () => (await readdir(FIXTURES)).filter((d) => /^v\d+$/.test(d)).map((d) => Number(d.slice(1))).sort((a, b) => a - b);

describe('project files of every schema version', () => {
  it('has a fixture project for every version from 1 to the current one', async () => {
    expect(await versions()).toEqual(Array.from({ length: CURRENT_VERSION }, (_, i) => i + 1));
  });

  it('loads every file of every version, of each of the five kinds', async () => {
    for (const version of await versions()) {
      const dir = join(FIXTURES, `v${version}`);
      const files = (await listFiles(dir)).filter((f) => f.endsWith('.json'));
      expect(new Set(files.map(kindOf)).size, `v${version}`).toBe(5);
      for (const rel of files) {
        const raw = JSON.parse(await readFile(join(dir, rel), 'utf8'));
        expect(raw.schemaVersion, `v${version}/${rel}`).toBe(version);
        expect(() => loadFile(kindOf(rel), raw), `v${version}/${rel}`).not.toThrow();
      }
    }
  });

  it('opens each version as the same project: text, spans, attributes, relation, note, comment, entity and place', async () => {
    for (const version of await versions()) {
      const dir = join(await makeTempDir(), `v${version}`);
      await cp(join(FIXTURES, `v${version}`), dir, { recursive: true });
      const store = await openProjectStore(dir);
      expect(store.problems, `v${version}`).toEqual([]);
      const service = createTagwerkService(store, annotatorFromName('Anna Müller'));
      const [doc] = await service.listDocuments({});
      const detail = await service.getDocument({ documentId: doc.id });
      const layer = detail.layers.find((l) => l.annotator === 'anna-mueller')!;
      expect(layer.spans.map((s) => [s.label, s.quote])).toEqual([
        ['casualty_figure', 'mehr als 6.500 Toten'], ['claim', 'Armeniens Schutzmacht Russland einen Waffenstillstand'], ['actor', 'Russland'],
      ]);
      for (const s of layer.spans) expect(cpSlice(detail.document.text, s.start, s.end)).toBe(s.quote);
      const [figure, claim, actor] = layer.spans;
      expect(figure.attributes).toMatchObject({ count_min: 6500, outcome: 'killed' });
      expect(actor.note).toBe('Schutzmacht: <b>so</b> im Text');
      expect(layer.relations).toMatchObject([{ type: 'source_of', from: actor.id, to: claim.id }]);
      expect(layer.comments?.map((c) => c.text)).toEqual(['Zahl aus russischen Quellen?']);
      const { entities } = await service.listEntities({});
      expect(entities.map((e) => [e.id, e.name, e.aliases])).toEqual([[actor.attributes.entity, 'Russland', ['Russische Föderation']]]);
      expect(await service.getPlace({ id: 'user:stepanakert' })).toMatchObject({ name: 'Stepanakert', country: 'AZ' });
    }
  });
});
