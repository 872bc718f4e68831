import type { PageImage } from '../engine';
import type { RotatedBox } from './geometry';

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
  const { width: W, height: H, channels: C, data } = img;
  const sx = box.width / outW;
  const sy = box.height / outH;
  const kx = samplesPerPixel(sx);
  const ky = samplesPerPixel(sy);
  for (let oy = 0; oy < outH; oy++) {
    for (let ox = 0; ox < outW; ox++) {
      let r = 0, g = 0, b = 0;
      for (let j = 0; j < ky; j++) {
        const t = (oy + (j + 0.5) / ky) * sy - box.height / 2;
        for (let i = 0; i < kx; i++) {
          const s = (ox + (i + 0.5) / kx) * sx - box.width / 2;
          // (s along the text, t across it; v = (−uy, ux) points "down" the text)
          const x = box.cx + ux * s - uy * t - 0.5;
          const y = box.cy + uy * s + ux * t - 0.5;
          const x0 = Math.floor(x), y0 = Math.floor(y);
          const fx = x - x0, fy = y - y0;
          const xa = clamp(x0, W), xb = clamp(x0 + 1, W), ya = clamp(y0, H), yb = clamp(y0 + 1, H);
          const w00 = (1 - fx) * (1 - fy), w10 = fx * (1 - fy), w01 = (1 - fx) * fy, w11 = fx * fy;
          const p00 = (ya * W + xa) * C, p10 = (ya * W + xb) * C, p01 = (yb * W + xa) * C, p11 = (yb * W + xb) * C;
          if (C === 1) {
            const v = data[p00] * w00 + data[p10] * w10 + data[p01] * w01 + data[p11] * w11;
            r += v; g += v; b += v;
          } else {
            r += data[p00] * w00 + data[p10] * w10 + data[p01] * w01 + data[p11] * w11;
            g += data[p00 + 1] * w00 + data[p10 + 1] * w10 + data[p01 + 1] * w01 + data[p11 + 1] * w11;
            b += data[p00 + 2] * w00 + data[p10 + 2] * w10 + data[p01 + 2] * w01 + data[p11 + 2] * w11;
          }
        }
      }
      const n = kx * ky * 127.5;
      const o = base + oy * tensorW + ox;
      dst[o] = b / n - 1;
      dst[o + plane] = g / n - 1;
      dst[o + 2 * plane] = r / n - 1;
    }
  }
}

/** Samples along an axis shrunk by `scale`: one up to 1.25×, then one more per source pixel, at most four. */
function samplesPerPixel(scale: number): number {
  return Math.min(4, Math.max(1, Math.ceil(scale - 0.25)));
}

function clamp(v: number, size: number): number {
  return v < 0 ? 0 : v >= size ? size - 1 : v;
}
