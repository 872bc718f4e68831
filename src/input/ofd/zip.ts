import { inflateRawSync } from 'node:zlib';
import { OcrError } from '../../errors';

/** Limits that stop zip bombs before anything is inflated (checked on the central directory's claims). */
export const ZIP_LIMITS = {
  entries: 10_000,
  /** the sum over every directory entry, duplicates included: entries that share one stream each count */
  totalBytes: 512 * 1024 * 1024,
  entryBytes: 128 * 1024 * 1024,
  /** deflate tops out near 1000:1; more is a bomb */
  ratio: 1000,
};

export interface ZipArchive {
  names: string[];
  has(name: string): boolean;
  read(name: string): Uint8Array;
  /** An entry's bytes, refused past `maxBytes` (XML parts are held to less than any entry may hold). */
  readLimited(name: string, maxBytes: number): Uint8Array;
}

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** The end record sits in the last 22 bytes plus a comment of at most 65535. */
const EOCD_SEARCH = 22 + 0xffff;

/**
 * A zip read entirely in memory: entry paths are only keys, never touch the file system, so "../" in a name
 * is harmless. Entries are inflated one at a time, on demand, each bounded by its declared size.
 *
 * The central directory is read here rather than by fflate's `unzipSync`: fflate believes the end record's
 * entry count (a Zip64 record claiming 4,294,967,295 entries with its directory past the end of the file
 * made it loop forever on the caller's thread), and it inflates every entry whose name a filter accepts
 * (2,000 entries all named Document.xml sharing one 100 MB stream were each inflated). Here the directory must
 * lie inside the file and hold exactly the entries it claims, a name may appear once, and the sizes are summed
 * over every entry before a byte is inflated.
 */
export function openZip(bytes: Uint8Array): ZipArchive {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = readDirectory(buf);
  const byName = new Map<string, Entry>();
  let total = 0;
  for (const e of entries) {
    total += e.size;
    if (e.size > ZIP_LIMITS.entryBytes || (e.compressedSize > 0 && e.size / e.compressedSize > ZIP_LIMITS.ratio)) {
      throw new OcrError(
        'TOO_LARGE',
        `The package entry "${printable(e.name)}" would inflate to ${e.size} bytes from ${e.compressedSize}: refused as a decompression bomb.`,
      );
    }
    if (total > ZIP_LIMITS.totalBytes)
      throw new OcrError(
        'TOO_LARGE',
        `The package would inflate to more than ${ZIP_LIMITS.totalBytes} bytes (its entries claim ${total} so far): refused as a decompression bomb.`,
      );
  }
  for (const e of entries) {
    const key = normalize(e.name);
    if (byName.has(key))
      throw new OcrError(
        'CORRUPT_INPUT',
        `The OFD package names "${printable(key)}" more than once, so which one is the document cannot be told; it is damaged or forged.`,
      );
    byName.set(key, e);
  }

  const read = (name: string, maxBytes = ZIP_LIMITS.entryBytes): Uint8Array => {
    const entry = byName.get(normalize(name));
    if (!entry) throw new OcrError('CORRUPT_INPUT', `The OFD package lacks "${name}", which it refers to.`);
    if (entry.size > maxBytes)
      throw new OcrError('TOO_LARGE', `The package entry "${name}" is ${entry.size} bytes, above the ${maxBytes} bytes such a part may have.`);
    return inflateEntry(buf, entry);
  };
  return {
    names: [...byName.keys()],
    has: (name) => byName.has(normalize(name)),
    read: (name) => read(name),
    readLimited: read,
  };
}

function readDirectory(buf: Buffer): Entry[] {
  const corrupt = (why: string) => new OcrError('CORRUPT_INPUT', `The OFD package (a zip) could not be read; it is damaged or truncated (${why}).`);
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - EOCD_SEARCH); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw corrupt('no end-of-directory record');
  let count = buf.readUInt16LE(end + 10);
  let cdSize = buf.readUInt32LE(end + 12);
  let cdOffset = buf.readUInt32LE(end + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    // Zip64: the real figures are in the Zip64 end record the locator before the end record points at
    const loc = end - 20;
    if (loc < 0 || buf.readUInt32LE(loc) !== ZIP64_LOCATOR) throw corrupt('a Zip64 marker without its locator');
    const at = Number(buf.readBigUInt64LE(loc + 8));
    if (!(at >= 0 && at + 56 <= loc) || buf.readUInt32LE(at) !== ZIP64_EOCD) throw corrupt('a Zip64 end record outside the file');
    const count64 = buf.readBigUInt64LE(at + 32);
    const size64 = buf.readBigUInt64LE(at + 40);
    const offset64 = buf.readBigUInt64LE(at + 48);
    if (count64 > BigInt(ZIP_LIMITS.entries))
      throw new OcrError('TOO_LARGE', `The package claims ${count64} entries, above the limit of ${ZIP_LIMITS.entries}.`);
    if (size64 > BigInt(buf.length) || offset64 > BigInt(buf.length)) throw corrupt('a Zip64 directory past the end of the file');
    count = Number(count64);
    cdSize = Number(size64);
    cdOffset = Number(offset64);
  }
  if (count > ZIP_LIMITS.entries) throw new OcrError('TOO_LARGE', `The package has ${count} entries, above the limit of ${ZIP_LIMITS.entries}.`);
  if (cdOffset + cdSize > buf.length) throw corrupt('a directory past the end of the file');
  // Every entry takes at least 46 bytes: a count the directory cannot hold is a lie, caught before the loop.
  if (count * 46 > cdSize) throw corrupt(`the directory claims ${count} entries in ${cdSize} bytes`);
  const entries: Entry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cdOffset + cdSize || buf.readUInt32LE(p) !== CENTRAL) throw corrupt(`entry ${i + 1} of ${count} is not where the directory says`);
    const method = buf.readUInt16LE(p + 10);
    let compressedSize = buf.readUInt32LE(p + 20);
    let size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let localOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    // Zip64 extra field: the 64-bit values, in this order, for those the 32-bit fields mark as 0xffffffff
    for (let x = p + 46 + nameLen; x + 4 <= p + 46 + nameLen + extraLen;) {
      const id = buf.readUInt16LE(x);
      const len = buf.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        const next = () => {
          const v = q + 8 <= x + 4 + len ? Number(buf.readBigUInt64LE(q)) : Number.NaN;
          q += 8;
          return v;
        };
        if (size === 0xffffffff) size = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localOffset === 0xffffffff) localOffset = next();
      }
      x += 4 + len;
    }
    if (!Number.isFinite(size) || !Number.isFinite(compressedSize) || !(localOffset + 30 <= buf.length) || localOffset + compressedSize > buf.length) {
      throw corrupt(`entry "${printable(name)}" lies outside the file`);
    }
    entries.push({ name, method, compressedSize, size, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  if (entries.length === 0) throw corrupt('no entries');
  return entries;
}

/** Inflates one entry, never past the size its directory entry declared. */
function inflateEntry(buf: Buffer, e: Entry): Uint8Array {
  if (buf.readUInt32LE(e.localOffset) !== LOCAL)
    throw new OcrError('CORRUPT_INPUT', `The OFD package entry "${printable(e.name)}" is not where the directory says; the file is damaged.`);
  const start = e.localOffset + 30 + buf.readUInt16LE(e.localOffset + 26) + buf.readUInt16LE(e.localOffset + 28);
  const data = buf.subarray(start, start + e.compressedSize);
  if (data.length < e.compressedSize) throw new OcrError('CORRUPT_INPUT', `The OFD package entry "${printable(e.name)}" is cut short; the file is truncated.`);
  if (e.method === 0) {
    if (e.size !== e.compressedSize)
      throw new OcrError('CORRUPT_INPUT', `The OFD package entry "${printable(e.name)}" is stored with two different sizes; the file is damaged.`);
    return new Uint8Array(data);
  }
  if (e.method !== 8)
    throw new OcrError('CORRUPT_INPUT', `The OFD package entry "${printable(e.name)}" uses compression method ${e.method}, which OFD does not use.`);
  let out: Buffer;
  try {
    // one byte past the declared size, so an entry that inflates beyond its claim is caught, not cut
    out = inflateRawSync(data, { maxOutputLength: Math.max(1, e.size + 1) });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw bigger(e);
    throw new OcrError(
      'CORRUPT_INPUT',
      `The OFD package entry "${printable(e.name)}" could not be inflated; the file is damaged (${(err as Error).message}).`,
      { cause: err },
    );
  }
  if (out.length > e.size) throw bigger(e);
  if (out.length < e.size)
    throw new OcrError(
      'CORRUPT_INPUT',
      `The OFD package entry "${printable(e.name)}" inflated to ${out.length} bytes, not the ${e.size} it declares; the file is damaged.`,
    );
  return out;
}

function bigger(e: Entry): OcrError {
  return new OcrError(
    'CORRUPT_INPUT',
    `The package entry "${printable(e.name)}" inflated beyond its declared size (${e.size} bytes); the file is damaged or forged.`,
  );
}

/** Names as they can be shown in a message: control characters and stray bytes replaced. */
function printable(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is replaced
  const shown = name.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, '?');
  return shown.length > 80 ? `${shown.slice(0, 77)}...` : shown;
}

/** Package paths: no leading slash, forward slashes, "." and ".." resolved inside the package. */
export function normalize(name: string): string {
  const parts: string[] = [];
  for (const p of name.replace(/\\/g, '/').split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return parts.join('/');
}

/** Resolves `ref` against the folder of `base` (OFD paths are relative to the file that names them, or absolute). */
export function resolve(base: string, ref: string): string {
  if (ref.startsWith('/')) return normalize(ref);
  const dir = normalize(base).split('/').slice(0, -1).join('/');
  return normalize(`${dir}/${ref}`);
}
