import { OcrError } from '../../errors';
import type { ResolvedOptions } from '../../options';
import type { OpenDocument, LoadedPage } from '../types';
import { layoutFromRuns, type GlyphRun } from '../textLayer';
import { loadPdfjs, pdfjsAssets, type Pdfjs, type PdfDocument, type PdfPage, type PdfViewport } from './pdfjs';
import { needsDrawingFacts, pageSource, textFacts } from './pageKind';
import { borrowCanvas, canvasRgb, returnCanvas } from './canvases';
import { openDirectPdf, type DirectPage } from './direct/directPdf';
import { checkImageSizes } from './imageCensus';

/** Pages are read at 300 dpi: what OCR needs, and the scale text-layer geometry is given in too. */
export const PDF_DPI = 300;
const POINTS_PER_INCH = 72;
/** Longest side of a rendered page; posters and plans are rendered smaller rather than refused. */
const MAX_RENDER_SIDE = 6000;
/**
 * Images one page may draw before it is refused. A scanned page draws one, a form a few dozen; one small image
 * drawn 100,000 times kept pdf.js and the canvas busy for minutes and past 3 GiB.
 */
const MAX_IMAGE_DRAWS = 5_000;
/** Drawing operations one page may have (a detailed map has some hundred thousand). */
const MAX_DRAW_OPS = 2_000_000;

/**
 * A PDF is opened up to three ways, lazily. Pages drawn only in fonts the direct reader knows (predefined
 * Unicode CMaps, fonts with their own ToUnicode map, simple fonts in WinAnsiEncoding) are read by it (`direct/`),
 * 2–70× faster than pdf.js reads them (`readers.direct: false` turns it off, for tests). Other pages are
 * read by pdf.js, from a document told the system has the fonts (`useSystemFonts`): reading text needs no font
 * programs, only encodings, Unicode maps and the standard fonts' metrics, so pdf.js skips loading and
 * converting substitute programs for fonts the PDF does not embed (a page in Helvetica reads in ~40% less
 * time). Drawing needs those programs, so pages that are rendered (to be recognized, or for their table rules)
 * come from a second pdf.js document opened the first time one is needed. The text read is the same every way
 * (checked on the PDFs in the tests).
 */
export async function openPdf(bytes: Buffer, options: ResolvedOptions, readers: { direct?: boolean } = {}): Promise<OpenDocument> {
  checkImageSizes(bytes, options.maxPixels);
  // pdf.js itself is loaded the first time a page needs it: a process that only meets pages the direct reader
  // reads never loads it
  let drawing: Promise<PdfDocument> | null = null;
  const forDrawing = () => (drawing ??= loadPdfjs().then((pdfjs) => openDocument(pdfjs, bytes, options, 'draw')));
  // pdfMode "ocr" draws every page: the drawing document is the only one
  let reading: Promise<PdfDocument> | null = options.pdfMode === 'ocr' ? forDrawing() : null;
  const forReading = () => (reading ??= loadPdfjs().then((pdfjs) => openDocument(pdfjs, bytes, options, 'read')));
  const direct = options.pdfMode !== 'ocr' && readers.direct !== false ? await openDirectPdf(bytes) : null;
  // without the direct reader pdf.js opens now: a damaged or encrypted file is reported before any page
  const pageCount = direct ? direct.pageCount : (await forReading()).numPages;
  return {
    pageCount,
    loadPage: async (index) => {
      const opened: PdfPage[] = [];
      const open = async (doc: PdfDocument) => {
        const p = await doc.getPage(index + 1);
        opened.push(p);
        return p;
      };
      try {
        const read = direct?.readPage(index, (w, h) => renderScale(w, h, options.maxPixels));
        if (read) return await directPage(read, async () => open(await forDrawing()), options);
        const doc = await forReading();
        const page = await open(doc);
        const draw = async () => {
          const other = await forDrawing();
          return other === doc ? page : open(other);
        };
        return await readPage(await loadPdfjs(), page, draw, options);
      } catch (err) {
        // a page that cannot be fetched, or (pdf.js parses lazily) a broken content stream or xref: not at open
        if (err instanceof OcrError) throw err;
        throw new OcrError('CORRUPT_INPUT', `Page ${index + 1} of the PDF could not be read; the file is damaged (${errText(err)}).`, { cause: err });
      } finally {
        for (const p of opened) p.cleanup();
      }
    },
    close: async () => {
      for (const doc of new Set([reading, drawing])) if (doc) await doc.then((d) => d.destroy()).catch(() => undefined);
    },
  };
}

async function openDocument(pdfjs: Pdfjs, bytes: Buffer, options: ResolvedOptions, purpose: 'read' | 'draw'): Promise<PdfDocument> {
  const task = pdfjs.getDocument({
    // pdfjs takes ownership of (detaches) the buffer it is given: hand it a copy
    data: new Uint8Array(bytes),
    password: options.password,
    ...pdfjsAssets(),
    cMapPacked: true,
    isEvalSupported: false, // never compile code from a document (PostScript functions, fonts)
    disableFontFace: true,
    useSystemFonts: purpose === 'read',
    enableXfa: false,
    isOffscreenCanvasSupported: false,
    // what imageCensus.ts cannot see (an inline image, a size given by reference) is still never decoded
    maxImageSize: options.maxPixels,
    stopAtErrors: false,
    verbosity: 0,
  });
  try {
    return await task.promise;
  } catch (err) {
    await task.destroy().catch(() => undefined);
    throw pdfError(err, options.password !== undefined);
  }
}

/** `page` from the reading document; `draw()` the same page from the drawing one, for rendering. */
async function readPage(pdfjs: Pdfjs, page: PdfPage, draw: () => Promise<PdfPage>, options: ResolvedOptions): Promise<LoadedPage> {
  const unit = page.getViewport({ scale: 1 });
  const viewport = page.getViewport({ scale: renderScale(unit.width, unit.height, options.maxPixels) });
  const content = await page.getTextContent({ includeMarkedContent: false });
  const runs = content.items.flatMap((item) => toRun(pdfjs, item, viewport));
  const rotation = page.rotate % 360;
  const drawingFacts = async () => operatorFacts(pdfjs, await page.getOperatorList());
  return decidePage({ runs, viewport, rotation, drawingFacts }, draw, options);
}

/** A page the direct reader read: the same decision, with the drawing facts it already has. */
async function directPage(read: DirectPage, draw: () => Promise<PdfPage>, options: ResolvedOptions): Promise<LoadedPage> {
  const facts = { invisibleOnly: read.invisibleOnly, hasImage: read.hasImage };
  return decidePage({ runs: read.runs, viewport: read.viewport, rotation: read.rotation, drawingFacts: async () => facts }, draw, options);
}

interface PageText {
  runs: GlyphRun[];
  viewport: { width: number; height: number; scale: number };
  rotation: number;
  drawingFacts: () => Promise<{ invisibleOnly: boolean; hasImage: boolean }>;
}

/** Text layer or OCR, by the documented rule (pageKind.ts). */
async function decidePage(p: PageText, draw: () => Promise<PdfPage>, options: ResolvedOptions): Promise<LoadedPage> {
  // a page is judged by the text it gives: vertical text left out, so a page made only of it is OCR'd
  const known = textFacts(p.runs.map((r) => r.text).join(' '));
  const drawing = needsDrawingFacts(options.pdfMode, known) ? await p.drawingFacts() : { invisibleOnly: false, hasImage: false };
  const facts = { ...known, ...drawing };
  const { viewport } = p;
  if (pageSource(options.pdfMode, facts) === 'text-layer') {
    // tables asked for: the page is drawn (at half the OCR resolution) so the rules it draws can be found
    const drawn = options.tables ? await render(await draw(), viewport.scale / 2) : undefined;
    return {
      kind: 'text',
      ...(drawn ? { drawing: drawn } : {}),
      page: {
        width: Math.round(viewport.width),
        height: Math.round(viewport.height),
        rotation: p.rotation,
        source: 'text-layer',
        scale: viewport.scale,
        ...layoutFromRuns(p.runs),
        tables: [],
      },
    };
  }
  return { kind: 'image', image: await render(await draw(), viewport.scale), scale: viewport.scale, rotation: p.rotation };
}

/** Page size in points (as displayed, rotation applied) → the scale pages are read and drawn at. */
function renderScale(unitWidth: number, unitHeight: number, maxPixels: number): number {
  let scale = PDF_DPI / POINTS_PER_INCH;
  scale = Math.min(scale, MAX_RENDER_SIDE / Math.max(unitWidth, unitHeight));
  scale = Math.min(scale, Math.sqrt(maxPixels / (unitWidth * unitHeight)));
  return scale;
}

/** A horizontal text item → a glyph run in page pixels (glyph edges spread over the item's width). */
function toRun(pdfjs: Pdfjs, item: { str?: string; transform: number[]; width: number }, viewport: PdfViewport): GlyphRun[] {
  const str = item.str ?? '';
  if (str.trim() === '') return [];
  const tx = pdfjs.Util.transform(viewport.transform, item.transform);
  const fontSize = Math.hypot(tx[2], tx[3]);
  // rotated or vertical text is left out of the text layer (a page made only of it is OCR'd)
  if (fontSize <= 0 || Math.abs(tx[1]) > 0.1 * Math.abs(tx[0]) || tx[0] <= 0) return [];
  const width = item.width * viewport.scale;
  const chars = [...str];
  const xs = chars.map((_, i) => tx[4] + (width * i) / chars.length);
  return [{ text: str, xs, right: tx[4] + width, baseline: tx[5], fontSize }];
}

const TEXT_OPS = ['showText', 'showSpacedText', 'nextLineShowText', 'nextLineSetSpacingShowText'];
const IMAGE_OPS = ['paintImageXObject', 'paintInlineImageXObject', 'paintImageMaskXObject', 'paintImageXObjectRepeat', 'paintInlineImageXObjectGroup'];

function operatorFacts(pdfjs: Pdfjs, ops: { fnArray: number[]; argsArray: unknown[][] }): { invisibleOnly: boolean; hasImage: boolean } {
  const textOps = new Set(TEXT_OPS.map((n) => pdfjs.OPS[n]));
  const imageOps = new Set(IMAGE_OPS.map((n) => pdfjs.OPS[n]));
  const setMode = pdfjs.OPS.setTextRenderingMode;
  let mode = 0;
  let visible = 0;
  let invisible = 0;
  let hasImage = false;
  ops.fnArray.forEach((fn, i) => {
    if (fn === setMode) mode = Number(ops.argsArray[i]?.[0] ?? 0);
    else if (textOps.has(fn)) {
      if (mode === 3 || mode === 7) invisible++;
      else visible++;
    } else if (imageOps.has(fn)) hasImage = true;
  });
  return { invisibleOnly: invisible > 0 && visible === 0, hasImage };
}

async function render(page: PdfPage, scale: number) {
  const viewport = page.getViewport({ scale });
  const width = Math.max(1, Math.round(viewport.width));
  const height = Math.max(1, Math.round(viewport.height));
  await checkDrawing(page);
  const paper = borrowCanvas(width, height);
  try {
    await page.render({ canvasContext: paper.ctx, canvas: paper.canvas, viewport, background: '#ffffff' }).promise;
  } catch (err) {
    // not given back: a render that failed part-way is not known to have stopped drawing
    throw new OcrError('CORRUPT_INPUT', `A PDF page could not be rendered; the file is damaged (${errText(err)}).`, { cause: err });
  }
  const rgb = canvasRgb(paper);
  returnCanvas(paper);
  return { data: rgb, width, height, channels: 3 as const };
}

/**
 * Refuses a page whose drawing would outrun any deadline, from its operator list (which pdf.js builds anyway
 * and keeps for the render that follows).
 */
async function checkDrawing(page: PdfPage): Promise<void> {
  const pdfjs = await loadPdfjs();
  const ops = await page.getOperatorList();
  if (ops.fnArray.length > MAX_DRAW_OPS)
    throw new OcrError(
      'TOO_LARGE',
      `Page ${page.pageNumber} of the PDF has ${ops.fnArray.length.toLocaleString('en')} drawing operations, above the ${MAX_DRAW_OPS.toLocaleString('en')} a page may have.`,
    );
  const imageOps = new Set(IMAGE_OPS.map((n) => pdfjs.OPS[n]));
  let images = 0;
  for (const fn of ops.fnArray) if (imageOps.has(fn)) images++;
  if (images > MAX_IMAGE_DRAWS)
    throw new OcrError(
      'TOO_LARGE',
      `Page ${page.pageNumber} of the PDF draws ${images.toLocaleString('en')} images, above the ${MAX_IMAGE_DRAWS.toLocaleString('en')} a page may draw.`,
    );
}

function pdfError(err: unknown, passwordGiven: boolean): OcrError {
  const e = err as { name?: string; code?: number; message?: string };
  if (e?.name === 'PasswordException') {
    return new OcrError(
      'ENCRYPTED_PDF',
      passwordGiven
        ? 'The PDF is password-protected and the password given is wrong.'
        : 'The PDF is password-protected. Give its password (option "password") to read it.',
      { cause: err },
    );
  }
  return new OcrError('CORRUPT_INPUT', `The PDF could not be opened; it is damaged or truncated (${errText(err)}). Re-export or re-download it.`, {
    cause: err,
  });
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
