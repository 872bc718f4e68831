import { PDFDocument, PDFArray, PDFDict, PDFName, PDFNumber, type PDFContext, type PDFPage } from 'pdf-lib';
import { NotDirect } from './contentLexer';
import { worthParsing } from './worthParsing';
import { DIRECT_FONT_MARKERS } from './fonts';
import { readPageText, type DirectPageText, type FontCache } from './pageText';
import { pageContent } from './streams';
import { pageRotation, pageView, viewport, type Viewport } from './viewport';

/**
 * The direct text reader: pages whose text is drawn only in fonts it knows (predefined Unicode CMaps as in
 * Chinese e-invoices from iText, fonts with their own ToUnicode map as embedded subsets, simple fonts in
 * WinAnsiEncoding: fonts.ts) are read here, from pdf-lib's object parser and a content-stream interpreter of our
 * own, in a millisecond or two; pdf.js spends ~100 ms on a CMap page rebuilding the CMap and Unicode tables for
 * every document, and 2–3× our time on other pages. Every other page, and every file this
 * reader does not fully understand (other fonts, filters, encryption, damage), goes to pdf.js exactly as before:
 * `NotDirect` is the one answer for "not mine", and is never shown to anyone.
 */
export interface DirectPdf {
  pageCount: number;
  /** the page's text and geometry, or null when pdf.js must read it */
  readPage(index: number, scaleFor: (unitWidth: number, unitHeight: number) => number): DirectPage | null;
}

export interface DirectPage extends DirectPageText {
  viewport: Viewport;
  rotation: number;
}

/** Decoded content per page (forms included) read here; a page drawing more is left to pdf.js. */
const MAX_CONTENT_BYTES = 16 * 1024 * 1024;

/** Null unless the file names a font kind the reader knows, and pdf-lib parses it cleanly, unencrypted. */
export async function openDirectPdf(bytes: Uint8Array): Promise<DirectPdf | null> {
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!worthParsing(raw, DIRECT_FONT_MARKERS)) return null;
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
  } catch {
    return null; // encrypted, damaged, or beyond pdf-lib: pdf.js decides what to tell the user
  }
  let pages: PDFPage[];
  try {
    pages = doc.getPages();
  } catch {
    return null;
  }
  const fonts: FontCache = new Map();
  return {
    pageCount: pages.length,
    readPage(index, scaleFor) {
      try {
        return readPage(pages[index], fonts, scaleFor);
      } catch {
        // NotDirect, or pdf-lib meeting something it did not expect: pdf.js reads the page (and reports damage)
        return null;
      }
    },
  };
}

function readPage(page: PDFPage | undefined, fonts: FontCache, scaleFor: (w: number, h: number) => number): DirectPage {
  if (!page) throw new NotDirect('no such page');
  const node = page.node;
  const context = node.context;
  if (node.get(PDFName.of('UserUnit')) !== undefined) throw new NotDirect('UserUnit');
  const view = pageView(numbers(node.MediaBox(), context), numbers(node.CropBox(), context));
  const rotate = node.Rotate();
  const rotation = pageRotation(rotate instanceof PDFNumber ? rotate.asNumber() : undefined);
  const unit = viewport(view, rotation, 1);
  const vp = viewport(view, rotation, scaleFor(unit.width, unit.height));
  const budget = { bytes: MAX_CONTENT_BYTES };
  const content = pageContent(node.get(PDFName.of('Contents')), context, budget);
  const resources = node.Resources();
  const text = readPageText(content, resources instanceof PDFDict ? resources : undefined, context, { view, viewport: vp }, fonts, budget);
  return { ...text, viewport: vp, rotation };
}

function numbers(array: PDFArray | undefined, context: PDFContext): number[] | null {
  if (!array) return null;
  return array.asArray().map((o) => {
    const n = context.lookup(o);
    return n instanceof PDFNumber ? n.asNumber() : NaN;
  });
}
