import { constants, inflateSync } from 'node:zlib';

/** Object streams inflated, in all: pdf-lib inflates them whole and unbounded when it parses a file. */
const MAX_INFLATED = 16 * 1024 * 1024;

/**
 * Whether the direct reader should parse this file: it names one of `markers` (font kinds the reader knows),
 * in its bytes or inside a compressed object stream (where PDF 1.5+ writers put font dictionaries), and every
 * object stream inflates within bounds. pdf-lib inflates object streams whole, with no limit, so a file with a
 * compression bomb in one goes to pdf.js, which parses lazily. Stream data is found by its keywords, which a
 * strange file can defeat; then the file only goes to pdf.js, which reads everything.
 */
export function worthParsing(bytes: Buffer, markers: string[]): boolean {
  let found = markers.some((m) => bytes.includes(m));
  let left = MAX_INFLATED;
  for (let at = bytes.indexOf('/ObjStm'); at >= 0; at = bytes.indexOf('/ObjStm', at)) {
    const keyword = bytes.indexOf('stream', at + 7);
    if (keyword < 0) return false;
    let start = keyword + 6;
    if (bytes[start] === 0x0d) start++;
    if (bytes[start] === 0x0a) start++;
    const end = bytes.indexOf('endstream', start);
    if (end < 0) return false;
    let text: Buffer;
    try {
      text = inflateSync(bytes.subarray(start, end), { maxOutputLength: Math.max(1, left), finishFlush: constants.Z_SYNC_FLUSH });
    } catch {
      return false; // over the bound, or not a Flate stream this look can read
    }
    left -= text.length;
    if (left <= 0) return false;
    found ||= markers.some((m) => text.includes(m));
    at = end;
  }
  return found;
}
