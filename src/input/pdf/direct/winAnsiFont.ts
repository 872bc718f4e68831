import { Encodings, Font, FontNames } from '@pdf-lib/standard-fonts';
import { PDFName, type PDFDict, type PDFContext } from 'pdf-lib';
import { NotDirect } from './contentLexer';
import { asPdfjsText, embeddedProgram, nameOf, programFits, simpleWidths, type DirectFont } from './fontDict';

/**
 * A simple font with the WinAnsiEncoding and no ToUnicode map: most Western PDFs (Word, pdf-lib, reporting
 * tools; the standard 14 fonts, embedded or not). A code's text is its glyph name's character, as pdf.js reads
 * it: WinAnsi's names from pdf-lib's table (@pdf-lib/standard-fonts), with pdf.js's bullets for the unused
 * codes, so that the no-break space and the soft hyphen read as the space and the hyphen they are named. Widths
 * from the font's Widths, or, for a standard 14 font without them, its Adobe metrics (the AFM files pdf.js's
 * tables come from too).
 */
const GLYPH_NAMES: string[] = Array(256).fill('');
/** glyph name → its character: the lowest code point of those WinAnsi gives that name (space, not no-break) */
const CHARACTER = new Map<string, number>();
for (const cp of [...Encodings.WinAnsi.supportedCodePoints].sort((a, b) => b - a)) {
  const { code, name } = Encodings.WinAnsi.encodeUnicodeCodePoint(cp);
  GLYPH_NAMES[code] = name;
  CHARACTER.set(name, cp);
}
for (const code of [0x7f, 0x81, 0x8d, 0x8f, 0x90, 0x9d]) GLYPH_NAMES[code] = 'bullet';
GLYPH_NAMES[0x9f] = 'Ydieresis'; // pdf-lib names Ÿ in lower case, the name of ÿ
CHARACTER.set('Ydieresis', 0x178);

/** code → text ('' for the codes WinAnsi leaves unnamed, below the space) */
const WIN_ANSI: string[] = GLYPH_NAMES.map((name) => (name ? String.fromCharCode(CHARACTER.get(name)!) : ''));

const STANDARD_14 = new Set<string>(Object.values(FontNames));

export function winAnsiFont(dict: PDFDict, subtype: string, context: PDFContext): DirectFont {
  const baseFont = nameOf(dict, 'BaseFont', context) ?? '';
  // pdf.js gives Symbol and ZapfDingbats their own character sets whatever the encoding says
  if (/Symbol|Dingbats/i.test(baseFont)) throw new NotDirect(`font ${baseFont}`);
  const program = embeddedProgram(dict, context);
  const embedded = program !== 'none';
  if (embedded && !programFits(subtype, program)) throw new NotDirect(`${subtype} with ${program}`);
  const widthOf = dict.has(PDFName.of('Widths')) ? simpleWidths(dict, context) : standardWidths(baseFont, embedded);
  return {
    glyphs(bytes) {
      return Array.from(bytes, (code) => {
        const text = WIN_ANSI[code];
        // a code without a glyph name: pdf.js draws a substitute font's space for it, or the code itself
        if (text === '' && !embedded) throw new NotDirect('unnamed code in a substitute font');
        return { code, text: asPdfjsText(text || String.fromCharCode(code)), width: widthOf(code) };
      });
    },
  };
}

/** A standard 14 font, not embedded and without Widths: widths from its metrics by glyph name. */
function standardWidths(baseFont: string, embedded: boolean): (code: number) => number {
  if (embedded || !STANDARD_14.has(baseFont)) throw new NotDirect(`no Widths for ${baseFont}`);
  const font = Font.load(baseFont as FontNames);
  const widths = GLYPH_NAMES.map((name) => (name ? font.getWidthOfGlyph(name) : undefined));
  // Courier's glyphs are all 600 wide, which pdf.js takes as the width of any code its metrics do not name
  const missing = baseFont.startsWith('Courier') ? 600 : 0;
  return (code) => widths[code] ?? missing;
}
