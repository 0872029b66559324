import { describe, expect, it } from 'vitest';
import {
  ciede2000, colorConflicts, colorDistance, MIN_LABEL_DISTANCE, readableTextOn, simulate, suggestColor, type Lab,
} from './label-colors';
import { defaultTagSchema, LABEL_PALETTE } from './tag-schema';

const VISIONS = ['normal', 'protan', 'deutan', 'tritan'] as const;

describe('ciede2000', () => {
  // Sharma, Wu & Dalal (2005), Table 1: pair number, Lab 1, Lab 2, ΔE00. The pairs around 7.18/7.22
  // and 4.80/4.75 straddle the hue wrap-around; 7 has an achromatic colour; 33–34 are near black.
  const pairs: [number, Lab, Lab, number][] = [
    [1, [50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
    [2, [50, 3.1571, -77.2803], [50, 0, -82.7485], 2.8615],
    [4, [50, -1.3802, -84.2814], [50, 0, -82.7485], 1.0000],
    [7, [50, 0, 0], [50, -1, 2], 2.3669],
    [9, [50, 2.4900, -0.0010], [50, -2.4900, 0.0009], 7.1792],
    [11, [50, 2.4900, -0.0010], [50, -2.4900, 0.0011], 7.2195],
    [13, [50, -0.0010, 2.4900], [50, 0.0009, -2.4900], 4.8045],
    [15, [50, -0.0010, 2.4900], [50, 0.0011, -2.4900], 4.7461],
    [16, [50, 2.5, 0], [50, 0, -2.5], 4.3065],
    [17, [50, 2.5, 0], [73, 25, -18], 27.1492],
    [19, [50, 2.5, 0], [56, -27, -3], 31.9030],
    [25, [60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
    [29, [22.7233, 20.0904, -46.6940], [23.0331, 14.9730, -42.5619], 2.0373],
    [30, [36.4612, 47.8580, 18.3852], [36.2715, 50.5065, 21.2231], 1.4146],
    [33, [6.7747, -0.2908, -2.4247], [5.8714, -0.0985, -2.2286], 0.6377],
    [34, [2.0776, 0.0795, -1.1350], [0.9033, -0.0636, -0.5514], 0.9082],
  ];

  it.each(pairs)('matches Sharma et al. pair %i to 4 decimals, in both orders', (_n, lab1, lab2, expected) => {
    expect(ciede2000(lab1, lab2).toFixed(4)).toBe(expected.toFixed(4));
    expect(ciede2000(lab2, lab1).toFixed(4)).toBe(expected.toFixed(4));
  });

  it('is 0 for identical colours and 100 from black to white', () => {
    expect(colorDistance('#0072b2', '#0072B2')).toBe(0);
    expect(colorDistance('#000000', '#ffffff')).toBeCloseTo(100, 3);
  });
});

describe('simulate', () => {
  it('keeps greys grey for every vision type', () => {
    for (const grey of ['#000000', '#3a3a3a', '#808080', '#c8c8c8', '#ffffff']) {
      for (const v of VISIONS) expect(simulate(grey, v)).toBe(grey);
    }
  });

  it('turns pure red dark olive for protans and olive-yellow for deutans', () => {
    expect(simulate('#ff0000', 'protan')).toBe('#6d5f00');
    expect(simulate('#ff0000', 'deutan')).toBe('#a39000');
    // Red–green confusion leaves tritans' red nearly intact.
    expect(simulate('#ff0000', 'tritan')).toBe('#ff000f');
  });

  it('returns the colour itself, lower-cased, for normal vision', () => {
    expect(simulate('#E69F00', 'normal')).toBe('#e69f00');
  });

  it('rejects anything but #rrggbb', () => {
    expect(() => simulate('red', 'protan')).toThrow(/#rrggbb/);
  });
});

describe('colorConflicts', () => {
  it('always flags identical colours', () => {
    expect(colorConflicts([{ id: 'a', color: '#56b4e9' }, { id: 'b', color: '#56B4E9' }], 0.001))
      .toEqual([{ a: 'a', b: 'b', vision: 'normal', distance: 0 }]);
  });

  it('flags red and green through the red–green deficiency though normal vision tells them apart', () => {
    expect(colorDistance('#ff0000', '#00aa00')).toBeGreaterThan(MIN_LABEL_DISTANCE * 5);
    const conflicts = colorConflicts([{ id: 'red', color: '#ff0000' }, { id: 'green', color: '#00aa00' }]);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ a: 'red', b: 'green', vision: 'deutan' });
    expect(conflicts[0].distance).toBeCloseTo(2.6, 1);
  });

  it('reports each pair once, closest first', () => {
    const conflicts = colorConflicts([
      { id: 'red', color: '#ff0000' }, { id: 'blue', color: '#0072b2' },
      { id: 'green', color: '#00aa00' }, { id: 'red2', color: '#ff0000' },
    ]);
    expect(conflicts.map((c) => `${c.a}/${c.b}`)).toEqual(['red/red2', 'red/green', 'green/red2']);
    expect(conflicts[0].distance).toBe(0);
  });

  it('finds no conflict among the default labels or the whole Okabe–Ito palette', () => {
    expect(colorConflicts(defaultTagSchema().labels)).toEqual([]);
    expect(colorConflicts(LABEL_PALETTE.map((color, i) => ({ id: `l${i}`, color })))).toEqual([]);
  });

  it('sits just below the closest Okabe–Ito pair, orange and reddish purple for tritans', () => {
    const conflicts = colorConflicts(LABEL_PALETTE.map((color) => ({ id: color.slice(1), color })), 11);
    expect(conflicts[0]).toMatchObject({ a: 'e69f00', b: 'cc79a7', vision: 'tritan' });
    expect(conflicts[0].distance).toBeGreaterThan(MIN_LABEL_DISTANCE);
  });
});

describe('suggestColor', () => {
  it('starts with the first palette colour', () => {
    expect(suggestColor([])).toBe(LABEL_PALETTE[0]);
  });

  it('never repeats a colour in use while candidates remain, and is deterministic', () => {
    const colors = defaultTagSchema().labels.map((l) => l.color);
    for (let i = 0; i < 19; i++) {
      const next = suggestColor(colors);
      expect(colors).not.toContain(next);
      expect(suggestColor(colors)).toBe(next);
      colors.push(next);
    }
    expect(new Set(colors).size).toBe(23);
    expect(colors).toEqual(expect.arrayContaining([...LABEL_PALETTE]));
  });

  it('ignores case in the colours in use', () => {
    expect(suggestColor(['#0072B2'])).not.toBe('#0072b2');
  });

  it('picks a colour that conflicts with none in use', () => {
    for (const existing of [['#0072b2'], defaultTagSchema().labels.map((l) => l.color), ['#ff0000', '#00aa00']]) {
      const next = suggestColor(existing);
      const labels = [...existing, next].map((color, i) => ({ id: `l${i}`, color }));
      const involving = colorConflicts(labels).filter((c) => c.b === `l${existing.length}`);
      expect(involving).toEqual([]);
    }
  });
});

describe('readableTextOn', () => {
  it('picks the text colour with the better contrast', () => {
    expect(readableTextOn('#000000')).toBe('#ffffff');
    expect(readableTextOn('#ffffff')).toBe('#000000');
    expect(readableTextOn('#ffff00')).toBe('#000000');
    expect(readableTextOn('#f0e442')).toBe('#000000');
    expect(readableTextOn('#0000ff')).toBe('#ffffff');
  });
});
