/**
 * Paints annotations as ProseMirror decorations (never marks: the text stays the text).
 * Nested spans get a depth class so that each level draws differently (fill, underline, …).
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

export interface PaintedSpan {
  id: string;
  /** Document positions. */
  from: number;
  to: number;
  label: string;
  color: string;
  /** How many other spans contain this one. */
  depth: number;
}

export const spanDecorationsKey = new PluginKey<DecorationSet>('tagwerk-spans');

export const SpanDecorations = Extension.create({
  name: 'spanDecorations',
  addProseMirrorPlugins() {
    return [new Plugin<DecorationSet>({
      key: spanDecorationsKey,
      state: {
        init: () => DecorationSet.empty,
        apply(tr, old) {
          const spans = tr.getMeta(spanDecorationsKey) as PaintedSpan[] | undefined;
          if (spans) {
            return DecorationSet.create(tr.doc, spans.map((s) => Decoration.inline(s.from, s.to, {
              // Overlapping decorations merge their attributes: each depth uses its own colour
              // variable so that an inner span does not recolour the outer one.
              class: `tw-span tw-depth-${Math.min(s.depth, 3)}`,
              style: `--tw-c${Math.min(s.depth, 3)}: ${s.color}`,
              'data-label': s.label,
              'data-span-id': s.id,
            }, { id: s.id })));
          }
          return old.map(tr.mapping, tr.doc);
        },
      },
      props: { decorations: (state) => spanDecorationsKey.getState(state) },
    })];
  },
});
