/** Input formats recognized from their first bytes; file names and MIME hints are never trusted. */
export type InputFormat = 'png' | 'jpeg' | 'tiff' | 'webp' | 'bmp' | 'gif' | 'pdf' | 'zip';

export interface Sniffed {
  format: InputFormat;
  mimeType: string;
}

const MIME: Record<InputFormat, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  tiff: 'image/tiff',
  webp: 'image/webp',
  bmp: 'image/bmp',
  gif: 'image/gif',
  pdf: 'application/pdf',
  zip: 'application/zip',
};

function startsWith(buf: Uint8Array, bytes: number[], offset = 0): boolean {
  if (buf.length < offset + bytes.length) return false;
  return bytes.every((b, i) => buf[offset + i] === b);
}

function ascii(buf: Uint8Array, from: number, to: number): string {
  return Buffer.from(buf.subarray(from, Math.min(to, buf.length))).toString('latin1');
}

export function sniff(buf: Uint8Array): Sniffed | null {
  let format: InputFormat | null = null;
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) format = 'png';
  else if (startsWith(buf, [0xff, 0xd8, 0xff])) format = 'jpeg';
  else if (
    startsWith(buf, [0x49, 0x49, 0x2a, 0x00]) ||
    startsWith(buf, [0x4d, 0x4d, 0x00, 0x2a]) ||
    startsWith(buf, [0x49, 0x49, 0x2b, 0x00]) ||
    startsWith(buf, [0x4d, 0x4d, 0x00, 0x2b])
  )
    format = 'tiff';
  else if (ascii(buf, 0, 4) === 'RIFF' && ascii(buf, 8, 12) === 'WEBP') format = 'webp';
  else if (ascii(buf, 0, 6) === 'GIF87a' || ascii(buf, 0, 6) === 'GIF89a') format = 'gif';
  else if (startsWith(buf, [0x42, 0x4d]) && buf.length >= 26 && isPlausibleBmp(buf)) format = 'bmp';
  else if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) format = 'zip';
  // PDF readers accept a header anywhere in the first KiB (mail gateways sometimes prepend junk).
  else if (ascii(buf, 0, 1024).includes('%PDF-')) format = 'pdf';
  return format ? { format, mimeType: MIME[format] } : null;
}

/** "BM" is also the start of plenty of text; require a sane DIB header size too. */
function isPlausibleBmp(buf: Uint8Array): boolean {
  const dib = buf[14] | (buf[15] << 8) | (buf[16] << 16) | (buf[17] << 24);
  return [12, 40, 52, 56, 64, 108, 124].includes(dib);
}
