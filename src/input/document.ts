import { OcrError } from '../errors';
import type { ResolvedOptions } from '../options';
import { openImage } from './image';
import type { Sniffed } from './sniff';
import { openIsolated } from './isolated/readers';
import type { OpenDocument } from './types';

export type { LoadedPage, OpenDocument } from './types';

/**
 * Images are decoded by sharp, off the main thread already and bounded by their headers; PDF and OFD documents
 * are parsed by our code and pdf.js, so they are read in a reader thread that `signal` can stop (isolated/).
 */
export async function openDocument(bytes: Buffer, sniffed: Sniffed, options: ResolvedOptions, signal: AbortSignal): Promise<OpenDocument> {
  switch (sniffed.format) {
    case 'png':
    case 'jpeg':
    case 'tiff':
    case 'webp':
    case 'bmp':
    case 'gif': {
      const doc = await openImage(bytes, sniffed.format, options.maxPixels);
      return {
        pageCount: doc.pageCount,
        loadPage: async (i) => ({ kind: 'image', ...(await doc.loadPage(i)), scale: 1 }),
        close: async () => undefined,
      };
    }
    case 'pdf':
    case 'zip':
      return openIsolated(bytes, sniffed.format, options, signal);
    default:
      throw new OcrError(
        'UNSUPPORTED_FORMAT',
        `${sniffed.mimeType} input is not supported yet. Send an image (PNG, JPEG, TIFF, WebP, BMP, GIF), a PDF or an OFD document.`,
      );
  }
}
