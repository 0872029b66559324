import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenizeDocument } from '../formats/token-tags';
import { addTally, coveredTokens, tallyTokens, tokenCodes } from './token-tally';

const text = 'Baku meldet 200 Tote in Berg-Karabach. „Wir haben erreicht, was wir wollten“, sagte Alijew am Sonntag in Stepanakert.';
const doc = tokenizeDocument(text, 'de');
const length = Array.from(text).length;

describe('token categories', () => {
  it("give each token under one label's spans the label, nested, overlapping or cut by a sentence end, as the outermost tagging does", () => {
    const span = fc.tuple(fc.nat(length), fc.nat(length)).map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b), label: 'actor' }));
    fc.assert(fc.property(fc.array(span, { maxLength: 8 }), (spans) => {
      expect(Array.from(coveredTokens(doc, spans))).toEqual(Array.from(tokenCodes(doc, spans, ['actor'])));
    }));
  });

  it('tally the tokens by the combination of categories, and add up across documents', () => {
    const anna = tokenCodes(doc, [{ start: 0, end: 4, label: 'actor' }, { start: 24, end: 37, label: 'location' }], ['actor', 'location']);
    const ben = tokenCodes(doc, [{ start: 0, end: 4, label: 'location' }, { start: 24, end: 37, label: 'location' }], ['actor', 'location']);
    const tally = tallyTokens([anna, ben], ['O', 'actor', 'location']);
    const counts = Object.fromEntries([...tally.values()].map((e) => [e.ratings.join('/'), e.count]));
    expect(counts).toEqual({ 'O/O': doc.tokens.length - 4, 'actor/location': 1, 'location/location': 3 });
    const total = tallyTokens([anna, ben], ['O', 'actor', 'location']);
    addTally(total, tally);
    expect([...total.values()].reduce((n, e) => n + e.count, 0)).toBe(2 * doc.tokens.length);
  });
});
