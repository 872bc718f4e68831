/**
 * A page's visible box, rotation and the transform from PDF user space to page pixels, by pdf.js's rules
 * (its `page.view`, `page.rotate` and `PageViewport`), so that text read here lands where pdf.js would put it
 * and where the same page, rendered by pdf.js, shows it.
 */
export type Matrix = [number, number, number, number, number, number];

export interface Viewport {
  width: number;
  height: number;
  scale: number;
  transform: Matrix;
}

/** US Letter: pdf.js's page when MediaBox is missing or unusable. */
const LETTER: [number, number, number, number] = [0, 0, 612, 792];

/** `[x0, y0, x1, y1]` from a box array, normalised; null when it is not four numbers or has no area. */
export function box(values: number[] | null): [number, number, number, number] | null {
  if (!values || values.length !== 4 || values.some((v) => !Number.isFinite(v))) return null;
  const [a, b, c, d] = values;
  const r: [number, number, number, number] = [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
  return r[2] - r[0] > 0 && r[3] - r[1] > 0 ? r : null;
}

/** MediaBox, clipped by CropBox when they overlap. */
export function pageView(mediaBox: number[] | null, cropBox: number[] | null): [number, number, number, number] {
  const media = box(mediaBox) ?? LETTER;
  const crop = box(cropBox);
  if (!crop) return media;
  const x0 = Math.max(media[0], crop[0]);
  const y0 = Math.max(media[1], crop[1]);
  const x1 = Math.min(media[2], crop[2]);
  const y1 = Math.min(media[3], crop[3]);
  return x1 > x0 && y1 > y0 ? [x0, y0, x1, y1] : media;
}

/** /Rotate as pdf.js takes it: a multiple of 90 in 0..270, anything else 0. */
export function pageRotation(rotate: number | undefined): number {
  if (rotate === undefined || !Number.isInteger(rotate) || rotate % 90 !== 0) return 0;
  return ((rotate % 360) + 360) % 360;
}

export function viewport(view: [number, number, number, number], rotation: number, scale: number): Viewport {
  const [x0, y0, x1, y1] = view;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  // y flips: PDF space grows upwards, pixels downwards
  const [a, b, c, d] = rotation === 90 ? [0, 1, 1, 0] : rotation === 180 ? [-1, 0, 0, 1] : rotation === 270 ? [0, -1, -1, 0] : [1, 0, 0, -1];
  const sideways = a === 0;
  const offsetX = (sideways ? Math.abs(cy - y0) : Math.abs(cx - x0)) * scale;
  const offsetY = (sideways ? Math.abs(cx - x0) : Math.abs(cy - y0)) * scale;
  return {
    width: (sideways ? y1 - y0 : x1 - x0) * scale,
    height: (sideways ? x1 - x0 : y1 - y0) * scale,
    scale,
    transform: [a * scale, b * scale, c * scale, d * scale, offsetX - a * scale * cx - c * scale * cy, offsetY - b * scale * cx - d * scale * cy],
  };
}

/** `m` then `n`: the product m × n of PDF's row-vector matrices (pdf.js writes it `Util.transform(n, m)`). */
export function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
