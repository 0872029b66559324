/**
 * Canonical text offsets (UTF-16) <-> ProseMirror positions for the article document, whose
 * paragraphs (one per line of the canonical text) are grouped `GROUP_SIZE` to a block node.
 * A prefix table of paragraph starts makes each conversion a binary search
 * (EDITOR_PERF.md: never `doc.textBetween(0, pos)`).
 */

/** Paragraphs per block node: keeps ProseMirror's child scans short on long documents. */
export const GROUP_SIZE = 64;

export interface PositionMap {
  /** Number of paragraphs. */
  readonly count: number;
  /** UTF-16 offset of paragraph `i`'s first character in the canonical text. */
  start(i: number): number;
  /** Text offset (UTF-16) -> document position. */
  toPos(offset: number): number;
  /** Document position -> text offset (UTF-16); positions between blocks clamp to the nearest text. */
  toOffset(pos: number): number;
  /** Number of block nodes (`GROUP_SIZE` paragraphs each). */
  readonly blocks: number;
  /** The document positions of block `b`'s text: from its first paragraph's start to its last's end. */
  blockRange(b: number): { from: number; to: number };
}

export function createPositionMap(text: string): PositionMap {
  const starts: number[] = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const count = starts.length;
  const lengthOf = (i: number) => (i + 1 < count ? starts[i + 1] - 1 : text.length) - starts[i];
  /** Position of paragraph i's first character. */
  const contentPos = (i: number) => starts[i] + i + 2 * Math.floor(i / GROUP_SIZE) + 2;
  const paragraphAtOffset = (offset: number) => {
    let lo = 0, hi = count - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (starts[mid] <= offset) lo = mid; else hi = mid - 1; }
    return lo;
  };
  const paragraphAtPos = (pos: number) => {
    let lo = 0, hi = count - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (contentPos(mid) <= pos) lo = mid; else hi = mid - 1; }
    return lo;
  };
  return {
    count,
    blocks: Math.ceil(count / GROUP_SIZE),
    blockRange(b) {
      const first = Math.max(0, Math.min(b * GROUP_SIZE, count - 1));
      const last = Math.min(count - 1, first + GROUP_SIZE - 1);
      return { from: contentPos(first), to: contentPos(last) + lengthOf(last) };
    },
    start: (i) => starts[i],
    toPos(offset) {
      const i = paragraphAtOffset(Math.max(0, Math.min(offset, text.length)));
      return contentPos(i) + Math.min(offset - starts[i], lengthOf(i));
    },
    toOffset(pos) {
      const i = paragraphAtPos(pos);
      const within = pos - contentPos(i);
      if (within < 0) return starts[i];
      // Past the end of the paragraph (its closing tokens): the line break that ends it.
      return starts[i] + Math.min(within, lengthOf(i));
    },
  };
}

/** The ProseMirror JSON of the article: blocks of paragraphs, one paragraph per text line. */
export function articleDocJson(text: string) {
  const lines = text.split('\n');
  const blocks = [];
  for (let b = 0; b < lines.length; b += GROUP_SIZE) {
    const group = lines.slice(b, b + GROUP_SIZE);
    blocks.push({
      type: 'block',
      attrs: { chars: group.reduce((n, l) => n + l.length, 0), lines: group.length },
      content: group.map((line) => (line ? { type: 'paragraph', content: [{ type: 'text', text: line }] } : { type: 'paragraph' })),
    });
  }
  return { type: 'doc', content: blocks };
}
