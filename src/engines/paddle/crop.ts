import type { PageImage } from '../../types/pageImage';
import type { RotatedBox } from '../../geometry/shapes';

/**
 * Samples a rotated text box of the page straight into a slot of a [N, 3, H, W] batch tensor, normalized the
 * way PP-OCR's classifier and recognizer were trained ((v / 255 − 0.5) / 0.5, channels in BGR order).
 * One pass does what opencv's perspective crop + resize + normalize would: no intermediate images.
 * Boxes much larger than the slot are supersampled so headline text is averaged rather than aliased, along each
 * axis as far as that axis shrinks: the classifier squeezes a whole line into 192 px, 10× along it and not across.
 */
export function sampleBox(
  img: PageImage,
  box: RotatedBox,
  outW: number,
  outH: number,
  dst: Float32Array,
  slot: number,
  tensorH: number,
  tensorW: number,
  turn180 = false,
): void {
  const rad = (box.angle * Math.PI) / 180;
  let ux = Math.cos(rad);
  let uy = Math.sin(rad);
  if (turn180) {
    ux = -ux;
    uy = -uy;
  }
  const plane = tensorH * tensorW;
  const base = slot * 3 * plane;
  const sx = box.width / outW;
  const sy = box.height / outH;
  const kx = samplesPerPixel(sx);
  const ky = samplesPerPixel(sy);
  // offsets along (s) and across (t) the text of every sample, in output order
  const along = offsets(outW, kx, sx, box.width);
  const across = offsets(outH, ky, sy, box.height);
  const out = { dst, base, plane, tensorW, norm: kx * ky * 127.5 };
  if (uy === 0) sampleUpright(img, box.cx, box.cy, ux, along, across, kx, ky, outW, outH, out);
  else sampleTurned(img, box.cx, box.cy, ux, uy, along, across, kx, ky, outW, outH, out);
}

interface Slot {
  dst: Float32Array;
  base: number;
  plane: number;
  tensorW: number;
  /** samples per pixel × 127.5: the sum of a pixel's samples over this, minus one, is its normalized value */
  norm: number;
}

function offsets(count: number, k: number, scale: number, length: number): Float64Array {
  const out = new Float64Array(count * k);
  for (let o = 0; o < count; o++) for (let i = 0; i < k; i++) out[o * k + i] = (o + (i + 0.5) / k) * scale - length / 2;
  return out;
}

/**
 * A box along the page's axes (most text lines): each sample's column depends only on its position along the
 * line and its row only on its position across it, so their pixel indices and weights are worked out once per
 * column and row instead of once per sample. Same arithmetic as the turned case, value for value.
 */
function sampleUpright(
  img: PageImage,
  cx: number,
  cy: number,
  ux: number,
  along: Float64Array,
  across: Float64Array,
  kx: number,
  ky: number,
  outW: number,
  outH: number,
  out: Slot,
): void {
  const { width: W, height: H, channels: C, data } = img;
  // per column: byte offsets of the two pixels and their weights; per row: the same for rows
  const xa = new Int32Array(along.length),
    xb = new Int32Array(along.length),
    fxs = new Float64Array(along.length),
    gxs = new Float64Array(along.length);
  along.forEach((s, i) => {
    const x = cx + ux * s - 0.5;
    const x0 = Math.floor(x);
    fxs[i] = x - x0;
    gxs[i] = 1 - fxs[i];
    xa[i] = clamp(x0, W) * C;
    xb[i] = clamp(x0 + 1, W) * C;
  });
  const ya = new Int32Array(across.length),
    yb = new Int32Array(across.length),
    fys = new Float64Array(across.length),
    gys = new Float64Array(across.length);
  across.forEach((t, j) => {
    const y = cy + ux * t - 0.5;
    const y0 = Math.floor(y);
    fys[j] = y - y0;
    gys[j] = 1 - fys[j];
    ya[j] = clamp(y0, H) * W * C;
    yb[j] = clamp(y0 + 1, H) * W * C;
  });
  for (let oy = 0; oy < outH; oy++) {
    for (let ox = 0; ox < outW; ox++) {
      let r = 0,
        g = 0,
        b = 0;
      for (let j = oy * ky; j < (oy + 1) * ky; j++) {
        const fy = fys[j],
          gy = gys[j],
          rowA = ya[j],
          rowB = yb[j];
        for (let i = ox * kx; i < (ox + 1) * kx; i++) {
          const fx = fxs[i],
            gx = gxs[i];
          const w00 = gx * gy,
            w10 = fx * gy,
            w01 = gx * fy,
            w11 = fx * fy;
          const p00 = rowA + xa[i],
            p10 = rowA + xb[i],
            p01 = rowB + xa[i],
            p11 = rowB + xb[i];
          if (C === 1) {
            const v = data[p00] * w00 + data[p10] * w10 + data[p01] * w01 + data[p11] * w11;
            r += v;
            g += v;
            b += v;
          } else {
            r += data[p00] * w00 + data[p10] * w10 + data[p01] * w01 + data[p11] * w11;
            g += data[p00 + 1] * w00 + data[p10 + 1] * w10 + data[p01 + 1] * w01 + data[p11 + 1] * w11;
            b += data[p00 + 2] * w00 + data[p10 + 2] * w10 + data[p01 + 2] * w01 + data[p11 + 2] * w11;
          }
        }
      }
      store(out, oy, ox, r, g, b);
    }
  }
}

/**
 * Any other angle: each sample's position is (s along the text, t across it), v = (−uy, ux) pointing "down".
 * The bilinear sum is written out here and in sampleUpright rather than shared: as a function called per sample
 * it made the crops ~40% slower (measured on the A4 page).
 */
function sampleTurned(
  img: PageImage,
  cx: number,
  cy: number,
  ux: number,
  uy: number,
  along: Float64Array,
  across: Float64Array,
  kx: number,
  ky: number,
  outW: number,
  outH: number,
  out: Slot,
): void {
  const { width: W, height: H, channels: C, data } = img;
  for (let oy = 0; oy < outH; oy++) {
    for (let ox = 0; ox < outW; ox++) {
      let r = 0,
        g = 0,
        b = 0;
      for (let j = oy * ky; j < (oy + 1) * ky; j++) {
        const t = across[j];
        for (let i = ox * kx; i < (ox + 1) * kx; i++) {
          const s = along[i];
          const x = cx + ux * s - uy * t - 0.5;
          const y = cy + uy * s + ux * t - 0.5;
          const x0 = Math.floor(x),
            y0 = Math.floor(y);
          const fx = x - x0,
            fy = y - y0;
          const xa = clamp(x0, W),
            xb = clamp(x0 + 1, W),
            ya = clamp(y0, H),
            yb = clamp(y0 + 1, H);
          const w00 = (1 - fx) * (1 - fy),
            w10 = fx * (1 - fy),
            w01 = (1 - fx) * fy,
            w11 = fx * fy;
          const p00 = (ya * W + xa) * C,
            p10 = (ya * W + xb) * C,
            p01 = (yb * W + xa) * C,
            p11 = (yb * W + xb) * C;
          if (C === 1) {
            const v = data[p00] * w00 + data[p10] * w10 + data[p01] * w01 + data[p11] * w11;
            r += v;
            g += v;
            b += v;
          } else {
            r += data[p00] * w00 + data[p10] * w10 + data[p01] * w01 + data[p11] * w11;
            g += data[p00 + 1] * w00 + data[p10 + 1] * w10 + data[p01 + 1] * w01 + data[p11 + 1] * w11;
            b += data[p00 + 2] * w00 + data[p10 + 2] * w10 + data[p01 + 2] * w01 + data[p11 + 2] * w11;
          }
        }
      }
      store(out, oy, ox, r, g, b);
    }
  }
}

/** One output pixel into the slot: BGR planes, normalized. */
function store(out: Slot, oy: number, ox: number, r: number, g: number, b: number): void {
  const o = out.base + oy * out.tensorW + ox;
  out.dst[o] = b / out.norm - 1;
  out.dst[o + out.plane] = g / out.norm - 1;
  out.dst[o + 2 * out.plane] = r / out.norm - 1;
}

/** Samples along an axis shrunk by `scale`: one up to 1.25×, then one more per source pixel, at most four. */
function samplesPerPixel(scale: number): number {
  return Math.min(4, Math.max(1, Math.ceil(scale - 0.25)));
}

function clamp(v: number, size: number): number {
  return v < 0 ? 0 : v >= size ? size - 1 : v;
}
