import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyLayer, type Layer } from '../model/annotation';
import { addSpan, retagSpan, updateSpan, type OpContext } from '../ops/span-ops';
import { defaultTagSchema } from '../model/tag-schema';
import { normalizeLineEndings } from '../text/canonical';
import { createOffsetIndex } from '../text/offsets';
import { normalizeCasualtySpans } from './casualty-spans';

const seed = (file: string) => normalizeLineEndings(readFileSync(join(__dirname, '../../../seeds', file), 'utf8'));
const TEXT = `${seed('000_e40513d5b91acd2a.txt')}\n\n${seed('003_6a4deb1d4d02bbfd.txt')}`;
const ctx: OpContext = { text: TEXT, index: createOffsetIndex(TEXT), now: '2026-11-21T10:00:00.000Z' };
const at = (needle: string) => {
  const i = TEXT.indexOf(needle);
  if (i < 0) throw new Error(`${needle} not in the seeds`);
  const start = Array.from(TEXT.slice(0, i)).length;
  return { start, end: start + Array.from(needle).length };
};
const labels = defaultTagSchema().labels;
const label = (id: string) => labels.find((l) => l.id === id)!;
const empty = (): Layer => emptyLayer('d', 'anna', '0'.repeat(64));
/** Adds a span the way the editor does: the op, then normalisation. */
const tag = (layer: Layer, id: string, needle: string, labelId = 'casualty_figure', attributes = {}) =>
  normalizeCasualtySpans(layer, addSpan(layer, { id, ...at(needle), label: labelId, attributes }, ctx), ctx);

describe('casualty figures tagged in the seed articles', () => {
  it('get the parser\'s attributes, marked auto', () => {
    let layer = tag(empty(), 's1', 'mehr als 6.500 Toten');
    layer = tag(layer, 's2', '63 getöteten Zivilisten');
    expect(layer.spans.map((s) => [s.quote, s.attributes])).toEqual([
      ['63 getöteten Zivilisten', { count_min: 63, count_max: 63, approximate: false, outcome: 'killed', victims: 'civilian', normalized_by: 'auto' }],
      ['mehr als 6.500 Toten', { count_min: 6500, count_max: null, approximate: false, outcome: 'killed', victims: 'unknown', normalized_by: 'auto' }],
    ]);
    // Every filled value fits the default schema's attribute definitions.
    const defs = label('casualty_figure').attributes.map((a) => a.id);
    for (const s of layer.spans) expect(Object.keys(s.attributes).every((k) => defs.includes(k))).toBe(true);
  });

  it('a correction is marked annotator and survives new boundaries; an uncorrected figure is read again', () => {
    let layer = tag(empty(), 's1', '6.500 Toten');
    expect(layer.spans[0].attributes).toMatchObject({ count_min: 6500, count_max: null, normalized_by: 'auto' });
    const widened = normalizeCasualtySpans(layer, updateSpan(layer, 's1', at('mehr als 6.500 Toten'), ctx), ctx);
    expect(widened.spans[0].attributes).toMatchObject({ count_min: 6500, count_max: null, normalized_by: 'auto' });
    const corrected = normalizeCasualtySpans(widened, updateSpan(widened, 's1', { attributes: { ...widened.spans[0].attributes, victims: 'mixed' } }, ctx), ctx);
    expect(corrected.spans[0].attributes).toMatchObject({ victims: 'mixed', normalized_by: 'annotator' });
    layer = normalizeCasualtySpans(corrected, updateSpan(corrected, 's1', at('6.500 Toten'), ctx), ctx);
    expect(layer.spans[0].attributes).toMatchObject({ victims: 'mixed', normalized_by: 'annotator' });
  });

  it('a span retagged as a casualty figure is read; imported values and other labels are left alone', () => {
    let layer = tag(empty(), 's1', '63 getöteten Zivilisten', 'claim');
    expect(layer.spans[0].attributes).toEqual({});
    layer = normalizeCasualtySpans(layer, retagSpan(layer, 's1', label('claim'), label('casualty_figure'), ctx), ctx);
    expect(layer.spans[0].attributes).toMatchObject({ count_min: 63, outcome: 'killed', normalized_by: 'auto' });
    const imported = tag(empty(), 's2', 'mehr als 6.500 Toten', 'casualty_figure', { count_min: 6000 });
    expect(imported.spans[0].attributes).toEqual({ count_min: 6000 });
  });

  it('a tagged population is read as a count with outcome unknown; text with no count is left as tagged', () => {
    const layer = tag(tag(empty(), 's1', '145.000 Bewohnern'), 's2', 'Zivilisten');
    expect(layer.spans.find((s) => s.id === 's1')!.attributes).toMatchObject({ count_min: 145000, outcome: 'unknown' });
    expect(layer.spans.find((s) => s.id === 's2')!.attributes).toEqual({});
  });
});
