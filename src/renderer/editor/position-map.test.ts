import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Schema } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import { canonicalizePlainText } from '../../shared/text/canonical';
import { articleDocJson, createPositionMap, GROUP_SIZE } from './position-map';

// The article schema as ProseMirror sees it (doc > block > paragraph > text), without tiptap.
const schema = new Schema({
  nodes: {
    doc: { content: 'block+' },
    block: { content: 'paragraph+', attrs: { chars: { default: 0 }, lines: { default: 1 } } },
    paragraph: { content: 'text*' },
    text: {},
  },
});

const seed = canonicalizePlainText(readFileSync(join(__dirname, '../../../seeds/003_6a4deb1d4d02bbfd.txt'), 'utf8')).text;

/** A text of many lines (more than one block), with empty lines, emoji and German quotes. */
function longText(): string {
  const lines: string[] = [];
  for (let i = 0; i < GROUP_SIZE * 2 + 7; i++) {
    lines.push(i % 5 === 0 ? '' : `${i}: „Wir haben erreicht“ 👍🏽 ${seed.slice(i, i + 40)}`);
  }
  return lines.join('\n');
}

describe('position map', () => {
  for (const [name, text] of [['the seed article', seed], ['a text of three blocks', longText()]] as const) {
    it(`maps every text offset of ${name} to the document position holding that character`, () => {
      const doc = schema.nodeFromJSON(articleDocJson(text));
      const map = createPositionMap(text);
      expect(doc.textBetween(0, doc.content.size, '\n')).toBe(text);
      for (let offset = 0; offset < text.length; offset++) {
        if (text[offset] === '\n') continue;
        const pos = map.toPos(offset);
        expect(doc.textBetween(pos, pos + 1)).toBe(text[offset]);
        expect(map.toOffset(pos)).toBe(offset);
      }
    });
  }

  it('maps a span end at the end of a paragraph to that paragraph, not into the next block', () => {
    const text = longText();
    const doc = schema.nodeFromJSON(articleDocJson(text));
    const map = createPositionMap(text);
    const lineEnd = text.indexOf('\n', text.indexOf('\n', 10) + 1);
    const start = text.lastIndexOf('\n', lineEnd - 1) + 1;
    expect(doc.textBetween(map.toPos(start), map.toPos(lineEnd))).toBe(text.slice(start, lineEnd));
  });

  it('groups paragraphs into blocks of GROUP_SIZE lines', () => {
    const json = articleDocJson(longText());
    expect(json.content.map((b) => b.content.length)).toEqual([GROUP_SIZE, GROUP_SIZE, 7]);
  });

  it('gives each block the positions of exactly its paragraphs\' text', () => {
    const text = longText();
    const doc = schema.nodeFromJSON(articleDocJson(text));
    const map = createPositionMap(text);
    const lines = text.split('\n');
    expect(map.blocks).toBe(3);
    for (let b = 0; b < map.blocks; b++) {
      const { from, to } = map.blockRange(b);
      expect(doc.textBetween(from, to, '\n')).toBe(lines.slice(b * GROUP_SIZE, (b + 1) * GROUP_SIZE).join('\n'));
      expect(doc.resolve(from).node(1)).toBe(doc.child(b));
    }
  });
});
