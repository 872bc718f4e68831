import { CELL, MRZ_ALPHABET } from './geometry';
import { GLYPH_DATA } from './glyphs';

/**
 * The OCR-B templates as unit vectors (mean removed, softened by one pixel of blur, as a photographed cell is),
 * in MRZ_ALPHABET order: the score of a cell against a template is their normalized cross-correlation.
 */
let templates: Float32Array[] | undefined;

export function glyphTemplates(): Float32Array[] {
  templates ??= [...MRZ_ALPHABET].map((ch) => unit(blur(Float32Array.from(Buffer.from(GLYPH_DATA[ch], 'base64'), (v) => v / 255))));
  return templates;
}

/** Mean removed, length one; a blank vector stays zero (it matches nothing). */
export function unit(v: Float32Array): Float32Array {
  let mean = 0;
  for (const x of v) mean += x;
  mean /= v.length;
  let norm = 0;
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) {
    out[i] = v[i] - mean;
    norm += out[i] * out[i];
  }
  norm = Math.sqrt(norm);
  if (norm < 1e-6) return out.fill(0);
  for (let i = 0; i < out.length; i++) out[i] /= norm;
  return out;
}

/** A [1 2 1] blur across and down. */
function blur(v: Float32Array): Float32Array {
  const w = CELL.width,
    h = CELL.height;
  const pass = (src: Float32Array, dx: number, dy: number) => {
    const out = new Float32Array(src.length);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const at = (xx: number, yy: number) => src[Math.min(h - 1, Math.max(0, yy)) * w + Math.min(w - 1, Math.max(0, xx))];
        out[y * w + x] = (at(x - dx, y - dy) + 2 * at(x, y) + at(x + dx, y + dy)) / 4;
      }
    }
    return out;
  };
  return pass(pass(v, 1, 0), 0, 1);
}

/** Scores of one cell vector against every template, in MRZ_ALPHABET order. */
export function scoreCell(cell: Float32Array, into?: Float32Array): Float32Array {
  const t = glyphTemplates();
  const out = into ?? new Float32Array(t.length);
  for (let k = 0; k < t.length; k++) {
    const tk = t[k];
    let dot = 0;
    for (let i = 0; i < cell.length; i++) dot += cell[i] * tk[i];
    out[k] = dot;
  }
  return out;
}
