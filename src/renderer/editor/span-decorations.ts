/**
 * Paints annotations as ProseMirror decorations (never marks: the text stays the text).
 * Each span draws a bar in its lane under the text; spans that contain no other span are also
 * filled. The selected span is emphasised and gets drag handles at both ends.
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

/** What the view paints; each field replaces the previous value when present in a transaction's meta. */
export interface PaintState {
  spans: PaintedSpan[];
  selectedId: string | null;
  /** Boundaries shown while a handle is dragged. */
  preview: { from: number; to: number } | null;
}

interface PluginValue extends PaintState {
  decorations: DecorationSet;
}

export const spanDecorationsKey = new PluginKey<PluginValue>('tagwerk-spans');

/** Lanes drawn; deeper nesting shares the top lane. */
export const MAX_LANE = 3;

/** Called when a drag handle is pressed: which end of the selected span. */
export type HandleListener = (edge: 'start' | 'end', event: PointerEvent) => void;

function handleWidget(edge: 'start' | 'end', span: PaintedSpan, onHandle: () => HandleListener | null) {
  return () => {
    const el = document.createElement('span');
    el.className = `tw-handle tw-handle-${edge}`;
    el.style.setProperty('--tw-handle', span.color);
    el.setAttribute('aria-hidden', 'true');
    el.title = edge === 'start' ? 'Drag to move the start' : 'Drag to move the end';
    if (edge === 'start') {
      const chip = document.createElement('span');
      chip.className = 'tw-chip';
      chip.textContent = span.name;
      el.append(chip);
    }
    el.addEventListener('pointerdown', (event) => {
      event.preventDefault();
      event.stopPropagation();
      onHandle()?.(edge, event);
    });
    return el;
  };
}

function build(state: EditorState, value: PaintState, onHandle: () => HandleListener | null): DecorationSet {
  const decorations: Decoration[] = [];
  for (const s of value.spans) {
    const lane = Math.min(s.lane, MAX_LANE);
    // Overlapping decorations merge their attributes: each lane has its own colour variables so
    // that an inner span does not recolour the outer one.
    decorations.push(Decoration.inline(s.from, s.to, {
      class: `tw-span tw-lane-${lane}${s.leaf ? ' tw-leaf' : ''}`,
      style: `--tw-c${lane}: ${s.color};${s.leaf ? ` --tw-f${lane}: ${s.color};` : ''}`,
    }, { id: s.id }));
  }
  const selected = value.selectedId ? value.spans.find((s) => s.id === value.selectedId) : undefined;
  if (selected) {
    const from = value.preview?.from ?? selected.from;
    const to = value.preview?.to ?? selected.to;
    decorations.push(Decoration.inline(from, to, { class: 'tw-selected', style: `--tw-sel: ${selected.color};` }, { id: 'selected' }));
    decorations.push(Decoration.widget(from, handleWidget('start', selected, onHandle), { side: -1, key: `start-${selected.id}-${selected.name}-${selected.color}`, ignoreSelection: true, stopEvent: () => true }));
    decorations.push(Decoration.widget(to, handleWidget('end', selected, onHandle), { side: 1, key: `end-${selected.id}-${selected.color}`, ignoreSelection: true, stopEvent: () => true }));
  }
  return DecorationSet.create(state.doc, decorations);
}

export interface SpanDecorationsOptions {
  /** Returns the current listener for handle presses (read at press time, so it can change). */
  onHandle: () => HandleListener | null;
}

export const SpanDecorations = Extension.create<SpanDecorationsOptions>({
  name: 'spanDecorations',
  addOptions() {
    return { onHandle: () => null };
  },
  addProseMirrorPlugins() {
    const { onHandle } = this.options;
    return [new Plugin<PluginValue>({
      key: spanDecorationsKey,
      state: {
        init: () => ({ spans: [], selectedId: null, preview: null, decorations: DecorationSet.empty }),
        apply(tr, old, _oldState, newState) {
          const meta = tr.getMeta(spanDecorationsKey) as Partial<PaintState> | undefined;
          if (!meta) return old;
          const next = { ...old, ...meta };
          return { ...next, decorations: build(newState, next, onHandle) };
        },
      },
      props: { decorations: (state) => spanDecorationsKey.getState(state)?.decorations },
    })];
  },
});
