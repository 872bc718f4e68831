import type { PageImage } from '../../../types/pageImage';
import { median } from '../../../layout/geometry';
import { CELL } from './geometry';
import { glyphTemplates, scoreCell, unit } from './templates';

/** A band of the page as darkness, 0 (paper) … 1 (ink), and the level that separates ink from paper in it. */
export interface Darkness {
  data: Float32Array;
  width: number;
  height: number;
  /** Otsu's threshold over the band: darker than this is ink. */
  ink: number;
}

/** One MRZ line found in a band: its rows and the horizontal extent of its ink. */
export interface InkLine {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** A line laid out as `length` cells: where cell 0 starts, the pitch, and the baseline (a gentle curve). */
export interface CellLayout {
  length: number;
  x0: number;
  pitch: number;
  /**
   * Perspective: the pitch grows (or shrinks) along the line by this share from end to end, the two ends staying
   * where x0 and pitch put them (a page photographed at an angle has smaller cells on its far side).
   */
  bend?: number;
  /** Slant of the characters' upright strokes, pixels right per pixel up (a page photographed at an angle). */
  shear?: number;
  baseline: (x: number) => number;
}

/** Each cell's score against every template (MRZ_ALPHABET order), and how well the layout fits overall. */
export interface ScoredLine {
  cells: Float32Array[];
  fit: number;
}

/**
 * Darkness from the brightest channel: an MRZ is printed black, so a coloured stamp, a red watermark or the
 * tinted security print over it is paper here, not ink.
 */
export function darkness(image: PageImage): Darkness {
  const n = image.width * image.height;
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * image.channels;
    const v = image.channels === 1 ? image.data[o] : Math.max(image.data[o], image.data[o + 1], image.data[o + 2]);
    data[i] = 1 - v / 255;
  }
  const band = withoutBackground(data, image.width, image.height);
  return { data: band, width: image.width, height: image.height, ink: otsu(band) };
}

/**
 * Darkness above the local paper: a photo's paper is grey in dim light, a desk shows around the card, and ink is
 * what is darker than the paper near it. The paper's level is a low percentile of each block of the band (ink
 * covers less than that share of any block), interpolated between block centres.
 */
function withoutBackground(raw: Float32Array, width: number, height: number): Float32Array {
  const g = { data: raw, width, height };
  const size = Math.max(8, Math.round(g.height / 10));
  const bw = Math.ceil(g.width / size),
    bh = Math.ceil(g.height / size);
  const level = new Float32Array(bw * bh);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      const values: number[] = [];
      for (let y = by * size; y < Math.min(g.height, (by + 1) * size); y++)
        for (let x = bx * size; x < Math.min(g.width, (bx + 1) * size); x++) values.push(g.data[y * g.width + x]);
      values.sort((a, b) => a - b);
      level[by * bw + bx] = values[Math.floor(values.length * 0.3)];
    }
  }
  // each column's two block centres and its weight between them, worked out once rather than per pixel
  const cx0 = new Int32Array(g.width),
    cx1 = new Int32Array(g.width),
    cax = new Float32Array(g.width);
  for (let x = 0; x < g.width; x++) {
    const fx = Math.min(bw - 1, Math.max(0, (x + 0.5) / size - 0.5));
    cx0[x] = Math.floor(fx);
    cx1[x] = Math.min(bw - 1, cx0[x] + 1);
    cax[x] = fx - cx0[x];
  }
  const data = new Float32Array(g.data.length);
  for (let y = 0; y < g.height; y++) {
    const fy = Math.min(bh - 1, Math.max(0, (y + 0.5) / size - 0.5));
    const y0 = Math.floor(fy),
      y1 = Math.min(bh - 1, y0 + 1),
      ay = fy - y0;
    for (let x = 0; x < g.width; x++) {
      const x0 = cx0[x],
        x1 = cx1[x],
        ax = cax[x];
      const paper = (level[y0 * bw + x0] * (1 - ax) + level[y0 * bw + x1] * ax) * (1 - ay) + (level[y1 * bw + x0] * (1 - ax) + level[y1 * bw + x1] * ax) * ay;
      const v = g.data[y * g.width + x] - paper;
      data[y * g.width + x] = v > 0 ? v : 0;
    }
  }
  return data;
}

/** Otsu's threshold over darkness values. */
function otsu(values: Float32Array): number {
  const hist = new Float64Array(256);
  for (const v of values) hist[Math.min(255, Math.floor(v * 256))]++;
  const total = values.length;
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * hist[i];
  let sumB = 0,
    weightB = 0,
    best = 0,
    threshold = 128;
  for (let i = 0; i < 256; i++) {
    weightB += hist[i];
    if (weightB === 0) continue;
    const weightF = total - weightB;
    if (weightF === 0) break;
    sumB += i * hist[i];
    const mB = sumB / weightB,
      mF = (sum - sumB) / weightF;
    const between = weightB * weightF * (mB - mF) ** 2;
    if (between > best) {
      best = between;
      threshold = i;
    }
  }
  return (threshold + 0.5) / 256;
}

/**
 * The MRZ lines of a band, top to bottom: the lowest long run of inked rows, and the runs just above it of the
 * same height and length (an MRZ is the last thing on its page, two or three equal lines).
 */
export function findInkLines(g: Darkness, maxLines = 3): InkLine[] {
  const ink = (x: number, y: number) => g.data[y * g.width + x] > g.ink;
  const rows = new Int32Array(g.height);
  for (let y = 0; y < g.height; y++) for (let x = 0; x < g.width; x++) if (ink(x, y)) rows[y]++;
  // a row inked nearly across is a rule or a frame, not text: fillers and letters leave gaps
  const isRule = (count: number) => count > 0.8 * g.width;
  // text rows of a long line hold far more ink than the rows between lines, however close the lines are
  const dense = Math.max(3, 0.06 * g.width, 0.2 * Math.max(...rows.filter((r) => !isRule(r))));
  const runs: Array<{ top: number; bottom: number }> = [];
  for (let y = 0; y < g.height; y++) {
    if (rows[y] < dense || isRule(rows[y])) continue;
    const last = runs[runs.length - 1];
    if (last && y - last.bottom <= 1) last.bottom = y;
    else runs.push({ top: y, bottom: y });
  }
  const lines: InkLine[] = [];
  for (const run of runs.reverse()) {
    const height = run.bottom - run.top + 1;
    if (height < 5) continue;
    const extent = inkExtent(g, run.top, run.bottom, ink);
    if (!extent) continue;
    const line = { ...run, ...extent };
    const first = lines[0];
    if (!first) {
      if (extent.right - extent.left >= 0.4 * g.width && extent.right - extent.left >= 8 * height) lines.unshift(line);
      continue;
    }
    const firstHeight = first.bottom - first.top + 1;
    const sameHeight = height >= 0.6 * firstHeight && height <= 1.6 * firstHeight;
    const sameLength = Math.abs(extent.right - extent.left - (first.right - first.left)) <= 0.25 * (first.right - first.left);
    const close = lines[0].top - run.bottom <= 2.5 * firstHeight;
    if (!sameHeight || !sameLength || !close) break;
    lines.unshift(line);
    if (lines.length === maxLines) break;
  }
  return lines;
}

/** The widest run of inked columns between `top` and `bottom` whose gaps are narrower than a character. */
function inkExtent(g: Darkness, top: number, bottom: number, ink: (x: number, y: number) => boolean): { left: number; right: number } | null {
  const height = bottom - top + 1;
  let best: { left: number; right: number } | null = null;
  let current: { left: number; right: number } | null = null;
  for (let x = 0; x < g.width; x++) {
    let count = 0;
    for (let y = top; y <= bottom; y++) if (ink(x, y)) count++;
    if (count < 2) continue;
    if (current && x - current.right <= height) current.right = x;
    else current = { left: x, right: x };
    if (!best || current.right - current.left > best.right - best.left) best = { ...current };
  }
  return best;
}

/**
 * The baseline of a line, as a gentle curve: a photo deskewed to a fraction of a degree still drifts by pixels
 * over 44 characters, and a page bending towards the spine curves its MRZ. The shape comes from the ink's
 * centroid in each eighth of the line (every MRZ character is centred on the same height, fillers included),
 * fitted with a parabola; its height from the lowest densely inked row of each eighth, the median of them, since
 * a stretch of fillers ends above the baseline.
 */
export function fitBaseline(g: Darkness, line: InkLine): (x: number) => number {
  const height = line.bottom - line.top + 1;
  // the line's own rows and a little around (a tilted line's ends): never the neighbouring lines' rows
  const y0 = Math.max(0, Math.floor(line.top - height / 4)),
    y1 = Math.min(g.height - 1, Math.ceil(line.bottom + height / 4));
  const parts = Math.max(2, Math.min(8, Math.floor((line.right - line.left) / (2 * height))));
  const samples: Array<{ x: number; centroid: number; bottom: number }> = [];
  for (let s = 0; s < parts; s++) {
    const xa = Math.round(line.left + ((line.right - line.left) * s) / parts);
    const xb = Math.round(line.left + ((line.right - line.left) * (s + 1)) / parts);
    const counts: number[] = [];
    let mass = 0,
      moment = 0;
    for (let y = y0; y <= y1; y++) {
      let c = 0;
      for (let x = xa; x < xb; x++) if (g.data[y * g.width + x] > g.ink) c++;
      counts.push(c);
      mass += c;
      moment += c * y;
    }
    const peak = Math.max(...counts);
    if (peak === 0) continue;
    // down from the densest row while the rows stay dense
    let last = counts.indexOf(peak);
    while (last + 1 < counts.length && counts[last + 1] >= 0.3 * peak) last++;
    samples.push({ x: (xa + xb) / 2, centroid: moment / mass, bottom: y0 + last + 1 });
  }
  if (samples.length < 2) return () => line.bottom + 1;
  const mx = (line.left + line.right) / 2,
    half = Math.max(1, (line.right - line.left) / 2);
  const shape = fitCurve(
    samples.map((q) => ({ u: (q.x - mx) / half, y: q.centroid })),
    samples.length >= 6,
  );
  const curve = (x: number) => shape((x - mx) / half);
  const level = median(samples.map((q) => q.bottom - curve(q.x)));
  return (x) => level + curve(x);
}

/** Least squares: a parabola through the points when asked (and enough of them), else a straight line. */
function fitCurve(points: Array<{ u: number; y: number }>, parabola: boolean): (u: number) => number {
  const n = points.length;
  const sum = (f: (p: { u: number; y: number }) => number) => points.reduce((s, p) => s + f(p), 0);
  if (!parabola) {
    const su = sum((p) => p.u),
      sy = sum((p) => p.y),
      suu = sum((p) => p.u * p.u),
      suy = sum((p) => p.u * p.y);
    const d = n * suu - su * su;
    const b = d !== 0 ? (n * suy - su * sy) / d : 0;
    const a = (sy - b * su) / n;
    return (u) => a + b * u;
  }
  // normal equations of y = a + b·u + c·u², solved by Cramer's rule
  const s0 = n,
    s1 = sum((p) => p.u),
    s2 = sum((p) => p.u ** 2),
    s3 = sum((p) => p.u ** 3),
    s4 = sum((p) => p.u ** 4);
  const t0 = sum((p) => p.y),
    t1 = sum((p) => p.u * p.y),
    t2 = sum((p) => p.u ** 2 * p.y);
  const det = (m: number[][]) =>
    m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  const M = [
    [s0, s1, s2],
    [s1, s2, s3],
    [s2, s3, s4],
  ];
  const D = det(M);
  if (Math.abs(D) < 1e-9) return fitCurve(points, false);
  const a =
    det([
      [t0, s1, s2],
      [t1, s2, s3],
      [t2, s3, s4],
    ]) / D;
  const b =
    det([
      [s0, t0, s2],
      [s1, t1, s3],
      [s2, t2, s4],
    ]) / D;
  const c =
    det([
      [s0, s1, t0],
      [s1, s2, t1],
      [s2, s3, t2],
    ]) / D;
  return (u) => a + b * u + c * u * u;
}

/** The first guess at a layout of `length` cells from the ink's extent (ink starts and ends inside its cells). */
export function initialLayout(line: InkLine, length: number, baseline: (x: number) => number, shear = 0): CellLayout {
  const pitch = (line.right + 1 - line.left) / (length - 1 + CELL.inkEnd - CELL.inkStart);
  return { length, pitch, x0: line.left - CELL.inkStart * pitch, baseline, shear };
}

/**
 * The slant of a line's characters: the shear that makes its columns of ink most sharply peaked (upright strokes
 * then fall into single columns). A page photographed at an angle slants its letters after deskew.
 */
export function estimateShear(g: Darkness, line: InkLine, baseline: (x: number) => number): number {
  const height = line.bottom - line.top + 1;
  const y0 = Math.max(0, line.top - Math.round(height / 4)),
    y1 = Math.min(g.height - 1, line.bottom + Math.round(height / 4));
  let best = { shear: 0, score: -Infinity };
  for (let shear = -0.3; shear <= 0.301; shear += 0.05) {
    const bins = new Float64Array(g.width + 2 * height);
    for (let y = y0; y <= y1; y++) {
      for (let x = line.left; x <= line.right; x++) {
        if (g.data[y * g.width + x] <= g.ink) continue;
        const at = Math.round(x + shear * (baseline(x) - y)) + height;
        if (at >= 0 && at < bins.length) bins[at]++;
      }
    }
    let score = 0;
    for (const v of bins) score += v * v;
    // ties (and noise) go to upright
    if (score > best.score * (1 + 1e-3) || (Math.abs(shear) < 1e-9 && score >= best.score / (1 + 1e-3)))
      best = { shear: Math.abs(shear) < 1e-9 ? 0 : shear, score };
  }
  return best.shear;
}

/**
 * The layout refined to where the cells fit the templates best. First, on every other cell: each end of the line
 * moved on its own by up to 30% of a cell (the pitch follows), since an error in the ink's extent at one end (a
 * stamp, a cut-off filler) should not shift the other, and the whole line shifted at a pitch up to 1.5% off. Then
 * a perspective bend of the pitch (±6%), then ±5% around the best on every cell. The fit is the mean of each
 * cell's best template score.
 */
export function alignLayout(g: Darkness, start: CellLayout): { layout: CellLayout; fit: number } {
  const span = start.pitch * start.length;
  const at = (a: number, b: number): CellLayout => ({ ...start, x0: start.x0 + a * start.pitch, pitch: (span + (b - a) * start.pitch) / start.length });
  const tries: Array<[number, number]> = [];
  const steps = [-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3];
  for (const a of steps) for (const b of steps) tries.push([a, b]);
  // and the whole line shifted at a pitch up to 1.5% off (both ends wrong the same way)
  for (const scale of [0.985, 0.99, 0.995, 1.005, 1.01, 1.015]) {
    for (const shift of [-0.2, -0.1, 0, 0.1, 0.2]) tries.push([shift, shift + (scale - 1) * start.length]);
  }
  let coarse = { a: 0, b: 0, fit: -Infinity };
  for (const [a, b] of tries) {
    const fit = meanBest(scoreLine(g, at(a, b), [[0, 0]], 2).cells);
    if (fit > coarse.fit) coarse = { a, b, fit };
  }
  let bend = { bend: 0, fit: coarse.fit };
  for (const b of [-0.06, -0.03, 0.03, 0.06]) {
    const fit = meanBest(scoreLine(g, { ...at(coarse.a, coarse.b), bend: b }, [[0, 0]], 2).cells);
    if (fit > bend.fit) bend = { bend: b, fit };
  }
  let best = { layout: start, fit: -Infinity };
  for (const da of [-0.05, 0, 0.05]) {
    for (const db of [-0.05, 0, 0.05]) {
      const layout = { ...at(coarse.a + da, coarse.b + db), bend: bend.bend };
      const fit = meanBest(scoreLine(g, layout, [[0, 0]]).cells);
      if (fit > best.fit) best = { layout, fit };
    }
  }
  return best;
}

/**
 * Small moves of a cell, in template pixels (and a slant), that absorb what the layout does not get exactly
 * right: the layout is one straight model of the line; perspective bends and slants it locally.
 */
type Shift = [dx: number, dy: number, shear?: number];
const SHIFTS: Shift[] = [];
for (const dx of [-1.5, -0.75, 0, 0.75, 1.5]) for (const dy of [-2, -1, 0, 1, 2]) SHIFTS.push([dx, dy]);
for (const shear of [-0.25, -0.12, 0.12, 0.25]) for (const dx of [-0.75, 0, 0.75]) for (const dy of [-1, 0, 1]) SHIFTS.push([dx, dy, shear]);

/** Every cell (or every `every`-th) of the line scored against every template, each at its best of `shifts`. */
export function scoreLine(g: Darkness, layout: CellLayout, shifts: Shift[] = SHIFTS, every = 1): ScoredLine {
  const count = glyphTemplates().length;
  const cells: Float32Array[] = [];
  const scratch = new Float32Array(count);
  for (let i = 0; i < layout.length; i += every) {
    const best = new Float32Array(count).fill(-1);
    for (const [dx, dy, shear] of shifts) {
      scoreCell(unit(sampleCell(g, layout, i, dx, dy, shear)), scratch);
      for (let k = 0; k < count; k++) if (scratch[k] > best[k]) best[k] = scratch[k];
    }
    cells.push(best);
  }
  return { cells, fit: meanBest(cells) };
}

function meanBest(cells: Float32Array[]): number {
  return cells.reduce((s, c) => s + Math.max(...c), 0) / Math.max(1, cells.length);
}

function cellLeft(layout: CellLayout, i: number): number {
  const bend = layout.bend ?? 0;
  return layout.x0 + i * layout.pitch + (bend * layout.pitch * i * (i - layout.length)) / (2 * layout.length);
}

/** Cell `i` resampled to the template grid (averaging a few samples per template pixel when the cell is larger). */
export function sampleCell(g: Darkness, layout: CellLayout, i: number, dx = 0, dy = 0, extraShear = 0): Float32Array {
  const fontPx = layout.pitch / CELL.advance;
  const sx = layout.pitch / CELL.width;
  const sy = (fontPx * (CELL.bottom - CELL.top)) / CELL.height;
  const left = cellLeft(layout, i);
  const base = layout.baseline(left + layout.pitch / 2);
  const top = base + CELL.top * fontPx;
  const shear = (layout.shear ?? 0) + extraShear;
  const k = Math.min(3, Math.max(1, Math.round(Math.max(sx, sy))));
  const out = new Float32Array(CELL.width * CELL.height);
  for (let gy = 0; gy < CELL.height; gy++) {
    for (let gx = 0; gx < CELL.width; gx++) {
      let sum = 0;
      for (let a = 0; a < k; a++) {
        const y = top + (gy + dy + (a + 0.5) / k) * sy;
        const lean = shear * (base - y);
        for (let b = 0; b < k; b++) {
          sum += bilinear(g, left + lean + (gx + dx + (b + 0.5) / k) * sx, y);
        }
      }
      out[gy * CELL.width + gx] = sum / (k * k);
    }
  }
  return out;
}

/**
 * Darkness at a point between pixels; outside the band is paper (a line cut off by the photo's edge). Called
 * millions of times per document: plain comparisons instead of Math.min/max/floor, which are global lookups (slow
 * where the code runs in a vm context, as under jest, and never free).
 */
function bilinear(g: Darkness, x: number, y: number): number {
  const w = g.width,
    h = g.height;
  if (x < 0 || y < 0 || x > w || y > h) return 0;
  let fx = x - 0.5,
    fy = y - 0.5;
  if (fx < 0) fx = 0;
  else if (fx > w - 1) fx = w - 1;
  if (fy < 0) fy = 0;
  else if (fy > h - 1) fy = h - 1;
  const x0 = fx | 0,
    y0 = fy | 0; // both ≥ 0: truncation is the floor
  const x1 = x0 + 1 < w ? x0 + 1 : x0,
    y1 = y0 + 1 < h ? y0 + 1 : y0;
  const ax = fx - x0,
    ay = fy - y0;
  const d = g.data;
  return (d[y0 * w + x0] * (1 - ax) + d[y0 * w + x1] * ax) * (1 - ay) + (d[y1 * w + x0] * (1 - ax) + d[y1 * w + x1] * ax) * ay;
}
