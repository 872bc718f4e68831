import { constants, inflateSync } from 'node:zlib';

/** Object streams inflated to look for a name: more than this and the file is left to pdf.js. */
const MAX_INFLATED = 8 * 1024 * 1024;

/**
 * Whether a PDF's bytes name any of `markers`, looking inside compressed object streams too (where PDF 1.5+
 * writers put font dictionaries). A quick look to spare parsing files the direct reader cannot read: it finds
 * each `/ObjStm` stream's data by its keywords, which a strange file can defeat; then the file only goes to
 * pdf.js, which reads everything.
 */
export function mentions(bytes: Buffer, markers: string[]): boolean {
  if (markers.some((m) => bytes.includes(m))) return true;
  let left = MAX_INFLATED;
  for (let at = bytes.indexOf('/ObjStm'); at >= 0 && left > 0; at = bytes.indexOf('/ObjStm', at)) {
    const keyword = bytes.indexOf('stream', at + 7);
    if (keyword < 0) return false;
    let start = keyword + 6;
    if (bytes[start] === 0x0d) start++;
    if (bytes[start] === 0x0a) start++;
    const end = bytes.indexOf('endstream', start);
    if (end < 0) return false;
    try {
      // what inflates before any damage is enough to look in
      const text = inflateSync(bytes.subarray(start, end), { maxOutputLength: left, finishFlush: constants.Z_SYNC_FLUSH });
      if (markers.some((m) => text.includes(m))) return true;
      left -= text.length;
    } catch {
      // not Flate, damaged, or over the limit: this stream says nothing
    }
    at = end;
  }
  return false;
}
