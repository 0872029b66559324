import { describe, expect, it } from 'vitest';
import { neighbourDocument } from './neighbour-document';

const docs = [
  { id: 'a', status: 'done' as const }, { id: 'b', status: 'not_started' as const },
  { id: 'c', status: 'in_progress' as const }, { id: 'd', status: 'done' as const },
];

describe('neighbourDocument', () => {
  it('steps through the list and stops at its ends', () => {
    expect(neighbourDocument(docs, 'b', 1)).toBe('c');
    expect(neighbourDocument(docs, 'b', -1)).toBe('a');
    expect(neighbourDocument(docs, 'd', 1)).toBeNull();
    expect(neighbourDocument(docs, 'a', -1)).toBeNull();
  });

  it('finds the next document not done, wrapping to the top, never the current one', () => {
    expect(neighbourDocument(docs, 'c', 1, true)).toBe('b');
    expect(neighbourDocument(docs, 'b', 1, true)).toBe('c');
    expect(neighbourDocument([{ id: 'x', status: 'done' }], 'x', 1, true)).toBeNull();
    expect(neighbourDocument(docs.map((d) => ({ ...d, status: 'done' as const })), 'b', 1, true)).toBeNull();
  });
});
