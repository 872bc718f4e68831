import { OcrError } from './errors';
import type { InputSource } from './input/read';
import type { RecognizeOptions } from './options';
import { recognize } from './recognize';
import { writeSearchablePdf, type ScannedPage, type SearchablePdf } from './output/searchablePdf';

export type { SearchablePdf } from './output/searchablePdf';

/**
 * A scan made searchable: recognized (PDFs rendered and recognized page by page), each page's pixels kept as the
 * engine read them, then written as a PDF with the recognized words invisible over the images
 * (output/searchablePdf.ts). An OFD or PDF page read from its own text layer has no scan to write and is refused.
 */
export async function makeSearchablePdf(input: InputSource, options: RecognizeOptions = {}): Promise<SearchablePdf> {
  const images = new Map<number, ScannedPage>();
  const result = await recognize(input, {
    ...options,
    pdfMode: 'ocr',
    onPageImage: (page, image, turn) => {
      images.set(page, { image, turn });
      options.onPageImage?.(page, image, turn);
    },
  });
  const missing = result.pages.filter((p) => !images.has(p.page));
  if (missing.length) {
    throw new OcrError(
      'UNSUPPORTED_FORMAT',
      `Page ${missing[0].page} was read from its own text layer, so it is searchable already; a searchable PDF is made from scans.`,
    );
  }
  return { pdf: await writeSearchablePdf(result.pages, images), result };
}
