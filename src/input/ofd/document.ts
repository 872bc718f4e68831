import { drawStrokes, pathStrokes, type Stroke } from './paths';
import sharp from 'sharp';
import { OcrError } from '../../errors';
import type { ResolvedOptions } from '../../options';
import type { OpenDocument, LoadedPage } from '../types';
import { layoutFromRuns, type GlyphRun } from '../textLayer';
import { openZip, resolve, type ZipArchive } from './zip';
import { XML_MAX_BYTES, attr, child, children, decodeXml, numbers, parseXml, text, type XmlNode } from './xml';
import { isCjk } from '../../layout/text';
import { readEmbeddedInvoice, type EmbeddedInvoice } from './embeddedInvoice';

/** OFD pages are given in millimetres; they are read at 300 dpi, like PDF pages. */
export const OFD_DPI = 300;
const PX_PER_MM = OFD_DPI / 25.4;
/** An image-only page is OCR'd when its images cover at least this share of it (a scan, not a logo). */
const SCAN_COVERAGE = 0.25;

interface Matrix {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}

const IDENTITY: Matrix = { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 };

interface PageRef {
  contentPath: string;
}

interface PlacedImage {
  path: string;
  x: number;
  y: number;
  width: number;
  height: number; // mm on the page
}

interface OfdPageContent {
  widthMm: number;
  heightMm: number;
  runs: GlyphRun[];
  images: PlacedImage[];
  strokes: Stroke[];
}

/** The GB/T 33190-2016 package: OFD.xml → DocBody → Document.xml → pages (with their templates). */
export async function openOfd(bytes: Buffer, options: ResolvedOptions): Promise<OpenDocument> {
  const zip = openZip(bytes);
  if (!zip.has('OFD.xml')) {
    throw new OcrError(
      'UNSUPPORTED_FORMAT',
      'The input is a zip archive but not an OFD document (it has no OFD.xml). Send the document itself, not an archive of it.',
    );
  }
  const xml = (path: string) => parseXml(decodeXml(zip.readLimited(path, XML_MAX_BYTES), path), path);
  const ofd = xml('OFD.xml');
  const body = children(child(ofd, 'OFD'), 'DocBody')[0];
  const docRoot = text(child(body, 'DocRoot')).trim();
  if (!docRoot) throw new OcrError('CORRUPT_INPUT', 'The OFD document names no DocRoot; it is damaged.');
  const docPath = resolve('OFD.xml', docRoot);
  const doc = child(xml(docPath), 'Document');
  const common = child(doc, 'CommonData');
  const defaultBox = numbers(text(child(child(common, 'PageArea'), 'PhysicalBox')));

  const media = new Map<string, string>();
  for (const resTag of ['PublicRes', 'DocumentRes']) {
    for (const r of children(common, resTag)) {
      const resPath = resolve(docPath, text(r).trim());
      if (!zip.has(resPath)) continue;
      const res = child(xml(resPath), 'Res');
      const base = attr(res, 'BaseLoc');
      const baseDir = base ? resolve(resPath, `${base}/x`).replace(/\/x$/, '') : resPath.split('/').slice(0, -1).join('/');
      for (const m of children(child(res, 'MultiMedias'), 'MultiMedia')) {
        const file = text(child(m, 'MediaFile')).trim();
        if (file) media.set(attr(m, 'ID') ?? '', file.startsWith('/') ? resolve('', file) : resolve(`${baseDir}/x`, file));
      }
    }
  }
  const templates = new Map<string, string>();
  for (const t of children(common, 'TemplatePage')) templates.set(attr(t, 'ID') ?? '', resolve(docPath, attr(t, 'BaseLoc') ?? ''));
  const pageNodes = children(child(doc, 'Pages'), 'Page');
  const pages: PageRef[] = pageNodes.map((p) => ({ contentPath: resolve(docPath, attr(p, 'BaseLoc') ?? '') }));

  const warnings: string[] = [];
  const signatures = countSignatures(zip, body, xml);
  if (signatures > 0)
    warnings.push(
      `The document carries ${signatures} electronic signature${signatures === 1 ? '' : 's'} or seal${signatures === 1 ? '' : 's'}; they were not verified.`,
    );

  const embedded = readEmbeddedInvoice(zip, xml, docPath, doc, () => textObjectsOf(zip, xml, pageNodes, pages));
  const embeddedInvoice: EmbeddedInvoice | null = embedded.invoice;
  if (embedded.unreadable) {
    warnings.push(
      embeddedInvoice
        ? "The document's attached invoice data could not be read; its custom tags were used."
        : "The document's embedded invoice data could not be read; its printed text is used.",
    );
  }

  return {
    pageCount: pages.length,
    warnings,
    ...(embeddedInvoice ? { embeddedInvoice } : {}),
    loadPage: async (index): Promise<LoadedPage> => {
      const content = readPage(zip, xml, pages[index].contentPath, templates, media, defaultBox);
      return toLoadedPage(zip, content, options);
    },
    close: async () => undefined,
  };
}

/** Each page's text objects, `pageID/objectID` → their text, for custom tags that point at them. */
function textObjectsOf(zip: ZipArchive, xml: (p: string) => XmlNode, pageNodes: readonly XmlNode[], pages: readonly PageRef[]): Map<string, string> {
  const out = new Map<string, string>();
  pageNodes.forEach((p, i) => {
    if (!zip.has(pages[i].contentPath)) return;
    eachLayer(child(child(xml(pages[i].contentPath), 'Page'), 'Content'), (layer) => {
      for (const t of children(layer, 'TextObject'))
        out.set(
          `${attr(p, 'ID') ?? ''}/${attr(t, 'ID') ?? ''}`,
          children(t, 'TextCode')
            .map((c) => text(c))
            .join(''),
        );
    });
  });
  return out;
}

function countSignatures(zip: ZipArchive, body: XmlNode | undefined, xml: (p: string) => XmlNode): number {
  const ref = text(child(body, 'Signatures')).trim();
  if (!ref) return 0;
  const path = resolve('OFD.xml', ref);
  if (!zip.has(path)) return 0;
  return children(child(xml(path), 'Signatures'), 'Signature').length;
}

function readPage(
  zip: ZipArchive,
  xml: (p: string) => XmlNode,
  contentPath: string,
  templates: Map<string, string>,
  media: Map<string, string>,
  defaultBox: number[],
): OfdPageContent {
  const page = child(xml(contentPath), 'Page');
  const box = numbers(text(child(child(page, 'Area'), 'PhysicalBox')));
  const [, , widthMm, heightMm] = box.length === 4 ? box : defaultBox.length === 4 ? defaultBox : [0, 0, 210, 297];
  const runs: GlyphRun[] = [];
  const images: PlacedImage[] = [];
  const strokes: Stroke[] = [];
  // templates first (they sit under the page's own content), then the page
  for (const t of children(page, 'Template')) {
    const path = templates.get(attr(t, 'TemplateID') ?? '');
    if (path && zip.has(path)) collect(child(child(xml(path), 'Page'), 'Content'), runs, images, media, strokes);
  }
  collect(child(page, 'Content'), runs, images, media, strokes);
  // the XML size bounds this already; the line builder's work grows with it, so a page is held to a real page's order
  if (runs.reduce((n, r) => n + r.xs.length, 0) > MAX_PAGE_GLYPHS)
    throw new OcrError('TOO_LARGE', `An OFD page places more than ${MAX_PAGE_GLYPHS.toLocaleString('en')} glyphs; refused.`);
  return { widthMm, heightMm, runs, images, strokes };
}

/** Page blocks nest; past this depth a page is a stack-overflow attempt, not a layout. */
const MAX_BLOCK_DEPTH = 256;
/** Glyphs one page may place: a dense A4 page has ~5,000. */
const MAX_PAGE_GLYPHS = 1_000_000;

/** Calls `visit` on every layer and page block of `container`, nested ones after their parent, in document order. */
function eachLayer(container: XmlNode | undefined, visit: (layer: XmlNode) => void, depth = 0): void {
  if (!container) return;
  if (depth > MAX_BLOCK_DEPTH) throw new OcrError('CORRUPT_INPUT', `An OFD page nests its blocks more than ${MAX_BLOCK_DEPTH} deep; it is damaged or forged.`);
  for (const layer of [...children(container, 'Layer'), ...children(container, 'PageBlock')]) {
    visit(layer);
    eachLayer(layer, visit, depth + 1);
  }
}

/** Walks layers and page blocks (which nest) for text, images and the strokes of drawn paths. */
function collect(container: XmlNode | undefined, runs: GlyphRun[], images: PlacedImage[], media: Map<string, string>, strokes: Stroke[]): void {
  eachLayer(container, (layer) => {
    for (const t of children(layer, 'TextObject')) for (const r of textObjectRuns(t)) runs.push(r);
    for (const img of children(layer, 'ImageObject')) {
      const placed = placeImage(img, media);
      if (placed) images.push(placed);
    }
    for (const p of children(layer, 'PathObject')) {
      const data = text(child(p, 'AbbreviatedData'));
      if (data) strokes.push(...pathStrokes(data, numbers(attr(p, 'Boundary')), matrix(attr(p, 'CTM')), Number(attr(p, 'LineWidth') ?? '0.353')));
    }
  });
}

/**
 * Expands DeltaX/DeltaY, where "g N v" stands for N times v, to at most `needed` values: a TextCode of n
 * characters uses n − 1 advances, and whatever it claims beyond them (3,000 groups of "g 100000 1" claimed
 * 300 M, which overran V8's heap) is never expanded.
 */
export function expandDeltas(s: string | undefined, needed = Number.POSITIVE_INFINITY): number[] {
  if (!s) return [];
  const tokens = s.trim().split(/\s+/);
  const out: number[] = [];
  for (let i = 0; i < tokens.length && out.length < needed; i++) {
    if (tokens[i] === 'g') {
      const n = Number(tokens[i + 1]);
      const v = Number(tokens[i + 2]);
      if (Number.isFinite(n) && Number.isFinite(v)) for (let k = 0; k < n && out.length < needed; k++) out.push(v);
      i += 2;
    } else {
      out.push(Number(tokens[i]));
    }
  }
  return out;
}

function matrix(s: string | undefined): Matrix {
  const m = numbers(s);
  return m.length === 6 ? { a: m[0], b: m[1], c: m[2], d: m[3], e: m[4], f: m[5] } : IDENTITY;
}

/**
 * A TextObject's glyphs in page pixels: each TextCode starts at (X, Y) in the object's space, later glyphs
 * step by DeltaX/DeltaY; the CTM maps object space into the Boundary, whose corner is on the page.
 */
export function textObjectRuns(obj: XmlNode): GlyphRun[] {
  const [bx = 0, by = 0] = numbers(attr(obj, 'Boundary'));
  const m = matrix(attr(obj, 'CTM'));
  const size = Number(attr(obj, 'Size') ?? '3.5');
  // rotated or sheared text is left to OCR, as with PDF
  if (Math.abs(m.b) > 0.1 * Math.abs(m.a) || m.a <= 0) return [];
  const sizeMm = size * Math.hypot(m.c, m.d);
  const runs: GlyphRun[] = [];
  let x = 0;
  let y = 0;
  for (const code of children(obj, 'TextCode')) {
    const chars = [...text(code)];
    if (chars.length === 0) continue;
    x = attr(code, 'X') !== undefined ? Number(attr(code, 'X')) : x;
    y = attr(code, 'Y') !== undefined ? Number(attr(code, 'Y')) : y;
    const dx = expandDeltas(attr(code, 'DeltaX'), chars.length - 1);
    const dy = expandDeltas(attr(code, 'DeltaY'), chars.length - 1);
    let run: GlyphRun | null = null;
    chars.forEach((ch, i) => {
      const px = (bx + m.a * x + m.c * y + m.e) * PX_PER_MM;
      const py = (by + m.b * x + m.d * y + m.f) * PX_PER_MM;
      const advance = i < chars.length - 1 && dx[i] !== undefined ? dx[i] : (isCjk(ch) ? 1 : 0.55) * size;
      const width = Math.max(0, Math.min(advance, (isCjk(ch) ? 1 : 0.6) * size)) * m.a * PX_PER_MM;
      if (!run || Math.abs(run.baseline - py) > 0.01 * PX_PER_MM) {
        run = { text: '', xs: [], right: px, baseline: py, fontSize: sizeMm * PX_PER_MM };
        runs.push(run);
      }
      run.text += ch;
      run.xs.push(px);
      run.right = px + width;
      x += advance;
      y += dy[i] ?? 0;
    });
  }
  return runs;
}

function placeImage(img: XmlNode, media: Map<string, string>): PlacedImage | null {
  const path = media.get(attr(img, 'ResourceID') ?? '');
  if (!path) return null;
  const [bx = 0, by = 0, bw = 0, bh = 0] = numbers(attr(img, 'Boundary'));
  const ctm = attr(img, 'CTM');
  // the CTM maps the unit square onto the image's place in the Boundary (axis-aligned images only)
  const m = ctm ? matrix(ctm) : { ...IDENTITY, a: bw, d: bh };
  const width = Math.abs(m.a);
  const height = Math.abs(m.d);
  // an image drawn at no size (or at a size that is no number) shows nothing
  if (!(width > 0 && height > 0 && Number.isFinite(width * height))) return null;
  return { path, x: bx + m.e, y: by + m.f, width, height };
}

async function toLoadedPage(zip: ZipArchive, page: OfdPageContent, options: ResolvedOptions): Promise<LoadedPage> {
  const width = Math.round(page.widthMm * PX_PER_MM);
  const height = Math.round(page.heightMm * PX_PER_MM);
  const coverage = page.images.reduce((s, i) => s + i.width * i.height, 0) / Math.max(1, page.widthMm * page.heightMm);
  const scanned = page.runs.length === 0 && coverage >= SCAN_COVERAGE && options.pdfMode !== 'text';
  if (!scanned) {
    // tables asked for: the page's drawn rules at half the OCR resolution, for the ruled-table finder
    const drawing = options.tables && page.strokes.length ? drawStrokes(page.strokes, page.widthMm, page.heightMm, PX_PER_MM / 2) : undefined;
    return {
      kind: 'text',
      ...(drawing ? { drawing } : {}),
      page: { width, height, rotation: 0, source: 'text-layer', scale: PX_PER_MM, ...layoutFromRuns(page.runs), tables: [] },
    };
  }
  return { kind: 'image', image: await composeImages(zip, page, width, height, options.maxPixels), scale: PX_PER_MM, rotation: 0 };
}

/** Draws a scanned page's images where the page places them, on white, for OCR. */
async function composeImages(zip: ZipArchive, page: OfdPageContent, width: number, height: number, maxPixels: number) {
  if (width * height > maxPixels)
    throw new OcrError('TOO_LARGE', `An OFD page would render to ${width}×${height} pixels, above the limit of ${maxPixels.toLocaleString('en')}.`);
  const layers: sharp.OverlayOptions[] = [];
  let drawn = 0;
  for (const img of page.images) {
    const w = Math.max(1, Math.round(img.width * PX_PER_MM));
    const h = Math.max(1, Math.round(img.height * PX_PER_MM));
    // Checked before sharp starts: a resize to ~900,000 px a side ran on in libuv's pool past every deadline.
    // Whatever lies off the page is drawn too, so each image, and all of them together, are held to the limit.
    drawn += w * h;
    if (w * h > maxPixels || drawn > 4 * maxPixels) {
      throw new OcrError(
        'TOO_LARGE',
        `An image of the OFD page (${img.path}) is placed at ${w}×${h} pixels, above the limit of ${maxPixels.toLocaleString('en')}.`,
      );
    }
    let input: Buffer;
    try {
      input = await sharp(Buffer.from(zip.read(img.path)), { limitInputPixels: maxPixels, failOn: 'error' })
        .resize(w, h, { fit: 'fill' })
        .png()
        .toBuffer();
    } catch (err) {
      const detail = (err as Error).message.split('\n')[0];
      if (/pixel limit/i.test(detail))
        throw new OcrError('TOO_LARGE', `An image of the OFD page (${img.path}) is above the limit of ${maxPixels.toLocaleString('en')} pixels.`, {
          cause: err,
        });
      throw new OcrError('CORRUPT_INPUT', `An image of the OFD page (${img.path}) could not be decoded (${detail}).`, { cause: err });
    }
    layers.push({ input, left: Math.round(img.x * PX_PER_MM), top: Math.round(img.y * PX_PER_MM) });
  }
  const { data, info } = await sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .composite(layers)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: 3 as const };
}
