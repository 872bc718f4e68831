import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';

/**
 * Canvases to draw PDF pages on, kept between pages of the same size.
 *
 * A canvas's pixels are allocated when it is first drawn on: 35 MB for an A4 page at 300 dpi, and on this kind of
 * machine touching that much fresh memory cost ~120 ms in page faults, as much again as drawing a scanned page.
 * Pages come in runs of one size (a scanned document, a mailbox of invoices), so a canvas that has drawn one page
 * draws the next. A few are kept (pages are rendered in parallel), up to a bound on their memory, and all are let
 * go after a quiet spell, so a long-running host does not hold them for nothing.
 */

/**
 * Pixels kept idle at most: three A4 pages at 300 dpi (35 MB each) or one A3 page. A poster-sized page's canvas
 * (up to 144 MB) is not kept at all.
 */
const MAX_IDLE_BYTES = 128 * 1024 * 1024;
/** Idle canvases are released after this long without a page. */
const RELEASE_AFTER_MS = 30_000;

export interface PageCanvas {
  canvas: Canvas;
  ctx: SKRSContext2D;
  width: number;
  height: number;
}

const idle: PageCanvas[] = [];
let releaseTimer: NodeJS.Timeout | undefined;

/** A white canvas of this size with a fresh drawing state, reused when one is idle. */
export function borrowCanvas(width: number, height: number): PageCanvas {
  const i = idle.findIndex((c) => c.width === width && c.height === height);
  const reused = i >= 0 ? idle.splice(i, 1)[0] : undefined;
  const page = reused ?? newCanvas(width, height);
  // Each page draws inside a saved state that returnCanvas restores: @napi-rs/canvas's reset() clears the pixels,
  // transform and alpha but leaves a clip in place (tested), and a page's clip must not cut the next page.
  page.ctx.reset();
  page.ctx.fillStyle = '#ffffff';
  page.ctx.fillRect(0, 0, width, height);
  page.ctx.save();
  return page;
}

/** Gives a canvas back once nothing draws on it any more (only after its page finished rendering). */
export function returnCanvas(page: PageCanvas): void {
  page.ctx.restore();
  idle.push(page);
  // the longest idle go first
  while (idle.reduce((sum, c) => sum + bytesOf(c), 0) > MAX_IDLE_BYTES) idle.shift();
  clearTimeout(releaseTimer);
  releaseTimer = setTimeout(() => idle.splice(0), RELEASE_AFTER_MS);
  releaseTimer.unref();
}

function bytesOf(page: PageCanvas): number {
  return page.width * page.height * 4;
}

function newCanvas(width: number, height: number): PageCanvas {
  const canvas = createCanvas(width, height);
  return { canvas, ctx: canvas.getContext('2d'), width, height };
}

/**
 * The canvas's pixels as RGB, composited over white. `canvas.data()` is a view on the canvas's own pixels
 * (premultiplied RGBA), where getImageData would copy all 35 MB first; premultiplied, a pixel over white is
 * c + 255 − alpha, and exactly c where it is opaque, as every pixel of a page drawn on white paper is.
 */
export function canvasRgb(page: PageCanvas): Buffer {
  const rgba = page.canvas.data();
  const rgb = Buffer.allocUnsafe(page.width * page.height * 3);
  for (let i = 0, o = 0; i < rgba.length; i += 4, o += 3) {
    const white = 255 - rgba[i + 3];
    rgb[o] = rgba[i] + white;
    rgb[o + 1] = rgba[i + 1] + white;
    rgb[o + 2] = rgba[i + 2] + white;
  }
  return rgb;
}
