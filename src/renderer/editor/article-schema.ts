/** The read-only article document: doc > block (64 paragraphs) > paragraph > text. */
import { Node } from '@tiptap/core';

export const ArticleDoc = Node.create({ name: 'doc', topNode: true, content: 'block+' });

/** Characters per line at the reading width, to estimate an off-screen block's height. */
const CHARS_PER_LINE = 75;
const LINE_HEIGHT_PX = 28;

export const ArticleBlock = Node.create({
  name: 'block',
  content: 'paragraph+',
  addAttributes() {
    return { chars: { default: 0 }, lines: { default: 1 } };
  },
  renderHTML({ node }) {
    // content-visibility on the group, never per paragraph (EDITOR_PERF.md); its size estimate
    // follows the characters it holds so the scrollbar does not drift.
    const chars = node.attrs.chars as number;
    const lines = node.attrs.lines as number;
    const estimate = Math.round((Math.ceil(chars / CHARS_PER_LINE) + lines * 0.5) * LINE_HEIGHT_PX);
    return ['section', { class: 'tw-block', style: `contain-intrinsic-size: auto ${estimate}px` }, 0];
  },
});

export const ArticleParagraph = Node.create({
  name: 'paragraph',
  content: 'text*',
  renderHTML() { return ['p', 0]; },
});

export const ArticleText = Node.create({ name: 'text', group: 'inline' });
