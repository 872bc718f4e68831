/**
 * The part of a page the detector needs to see: everything but its blank margins.
 *
 * The detector's cost grows with the pixels it is shown, and a letter or an invoice scanned at A4 is often a
 * third blank paper or more; outside the ink there is nothing to find. The detector is convolutional, so a window
 * aligned to its stride (32) and padded with real paper gives nearly the probability map the whole page gives
 * there. Not exactly: the squeeze-and-excitation blocks of its neck average over the whole map, and blank paper
 * pulls those averages. The model was trained on 640-px crops of pages, so a window is what it knows; the readings
 * this changed are listed in docs/benchmarks.md (2026-11-30).
 */

/** The detector's stride: windows start on it so the network's grid falls on the page where it always did. */
const STRIDE = 32;
/** Blank paper kept around the ink, in detector pixels: the network sees paper, not the tensor's edge, next to text. */
const PAD = 32;
/**
 * A pixel is ink when one of its channels differs from the paper's by more than this. Low on purpose: a faint grey
 * stamp (235 on 255) must count, and speckle in a margin only makes the window larger, never drops text.
 */
const INK_DIFFERENCE = 10;

export interface Window {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The window of an interleaved 8-bit image (1 or 3 channels) holding all its ink with PAD of paper around it,
 * on the stride grid; null for a page with no ink at all. The paper's colour is the most common value of each
 * channel, so a dark page with light text works the same way, and a photo whose background varies keeps
 * (nearly) its whole frame.
 */
export function inkWindow(px: Uint8Array, width: number, height: number, channels: 1 | 3): Window | null {
  // per channel, which byte values are ink: one look-up per byte instead of arithmetic
  const ink = paperColour(px, channels).map((paper) => Uint8Array.from({ length: 256 }, (_, v) => (Math.abs(v - paper) > INK_DIFFERENCE ? 1 : 0)));
  const [i0, i1, i2] = channels === 3 ? ink : [ink[0], ink[0], ink[0]];
  // a grey page is read as if each byte were all three channels of its pixel
  const o1 = channels === 3 ? 1 : 0,
    o2 = channels === 3 ? 2 : 0;
  const isInk = (p: number) => (i0[px[p]] | i1[px[p + o1]] | i2[px[p + o2]]) !== 0;
  const rowStride = width * channels;
  let top = -1,
    bottom = -1,
    left = width,
    right = -1;
  for (let y = 0; y < height; y++) {
    const row = y * rowStride;
    // the row's first ink from the left, looked for only left of what is known; its last from the right likewise
    let x = 0;
    while (x < left && !isInk(row + x * channels)) x++;
    const rowHasInkLeft = x < left;
    if (rowHasInkLeft) left = x;
    let xr = width - 1;
    while (xr > right && xr >= x && !isInk(row + xr * channels)) xr--;
    const rowHasInkRight = xr > right && xr >= x;
    if (rowHasInkRight) right = xr;
    // a row counts if it has ink anywhere: found above, or inside the span already known
    let inside = rowHasInkLeft || rowHasInkRight;
    for (let xi = left; !inside && xi <= right; xi++) inside = isInk(row + xi * channels);
    if (inside) {
      if (top < 0) top = y;
      bottom = y;
    }
  }
  if (top < 0) return null;
  const x0 = Math.max(0, Math.floor((left - PAD) / STRIDE) * STRIDE);
  const y0 = Math.max(0, Math.floor((top - PAD) / STRIDE) * STRIDE);
  const x1 = Math.min(width, Math.ceil((right + 1 + PAD) / STRIDE) * STRIDE);
  const y1 = Math.min(height, Math.ceil((bottom + 1 + PAD) / STRIDE) * STRIDE);
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** The most common value of each channel, from a sample of the pixels. */
function paperColour(px: Uint8Array, channels: number): number[] {
  const histograms = Array.from({ length: channels }, () => new Uint32Array(256));
  const step = 7 * channels; // a prime stride: no aliasing with a regular pattern of the page
  for (let p = 0; p + channels <= px.length; p += step) {
    for (let c = 0; c < channels; c++) histograms[c][px[p + c]]++;
  }
  return histograms.map((h) => {
    let best = 0;
    for (let v = 1; v < 256; v++) if (h[v] > h[best]) best = v;
    return best;
  });
}
