import type { PDFObject } from 'pdf-lib';
import { ContentLexer, NotDirect, type Operand } from './contentLexer';
import { streamBytes } from './streams';

/**
 * A font's ToUnicode CMap (ISO 32000-1 §9.10.3): code → text, from its `bfchar` and `bfrange` blocks, read as
 * pdf.js reads them (so both readers give the same text): destinations are UTF-16BE, a range's destination
 * string counts up in its last byte, an odd-length destination is taken as if led by a zero byte. What pdf.js
 * would read differently or not at all (`usecmap`, CID mappings, a name instead of a stream) is NotDirect.
 */
export type ToUnicode = Map<number, string>;

/** A bfrange longer than this is a broken map (real ones cover a font's few hundred glyphs). */
const MAX_RANGE = 0x10000;
/** Codes mapped by one ToUnicode: a CJK font subset has thousands; more is not a real font's map. */
const MAX_ENTRIES = 0x20000;
/** A bfchar or bfrange block holds at most 100 entries (of 2 or 3 operands). */
const MAX_OPERANDS = 400;

export function readToUnicode(stream: PDFObject | undefined, budget: { bytes: number }): ToUnicode {
  const map: ToUnicode = new Map();
  const set = (code: number, text: string) => {
    if (map.size >= MAX_ENTRIES) throw new NotDirect('ToUnicode too large');
    map.set(code, text);
  };
  new ContentLexer(streamBytes(stream, budget), MAX_OPERANDS).run((op, args) => {
    switch (op) {
      case 'endbfchar':
        for (let i = 0; i + 1 < args.length; i += 2) set(code(args[i]), utf16(bytesOf(args[i + 1])));
        break;
      case 'endbfrange':
        for (let i = 0; i + 2 < args.length; i += 3) {
          const low = code(args[i]);
          const high = code(args[i + 1]);
          if (high - low > MAX_RANGE) throw new NotDirect('ToUnicode range too wide');
          const dst = args[i + 2];
          if (Array.isArray(dst)) {
            dst.forEach((d, k) => {
              if (low + k <= high) set(low + k, utf16(bytesOf(d)));
            });
          } else {
            const next = Uint8Array.from(bytesOf(dst));
            for (let c = low; c <= high; c++) {
              set(c, utf16(next));
              countUp(next);
            }
          }
        }
        break;
      case 'usecmap':
      case 'endcidchar':
      case 'endcidrange':
        throw new NotDirect(`ToUnicode with ${op}`);
      default:
        break; // begincmap, codespace ranges, CIDSystemInfo, def and the other PostScript around the maps
    }
  });
  if (map.size === 0) throw new NotDirect('empty ToUnicode'); // pdf.js then builds a map of its own
  return map;
}

function bytesOf(o: Operand | undefined): Uint8Array {
  if (!(o instanceof Uint8Array)) throw new NotDirect('ToUnicode entry is not a string');
  return o;
}

function code(o: Operand | undefined): number {
  const b = bytesOf(o);
  if (b.length === 0 || b.length > 4) throw new NotDirect('ToUnicode code length');
  let n = 0;
  for (const x of b) n = n * 256 + x;
  return n;
}

/** The last byte up by one, carrying once into the byte before (as pdf.js counts a range's destination). */
function countUp(b: Uint8Array): void {
  const last = b.length - 1;
  if (last < 0) return;
  if (b[last] < 0xff) {
    b[last]++;
    return;
  }
  b[last] = 0;
  if (last > 0) b[last - 1] = (b[last - 1] + 1) & 0xff;
}

/** UTF-16BE bytes → text; an odd length is taken as led by a zero byte; surrogates pair up. */
function utf16(bytes: Uint8Array): string {
  const b = bytes.length % 2 ? Uint8Array.from([0, ...bytes]) : bytes;
  const points: number[] = [];
  for (let k = 0; k + 1 < b.length; k += 2) {
    const w1 = (b[k] << 8) | b[k + 1];
    if ((w1 & 0xf800) !== 0xd800 || k + 3 >= b.length) {
      points.push(w1);
      continue;
    }
    k += 2;
    const w2 = (b[k] << 8) | b[k + 1];
    points.push(((w1 & 0x3ff) << 10) + (w2 & 0x3ff) + 0x10000);
  }
  return String.fromCodePoint(...points);
}
