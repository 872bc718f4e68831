import { PDFDict, PDFHexString, PDFName, PDFString, type PDFContext } from 'pdf-lib';
import { NotDirect } from './contentLexer';
import { collectionUnicode, predefinedCMap } from './binaryCMap';
import { asPdfjsText, cidWidths, descendantFont, embeddedProgram, type DirectFont, type Glyph } from './fontDict';

/** Horizontal predefined CMaps whose codes are Unicode (UCS-2, or UTF-16 with surrogate pairs). */
const UNICODE_CMAPS = new Set([
  'UniGB-UCS2-H',
  'UniGB-UTF16-H',
  'UniCNS-UCS2-H',
  'UniCNS-UTF16-H',
  'UniJIS-UCS2-H',
  'UniJIS-UCS2-HW-H',
  'UniJIS-UTF16-H',
  'UniJIS2004-UTF16-H',
  'UniKS-UCS2-H',
  'UniKS-UTF16-H',
]);

/** Adobe's CJK character collections, each with a CID → Unicode map. */
const COLLECTIONS = new Set(['GB1', 'CNS1', 'Japan1', 'Korea1']);

export function isPredefinedUnicode(encoding: string | undefined): boolean {
  return encoding !== undefined && UNICODE_CMAPS.has(encoding);
}

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
export function predefinedCMapFont(dict: PDFDict, encoding: string, context: PDFContext): DirectFont {
  const cidFont = descendantFont(dict, context);
  embeddedProgram(cidFont, context); // throws for a CFF program, which pdf.js reads its own way
  const widthOf = cidWidths(cidFont, context);
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
        const text = asPdfjsText((cid >= 0 ? unicode.text(cid) : undefined) ?? own);
        // a code the CMap does not map is measured as if it were a CID (pdf.js does the same)
        out.push({ code, text, width: widthOf(cid >= 0 ? cid : code) });
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
