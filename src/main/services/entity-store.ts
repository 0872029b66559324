/**
 * The project's entity list on disk, `entities.json` next to `tagwerk.json` (a list file: see
 * list-file-store.ts), and the mentions of entities in the project's layers.
 */
import { CURATED_LAYER, type Span } from '../../shared/model/annotation';
import { emptyEntitiesFile, mentionsOf, type EntitiesFile, type Entity, type Mention, type MentionSource } from '../../shared/model/entities';
import { createListFileStore, type ListFileStore } from './list-file-store';
import { ANNOTATIONS_DIR, layerPairs, type ProjectStore } from './project-store';

export const ENTITIES_FILE = 'entities.json';

export type EntityStore = ListFileStore<EntitiesFile>;

/** The entity list of the project in `projectDir` (see list-file-store.ts). Cheap: holds no data, only the file's path. */
export function createEntityStore(projectDir: string): EntityStore {
  return createListFileStore(projectDir, {
    fileName: ENTITIES_FILE, kind: 'tagwerk-entities', empty: emptyEntitiesFile, what: 'the entity list',
  });
}

/** Which layers count: annotators' layers, the curated layer, or both. */
export type MentionLayers = 'annotators' | 'curated' | 'all';

/**
 * The mentions of `entities` (of `entityId` only, when given) in every document's layers of
 * the kind asked for, and how many layer files could not be read (their links are unknown).
 */
export async function projectMentions(
  store: ProjectStore, entities: readonly Entity[], options: { layers: MentionLayers; entityId?: string },
): Promise<{ mentions: Mention[]; unreadable: string[] }> {
  const sources: MentionSource[] = [];
  const wanted = (a: string) => options.layers === 'all' || (a === CURATED_LAYER) === (options.layers === 'curated');
  const pairs = layerPairs(store, store.documents(), wanted);
  const read = await store.readLayers(pairs);
  const byDocument = new Map<string, { annotator: string; spans: Span[] }[]>();
  pairs.forEach(([d, a], i) => {
    if (!byDocument.has(d)) byDocument.set(d, []);
    byDocument.get(d)!.push({ annotator: a, spans: read[i].spans });
  });
  for (const doc of store.documents()) sources.push({ id: doc.id, title: doc.title, layers: byDocument.get(doc.id) ?? [] });
  const unreadable = store.problems.filter((p) => p.file.startsWith(`${ANNOTATIONS_DIR}/`)).map((p) => p.file);
  return { mentions: mentionsOf(entities, sources, options.entityId), unreadable };
}
