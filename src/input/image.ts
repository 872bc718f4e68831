import sharp from 'sharp';
import { OcrError } from '../errors';
import type { PageImage } from '../types/pageImage';
import type { InputFormat } from './sniff';
import { decodeBmp } from './bmp';

// libvips threads per operation: the engines already use every core, so sharp should not compete.
sharp.concurrency(1);
sharp.cache(false);

export interface ImageDocument {
  pageCount: number;
  loadPage(index: number): Promise<{ image: PageImage; rotation: number }>;
}

/** A document's pages together may have this many times maxPixels (500 scanned A4 pages at 300 dpi are 4.4 G). */
const DOCUMENT_PIXEL_PAGES = 50;

/** Clockwise turn that EXIF orientations 1–8 ask for (mirrored variants turn the same way). */
const EXIF_ROTATION: Record<number, number> = { 1: 0, 2: 0, 3: 180, 4: 180, 5: 90, 6: 90, 7: 270, 8: 270 };

/** Opens a raster image; multi-page TIFFs yield one page per directory, animated GIFs only their first frame. */
export async function openImage(bytes: Buffer, format: InputFormat, maxPixels: number): Promise<ImageDocument> {
  if (format === 'bmp') {
    const raw = decodeBmp(bytes, maxPixels);
    return {
      pageCount: 1,
      loadPage: async () => ({ image: await normalize(sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: 3 } })), rotation: 0 }),
    };
  }
  let meta: sharp.Metadata;
  try {
    meta = await sharp(bytes, { failOn: 'error', limitInputPixels: false }).metadata();
  } catch (err) {
    throw corrupt(format, err);
  }
  const { width, height } = meta;
  if (!width || !height) throw new OcrError('CORRUPT_INPUT', `The ${format.toUpperCase()} image has no readable size; it is damaged.`);
  // Check the header's claim before decoding a single pixel: this is what stops decompression bombs.
  if (width * height > maxPixels) {
    throw new OcrError(
      'TOO_LARGE',
      `The image is ${width}×${height} pixels, above the limit of ${maxPixels.toLocaleString('en')} pixels. Scale it down or raise maxPixels.`,
    );
  }
  const pageCount = format === 'tiff' ? Math.max(1, meta.pages ?? 1) : 1;
  // A multi-page TIFF is held to a budget for all its pages together: 500 pages of 100 MP each are each within
  // the page limit but 50 G pixels in all. The first page's size stands for the others until they are decoded.
  const budget = DOCUMENT_PIXEL_PAGES * maxPixels;
  if (pageCount > 1 && width * height * pageCount > budget) {
    throw new OcrError(
      'TOO_LARGE',
      `The TIFF has ${pageCount} pages of ${width}×${height} pixels, above the ${budget.toLocaleString('en')} pixels a document may have. Split it, or scan at a lower resolution.`,
    );
  }
  const rotation = EXIF_ROTATION[meta.orientation ?? 1] ?? 0;
  let decoded = 0;
  return {
    pageCount,
    loadPage: async (index) => {
      const image = await decodePage(bytes, format, index, maxPixels);
      decoded += image.width * image.height;
      if (decoded > budget)
        throw new OcrError(
          'TOO_LARGE',
          `The TIFF's pages add up to more than the ${budget.toLocaleString('en')} pixels a document may have. Split it, or scan at a lower resolution.`,
        );
      return { image, rotation };
    },
  };
}

async function decodePage(bytes: Buffer, format: InputFormat, index: number, maxPixels: number): Promise<PageImage> {
  try {
    // EXIF orientation first: phones store photos sideways and say so in a tag
    return await normalize(sharp(bytes, { page: index, pages: 1, failOn: 'error', limitInputPixels: maxPixels }).rotate());
  } catch (err) {
    if (/pixel limit/i.test(String(err)))
      throw new OcrError('TOO_LARGE', `Page ${index + 1} is above the limit of ${maxPixels.toLocaleString('en')} pixels. Scale it down or raise maxPixels.`);
    throw corrupt(format, err);
  }
}

/** 8-bit sRGB without alpha; transparent screenshots get a white ground, or their text would vanish on black. */
async function normalize(pipeline: sharp.Sharp): Promise<PageImage> {
  const { data, info } = await pipeline
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .removeAlpha()
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels === 1 ? 1 : 3 };
}

function corrupt(format: InputFormat, err: unknown): OcrError {
  const detail = err instanceof Error ? err.message.split('\n')[0] : String(err);
  return new OcrError(
    'CORRUPT_INPUT',
    `The ${format.toUpperCase()} image could not be decoded; it is damaged or truncated (${detail}). Re-export or re-download it.`,
    { cause: err },
  );
}
