/** Which document "next" and "previous" open, in the order of the document list. */
import type { DocumentSummary } from '../../shared/model/document';

/**
 * The id of the document after (or before) `currentId`. With `notDone`, the next one not marked
 * done, wrapping around to the top and skipping the current one (it was just marked done).
 * Null when there is none.
 */
export function neighbourDocument(
  documents: readonly Pick<DocumentSummary, 'id' | 'status'>[], currentId: string | null, direction: 1 | -1, notDone = false,
): string | null {
  const i = documents.findIndex((d) => d.id === currentId);
  const n = documents.length;
  for (let step = 1; step < n + (i === -1 ? 1 : 0); step++) {
    const j = notDone ? (((i + step * direction) % n) + n) % n : i + step * direction;
    if (j < 0 || j >= n) return null;
    if (!notDone || documents[j].status !== 'done') return documents[j].id;
  }
  return null;
}
