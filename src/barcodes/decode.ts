import { BarcodeFormat, BinaryBitmap, DecodeHintType, HybridBinarizer, MultiFormatReader, QRCodeReader, RGBLuminanceSource } from '@zxing/library';
import type { PageImage } from '../types/pageImage';
import { downscale, rotateQuarter, toGray } from '../input/pixels';

export type BarcodeKind = 'code128' | 'code39' | 'itf' | 'ean13' | 'qr';

export interface Barcode {
  kind: BarcodeKind;
  text: string;
}

const FORMATS: Record<BarcodeKind, BarcodeFormat> = {
  code128: BarcodeFormat.CODE_128,
  code39: BarcodeFormat.CODE_39,
  itf: BarcodeFormat.ITF,
  ean13: BarcodeFormat.EAN_13,
  qr: BarcodeFormat.QR_CODE,
};

/** zxing reads bars at modest resolutions; a 300-dpi A4 page is shrunk first, which is also much faster. */
const MAX_SIDE = 2000;

/**
 * The barcode of a page image (ZXing, pure JS: no native code, no download), of the kinds asked for, or null.
 * Tried as is, then turned a quarter (labels are often photographed sideways): TRY_HARDER covers the rest.
 */
export async function decodeBarcode(image: PageImage, kinds: readonly BarcodeKind[]): Promise<Barcode | null> {
  const { image: small } = await downscale(await toGray(image), MAX_SIDE);
  const hints = new Map<DecodeHintType, unknown>([
    [DecodeHintType.POSSIBLE_FORMATS, kinds.map((k) => FORMATS[k])],
    [DecodeHintType.TRY_HARDER, true],
  ]);
  // a QR code alone (invoices) is asked of the QR reader itself: zxing's multi-format wrapper prints a stack trace
  // to stderr for every page without one, which is noise in a CLI's output and in n8n's log
  const qrOnly = kinds.length === 1 && kinds[0] === 'qr';
  const reader = qrOnly ? new QRCodeReader() : new MultiFormatReader();
  if (reader instanceof MultiFormatReader) reader.setHints(hints);
  for (const turn of [0, 90]) {
    const page = await rotateQuarter(small, turn);
    const source = new RGBLuminanceSource(new Uint8ClampedArray(page.data.buffer, page.data.byteOffset, page.data.length), page.width, page.height);
    try {
      const bitmap = new BinaryBitmap(new HybridBinarizer(source));
      const result = reader instanceof MultiFormatReader ? reader.decodeWithState(bitmap) : reader.decode(bitmap, hints);
      const kind = (Object.keys(FORMATS) as BarcodeKind[]).find((k) => FORMATS[k] === result.getBarcodeFormat());
      if (kind) return { kind, text: result.getText() };
    } catch {
      // NotFoundException and its kin: no barcode of these kinds here (a barcode is a bonus, never a failure)
    }
  }
  return null;
}
