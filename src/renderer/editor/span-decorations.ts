/**
 * Paints annotations as ProseMirror decorations (never marks: the text stays the text).
 * Each span draws a bar in its lane under the text; spans that contain no other span are also
 * filled. Suggestions are drawn apart from annotations: a dashed underline, no fill. The selected
 * span is emphasised (its drag handles are drawn by the view, outside the text, so that they
 * never become stops for the caret).
 *
 * Only the blocks near the viewport are decorated (`window`): on a long document a decoration
 * set of every annotation makes each edit and each redraw cost the whole document
 * (EDITOR_PERF.md; on 1 MB with 20,000 annotations, ~20 ms of building and diffing per edit).
 */
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

export interface PaintedSpan {
  id: string;
  /** Document positions. */
  from: number;
  to: number;
  label: string;
  /** The label's display name. */
  name: string;
  color: string;
  /** Nesting lane (0 = outermost bar). */
  lane: number;
  /** Contains no other span. */
  leaf: boolean;
}

/** A suggestion (not an annotation) painted on the text: dashed, in its label's colour. */
export interface PaintedSuggestion {
  id: string;
  from: number;
  to: number;
  color: string;
}

/** What the view paints; each field replaces the previous value when present in a transaction's meta. */
export interface PaintState {
  spans: readonly PaintedSpan[];
  /** The selected annotation, one of `spans`. */
  selected: PaintedSpan | null;
  /** Boundaries shown while a handle is dragged. */
  preview: { from: number; to: number } | null;
  suggestions: readonly PaintedSuggestion[];
  selectedSuggestion: string | null;
  /** Document positions near the viewport; only what touches them is drawn. Null: everything. */
  window: PaintWindow | null;
}

export interface PaintWindow { from: number; to: number }

interface PluginValue extends PaintState {
  decorations: DecorationSet;
}

export const spanDecorationsKey = new PluginKey<PluginValue>('tagwerk-spans');

/** Lanes drawn; deeper nesting shares the top lane. */
export const MAX_LANE = 3;

/** Per list of items: the longest item when ordered by `from`, null when not ordered. */
const extents = new WeakMap<readonly object[], number | null>();

/** Tells `inWindow` what a list's scan would find (the painter knows it as it builds the list). */
export function noteExtent(items: readonly { from: number; to: number }[], longest: number | null): void {
  extents.set(items, longest);
}

/**
 * The items (ordered by `from`) that overlap the window. A binary search finds where they can
 * start, looking back by the longest item; unordered input is filtered whole. A list is scanned
 * for its order and longest item once.
 */
export function inWindow<T extends { from: number; to: number }>(items: readonly T[], window: PaintWindow | null): readonly T[] {
  if (!window) return items;
  let longest = extents.get(items);
  if (longest === undefined) {
    longest = 0;
    for (let i = 0; i < items.length && longest !== null; i++) {
      if (i > 0 && items[i].from < items[i - 1].from) longest = null;
      else longest = Math.max(longest, items[i].to - items[i].from);
    }
    extents.set(items, longest);
  }
  if (longest === null) return items.filter((x) => x.to > window.from && x.from < window.to);
  const reach = longest;
  let lo = 0, hi = items.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (items[mid].from < window.from - reach) lo = mid + 1; else hi = mid; }
  const out: T[] = [];
  for (let i = lo; i < items.length && items[i].from < window.to; i++) if (items[i].to > window.from) out.push(items[i]);
  return out;
}

/** A background layer of one colour at `percent` opacity (styles.css: bars, fills, the selection). */
function paintOf(color: string, percent: number): string {
  const c = percent === 100 ? color : `color-mix(in srgb, ${color} ${percent}%, transparent)`;
  return `linear-gradient(${c}, ${c})`;
}

function build(state: EditorState, value: PaintState): DecorationSet {
  const decorations: Decoration[] = [];
  for (const s of inWindow(value.spans, value.window)) {
    const lane = Math.min(s.lane, MAX_LANE);
    // Overlapping decorations merge their attributes: each lane has its own colour variables so
    // that an inner span does not recolour the outer one.
    decorations.push(Decoration.inline(s.from, s.to, {
      class: `tw-span tw-lane-${lane}${s.leaf ? ' tw-leaf' : ''}`,
      style: `--tw-c${lane}: ${paintOf(s.color, 100)};${s.leaf ? ` --tw-f${lane}: ${paintOf(s.color, 20)};` : ''}`,
    }, { id: s.id }));
  }
  for (const s of inWindow(value.suggestions, value.window)) {
    decorations.push(Decoration.inline(s.from, s.to, {
      class: s.id === value.selectedSuggestion ? 'tw-suggestion tw-suggestion-selected' : 'tw-suggestion',
      style: `--tw-sc: ${s.color};`,
    }, { id: `suggestion:${s.id}` }));
  }
  const { selected } = value;
  if (selected) {
    const from = value.preview?.from ?? selected.from;
    const to = value.preview?.to ?? selected.to;
    decorations.push(Decoration.inline(from, to, { class: 'tw-selected', style: `--tw-sel: ${paintOf(selected.color, 34)};` }, { id: 'selected' }));
  }
  return DecorationSet.create(state.doc, decorations);
}

export const SpanDecorations = Extension.create({
  name: 'spanDecorations',
  addProseMirrorPlugins() {
    return [new Plugin<PluginValue>({
      key: spanDecorationsKey,
      state: {
        init: () => ({ spans: [], selected: null, preview: null, suggestions: [], selectedSuggestion: null, window: null, decorations: DecorationSet.empty }),
        apply(tr, old, _oldState, newState) {
          const meta = tr.getMeta(spanDecorationsKey) as Partial<PaintState> | undefined;
          if (!meta) return old;
          const next = { ...old, ...meta };
          return { ...next, decorations: build(newState, next) };
        },
      },
      props: { decorations: (state) => spanDecorationsKey.getState(state)?.decorations },
    })];
  },
});
