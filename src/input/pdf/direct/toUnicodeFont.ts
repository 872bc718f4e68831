import { PDFName, type PDFDict, type PDFContext } from 'pdf-lib';
import { NotDirect } from './contentLexer';
import { asPdfjsText, cidWidths, descendantFont, embeddedProgram, nameOf, programFits, simpleWidths, type DirectFont, type Glyph } from './fontDict';
import { readToUnicode } from './toUnicode';

/**
 * Fonts whose text comes from their own ToUnicode map: composite fonts with the Identity-H encoding (what most
 * PDF writers embed for CJK text, and for any font subset with more than 256 glyphs), and simple TrueType or
 * Type 1 fonts, embedded, with their Widths. Read as pdf.js reads them: a code's text is its ToUnicode entry,
 * else the code itself as a character (a simple font with an encoding would fall back to the encoding's
 * glyph names, so a code missing from its map leaves the page to pdf.js).
 */
export function toUnicodeFont(dict: PDFDict, subtype: string, context: PDFContext, budget: { bytes: number }): DirectFont {
  const toUnicode = readToUnicode(context.lookup(dict.get(PDFName.of('ToUnicode'))), budget);
  if (subtype === 'Type0') {
    if (nameOf(dict, 'Encoding', context) !== 'Identity-H') throw new NotDirect('composite font not Identity-H');
    const cidFont = descendantFont(dict, context);
    const program = embeddedProgram(cidFont, context);
    if (program === 'FontFile') throw new NotDirect('Type 1 program in a CID font');
    const widthOf = cidWidths(cidFont, context);
    return {
      glyphs(bytes) {
        const out: Glyph[] = [];
        for (let i = 0; i + 1 < bytes.length; i += 2) {
          const code = (bytes[i] << 8) | bytes[i + 1];
          out.push({ code, text: asPdfjsText(toUnicode.get(code) || String.fromCharCode(code)), width: widthOf(code) });
        }
        return out;
      },
    };
  }
  const program = embeddedProgram(dict, context);
  // a font the PDF does not embed is drawn with a substitute, whose encoding rules pdf.js applies: its call
  if (!programFits(subtype, program)) throw new NotDirect(`simple font ${subtype} with ${program}`);
  const widthOf = simpleWidths(dict, context);
  const hasEncoding = dict.has(PDFName.of('Encoding'));
  return {
    glyphs(bytes) {
      return Array.from(bytes, (code) => {
        const mapped = toUnicode.get(code);
        if (mapped === undefined && hasEncoding) throw new NotDirect('code missing from ToUnicode');
        return { code, text: asPdfjsText(mapped || String.fromCharCode(code)), width: widthOf(code) };
      });
    },
  };
}
