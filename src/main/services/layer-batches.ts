/**
 * A pass over the layers of many documents (an export, the agreement) in batches, each batch
 * read while the caller works on the one before: with the store's worker thread reading the
 * files, parsing one batch and writing or computing the other overlap.
 */
import type { Layer } from '../../shared/model/annotation';
import type { TagwerkDocument } from '../../shared/model/document';
import { layerPairs, type ProjectStore } from './project-store';

/** A batch of `layerBatches`: documents, their (document, annotator) pairs and those layers. */
export interface LayerBatch { documents: readonly TagwerkDocument[]; pairs: [string, string][]; layers: Layer[] }

/**
 * The layers of `documents` whose annotators `keep` accepts, `size` documents at a time: each
 * batch's documents, pairs (see `layerPairs`) and their layers as `readLayers` gives them. The
 * next batch is read while the caller works on this one.
 */
export async function* layerBatches(
  store: ProjectStore, documents: readonly TagwerkDocument[], keep: (annotator: string) => boolean, size: number,
): AsyncGenerator<LayerBatch, void, undefined> {
  const read = (from: number) => {
    const batch = documents.slice(from, from + size);
    const pairs = layerPairs(store, batch, keep);
    const done = store.readLayers(pairs).then((layers): LayerBatch => ({ documents: batch, pairs, layers }));
    done.catch(() => {}); // a batch nobody waits for any more (the pass stopped) must not fail the process
    return done;
  };
  let next = documents.length ? read(0) : null;
  for (let from = 0; next; from += size) {
    const batch = await next;
    next = from + size < documents.length ? read(from + size) : null;
    yield batch;
  }
}
