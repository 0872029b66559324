/**
 * Words and characters of the canonical text as a person selects them: snapping a selection to
 * whole tokens (Intl.Segmenter), trimming whitespace and stray punctuation, and stepping a span
 * boundary token by token. All offsets here are UTF-16 units into the canonical text.
 */

/** A half-open range of UTF-16 offsets into the canonical text. */
export interface TextRange {
  start: number;
  end: number;
}

/** Whole tokens (the default) or single characters (grapheme clusters, never half an emoji). */
export type Granularity = 'token' | 'character';

/** How far around an offset the word segmenter looks; words do not cross line breaks anyway. */
const WINDOW = 1000;

const segmenters = new Map<string, { word: Intl.Segmenter; grapheme: Intl.Segmenter }>();
function segmentersFor(language: string | undefined) {
  const key = language ?? '';
  let s = segmenters.get(key);
  if (!s) {
    const locale = language ? [language] : [];
    s = { word: new Intl.Segmenter(locale, { granularity: 'word' }), grapheme: new Intl.Segmenter(locale, { granularity: 'grapheme' }) };
    segmenters.set(key, s);
  }
  return s;
}

const WHITESPACE = /^\s+$/u;
/**
 * Punctuation that never starts or ends a span on its own: sentence marks, dashes, brackets and
 * quotes. Symbols such as `%`, `§`, `&`, `°` or currency signs are content and stay.
 */
const STRAY = /^[\p{Pd}\p{Ps}\p{Pe}\p{Pi}\p{Pf}.,;:!?¡¿…'"·/\\]$/u;

/** Openers and the closers that may end them (German „…“ and »…«, English “…”, French «…»). */
const PAIRS: Record<string, string> = {
  '(': ')', '[': ']', '{': '}', '„': '“”', '“': '”', '‚': '‘’', '‘': '’', '«': '»', '»': '«', '‹': '›', '›': '‹', '"': '"', "'": "'",
};

/** The line of `text` around `offset`, cut to a window so that huge lines stay cheap. */
function windowAround(text: string, offset: number): TextRange {
  const lineStart = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  const nl = text.indexOf('\n', offset);
  const lineEnd = nl === -1 ? text.length : nl;
  return { start: Math.max(lineStart, offset - WINDOW), end: Math.min(lineEnd, offset + WINDOW) };
}

interface Segment extends TextRange { wordLike: boolean; space: boolean }

/** The word segment that contains the character at `offset`, or null at the end of a line. */
function wordSegmentAt(text: string, offset: number, language?: string): Segment | null {
  if (offset < 0 || offset >= text.length || text[offset] === '\n') return null;
  const win = windowAround(text, offset);
  const seg = segmentersFor(language).word.segment(text.slice(win.start, win.end)).containing(offset - win.start);
  if (!seg) return null;
  const start = win.start + seg.index;
  return { start, end: start + seg.segment.length, wordLike: !!seg.isWordLike, space: WHITESPACE.test(seg.segment) };
}

/** The grapheme cluster that contains the character at `offset`. */
function graphemeAt(text: string, offset: number, language?: string): TextRange {
  const win = windowAround(text, offset);
  if (win.start === win.end) return { start: offset, end: Math.min(offset + 1, text.length) };
  const seg = segmentersFor(language).grapheme.segment(text.slice(win.start, win.end)).containing(offset - win.start);
  if (!seg) return { start: offset, end: offset + 1 };
  return { start: win.start + seg.index, end: win.start + seg.index + seg.segment.length };
}

/** Whether the opener at the start of `inner` is closed within it (or the closer at its end opened). */
function isBalancedEdge(inner: string, edge: 'start' | 'end', mark: string): boolean {
  if (edge === 'start') {
    const closers = PAIRS[mark];
    if (!closers) return false;
    for (const c of closers) if (inner.indexOf(c, mark.length) !== -1) return true;
    return false;
  }
  const before = inner.slice(0, inner.length - mark.length);
  for (const [open, closers] of Object.entries(PAIRS)) {
    if (closers.includes(mark) && before.includes(open)) return true;
  }
  return false;
}

/**
 * Removes leading and trailing whitespace and stray punctuation, one grapheme at a time.
 * A quote or bracket stays when its partner is inside the range (`„Wir haben erreicht.“`).
 */
export function trimRange(text: string, range: TextRange, language?: string): TextRange | null {
  let { start, end } = range;
  while (start < end) {
    const g = graphemeAt(text, start, language);
    const mark = text.slice(g.start, g.end);
    if (WHITESPACE.test(mark) || (STRAY.test(mark) && !isBalancedEdge(text.slice(start, end), 'start', mark))) start = g.end;
    else break;
  }
  while (end > start) {
    const g = graphemeAt(text, end - 1, language);
    const mark = text.slice(g.start, g.end);
    if (WHITESPACE.test(mark) || (STRAY.test(mark) && !isBalancedEdge(text.slice(start, end), 'end', mark))) end = g.start;
    else break;
  }
  return end > start ? { start, end } : null;
}

/**
 * Turns what the person selected into the span they meant: whole tokens (or whole characters),
 * without surrounding whitespace or stray punctuation. A selection may cross line breaks.
 * Returns null when nothing but whitespace and punctuation was selected.
 */
export function snapSelection(text: string, selection: TextRange, granularity: Granularity, language?: string): TextRange | null {
  let start = Math.max(0, Math.min(selection.start, selection.end));
  let end = Math.min(text.length, Math.max(selection.start, selection.end));
  if (end <= start) return null;
  // Trim first so that a selection starting in the space before a word does not pull in the
  // word before it; then widen each edge to the token (or grapheme) it falls in; then trim again.
  const trimmed = trimRange(text, { start, end }, language);
  if (!trimmed) return null;
  ({ start, end } = trimmed);
  if (granularity === 'token') {
    const first = wordSegmentAt(text, start, language);
    if (first?.wordLike) start = Math.min(start, first.start);
    const last = wordSegmentAt(text, end - 1, language);
    if (last?.wordLike) end = Math.max(end, last.end);
  }
  start = graphemeAt(text, start, language).start;
  end = graphemeAt(text, end - 1, language).end;
  return trimRange(text, { start, end }, language);
}

/**
 * The next place a span's `edge` can move to from `offset` in `direction`: the start or end of
 * the neighbouring token (or grapheme), skipping whitespace and line breaks. Returns `offset`
 * itself when there is nowhere to go.
 */
export function stepBoundary(
  text: string, offset: number, direction: 1 | -1, edge: 'start' | 'end', granularity: Granularity, language?: string,
): number {
  const unit = (at: number): TextRange | null => {
    if (granularity === 'character') return at >= 0 && at < text.length ? graphemeAt(text, at, language) : null;
    const seg = wordSegmentAt(text, at, language);
    return seg ?? (at >= 0 && at < text.length ? { start: at, end: at + 1 } : null);
  };
  const blank = (r: TextRange) => WHITESPACE.test(text.slice(r.start, r.end));
  /** The first non-blank unit from `at` on in `direction`. */
  const nonBlank = (at: number): TextRange | null => {
    for (let u = unit(at); u; u = unit(direction === 1 ? u.end : u.start - 1)) if (!blank(u)) return u;
    return null;
  };
  let target: TextRange | null;
  if (direction === 1) {
    // A start edge leaves the unit it is on; an end edge takes in the next unit.
    const here = unit(offset);
    target = edge === 'start' ? (here ? nonBlank(here.end) : null) : nonBlank(offset);
  } else {
    // A start edge takes in the previous unit; an end edge gives up the unit it closes.
    const last = unit(offset - 1);
    target = edge === 'start' ? nonBlank(offset - 1) : (last ? nonBlank(last.start - 1) : null);
  }
  if (!target) return offset;
  return edge === 'start' ? target.start : target.end;
}

/** Every token of `text` that is not whitespace, in order, with whether it is word-like. */
export function tokenize(text: string, language?: string): (TextRange & { wordLike: boolean })[] {
  const out: (TextRange & { wordLike: boolean })[] = [];
  for (const seg of segmentersFor(language).word.segment(text)) {
    if (WHITESPACE.test(seg.segment)) continue;
    out.push({ start: seg.index, end: seg.index + seg.segment.length, wordLike: !!seg.isWordLike });
  }
  return out;
}
