import { OcrError } from '../errors';

// libvips (inside sharp) has no BMP loader; bmp-js decodes the 1/4/8/16/24/32-bit variants scanners write.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const bmp = require('bmp-js') as { decode(buf: Buffer): { width: number; height: number; data: Buffer } };

/** Decodes a BMP to packed RGB, after checking its claimed size against the pixel limit. */
export function decodeBmp(bytes: Buffer, maxPixels: number): { data: Buffer; width: number; height: number } {
  if (bytes.length < 26) throw new OcrError('CORRUPT_INPUT', 'The BMP image is truncated. Re-export or re-download it.');
  const width = Math.abs(bytes.readInt32LE(18));
  const height = Math.abs(bytes.readInt32LE(22));
  if (width === 0 || height === 0) throw new OcrError('CORRUPT_INPUT', 'The BMP image has no size; it is damaged.');
  if (width * height > maxPixels) {
    throw new OcrError(
      'TOO_LARGE',
      `The image is ${width}×${height} pixels, above the limit of ${maxPixels.toLocaleString('en')} pixels. Scale it down or raise maxPixels.`,
    );
  }
  let decoded: { width: number; height: number; data: Buffer };
  try {
    decoded = bmp.decode(bytes);
  } catch (err) {
    throw new OcrError('CORRUPT_INPUT', `The BMP image could not be decoded; it is damaged or truncated (${(err as Error).message}).`, { cause: err });
  }
  const pixels = decoded.width * decoded.height;
  if (decoded.data.length < pixels * 4) throw new OcrError('CORRUPT_INPUT', 'The BMP image is truncated. Re-export or re-download it.');
  const rgb = Buffer.allocUnsafe(pixels * 3);
  // bmp-js yields ABGR per pixel
  for (let i = 0, o = 0; i < pixels * 4; i += 4, o += 3) {
    rgb[o] = decoded.data[i + 3];
    rgb[o + 1] = decoded.data[i + 2];
    rgb[o + 2] = decoded.data[i + 1];
  }
  return { data: rgb, width: decoded.width, height: decoded.height };
}
