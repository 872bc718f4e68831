/**
 * Decoded pixels of one page, upright as the file stores them (EXIF applied), 8 bits per channel: what input/
 * produces, what engines, tables, barcodes and extractors read.
 */
export interface PageImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 3;
}
