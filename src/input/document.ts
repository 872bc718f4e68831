import { OcrError } from '../errors';
import type { Page } from '../result';
import type { PageImage } from '../engines/engine';
import type { ResolvedOptions } from '../options';
import { openImage } from './image';
import type { Sniffed } from './sniff';
import type { EmbeddedInvoice } from './ofd/embeddedInvoice';
import { openIsolated } from './isolated/readers';

/** A page either carries its own text (PDF/OFD text layer) or pixels for an engine. */
export type LoadedPage =
  | { kind: 'image'; image: PageImage; scale: number; rotation: number }
  | {
      kind: 'text';
      page: Omit<Page, 'page'>;
      /** The page drawn at a lower resolution, when tables are asked for: its ruling lines are found on it. */
      drawing?: PageImage;
    };

export interface OpenDocument {
  pageCount: number;
  /** what the reader noticed about the whole document (e.g. signatures present) */
  warnings?: string[];
  /** an OFD e-invoice's own data (its attached XML or custom tags), for the VAT invoice extractor */
  embeddedInvoice?: EmbeddedInvoice;
  loadPage(index: number): Promise<LoadedPage>;
  close(): Promise<void>;
}

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
      throw new OcrError('UNSUPPORTED_FORMAT', `${sniffed.mimeType} input is not supported yet. Send an image (PNG, JPEG, TIFF, WebP, BMP, GIF), a PDF or an OFD document.`);
  }
}
