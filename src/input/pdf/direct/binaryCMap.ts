import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pdfjsAssets } from '../pdfjs';
import { NotDirect } from './contentLexer';

/**
 * Adobe's predefined CMaps, read from the packed ("bcmap") files pdfjs-dist ships: an encoding's code → CID
 * map (UniGB-UCS2-H) and a character collection's CID → Unicode map (Adobe-GB1-UCS2). pdf.js rebuilds both for
 * every document; here each is read once per process (~2 ms each).
 *
 * The packed format (pdf.js's own, written by its CMap compressor): a header byte (bit 0: vertical), then
 * items. An item's first byte holds its type (top 3 bits), "sequence" (bit 4) and its size less one (low 4
 * bits: bytes per code, or per Unicode string in types 4 and 5, whose CIDs take 2 bytes), then a count of
 * entries. Numbers take 7 bits a byte, high bit set on all but the last; after an item's first entry, codes
 * are deltas from the previous one. Types: 0 codespace ranges, 1 notdef ranges, 2 code → CID, 3 code range →
 * CID range, 4 CID → Unicode, 5 CID range → Unicode range, 7 metadata (a comment, or `usecmap`: the name of a
 * CMap this one extends).
 */
export interface CodeToCid {
  /** the CID of a code, or -1 when the CMap does not map it */
  cid(code: number): number;
}

export interface CidToUnicode {
  /** a CID's text, or undefined */
  text(cid: number): string | undefined;
}

const cidMaps = new Map<string, CidTable>();
const unicodeMaps = new Map<string, UnicodeTable>();

/** An encoding's code → CID map (UniGB-UCS2-H, …). */
export function predefinedCMap(name: string): CodeToCid {
  let map = cidMaps.get(name);
  if (!map) {
    map = readCidMap(name, 0);
    cidMaps.set(name, map);
  }
  return map;
}

/** A character collection's CID → Unicode map (`Adobe-GB1` → Adobe-GB1-UCS2). */
export function collectionUnicode(collection: string): CidToUnicode {
  let map = unicodeMaps.get(collection);
  if (!map) {
    map = new UnicodeTable();
    const table = map;
    readPacked(`${collection}-UCS2`, {
      cid: () => {
        throw new NotDirect('a Unicode CMap with CIDs');
      },
      unicode: (cid, text) => table.set(cid, text),
      usecmap: () => {
        throw new NotDirect('a Unicode CMap that extends another');
      },
    });
    unicodeMaps.set(collection, map);
  }
  return map;
}

class CidTable implements CodeToCid {
  /** two-byte codes, the bulk of every CMap used here: CID + 1, 0 when unmapped */
  readonly short = new Uint32Array(0x10000);
  /** longer codes (UTF-16 surrogate pairs) */
  readonly long = new Map<number, number>();

  cid(code: number): number {
    return code <= 0xffff ? this.short[code] - 1 : (this.long.get(code) ?? -1);
  }

  has(code: number): boolean {
    return this.cid(code) >= 0;
  }

  set(code: number, cid: number): void {
    if (code <= 0xffff) this.short[code] = cid + 1;
    else this.long.set(code, cid);
  }
}

class UnicodeTable implements CidToUnicode {
  private readonly byCid: string[] = [];

  text(cid: number): string | undefined {
    return this.byCid[cid];
  }

  set(cid: number, text: string): void {
    this.byCid[cid] = text;
  }
}

/** A CMap's `usecmap` chain is one or two deep; more is a broken file. */
const MAX_USECMAP_DEPTH = 4;
/** A single range wider than this is in no Adobe CMap (pdf.js refuses the same). */
const MAX_RANGE = 0x10000;

function readCidMap(name: string, depth: number): CidTable {
  if (depth > MAX_USECMAP_DEPTH) throw new NotDirect(`CMap ${name} extends too deep`);
  const table = new CidTable();
  let parent: CidTable | null = null;
  readPacked(name, {
    cid: (code, cid) => table.set(code, cid),
    unicode: () => {
      throw new NotDirect('an encoding CMap with Unicode');
    },
    usecmap: (other) => {
      parent = readCidMap(other, depth + 1);
    },
  });
  // the parent fills in what this CMap does not map itself
  const base = parent as CidTable | null;
  if (base) {
    base.short.forEach((cidPlusOne, code) => {
      if (cidPlusOne && !table.short[code]) table.short[code] = cidPlusOne;
    });
    for (const [code, cid] of base.long) if (!table.long.has(code)) table.long.set(code, cid);
  }
  return table;
}

interface Sink {
  cid(code: number, cid: number): void;
  unicode(cid: number, text: string): void;
  usecmap(name: string): void;
}

function readPacked(name: string, sink: Sink): void {
  if (!/^[A-Za-z0-9-]+$/.test(name)) throw new NotDirect(`CMap name ${name}`);
  let data: Buffer;
  try {
    data = readFileSync(path.join(pdfjsAssets().cMapUrl, `${name}.bcmap`));
  } catch {
    throw new NotDirect(`no packed CMap ${name}`);
  }
  const s = new PackedStream(data);
  s.byte(); // header: vertical CMaps are never asked for here
  while (!s.done()) {
    const b = s.byte();
    const type = b >> 5;
    if (type === 7) {
      const kind = b & 0x1f;
      const text = s.string();
      if (kind === 1) sink.usecmap(text);
      continue;
    }
    const sequence = (b & 0x10) !== 0;
    const bytes = (b & 0x0f) + 1;
    const count = s.number();
    if (type === 4 || type === 5) {
      readUnicodeItem(s, sink, type, sequence, bytes, count);
      continue;
    }
    if (bytes > 4) throw new NotDirect('CMap codes longer than 4 bytes');
    const modulus = 2 ** (8 * bytes);
    switch (type) {
      case 0: // codespace ranges
      case 1: {
        // notdef ranges: codes that map to CID 0 anyway
        let start = s.fixed(bytes);
        let end = (start + s.number()) % modulus;
        if (type === 1) s.number();
        for (let i = 1; i < count; i++) {
          start = (end + 1 + s.number()) % modulus;
          end = (start + s.number()) % modulus;
          if (type === 1) s.number();
        }
        break;
      }
      case 2: {
        let code = s.fixed(bytes);
        let cid = s.number();
        sink.cid(code, cid);
        for (let i = 1; i < count; i++) {
          code = (code + 1) % modulus;
          if (!sequence) code = (code + s.number()) % modulus;
          cid = cid + 1 + s.signed();
          sink.cid(code, cid);
        }
        break;
      }
      case 3: {
        let start = s.fixed(bytes);
        let end = (start + s.number()) % modulus;
        let cid = s.number();
        cidRange(sink, start, end, cid);
        for (let i = 1; i < count; i++) {
          end = (end + 1) % modulus;
          start = sequence ? end : (end + s.number()) % modulus;
          end = (start + s.number()) % modulus;
          cid = s.number();
          cidRange(sink, start, end, cid);
        }
        break;
      }
      default:
        throw new NotDirect(`CMap item type ${type}`);
    }
  }
}

function cidRange(sink: Sink, start: number, end: number, cid: number): void {
  if (end - start > MAX_RANGE) throw new NotDirect('CMap range too wide');
  for (let code = start; code <= end; code++) sink.cid(code, cid++);
}

/**
 * Types 4 and 5: CIDs (two bytes, as numbers) → UTF-16BE strings of `bytes` bytes, which can be longer than a
 * number holds (a CID for a sequence of characters), so they are added and counted as byte arrays.
 */
function readUnicodeItem(s: PackedStream, sink: Sink, type: 4 | 5, sequence: boolean, bytes: number, count: number): void {
  if (bytes % 2) throw new NotDirect('odd-sized Unicode in a CMap');
  if (type === 4) {
    let cid = s.fixed(2);
    const unicode = s.bytes(bytes);
    sink.unicode(cid, utf16(unicode));
    for (let i = 1; i < count; i++) {
      cid = (cid + 1) % 0x10000;
      if (!sequence) cid = (cid + s.number()) % 0x10000;
      increment(unicode);
      add(unicode, s.signedBytes(bytes));
      sink.unicode(cid, utf16(unicode));
    }
    return;
  }
  let start = s.fixed(2);
  let end = (start + s.number()) % 0x10000;
  unicodeRange(sink, start, end, s.bytes(bytes));
  for (let i = 1; i < count; i++) {
    end = (end + 1) % 0x10000;
    start = sequence ? end : (end + s.number()) % 0x10000;
    end = (start + s.number()) % 0x10000;
    unicodeRange(sink, start, end, s.bytes(bytes));
  }
}

function unicodeRange(sink: Sink, start: number, end: number, first: Uint8Array): void {
  if (end - start > MAX_RANGE) throw new NotDirect('CMap range too wide');
  for (let cid = start; cid <= end; cid++) {
    sink.unicode(cid, utf16(first));
    increment(first);
  }
}

/** `a += b`, both big-endian byte arrays of one length, modulo their size. */
function add(a: Uint8Array, b: Uint8Array): void {
  let carry = 0;
  for (let i = a.length - 1; i >= 0; i--) {
    carry += a[i] + b[i];
    a[i] = carry & 0xff;
    carry >>= 8;
  }
}

function increment(a: Uint8Array): void {
  for (let i = a.length - 1; i >= 0; i--) {
    a[i] = (a[i] + 1) & 0xff;
    if (a[i] !== 0) return;
  }
}

function utf16(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) text += String.fromCharCode((bytes[i] << 8) | bytes[i + 1]);
  return text;
}

class PackedStream {
  private pos = 0;

  constructor(private readonly data: Uint8Array) {}

  done(): boolean {
    return this.pos >= this.data.length;
  }

  byte(): number {
    if (this.pos >= this.data.length) throw new NotDirect('packed CMap ends early');
    return this.data[this.pos++];
  }

  /** a value written out in full: `bytes` big-endian bytes */
  fixed(bytes: number): number {
    let n = 0;
    for (let i = 0; i < bytes; i++) n = n * 256 + this.byte();
    return n;
  }

  /** `n` bytes as they are */
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.byte();
    return out;
  }

  /**
   * A varying-length number as `n` big-endian bytes, its lowest bit the sign: the two's complement of
   * −(v >> 1) − 1 when set, v >> 1 otherwise (the byte-array form of `signed`).
   */
  signedBytes(n: number): Uint8Array {
    const groups: number[] = [];
    let b: number;
    do {
      b = this.byte();
      groups.push(b & 0x7f);
    } while (b & 0x80);
    // the groups' bits, least significant first, into n bytes
    const out = new Uint8Array(n);
    let buffer = 0;
    let bits = 0;
    let g = groups.length - 1;
    for (let i = n - 1; i >= 0; i--) {
      while (bits < 8 && g >= 0) {
        buffer |= groups[g--] << bits;
        bits += 7;
      }
      out[i] = buffer & 0xff;
      buffer >>>= 8;
      bits -= 8;
    }
    const negative = out[n - 1] & 1;
    let carry = 0;
    for (let i = 0; i < n; i++) {
      const v = out[i];
      out[i] = ((carry << 7) | (v >> 1)) ^ (negative ? 0xff : 0);
      carry = v & 1;
    }
    return out;
  }

  /** 7 bits a byte, most significant first; the last byte has its high bit clear */
  number(): number {
    let n = 0;
    let b: number;
    do {
      b = this.byte();
      n = n * 128 + (b & 0x7f);
    } while (b & 0x80);
    return n;
  }

  /** a number whose lowest bit is its sign: 2n → n, 2n + 1 → −n − 1 */
  signed(): number {
    const n = this.number();
    return n % 2 ? -(n - 1) / 2 - 1 : n / 2;
  }

  string(): string {
    const length = this.number();
    let text = '';
    for (let i = 0; i < length; i++) text += String.fromCharCode(this.number());
    return text;
  }
}
