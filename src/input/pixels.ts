import sharp from 'sharp';
import type { PageImage } from '../types/pageImage';

function input(image: PageImage): sharp.Sharp {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } });
}

/** sharp widens one-channel raw input to sRGB on output unless told otherwise: pin the channel count. */
async function toPage(pipeline: sharp.Sharp, channels: 1 | 3): Promise<PageImage> {
  const shaped = channels === 1 ? pipeline.toColourspace('b-w') : pipeline.toColourspace('srgb').removeAlpha();
  const { data, info } = await shaped.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== channels) throw new Error(`pixel pipeline produced ${info.channels} channels, expected ${channels}`);
  return { data, width: info.width, height: info.height, channels };
}

/** Turns the page clockwise by a multiple of 90 degrees. */
export async function rotateQuarter(image: PageImage, degrees: number): Promise<PageImage> {
  const d = ((degrees % 360) + 360) % 360;
  if (d === 0) return image;
  return toPage(input(image).rotate(d), image.channels);
}

export async function toGray(image: PageImage): Promise<PageImage> {
  if (image.channels === 1) return image;
  return toPage(input(image).grayscale(), 1);
}

/**
 * The page without its red ink (the issuing office's seal over a licence's fields), in grey. Where a pixel is
 * redder than it is green or blue, red ink is on it: its red channel, brightened to the paper's, is what lies
 * under the ink (paper under the seal's strokes comes out white, black print under them dark); any other pixel
 * keeps its brightness, so the rest of the card reads as before.
 */
export function withoutRedInk(image: PageImage): PageImage {
  if (image.channels === 1) return image;
  const { data, width, height } = image;
  const out = Buffer.alloc(width * height);
  const grey = (i: number) => 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
  // the paper's brightness: the mean of the pixels with no red ink
  let sum = 0,
    n = 0,
    sumRed = 0;
  for (let i = 0; i < data.length; i += 3) {
    if (data[i] - Math.max(data[i + 1], data[i + 2]) > RED_EDGE) continue;
    sum += grey(i);
    sumRed += data[i];
    n++;
  }
  const gain = n ? sum / n / Math.max(1, sumRed / n) : 1;
  for (let i = 0, o = 0; i < data.length; i += 3, o++) {
    const r = data[i];
    out[o] = Math.min(255, Math.round(r - Math.max(data[i + 1], data[i + 2]) > RED_EDGE ? r * gain * 1.1 : grey(i)));
  }
  return { data: out, width, height, channels: 1 };
}

/** How much redder than green and blue a pixel is when red ink (or its blended edge) is on it. */
const RED_EDGE = 25;

/** The share of the page's pixels printed in red ink: clearly red, not the paper's tint or a warm light. */
export function redInkShare(image: PageImage): number {
  if (image.channels !== 3) return 0;
  const { data } = image;
  let red = 0;
  for (let i = 0; i < data.length; i += 3) {
    const r = data[i];
    if (r > 90 && r - Math.max(data[i + 1], data[i + 2]) > 60) red++;
  }
  return red / (data.length / 3);
}

/** Encodes for engines that take a file (tesseract): PNG at low compression, since it is decoded right away. */
export async function toPng(image: PageImage, scale = 1): Promise<Buffer> {
  let p = input(image);
  if (scale !== 1) {
    p = p.resize(Math.round(image.width * scale), Math.round(image.height * scale), { kernel: scale > 1 ? 'cubic' : 'lanczos3' });
  }
  return p.png({ compressionLevel: 1 }).toBuffer();
}

/** Shrinks so the longer side is at most `maxSide`; returns the factor applied (≤ 1). */
export async function downscale(image: PageImage, maxSide: number): Promise<{ image: PageImage; factor: number }> {
  const longer = Math.max(image.width, image.height);
  if (longer <= maxSide) return { image, factor: 1 };
  const factor = maxSide / longer;
  const out = await toPage(input(image).resize(Math.round(image.width * factor), Math.round(image.height * factor), { kernel: 'lanczos3' }), image.channels);
  return { image: out, factor };
}

/** Turns the page clockwise by any angle; the canvas grows to hold all of it, corners brought in are paper-white. */
export async function rotate(image: PageImage, degrees: number): Promise<PageImage> {
  return toPage(input(image).rotate(degrees, { background: { r: 255, g: 255, b: 255 } }), image.channels);
}

/**
 * Turns the page clockwise by a small angle about its centre and keeps its size, the frame engines give deskewed
 * boxes in; corners brought in from outside are paper-white.
 */
export async function rotateAboutCentre(image: PageImage, degrees: number): Promise<PageImage> {
  const turned = await rotate(image, degrees);
  const left = Math.max(0, Math.round((turned.width - image.width) / 2));
  const top = Math.max(0, Math.round((turned.height - image.height) / 2));
  return crop(turned, { x: left, y: top, width: image.width, height: image.height });
}

/** A rectangle of the page (clamped to it), e.g. the band of an MRZ to read again. */
export async function crop(image: PageImage, box: { x: number; y: number; width: number; height: number }): Promise<PageImage> {
  const left = Math.max(0, Math.floor(box.x));
  const top = Math.max(0, Math.floor(box.y));
  const width = Math.max(1, Math.min(image.width - left, Math.ceil(box.width)));
  const height = Math.max(1, Math.min(image.height - top, Math.ceil(box.height)));
  return toPage(input(image).extract({ left, top, width, height }), image.channels);
}
