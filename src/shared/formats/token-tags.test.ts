import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cp } from '../../../tests/fixtures/formats/kit';
import {
  assignTokens, convertTags, countWarnings, decodeTags, detectScheme, encodeTags, tagDocument, tokenizeDocument,
  type TagScheme, type TokenSpan,
} from './token-tags';

const SCHEMES: TagScheme[] = ['iob1', 'iob2', 'bioes'];

/** Tokens and outermost token spans of `text` (German), spans given in code points. */
function tagGerman(text: string, spans: readonly { start: number; end: number; label: string }[]) {
  const doc = tokenizeDocument(text, 'de');
  const tagged = tagDocument(doc, spans, 'outermost');
  return { doc, tagged };
}

describe('encodeTags and decodeTags', () => {
  const spans: TokenSpan[] = [
    { start: 0, end: 2, label: 'actor' },
    { start: 2, end: 3, label: 'actor' },
    { start: 4, end: 5, label: 'location' },
    { start: 5, end: 8, label: 'casualty_figure' },
  ];

  it('writes IOB2, IOB1 and BIOES the way CoNLL tools expect', () => {
    expect(encodeTags(9, spans, 'iob2')).toEqual(
      ['B-actor', 'I-actor', 'B-actor', 'O', 'B-location', 'B-casualty_figure', 'I-casualty_figure', 'I-casualty_figure', 'O']);
    // IOB1 (CoNLL-2003's original): B- only where a span follows one of the same label.
    expect(encodeTags(9, spans, 'iob1')).toEqual(
      ['I-actor', 'I-actor', 'B-actor', 'O', 'I-location', 'I-casualty_figure', 'I-casualty_figure', 'I-casualty_figure', 'O']);
    expect(encodeTags(9, spans, 'bioes')).toEqual(
      ['B-actor', 'E-actor', 'S-actor', 'O', 'S-location', 'B-casualty_figure', 'I-casualty_figure', 'E-casualty_figure', 'O']);
  });

  it.each(SCHEMES)('reads %s back into the same spans without reporting anything', (scheme) => {
    expect(decodeTags(encodeTags(9, spans, scheme), scheme)).toEqual({ spans, issues: [] });
  });

  it.each(SCHEMES)('round-trips any non-overlapping token spans in %s', (scheme) => {
    const arbSpans = fc.array(fc.tuple(fc.nat(3), fc.integer({ min: 1, max: 4 }), fc.constantFrom('a', 'b', 'per', 'LOCderiv')), { maxLength: 8 })
      .map((parts) => {
        let at = 0;
        return parts.map(([gap, len, label]) => { const s = { start: at + gap, end: at + gap + len, label }; at = s.end; return s; });
      });
    fc.assert(fc.property(arbSpans, fc.nat(3), (list, tail) => {
      const length = (list[list.length - 1]?.end ?? 0) + tail;
      const tags = encodeTags(length, list, scheme);
      expect(decodeTags(tags, scheme)).toEqual({ spans: list, issues: [] });
      for (const to of SCHEMES) expect(convertTags(tags, scheme, to)).toEqual(encodeTags(length, list, to));
    }));
  });
});

describe('decodeTags repairs ill-formed sequences the conventional way and says so', () => {
  it('IOB2: an I- after O or after another label starts a new span', () => {
    const { spans, issues } = decodeTags(['O', 'I-PER', 'I-PER', 'I-LOC', 'B-ORG', 'I-ORG'], 'iob2');
    expect(spans).toEqual([{ start: 1, end: 3, label: 'PER' }, { start: 3, end: 4, label: 'LOC' }, { start: 4, end: 6, label: 'ORG' }]);
    expect(issues).toEqual([
      { index: 1, kind: 'repaired', message: "'I-PER' after 'O' starts a new span" },
      { index: 3, kind: 'repaired', message: "'I-LOC' after 'I-PER' starts a new span" },
    ]);
  });

  it('IOB2: a sentence that starts with I- starts a span there', () => {
    expect(decodeTags(['I-PER', 'O'], 'iob2').issues[0].message).toBe("'I-PER' after the sentence start starts a new span");
  });

  it('IOB1: I- after O is the normal start; B- not between two spans of one label is reported', () => {
    expect(decodeTags(['O', 'I-PER', 'I-LOC'], 'iob1')).toEqual({
      spans: [{ start: 1, end: 2, label: 'PER' }, { start: 2, end: 3, label: 'LOC' }], issues: [],
    });
    const r = decodeTags(['O', 'B-PER', 'I-PER'], 'iob1');
    expect(r.spans).toEqual([{ start: 1, end: 3, label: 'PER' }]);
    expect(r.issues.map((i) => i.kind)).toEqual(['repaired']);
  });

  it('BIOES: an unclosed span ends at its last token, a stray E- is a one-token span', () => {
    const { spans, issues } = decodeTags(['B-PER', 'I-PER', 'O', 'E-LOC', 'B-ORG', 'S-ORG', 'B-OTH'], 'bioes');
    expect(spans).toEqual([
      { start: 0, end: 2, label: 'PER' }, { start: 3, end: 4, label: 'LOC' }, { start: 4, end: 5, label: 'ORG' },
      { start: 5, end: 6, label: 'ORG' }, { start: 6, end: 7, label: 'OTH' },
    ]);
    expect(issues.map((i) => [i.index, i.kind])).toEqual([[2, 'repaired'], [3, 'repaired'], [5, 'repaired'], [6, 'repaired']]);
    expect(issues[0].message).toBe("'I-PER' ends a span without E-PER");
  });

  it('marks tags that are not tags, and E-/S- outside BIOES, as invalid (read as O)', () => {
    const r = decodeTags(['B-PER', 'PER', 'S-LOC', 'X-ORG', 'B-'], 'iob2');
    expect(r.spans).toEqual([{ start: 0, end: 1, label: 'PER' }]);
    expect(r.issues.map((i) => [i.index, i.kind])).toEqual([[1, 'invalid'], [2, 'invalid'], [3, 'invalid'], [4, 'invalid']]);
  });
});

describe('detectScheme', () => {
  it('tells IOB1, IOB2 and BIOES apart', () => {
    expect(detectScheme([['O', 'B-PER', 'I-PER'], ['O']])).toBe('iob2');
    expect(detectScheme([['I-PER', 'I-PER', 'B-PER', 'O', 'I-LOC']])).toBe('iob1');
    expect(detectScheme([['B-PER', 'E-PER'], ['S-LOC']])).toBe('bioes');
    expect(detectScheme([['O', 'O'], []])).toBe('iob2');
    // A B- at the sentence start is IOB2 even when the next sentence starts with I-.
    expect(detectScheme([['B-PER'], ['I-LOC']])).toBe('iob2');
  });
});

describe('assignTokens: one tag per token under a nesting policy', () => {
  // „Ilham Alijew sagte : mehr als 6.500 Toten“ as token ranges 0..9; a claim over tokens 0–8.
  const tokens = Array.from({ length: 10 }, (_, i) => ({ start: i * 10, end: i * 10 + 5 }));
  const claim = { start: 0, end: 85, label: 'claim' };
  const actor = { start: 10, end: 25, label: 'actor' };
  const figure = { start: 40, end: 75, label: 'casualty_figure' };

  it('outermost: the claim keeps every token, the nested actor and figure are counted as left out', () => {
    const r = assignTokens(tokens, [actor, claim, figure], 'outermost');
    expect(r.spans).toEqual([{ start: 0, end: 9, label: 'claim' }]);
    expect(r.counts).toMatchObject({ leftOut: 2, partlyLeftOut: 0, boundaryAdjusted: 0 });
    expect(countWarnings(r.counts, 'outermost')).toEqual(['2 spans nested in or overlapping another span left out (policy outermost)']);
  });

  it('innermost: the nested spans win and the claim is written in pieces around them', () => {
    const r = assignTokens(tokens, [claim, actor, figure], 'innermost');
    expect(r.spans).toEqual([
      { start: 0, end: 1, label: 'claim' }, { start: 1, end: 3, label: 'actor' }, { start: 3, end: 4, label: 'claim' },
      { start: 4, end: 8, label: 'casualty_figure' }, { start: 8, end: 9, label: 'claim' },
    ]);
    expect(r.counts).toMatchObject({ leftOut: 0, partlyLeftOut: 1 });
  });

  it('overlapping spans: the longer one keeps its tokens, the other is written shorter', () => {
    const r = assignTokens(tokens, [{ start: 0, end: 35, label: 'a' }, { start: 20, end: 65, label: 'b' }], 'outermost');
    expect(r.spans).toEqual([{ start: 0, end: 2, label: 'a' }, { start: 2, end: 7, label: 'b' }]);
    expect(r.counts).toMatchObject({ leftOut: 0, partlyLeftOut: 1 });
  });

  it('a duplicate span (same tokens) is left out and counted', () => {
    const r = assignTokens(tokens, [actor, { ...actor }], 'outermost');
    expect(r.spans).toEqual([{ start: 1, end: 3, label: 'actor' }]);
    expect(r.counts.leftOut).toBe(1);
  });

  it('a boundary inside a token widens the span to the token and is counted', () => {
    const r = assignTokens(tokens, [{ start: 12, end: 23, label: 'actor' }], 'outermost');
    expect(r.spans).toEqual([{ start: 1, end: 3, label: 'actor' }]);
    expect(r.counts.boundaryAdjusted).toBe(1);
  });

  it('a span over whitespace only gets no token and is counted', () => {
    const r = assignTokens(tokens, [{ start: 6, end: 9, label: 'actor' }], 'outermost');
    expect(r.spans).toEqual([]);
    expect(r.counts.noToken).toBe(1);
  });

  it('a span crossing a sentence start is cut into one piece per sentence', () => {
    const r = assignTokens(tokens, [claim], 'outermost', [0, 5]);
    expect(r.spans).toEqual([{ start: 0, end: 5, label: 'claim' }, { start: 5, end: 9, label: 'claim' }]);
    expect(r.counts.crossSentence).toBe(1);
  });

  it('a crossing span that is left out entirely is counted once, as left out', () => {
    const r = assignTokens(tokens, [claim, { start: 30, end: 65, label: 'claim' }], 'outermost', [0, 5]);
    expect(r.counts).toMatchObject({ leftOut: 1, crossSentence: 1 });
  });
});

describe('tagDocument on text with emoji, combining marks and „German quotes“', () => {
  // 👍🏽 is two code points and four UTF-16 units; "Mu\u0308ller" has a combining diaeresis.
  const text = 'Mu\u0308ller 👍🏽 sagte: „Mehr als 6.500 Tote in Berg-Karabach.“\nAlijew 🇦🇿 widersprach.';

  it('maps code point spans onto the right tokens', () => {
    const spans = [
      { ...cp(text, 'Mu\u0308ller'), label: 'actor' },
      { ...cp(text, 'Mehr als 6.500 Tote'), label: 'casualty_figure' },
      { ...cp(text, 'Berg-Karabach'), label: 'location' },
      { ...cp(text, 'Alijew'), label: 'actor' },
    ];
    const { doc, tagged } = tagGerman(text, spans);
    const words = tagged.sentences.map((s) => s.spans.map((t) => `${t.label}:${s.tokens.slice(t.start, t.end).map((k) => doc.text.slice(k.start, k.end)).join(' ')}`));
    expect(words).toEqual([
      ['actor:Mu\u0308ller', 'casualty_figure:Mehr als 6.500 Tote', 'location:Berg - Karabach'],
      ['actor:Alijew'],
    ]);
    expect(tagged.counts).toMatchObject({ leftOut: 0, boundaryAdjusted: 0, crossSentence: 0 });
  });

  it('keeps emoji and flags as single tokens', () => {
    const doc = tokenizeDocument(text, 'de');
    const tokens = doc.tokens.map((t) => text.slice(t.start, t.end));
    expect(tokens).toContain('👍🏽');
    expect(tokens).toContain('🇦🇿');
    expect(tokens).toContain('„');
    expect(tokens).toContain('“');
  });
});
