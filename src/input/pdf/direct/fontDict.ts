import { PDFArray, PDFDict, PDFName, PDFNumber, type PDFContext } from 'pdf-lib';
import { NotDirect } from './contentLexer';

/** What a font gives for each code it draws. */
export interface Glyph {
  code: number;
  text: string;
  /** advance in 1/1000 of the font size */
  width: number;
}

export interface DirectFont {
  glyphs(bytes: Uint8Array): Glyph[];
}

/**
 * Compatibility characters pdf.js puts in NFKC form in the text it gives (no-break and typographic spaces,
 * micro and ohm signs, Latin ligatures): the same here.
 */
const COMPATIBILITY = /[\u00a0\u00b5\u037e\u0eb3\u2000-\u200a\u202f\u2126\ufb00-\ufb04\ufb06]/;
/** Right-to-left scripts: pdf.js reorders their text; a page with any is left to it. */
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/;

/** A glyph's text as pdf.js gives it. */
export function asPdfjsText(text: string): string {
  if (RIGHT_TO_LEFT.test(text)) throw new NotDirect('right-to-left text');
  if (COMPATIBILITY.test(text)) return text.normalize('NFKC');
  return text === '\ufb05' ? '\u017ft' : text; // ﬅ: NFKC says "st", pdf.js keeps the long s
}

export function nameOf(dict: PDFDict, key: string, context: PDFContext): string | undefined {
  const o = context.lookup(dict.get(PDFName.of(key)));
  return o instanceof PDFName ? o.decodeText() : undefined;
}

/**
 * A Type0 font's CID font, which must have a descriptor: without one pdf.js takes the font for one of the
 * standard 14 and reads single bytes, its own call to make.
 */
export function descendantFont(dict: PDFDict, context: PDFContext): PDFDict {
  const descendants = context.lookupMaybe(dict.get(PDFName.of('DescendantFonts')), PDFArray);
  const cidFont = descendants && descendants.size() > 0 ? context.lookupMaybe(descendants.get(0), PDFDict) : undefined;
  if (!cidFont) throw new NotDirect('no descendant font');
  const subtype = nameOf(cidFont, 'Subtype', context);
  if (subtype !== 'CIDFontType0' && subtype !== 'CIDFontType2') throw new NotDirect(`descendant ${subtype}`);
  if (!context.lookupMaybe(cidFont.get(PDFName.of('FontDescriptor')), PDFDict)) throw new NotDirect('no font descriptor');
  return cidFont;
}

/**
 * The font program a descriptor embeds: none, TrueType (FontFile2) or Type 1 (FontFile). A CFF program
 * (FontFile3) can carry its own font matrix, which pdf.js then applies to widths: such fonts are left to it.
 */
export function embeddedProgram(fontDict: PDFDict, context: PDFContext): 'none' | 'FontFile' | 'FontFile2' {
  const descriptor = context.lookupMaybe(fontDict.get(PDFName.of('FontDescriptor')), PDFDict);
  if (!descriptor) return 'none';
  if (descriptor.has(PDFName.of('FontFile3'))) throw new NotDirect('CFF font program');
  if (descriptor.has(PDFName.of('FontFile2'))) return 'FontFile2';
  if (descriptor.has(PDFName.of('FontFile'))) return 'FontFile';
  return 'none';
}

/** Whether a simple font's embedded program is the kind its subtype names (TrueType in FontFile2, Type 1 in FontFile). */
export function programFits(subtype: string, program: 'none' | 'FontFile' | 'FontFile2'): boolean {
  return (subtype === 'TrueType' && program === 'FontFile2') || ((subtype === 'Type1' || subtype === 'MMType1') && program === 'FontFile');
}

/** pdf.js's default for a CID font without DW. */
const DEFAULT_CID_WIDTH = 1000;

/** A CID font's widths (ISO 32000-1 §9.7.4.3): DW, and W's `c [w1 w2 …]` and `cfirst clast w` entries. */
export function cidWidths(cidFont: PDFDict, context: PDFContext): (cid: number) => number {
  const dwObj = context.lookupMaybe(cidFont.get(PDFName.of('DW')), PDFNumber);
  const dw = dwObj ? Math.ceil(dwObj.asNumber()) : DEFAULT_CID_WIDTH;
  const ranges: Array<{ first: number; last: number; width: number | number[] }> = [];
  const w = context.lookupMaybe(cidFont.get(PDFName.of('W')), PDFArray);
  const items = w ? w.asArray().map((o) => context.lookup(o)) : [];
  for (let i = 0; i < items.length;) {
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
  // a CID listed twice takes its last width, as pdf.js fills its table in order
  ranges.reverse();
  // an embedded subset's W has an entry per run of glyphs, hundreds of them: each CID is looked up once
  const known = new Map<number, number>();
  return (cid) => {
    let width = known.get(cid);
    if (width === undefined) {
      const r = ranges.find((e) => cid >= e.first && cid <= e.last);
      width = r ? (typeof r.width === 'number' ? r.width : r.width[cid - r.first]) : dw;
      known.set(cid, width);
    }
    return width;
  };
}

/** A simple font's widths: Widths from FirstChar, MissingWidth (or 0) for the rest. */
export function simpleWidths(dict: PDFDict, context: PDFContext): (code: number) => number {
  const widths = context.lookupMaybe(dict.get(PDFName.of('Widths')), PDFArray);
  if (!widths) throw new NotDirect('simple font without Widths');
  const firstObj = context.lookupMaybe(dict.get(PDFName.of('FirstChar')), PDFNumber);
  const first = firstObj ? firstObj.asNumber() : 0;
  const list = widths.asArray().map((o) => {
    const n = context.lookup(o);
    return n instanceof PDFNumber ? n.asNumber() : undefined;
  });
  const descriptor = context.lookupMaybe(dict.get(PDFName.of('FontDescriptor')), PDFDict);
  const missingObj = descriptor ? context.lookupMaybe(descriptor.get(PDFName.of('MissingWidth')), PDFNumber) : undefined;
  const missing = missingObj ? missingObj.asNumber() : 0;
  return (code) => list[code - first] ?? missing;
}

function number(o: unknown): number {
  if (o instanceof PDFNumber) return o.asNumber();
  throw new NotDirect('bad W array');
}
