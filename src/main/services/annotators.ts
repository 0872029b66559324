/** Annotator names -> the safe ids used as folder names, registered in the manifest. */
import { slugify } from '../../shared/model/ids';
import type { Annotator } from '../../shared/model/project';
import type { ProjectStore } from './project-store';

/** The annotator for a display name (`Anna Müller` -> id `anna-mueller`). */
export function annotatorFromName(name: string): Annotator {
  const clean = name.trim().slice(0, 120) || 'annotator';
  return { id: slugify(clean, 'annotator', 64), name: clean };
}

/** Adds the annotator to the manifest unless an annotator with that id is there already. */
export async function ensureAnnotator(store: ProjectStore, annotator: Annotator): Promise<Annotator> {
  const known = store.manifest.annotators.find((a) => a.id === annotator.id);
  if (known) return known;
  await store.updateManifest((m) => ({ ...m, annotators: [...m.annotators, annotator] }));
  return annotator;
}
