import { PDFName, type PDFDict, type PDFContext } from 'pdf-lib';
import { NotDirect } from './contentLexer';
import { nameOf, type DirectFont } from './fontDict';
import { isPredefinedUnicode, predefinedCMapFont } from './predefinedCMapFont';
import { toUnicodeFont } from './toUnicodeFont';
import { winAnsiFont } from './winAnsiFont';

/** What a file must name for the direct reader to be worth trying (see `worthParsing`). */
export const DIRECT_FONT_MARKERS = ['-UCS2-H', '-UTF16-H', '-UCS2-HW-H', '/ToUnicode', '/WinAnsiEncoding'];

/**
 * A font resource → its direct reader: a composite font with a predefined Unicode CMap, a font with its own
 * ToUnicode map, or a simple font in WinAnsiEncoding. Anything else (other encodings, Differences, Type 3,
 * vertical writing, CFF programs) is NotDirect, and the page is pdf.js's.
 */
export function directFont(dict: PDFDict, context: PDFContext, budget: { bytes: number }): DirectFont {
  const subtype = nameOf(dict, 'Subtype', context) ?? '';
  const hasToUnicode = dict.has(PDFName.of('ToUnicode'));
  if (subtype === 'Type0' && !hasToUnicode) {
    const encoding = nameOf(dict, 'Encoding', context);
    if (encoding && isPredefinedUnicode(encoding)) return predefinedCMapFont(dict, encoding, context);
    throw new NotDirect(`composite font with ${encoding ?? 'an embedded CMap'}`);
  }
  if (hasToUnicode && ['Type0', 'TrueType', 'Type1', 'MMType1'].includes(subtype)) return toUnicodeFont(dict, subtype, context, budget);
  if (['TrueType', 'Type1', 'MMType1'].includes(subtype) && nameOf(dict, 'Encoding', context) === 'WinAnsiEncoding') return winAnsiFont(dict, subtype, context);
  throw new NotDirect(`${subtype} font`);
}
