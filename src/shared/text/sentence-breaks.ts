/**
 * Where Intl.Segmenter (sentence granularity) breaks a line of plain Latin text, computed much
 * faster than by the segmenter itself.
 *
 * Why: token-based exports and the token-level agreement figures split every document into
 * sentences, and the segmenter costs about 30 ns per character plus an object per segment,
 * which made splitting a 25 MB corpus take most of a second. For Latin letters, digits, spaces
 * and common punctuation the sentence-break rules (UAX #29, as ICU implements them) reduce to
 * this: a break can only follow a terminator (`.`, `!`, `?`) with the closing punctuation and
 * spaces after it (SB9–SB11), and there is none
 * - before a comma, semicolon, dash, colon or another terminator (SB8a);
 * - between `.` and a digit (SB6), or between a letter, `.` and a capital (SB7, `U.S`);
 * - after `.` when the next letter, past digits, spaces and punctuation, is lower case (SB8).
 * A line holding any other character (other letters, other spaces, marks, format characters,
 * separators, characters outside the BMP) is left to the segmenter. So is every line in a
 * locale whose segmenter is tailored (`plainBreaksAgree` checks that once per locale).
 * The tests compare both on the corpora and on random strings in several languages.
 */

const SLOW = 0, UPPER = 1, LOWER = 2, NUMERIC = 3, ATERM = 4, STERM = 5, CLOSE = 6, SP = 7, SCONTINUE = 8, OTHER = 9;

/** Sentence_Break class of each BMP code unit handled here; SLOW for the rest. */
const CLASS = new Uint8Array(0x10000);
for (let c = 0x41; c <= 0x5a; c++) CLASS[c] = UPPER;
for (let c = 0x61; c <= 0x7a; c++) CLASS[c] = LOWER;
// Latin-1 letters and Latin Extended-A: each is upper or lower case (not × and ÷).
for (let c = 0xc0; c <= 0x17f; c++) {
  const ch = String.fromCharCode(c);
  if (/\p{Lu}/u.test(ch)) CLASS[c] = UPPER;
  else if (/\p{Ll}/u.test(ch)) CLASS[c] = LOWER;
}
for (let c = 0x30; c <= 0x39; c++) CLASS[c] = NUMERIC;
CLASS[0x2e] = ATERM;
CLASS[0x21] = STERM;
CLASS[0x3f] = STERM;
CLASS[0x20] = SP;
for (const ch of '"\'()[]{}«»‘’‚“”„‹›') CLASS[ch.charCodeAt(0)] = CLOSE;
for (const ch of ',;-:–—') CLASS[ch.charCodeAt(0)] = SCONTINUE;
for (const ch of '#$%&*+/<=>@\\^_`|~¢£¥§¬°±¶·×÷•…€') CLASS[ch.charCodeAt(0)] = OTHER;

/**
 * The end of each segment Intl.Segmenter (sentence granularity, untailored) gives for `line`
 * (UTF-16 offsets, the last one `line.length`), or null when the line holds a character this
 * module does not handle. `line` must not hold a line break (`\n` is not handled).
 */
export function plainSentenceBreaks(line: string): number[] | null {
  const n = line.length;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const term = CLASS[line.charCodeAt(i)];
    if (term === SLOW) return null;
    if (term !== ATERM && term !== STERM) continue;
    // The terminator, its closing punctuation and its spaces: a break can only come after them.
    let j = i + 1;
    while (j < n && CLASS[line.charCodeAt(j)] === CLOSE) j++;
    while (j < n && CLASS[line.charCodeAt(j)] === SP) j++;
    // Each case below goes on at j - 1, so that the loop looks at j next.
    if (j === n) break;
    const next = CLASS[line.charCodeAt(j)];
    if (next === SLOW) return null;
    if (next === SCONTINUE || next === ATERM || next === STERM) { i = j - 1; continue; } // SB8a
    if (term === ATERM) {
      if (j === i + 1) {
        if (next === NUMERIC) { i = j - 1; continue; } // SB6
        const before = i > 0 ? CLASS[line.charCodeAt(i - 1)] : SLOW;
        if (next === UPPER && (before === UPPER || before === LOWER)) { i = j - 1; continue; } // SB7
      }
      // SB8: the next letter (past digits, punctuation and spaces) is lower case.
      let k = j, c = next;
      while (c !== UPPER && c !== LOWER && c !== ATERM && c !== STERM && c !== SLOW && ++k < n) c = CLASS[line.charCodeAt(k)];
      if (c === SLOW) return null;
      if (k < n && c === LOWER) { i = j - 1; continue; }
    }
    out.push(j); // SB11
    i = j - 1;
  }
  if (n > 0) out.push(n);
  return out;
}

/** A line holding every character and rule of the fast path, for `plainBreaksAgree`. */
const PROBE = 'Im Jahr 1.000 v.Chr. starben „viele“. U.S. Army, ca. 5 Tote! Warum? (Sie ging.) Er kam: 3.5; so. Dann… – so „geht’s“ weiter?! '
  + 'Ja. Nein.) a. 1 b. ä. Ü!« x — z. ¶ §2. [A.] {b.} ‚c.‘ ‹d.› e.’ f.” g.« °€ #$%&*+/<=>@\\^_`|~¢£¥·×÷• ok. ÄÖ. Œ. ſ.';

/**
 * Whether `segmenter` (sentence granularity) breaks as `plainSentenceBreaks` computes on a probe
 * line that holds every character and rule of the fast path: false for a locale whose sentence
 * rules are tailored in a way that shows there.
 */
export function plainBreaksAgree(segmenter: Intl.Segmenter): boolean {
  const ends = Array.from(segmenter.segment(PROBE), (s) => s.index + s.segment.length);
  const fast = plainSentenceBreaks(PROBE);
  return fast !== null && fast.length === ends.length && fast.every((e, k) => e === ends[k]);
}
