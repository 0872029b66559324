/** Deleting an entry of a project list (an entity, an own place) while annotations link to it. */
import { ApiError } from '../../shared/api/tagwerk-api';
import type { Span } from '../../shared/model/annotation';
import { ANNOTATIONS_DIR, layerPairs, type ProjectStore } from './project-store';

/**
 * Refuses (conflict) while a span of any layer, the curated one included, links to `name`
 * (`isLinked`), saying how many and where; or while a layer file cannot be read, since it may.
 * Refused rather than unlinked: nobody's annotations change behind their back.
 */
export async function refuseWhileLinked(store: ProjectStore, name: string, isLinked: (span: Span) => boolean): Promise<void> {
  const where = new Map<string, number>();
  let count = 0;
  const titles = new Map(store.documents().map((d) => [d.id, d.title]));
  const pairs = layerPairs(store);
  const read = await store.readLayers(pairs);
  pairs.forEach(([documentId, annotator], i) => {
    const n = read[i].spans.filter(isLinked).length;
    if (!n) return;
    const w = `${annotator} in "${titles.get(documentId)}"`;
    where.set(w, (where.get(w) ?? 0) + n);
    count += n;
  });
  if (count) {
    throw new ApiError('conflict', `Cannot delete "${name}": ${count} span(s) link to it (`
      + `${[...where].map(([w, n]) => `${n} of ${w}`).join('; ')}). Unlink or delete those spans first.`);
  }
  const unreadable = store.problems.filter((p) => p.file.startsWith(`${ANNOTATIONS_DIR}/`)).length;
  if (unreadable) throw new ApiError('conflict', `Cannot delete "${name}" while ${unreadable} annotation file(s) cannot be read: they may link to it.`);
}
