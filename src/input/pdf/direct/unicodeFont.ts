import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFString, type PDFContext } from 'pdf-lib';
import { NotDirect } from './contentLexer';
import { collectionUnicode, predefinedCMap } from './binaryCMap';

/**
 * A composite (Type0) font whose encoding is one of Adobe's predefined Unicode CMaps: its character codes are
 * UTF-16 code units. This is how iText and most Chinese e-invoice generators write CJK text (STSong-Light,
 * UniGB-UCS2-H), usually without embedding the font.
 *
 * Text is read as pdf.js reads it, so that both readers give the same text: code → CID through the encoding's
 * CMap, CID → Unicode through the character collection's (Adobe-GB1-UCS2), falling back to the code itself.
 * The detour is not idle: a writer that put Kangxi radicals (⽇, U+2F47) or a compatibility character in the
 * string gets the unified ideograph (日) back, which is what a reader and the extractors expect.
 */
export interface Glyph {
  code: number;
  text: string;
  /** advance in 1/1000 of the font size */
  width: number;
}

export interface DirectFont {
  glyphs(bytes: Uint8Array): Glyph[];
}

/** Horizontal predefined CMaps whose codes are Unicode (UCS-2, or UTF-16 with surrogate pairs). */
const UNICODE_CMAPS = new Set([
  'UniGB-UCS2-H', 'UniGB-UTF16-H',
  'UniCNS-UCS2-H', 'UniCNS-UTF16-H',
  'UniJIS-UCS2-H', 'UniJIS-UCS2-HW-H', 'UniJIS-UTF16-H', 'UniJIS2004-UTF16-H',
  'UniKS-UCS2-H', 'UniKS-UTF16-H',
]);

/** The byte sequences that name them, to tell cheaply whether a file may hold such a font at all. */
export const UNICODE_CMAP_MARKERS = ['-UCS2-H', '-UTF16-H', '-UCS2-HW-H'];

/** Adobe's CJK character collections, each with a CID → Unicode map. */
const COLLECTIONS = new Set(['GB1', 'CNS1', 'Japan1', 'Korea1']);

/** pdf.js's default for a CID font without DW. */
const DEFAULT_WIDTH = 1000;

/**
 * Compatibility characters pdf.js puts in NFKC form in the text it gives (no-break and typographic spaces,
 * micro and ohm signs, Latin ligatures): the same here.
 */
const COMPATIBILITY = /[\u00a0\u00b5\u037e\u0eb3\u2000-\u200a\u202f\u2126\ufb00-\ufb04\ufb06]/;
/** Right-to-left scripts: pdf.js reorders their text; a page with any is left to it. */
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/;

/** A font resource → its direct reader, or NotDirect when pdf.js must read it. */
export function unicodeFont(dict: PDFDict, context: PDFContext): DirectFont {
  if (name(dict, 'Subtype', context) !== 'Type0') throw new NotDirect('not a composite font');
  const encoding = name(dict, 'Encoding', context);
  if (!encoding || !UNICODE_CMAPS.has(encoding)) throw new NotDirect(`encoding ${encoding ?? '(stream)'}`);
  // a ToUnicode map takes precedence over the encoding in every reader: leave it to pdf.js
  if (dict.has(PDFName.of('ToUnicode'))) throw new NotDirect('font has its own ToUnicode');
  const descendants = context.lookupMaybe(dict.get(PDFName.of('DescendantFonts')), PDFArray);
  const cidFont = descendants && descendants.size() > 0 ? context.lookupMaybe(descendants.get(0), PDFDict) : undefined;
  if (!cidFont) throw new NotDirect('no descendant font');
  const subtype = name(cidFont, 'Subtype', context);
  if (subtype !== 'CIDFontType0' && subtype !== 'CIDFontType2') throw new NotDirect(`descendant ${subtype}`);
  // without a descriptor pdf.js takes the font for one of the standard 14 and reads single bytes: its call
  if (!context.lookupMaybe(cidFont.get(PDFName.of('FontDescriptor')), PDFDict)) throw new NotDirect('no font descriptor');
  const widths = cidWidths(cidFont, context);
  const cmap = predefinedCMap(encoding);
  const unicode = collectionUnicode(collection(cidFont, context));
  const utf16 = encoding.includes('UTF16');
  return {
    glyphs(bytes) {
      const out: Glyph[] = [];
      for (let i = 0; i + 1 < bytes.length; i += 2) {
        let code = (bytes[i] << 8) | bytes[i + 1];
        let own = String.fromCharCode(code);
        if (utf16 && code >= 0xd800 && code <= 0xdbff && i + 3 < bytes.length) {
          const low = (bytes[i + 2] << 8) | bytes[i + 3];
          own = String.fromCharCode(code, low);
          code = code * 0x10000 + low;
          i += 2;
        }
        const cid = cmap.cid(code);
        let text = (cid >= 0 ? unicode.text(cid) : undefined) ?? own;
        if (COMPATIBILITY.test(text)) text = text.normalize('NFKC');
        else if (text === '\ufb05') text = '\u017ft'; // ﬅ: NFKC says "st", pdf.js keeps the long s
        if (RIGHT_TO_LEFT.test(text)) throw new NotDirect('right-to-left text');
        // a code the CMap does not map is measured as if it were a CID (pdf.js does the same)
        out.push({ code, text, width: widthOf(widths, cid >= 0 ? cid : code) });
      }
      return out;
    },
  };
}

/** `Adobe-GB1` from the CID font's CIDSystemInfo: the collection whose Unicode map gives the text. */
function collection(cidFont: PDFDict, context: PDFContext): string {
  const info = context.lookupMaybe(cidFont.get(PDFName.of('CIDSystemInfo')), PDFDict);
  const text = (key: string) => {
    const o = info ? context.lookup(info.get(PDFName.of(key))) : undefined;
    return o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined;
  };
  const registry = text('Registry');
  const ordering = text('Ordering');
  if (registry !== 'Adobe' || !ordering || !COLLECTIONS.has(ordering)) throw new NotDirect(`collection ${registry}-${ordering}`);
  return `${registry}-${ordering}`;
}

interface CidWidths {
  dw: number;
  /** [first CID, last CID, width] or [first CID, last CID, -1, ...widths] flattened as entries */
  ranges: Array<{ first: number; last: number; width: number | number[] }>;
}

function widthOf(widths: CidWidths, cid: number): number {
  for (const r of widths.ranges) {
    if (cid < r.first || cid > r.last) continue;
    return typeof r.width === 'number' ? r.width : r.width[cid - r.first];
  }
  return widths.dw;
}

/** The CID font's W array (ISO 32000-1 §9.7.4.3): `c [w1 w2 …]` and `cfirst clast w` entries. */
function cidWidths(cidFont: PDFDict, context: PDFContext): CidWidths {
  const dwObj = context.lookupMaybe(cidFont.get(PDFName.of('DW')), PDFNumber);
  const dw = dwObj ? dwObj.asNumber() : DEFAULT_WIDTH;
  const ranges: CidWidths['ranges'] = [];
  const w = context.lookupMaybe(cidFont.get(PDFName.of('W')), PDFArray);
  if (!w) return { dw, ranges };
  const items = w.asArray().map((o) => context.lookup(o));
  for (let i = 0; i < items.length; ) {
    const first = number(items[i]);
    const next = items[i + 1];
    if (next instanceof PDFArray) {
      const list = next.asArray().map((o) => number(context.lookup(o)));
      ranges.push({ first, last: first + list.length - 1, width: list });
      i += 2;
    } else {
      ranges.push({ first, last: number(next), width: number(items[i + 2]) });
      i += 3;
    }
  }
  return { dw, ranges };
}

function number(o: unknown): number {
  if (o instanceof PDFNumber) return o.asNumber();
  throw new NotDirect('bad W array');
}

function name(dict: PDFDict, key: string, context: PDFContext): string | undefined {
  const o = context.lookup(dict.get(PDFName.of(key)));
  return o instanceof PDFName ? o.decodeText() : undefined;
}
