import { OcrError } from '../../errors';

/** The header of an image XObject's dictionary is within this many bytes of its /Subtype /Image entry. */
const DICT_WINDOW = 2048;

/**
 * Refuses a PDF any of whose images is larger than `maxPixels`, before pdf.js decodes one. A 0.9 MB file can hold
 * a 30000×30000 grey image of deflated zeros: pdf.js decoded it whole when the page was drawn (> 3 GiB), and
 * with its `maxImageSize` set it would instead leave the image out without a word, a page silently blank.
 * Image XObjects are streams, which never sit inside object streams, so their dictionaries are in the file's
 * bytes as written; a /Width or /Height given by reference is not resolved here (pdf.js's maxImageSize still
 * keeps such an image from being decoded).
 */
export function checkImageSizes(bytes: Buffer, maxPixels: number): void {
  const text = bytes.toString('latin1');
  const subtype = /\/Subtype\s*\/Image\b/g;
  for (let m = subtype.exec(text); m; m = subtype.exec(text)) {
    const from = Math.max(0, text.lastIndexOf('<<', m.index) - DICT_WINDOW);
    const to = Math.min(text.length, m.index + DICT_WINDOW);
    const end = text.indexOf('stream', m.index);
    const window = text.slice(Math.max(from, text.lastIndexOf('obj', m.index)), end >= 0 && end < to ? end : to);
    const width = Number(/\/Width\s+(\d+)(?!\s+\d+\s+R)/.exec(window)?.[1]);
    const height = Number(/\/Height\s+(\d+)(?!\s+\d+\s+R)/.exec(window)?.[1]);
    if (width > 0 && height > 0 && width * height > maxPixels) {
      throw new OcrError(
        'TOO_LARGE',
        `The PDF holds an image of ${width}×${height} pixels, above the limit of ${maxPixels.toLocaleString('en')} pixels. Raise maxPixels to read it.`,
      );
    }
  }
}
