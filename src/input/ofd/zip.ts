import { unzipSync, type UnzipFileInfo } from 'fflate';
import { OcrError } from '../../errors';

/** Limits that stop zip bombs before anything is inflated (checked on the central directory's claims). */
export const ZIP_LIMITS = {
  entries: 10_000,
  totalBytes: 512 * 1024 * 1024,
  entryBytes: 128 * 1024 * 1024,
  /** deflate tops out near 1000:1; more is a bomb */
  ratio: 1000,
};

export interface ZipArchive {
  names: string[];
  has(name: string): boolean;
  read(name: string): Uint8Array;
  readText(name: string): string;
}

/**
 * A zip read entirely in memory: entry paths are only keys, never touch the file system, so "../" in a name
 * is harmless. Entries are inflated one at a time, on demand.
 */
export function openZip(bytes: Uint8Array): ZipArchive {
  const infos = new Map<string, UnzipFileInfo>();
  try {
    unzipSync(bytes, {
      filter: (f) => {
        infos.set(normalize(f.name), f);
        return false;
      },
    });
  } catch (err) {
    throw new OcrError('CORRUPT_INPUT', `The OFD package (a zip) could not be read; it is damaged or truncated (${(err as Error).message}).`, { cause: err });
  }
  if (infos.size > ZIP_LIMITS.entries) throw new OcrError('TOO_LARGE', `The package has ${infos.size} entries, above the limit of ${ZIP_LIMITS.entries}.`);
  let total = 0;
  for (const f of infos.values()) {
    total += f.originalSize;
    if (f.originalSize > ZIP_LIMITS.entryBytes || (f.size > 0 && f.originalSize / f.size > ZIP_LIMITS.ratio)) {
      throw new OcrError('TOO_LARGE', `The package entry "${f.name}" would inflate to ${f.originalSize} bytes from ${f.size}: refused as a decompression bomb.`);
    }
  }
  if (total > ZIP_LIMITS.totalBytes) throw new OcrError('TOO_LARGE', `The package would inflate to ${total} bytes, above the limit of ${ZIP_LIMITS.totalBytes}.`);

  const read = (name: string): Uint8Array => {
    const key = normalize(name);
    const info = infos.get(key);
    if (!info) throw new OcrError('CORRUPT_INPUT', `The OFD package lacks "${name}", which it refers to.`);
    let out: Record<string, Uint8Array>;
    try {
      out = unzipSync(bytes, { filter: (f) => normalize(f.name) === key });
    } catch (err) {
      throw new OcrError('CORRUPT_INPUT', `The OFD package entry "${name}" could not be inflated; the file is damaged (${(err as Error).message}).`, { cause: err });
    }
    const data = Object.values(out)[0];
    if (!data) throw new OcrError('CORRUPT_INPUT', `The OFD package entry "${name}" could not be read.`);
    if (data.length > info.originalSize) throw new OcrError('TOO_LARGE', `The package entry "${name}" inflated beyond its declared size: refused as a decompression bomb.`);
    return data;
  };
  return {
    names: [...infos.keys()],
    has: (name) => infos.has(normalize(name)),
    read,
    readText: (name) => Buffer.from(read(name)).toString('utf8').replace(/^\ufeff/, ''),
  };
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
