/** Colour checks for label colours: colour-blind simulation, CIEDE2000 distance, conflicts and suggestions. */
import { LABEL_PALETTE, type Label } from './tag-schema';

/** Normal trichromatic vision or one of the three full dichromacies. */
export type Vision = 'normal' | 'protan' | 'deutan' | 'tritan';

/** A CIELAB colour as `[L*, a*, b*]`. */
export type Lab = readonly [number, number, number];

type Rgb = readonly [number, number, number];

const VISIONS: readonly Vision[] = ['normal', 'protan', 'deutan', 'tritan'];

// Machado, Oliveira & Fernandes (2009), "A Physiologically-based Model for Simulation of
// Color Vision Deficiency", IEEE TVCG 15(6); severity 1.0 matrices from the authors' table.
// They operate on linear RGB, so sRGB must be decoded first.
const MACHADO: Record<Exclude<Vision, 'normal'>, readonly Rgb[]> = {
  protan: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deutan: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
  tritan: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
};

/**
 * Smallest CIEDE2000 distance two labels may have under any vision type. 10 is the largest whole
 * value that all 28 Okabe–Ito pairs clear for all four visions: the closest are #e69f00/#cc79a7
 * under tritan (ΔE00 ≈ 10.9), #e69f00/#f0e442 under deutan (≈ 11.6) and #009e73/#56b4e9 under
 * tritan (≈ 12.1), while a red/green pair such as #ff0000/#00aa00 falls to ≈ 2.6 under deutan.
 */
export const MIN_LABEL_DISTANCE = 10;

/**
 * Colours offered after LABEL_PALETTE: Paul Tol's "muted" then "bright" qualitative schemes
 * (without their greys), both designed to stay distinguishable for colour-blind readers.
 */
export const EXTRA_COLORS = ['#332288', '#88ccee', '#44aa99', '#117733', '#999933', '#ddcc77', '#cc6677', '#882255',
  '#aa4499', '#4477aa', '#66ccee', '#228833', '#ccbb44', '#ee6677', '#aa3377'];

/** Linear RGB of a `#rrggbb` colour (sRGB transfer function decoded). */
function parseHex(hex: string): Rgb {
  if (!/^#[0-9a-f]{6}$/i.test(hex)) throw new Error(`not a #rrggbb colour: ${hex}`);
  const decode = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return [decode(1), decode(3), decode(5)];
}

function toHex(linear: Rgb): string {
  const encode = (c: number) => (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);
  return '#' + linear.map((c) => Math.round(encode(c) * 255).toString(16).padStart(2, '0')).join('');
}

/** Linear RGB as seen with `vision`, clamped because dichromat matrices can leave the gamut. */
function seen(rgb: Rgb, vision: Vision): Rgb {
  if (vision === 'normal') return rgb;
  const [r, g, b] = MACHADO[vision].map((m) => Math.min(1, Math.max(0, m[0] * rgb[0] + m[1] * rgb[1] + m[2] * rgb[2])));
  return [r, g, b];
}

/** The colour `hex` as seen with full dichromacy (severity 1.0), as lower-case `#rrggbb`. */
export function simulate(hex: string, vision: Vision): string {
  return toHex(seen(parseHex(hex), vision));
}

function toLab([r, g, b]: Rgb): Lab {
  // sRGB→XYZ (D65); the white point is the matrix's own row sums so that greys get a* = b* = 0 exactly.
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.9504700;
  const y = (0.2126729 * r + 0.7151522 * g + 0.0721750 * b) / 1.0000001;
  const z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.0888300;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

const RAD = Math.PI / 180, POW25_7 = 25 ** 7;

/** CIEDE2000 colour difference (kL = kC = kH = 1), following Sharma, Wu & Dalal (2005). */
export function ciede2000([L1, a1, b1]: Lab, [L2, a2, b2]: Lab): number {
  const cBar = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
  const g = 0.5 * (1 - Math.sqrt(cBar ** 7 / (cBar ** 7 + POW25_7)));
  const a1p = (1 + g) * a1, a2p = (1 + g) * a2;
  const c1 = Math.hypot(a1p, b1), c2 = Math.hypot(a2p, b2);
  const hue = (b: number, a: number) => (a === 0 && b === 0 ? 0 : (Math.atan2(b, a) / RAD + 360) % 360);
  const h1 = hue(b1, a1p), h2 = hue(b2, a2p);
  const chromaless = c1 * c2 === 0;
  let dh = chromaless ? 0 : h2 - h1;
  if (dh > 180) dh -= 360;
  else if (dh < -180) dh += 360;
  const dL = L2 - L1, dC = c2 - c1;
  const dH = 2 * Math.sqrt(c1 * c2) * Math.sin((dh / 2) * RAD);
  const lBar = (L1 + L2) / 2, cBarP = (c1 + c2) / 2;
  // Mean hue takes the short way round the circle; with a neutral colour the sum stands in.
  let hBar = h1 + h2;
  if (!chromaless) {
    if (Math.abs(h1 - h2) <= 180) hBar /= 2;
    else hBar = hBar < 360 ? (hBar + 360) / 2 : (hBar - 360) / 2;
  }
  const t = 1 - 0.17 * Math.cos((hBar - 30) * RAD) + 0.24 * Math.cos(2 * hBar * RAD)
    + 0.32 * Math.cos((3 * hBar + 6) * RAD) - 0.20 * Math.cos((4 * hBar - 63) * RAD);
  const dTheta = 30 * Math.exp(-(((hBar - 275) / 25) ** 2));
  const rC = 2 * Math.sqrt(cBarP ** 7 / (cBarP ** 7 + POW25_7));
  const sL = 1 + (0.015 * (lBar - 50) ** 2) / Math.sqrt(20 + (lBar - 50) ** 2);
  const l = dL / sL, c = dC / (1 + 0.045 * cBarP), h = dH / (1 + 0.015 * cBarP * t);
  return Math.sqrt(l * l + c * c + h * h - Math.sin(2 * dTheta * RAD) * rC * c * h);
}

/** CIEDE2000 ΔE between two `#rrggbb` sRGB colours (D65). */
export function colorDistance(a: string, b: string): number {
  return ciede2000(toLab(parseHex(a)), toLab(parseHex(b)));
}

/** Lab of `hex` under each vision type, in VISIONS order; not rounded to 8 bits as simulate() is. */
function labsOf(hex: string): Lab[] {
  const rgb = parseHex(hex);
  return VISIONS.map((v) => toLab(seen(rgb, v)));
}

/** Smallest distance over the vision types, and the first vision type that attains it. */
function worst(a: readonly Lab[], b: readonly Lab[]): { vision: Vision; distance: number } {
  const ds = VISIONS.map((_, k) => ciede2000(a[k], b[k]));
  const i = ds.indexOf(Math.min(...ds));
  return { vision: VISIONS[i], distance: ds[i] };
}

/** Two labels (by id) whose colours are too close for someone with `vision`. */
export interface ColorConflict { a: string; b: string; vision: Vision; distance: number }

/**
 * Label pairs whose colours are closer than `minDistance` for at least one vision type, each
 * reported once with its worst vision type, closest pairs first.
 */
export function colorConflicts(
  labels: readonly Pick<Label, 'id' | 'color'>[], minDistance = MIN_LABEL_DISTANCE,
): ColorConflict[] {
  const labs = labels.map((l) => labsOf(l.color));
  const out: ColorConflict[] = [];
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const w = worst(labs[i], labs[j]);
      if (w.distance < minDistance) out.push({ a: labels[i].id, b: labels[j].id, ...w });
    }
  }
  return out.sort((x, y) => x.distance - y.distance);
}

/**
 * The candidate colour (LABEL_PALETTE, then Paul Tol's muted and bright colours) whose smallest
 * distance to `existing`, over all vision types, is largest; earlier candidates win ties.
 */
export function suggestColor(existing: readonly string[]): string {
  const used = new Set(existing.map((c) => c.toLowerCase()));
  const all: string[] = [...LABEL_PALETTE, ...EXTRA_COLORS];
  const free = all.filter((c) => !used.has(c));
  // Once every candidate is taken, reuse is unavoidable: all scores are 0 and the first one wins.
  const candidates = free.length > 0 ? free : all;
  const taken = existing.map(labsOf);
  const score = (c: string) => Math.min(Infinity, ...taken.map((t) => worst(labsOf(c), t).distance));
  // The palette order first (the colours people know from the defaults), as long as the colour
  // stays distinguishable from every one in use; otherwise the most distinct candidate.
  const fitting = candidates.find((c) => score(c) >= MIN_LABEL_DISTANCE);
  if (fitting) return fitting;
  let best = candidates[0], bestScore = -1;
  for (const c of candidates) {
    const s = score(c);
    if (s > bestScore) { best = c; bestScore = s; }
  }
  return best;
}

/** Black or white, whichever has the higher WCAG 2 contrast ratio on background `hex`. */
export function readableTextOn(hex: string): '#000000' | '#ffffff' {
  const [r, g, b] = parseHex(hex);
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return (y + 0.05) / 0.05 >= 1.05 / (y + 0.05) ? '#000000' : '#ffffff';
}
