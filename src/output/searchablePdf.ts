import sharp from 'sharp';
import {
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFString,
  TextRenderingMode,
  beginText,
  endText,
  setCharacterSqueeze,
  setFontAndSize,
  setTextMatrix,
  setTextRenderingMode,
  showText,
  type PDFRef,
} from 'pdf-lib';
import type { PageImage } from '../types/pageImage';
import { rotateQuarter } from '../input/pixels';
import type { Page, RecognitionResult } from '../result';

export interface SearchablePdf {
  pdf: Buffer;
  result: RecognitionResult;
}

/** A scanned page's pixels as the engine got them, and the clockwise quarter turn that made them upright. */
export interface ScannedPage {
  image: PageImage;
  turn: number;
}

/** Scans without a known resolution are taken as 300 dpi, the usual scanner setting. */
const DEFAULT_DPI = 300;
const FONT = 'OcrText';
/** Every glyph of the invisible font is half an em wide; words are squeezed to their width on the page. */
const GLYPH_WIDTH = 500;

/**
 * Scan → PDF with an invisible text layer, the way OCR tools make scans searchable: each page is its image
 * (JPEG), and each recognized word is drawn over it in text render mode 3 (invisible), stretched to the word's
 * box, in a font with no glyph program whose codes are the Unicode values (Identity-H plus a ToUnicode map),
 * so viewers find and copy the text where it stands. `images` holds each page's pixels as the engine got them and
 * the quarter turn that made them upright (the use case in src/searchablePdf.ts collects them while recognizing).
 */
export async function writeSearchablePdf(pages: readonly Page[], images: ReadonlyMap<number, ScannedPage>): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setProducer('local-ocr');
  doc.setCreator('local-ocr');
  const font = invisibleFont(doc, pages);
  for (const page of pages) {
    const { image, turn } = images.get(page.page)!;
    const upright = await rotateQuarter(image, turn);
    const jpeg = await sharp(upright.data, { raw: { width: upright.width, height: upright.height, channels: upright.channels } })
      .jpeg({ quality: 80 })
      .toBuffer();
    // points per pixel: PDF pages keep their own size; images are taken at their stated or the usual resolution
    const k = page.scale ? 1 / page.scale : 72 / DEFAULT_DPI;
    const width = page.width * k;
    const height = page.height * k;
    const pdfPage = doc.addPage([width, height]);
    pdfPage.drawImage(await doc.embedJpg(jpeg), { x: 0, y: 0, width, height });
    pdfPage.node.setFontDictionary(PDFName.of(FONT), font);
    pdfPage.pushOperators(...wordOperators(page, k, height));
  }
  return Buffer.from(await doc.save());
}

function wordOperators(page: Page, k: number, pageHeight: number) {
  const ops = [beginText(), setTextRenderingMode(TextRenderingMode.Invisible)];
  for (const line of page.lines) {
    const words = line.words.length ? line.words : [{ text: line.text, confidence: line.confidence, bbox: line.bbox }];
    words.forEach((word, i) => {
      // a space ends every word but the last, stretched to the next word, so extracted text keeps its spaces
      const next = words[i + 1];
      const codes = [...(next ? `${word.text} ` : word.text)].map((c) => c.codePointAt(0)!).filter((c) => c <= 0xffff);
      const span = next ? next.bbox.x - word.bbox.x : word.bbox.width;
      if (codes.length === 0 || span <= 0 || word.bbox.height <= 0) return;
      const size = word.bbox.height * k;
      const natural = (codes.length * size * GLYPH_WIDTH) / 1000;
      ops.push(
        setFontAndSize(FONT, size),
        setCharacterSqueeze(Math.max(1, Math.round(((span * k) / natural) * 100))),
        // the baseline a fifth of the box above its bottom: where descenders end
        setTextMatrix(1, 0, 0, 1, word.bbox.x * k, pageHeight - (word.bbox.y + word.bbox.height * 0.8) * k),
        showText(PDFHexString.of(codes.map((c) => c.toString(16).padStart(4, '0')).join(''))),
      );
    });
  }
  ops.push(endText());
  return ops;
}

/** A Type0 font without a glyph program: code = Unicode value (BMP), each glyph half an em, text mapped back by ToUnicode. */
function invisibleFont(doc: PDFDocument, pages: readonly Page[]): PDFRef {
  const used = new Set<number>([0x20]);
  for (const p of pages) for (const l of p.lines) for (const c of l.text) if (c.codePointAt(0)! <= 0xffff) used.add(c.codePointAt(0)!);
  const hex = (n: number) => `<${n.toString(16).padStart(4, '0')}>`;
  const chars = [...used].sort((a, b) => a - b);
  const blocks: string[] = [];
  for (let i = 0; i < chars.length; i += 100) {
    const chunk = chars.slice(i, i + 100);
    blocks.push(`${chunk.length} beginbfchar\n${chunk.map((c) => `${hex(c)} ${hex(c)}`).join('\n')}\nendbfchar`);
  }
  const cmap = [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
  const context = doc.context;
  const toUnicode = context.register(context.flateStream(cmap));
  const descriptor = context.register(
    context.obj({
      Type: 'FontDescriptor',
      FontName: FONT,
      Flags: 5,
      FontBBox: [0, 0, GLYPH_WIDTH, 1000],
      ItalicAngle: 0,
      Ascent: 1000,
      Descent: 0,
      CapHeight: 1000,
      StemV: 80,
    }),
  );
  const cidFont = context.register(
    context.obj({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: FONT,
      CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
      FontDescriptor: descriptor,
      DW: GLYPH_WIDTH,
      CIDToGIDMap: 'Identity',
    }),
  );
  return context.register(
    context.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: FONT, Encoding: 'Identity-H', DescendantFonts: [cidFont], ToUnicode: toUnicode }),
  );
}
