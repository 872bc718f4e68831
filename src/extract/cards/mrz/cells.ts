import type { PageImage } from '../../../engines/engine';
import { CELL } from './geometry';
import { glyphTemplates, scoreCell, unit } from './templates';

/** A band of the page as darkness, 0 (paper) … 1 (ink). */
export interface Darkness {
  data: Float32Array;
  width: number;
  height: number;
}

/** One MRZ line found in a band: its rows and the horizontal extent of its ink. */
export interface InkLine {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** A line laid out as `length` cells: where cell 0 starts, the pitch, and the baseline as a straight line. */
export interface CellLayout {
  length: number;
  x0: number;
  pitch: number;
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
  return { data, width: image.width, height: image.height };
}

/** Otsu's threshold over the band's darkness. */
export function otsu(g: Darkness): number {
  const hist = new Float64Array(256);
  for (const v of g.data) hist[Math.min(255, Math.floor(v * 256))]++;
  const total = g.data.length;
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * hist[i];
  let sumB = 0, weightB = 0, best = 0, threshold = 128;
  for (let i = 0; i < 256; i++) {
    weightB += hist[i];
    if (weightB === 0) continue;
    const weightF = total - weightB;
    if (weightF === 0) break;
    sumB += i * hist[i];
    const mB = sumB / weightB, mF = (sum - sumB) / weightF;
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
  const threshold = otsu(g);
  const ink = (x: number, y: number) => g.data[y * g.width + x] > threshold;
  const rows = new Int32Array(g.height);
  for (let y = 0; y < g.height; y++) for (let x = 0; x < g.width; x++) if (ink(x, y)) rows[y]++;
  // text rows of a long line hold far more ink than the rows between lines, however close the lines are
  const dense = Math.max(3, 0.06 * g.width, 0.2 * Math.max(...rows));
  const runs: Array<{ top: number; bottom: number }> = [];
  for (let y = 0; y < g.height; y++) {
    if (rows[y] < dense) continue;
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
 * The baseline of a line as a straight line. Its slope comes from the ink's centroid in each quarter of the line
 * (every MRZ character is centred on the same height, fillers included); its height from the lowest densely inked
 * row of each quarter, the median of them, since a quarter of fillers ends above the baseline. A photo deskewed
 * to a fraction of a degree still drifts by pixels over 44 characters.
 */
export function fitBaseline(g: Darkness, line: InkLine): (x: number) => number {
  const height = line.bottom - line.top + 1;
  // the line's own rows and a little around (a tilted line's ends): never the neighbouring lines' rows
  const y0 = Math.max(0, Math.floor(line.top - height / 4)), y1 = Math.min(g.height - 1, Math.ceil(line.bottom + height / 4));
  const threshold = otsu(g);
  const quarters: Array<{ x: number; centroid: number; bottom: number }> = [];
  for (let s = 0; s < 4; s++) {
    const xa = Math.round(line.left + ((line.right - line.left) * s) / 4);
    const xb = Math.round(line.left + ((line.right - line.left) * (s + 1)) / 4);
    const counts: number[] = [];
    let mass = 0, moment = 0;
    for (let y = y0; y <= y1; y++) {
      let c = 0;
      for (let x = xa; x < xb; x++) if (g.data[y * g.width + x] > threshold) c++;
      counts.push(c);
      mass += c;
      moment += c * y;
    }
    const peak = Math.max(...counts);
    if (peak === 0) continue;
    // down from the densest row while the rows stay dense
    let last = counts.indexOf(peak);
    while (last + 1 < counts.length && counts[last + 1] >= 0.3 * peak) last++;
    quarters.push({ x: (xa + xb) / 2, centroid: moment / mass, bottom: y0 + last + 1 });
  }
  if (quarters.length < 2) return () => line.bottom + 1;
  const mx = quarters.reduce((s, q) => s + q.x, 0) / quarters.length;
  const my = quarters.reduce((s, q) => s + q.centroid, 0) / quarters.length;
  let sxy = 0, sxx = 0;
  for (const q of quarters) {
    sxy += (q.x - mx) * (q.centroid - my);
    sxx += (q.x - mx) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  const levels = quarters.map((q) => q.bottom - slope * (q.x - mx)).sort((a, b) => a - b);
  const level = levels.length % 2 ? levels[(levels.length - 1) / 2] : (levels[levels.length / 2 - 1] + levels[levels.length / 2]) / 2;
  return (x) => level + slope * (x - mx);
}

/** The first guess at a layout of `length` cells from the ink's extent (ink starts and ends inside its cells). */
export function initialLayout(line: InkLine, length: number, baseline: (x: number) => number): CellLayout {
  const pitch = (line.right + 1 - line.left) / (length - 1 + CELL.inkEnd - CELL.inkStart);
  return { length, pitch, x0: line.left - CELL.inkStart * pitch, baseline };
}

/**
 * The layout refined to where the cells fit the templates best, each end of the line moved on its own (the pitch
 * follows), since an error in the ink's extent at one end (a stamp, a cut-off filler) should not shift the other,
 * or the whole line shifted at a pitch up to 1.5% off: ends within ±30% of a cell on every other cell first, then ±5% around the best on every cell. The fit is the
 * mean of each cell's best template score.
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
  let best = { layout: start, fit: -Infinity };
  for (const da of [-0.05, 0, 0.05]) {
    for (const db of [-0.05, 0, 0.05]) {
      const layout = at(coarse.a + da, coarse.b + db);
      const fit = meanBest(scoreLine(g, layout, [[0, 0]]).cells);
      if (fit > best.fit) best = { layout, fit };
    }
  }
  return best;
}

/** Small shifts of a cell, in template pixels, that absorb what the layout does not get exactly right. */
const SHIFTS: Array<[number, number]> = [];
for (const dx of [-1.5, -0.75, 0, 0.75, 1.5]) for (const dy of [-2, -1, 0, 1, 2]) SHIFTS.push([dx, dy]);

/** Every cell (or every `every`-th) of the line scored against every template, each at its best of `shifts`. */
export function scoreLine(g: Darkness, layout: CellLayout, shifts: Array<[number, number]> = SHIFTS, every = 1): ScoredLine {
  const count = glyphTemplates().length;
  const cells: Float32Array[] = [];
  const scratch = new Float32Array(count);
  for (let i = 0; i < layout.length; i += every) {
    const best = new Float32Array(count).fill(-1);
    for (const [dx, dy] of shifts) {
      scoreCell(unit(sampleCell(g, layout, i, dx, dy)), scratch);
      for (let k = 0; k < count; k++) if (scratch[k] > best[k]) best[k] = scratch[k];
    }
    cells.push(best);
  }
  return { cells, fit: meanBest(cells) };
}

function meanBest(cells: Float32Array[]): number {
  return cells.reduce((s, c) => s + Math.max(...c), 0) / Math.max(1, cells.length);
}

/** Cell `i` resampled to the template grid (averaging a few samples per template pixel when the cell is larger). */
export function sampleCell(g: Darkness, layout: CellLayout, i: number, dx = 0, dy = 0): Float32Array {
  const fontPx = layout.pitch / CELL.advance;
  const sx = layout.pitch / CELL.width;
  const sy = (fontPx * (CELL.bottom - CELL.top)) / CELL.height;
  const left = layout.x0 + i * layout.pitch;
  const top = layout.baseline(left + layout.pitch / 2) + CELL.top * fontPx;
  const k = Math.min(3, Math.max(1, Math.round(Math.max(sx, sy))));
  const out = new Float32Array(CELL.width * CELL.height);
  for (let gy = 0; gy < CELL.height; gy++) {
    for (let gx = 0; gx < CELL.width; gx++) {
      let sum = 0;
      for (let a = 0; a < k; a++) {
        for (let b = 0; b < k; b++) {
          sum += bilinear(g, left + (gx + dx + (b + 0.5) / k) * sx, top + (gy + dy + (a + 0.5) / k) * sy);
        }
      }
      out[gy * CELL.width + gx] = sum / (k * k);
    }
  }
  return out;
}

/** Darkness at a point between pixels; outside the band is paper (a line cut off by the photo's edge). */
function bilinear(g: Darkness, x: number, y: number): number {
  if (x < 0 || y < 0 || x > g.width || y > g.height) return 0;
  const fx = Math.min(g.width - 1, Math.max(0, x - 0.5));
  const fy = Math.min(g.height - 1, Math.max(0, y - 0.5));
  const x0 = Math.floor(fx), y0 = Math.floor(fy);
  const x1 = Math.min(g.width - 1, x0 + 1), y1 = Math.min(g.height - 1, y0 + 1);
  const ax = fx - x0, ay = fy - y0;
  const d = g.data, w = g.width;
  return (d[y0 * w + x0] * (1 - ax) + d[y0 * w + x1] * ax) * (1 - ay) + (d[y1 * w + x0] * (1 - ax) + d[y1 * w + x1] * ax) * ay;
}
