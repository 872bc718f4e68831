import sharp from 'sharp';
import { OcrError } from '../../errors';
import type { PageImage } from '../../types/pageImage';

/** The service's image limits: at most 10 MB of base64, sides of 15 px and more. */
const MAX_BASE64 = 10 * 1024 * 1024;
const MIN_SIDE = 15;

export interface Upload {
  /** base64 of a JPEG, for the request's `image` */
  image: string;
  /** sent pixels per page pixel (≤ 1): the service's coordinates divided by it are the page's */
  factor: number;
}

/**
 * A page as the service takes it: JPEG, the longer side within `maxSide`, under the base64 limit (quality, then
 * size, lowered until it fits). Every input format we read (TIFF, WebP, PDF, OFD pages) goes the same way.
 */
export async function pageUpload(page: PageImage, maxSide: number): Promise<Upload> {
  if (page.width < MIN_SIDE || page.height < MIN_SIDE) {
    throw new OcrError(
      'TOO_LARGE',
      `The page is ${page.width}×${page.height} pixels; Huawei Cloud OCR needs at least ${MIN_SIDE} pixels a side. Send a larger scan.`,
    );
  }
  let factor = Math.min(1, maxSide / Math.max(page.width, page.height));
  for (const quality of [90, 80, 70, 70, 70]) {
    const width = Math.max(MIN_SIDE, Math.round(page.width * factor));
    const height = Math.max(MIN_SIDE, Math.round(page.height * factor));
    let pipeline = sharp(page.data, { raw: { width: page.width, height: page.height, channels: page.channels } });
    if (factor < 1) pipeline = pipeline.resize(width, height, { kernel: 'lanczos3' });
    const jpeg = await pipeline.jpeg({ quality }).toBuffer();
    const image = jpeg.toString('base64');
    if (image.length <= MAX_BASE64) return { image, factor: width / page.width };
    if (quality === 70) factor *= 0.75;
  }
  throw new OcrError('TOO_LARGE', "The page does not fit in Huawei Cloud OCR's 10 MB limit even when reduced. Send a smaller scan.");
}
