import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { OcrError, toOcrError } from './errors';
import type { BBox, Line, Page, RecognitionResult, Timings } from './result';
import { resolveOptions, type RecognizeOptions, type ResolvedOptions } from './options';
import { readInput, type InputSource } from './input/read';
import { sniff } from './input/sniff';
import { openDocument, type LoadedPage, type OpenDocument } from './input/document';
import { chooseEngine, getEngine, poolSize, type EngineChoice } from './engines/registry';
import type { TesseractEngine } from './engines/tesseract/engine';
import type { OcrEngine } from './engines/engine';
import { layoutPage } from './layout/page';
import { EMPTY_EXTRACTION, availableTypes, classify, extractorFor, needsPixels, type Document, type RereadHow } from './extract/registry';
import { crop, rotateAboutCentre, rotateQuarter, withoutRedInk } from './input/pixels';
import { asksForCards, locateCard } from './extract/cards/locate';
import { readRuledTables } from './tables';
import { withoutRules } from './tables/erase';
import { findBorderlessTables } from './tables/borderless';
import type { PageImage } from './types/pageImage';
import './extract/builtins';
import { cloudServiceFor } from './cloud/service';
import { deadlineSignal, raceAbort, throwIfAborted } from './util/abort';
import { mapLimit } from './util/concurrency';

/** A page whose mean line confidence is below this gets a warning: a person should look at it. */
const LOW_CONFIDENCE = 0.6;
/**
 * Extractors that read pixels again (an MRZ, a waybill's barcode) look at the first selected pages of a card or a label;
 * keeping every page of a long scanned PDF for them (type auto) would hold hundreds of MB for nothing.
 */
const MAX_KEPT_PAGES = 3;

/**
 * One document (image, multi-page TIFF, PDF, OFD) through one engine into the result of ../shared/spec/RESULT.md:
 * its pages read (text layer or engine), laid out, classified and extracted. Every failure is an OcrError with a
 * contract code; the deadline covers the whole document. `recognize()` (recognize.ts) calls it once, local-first
 * (localFirst.ts) once per engine.
 */
export async function readDocument(input: InputSource, options: RecognizeOptions): Promise<RecognitionResult> {
  const started = performance.now();
  const opts = resolveOptions(options);
  checkType(opts);
  const { signal, dispose } = deadlineSignal(opts.timeoutMs, opts.signal);
  const timings: Timings = { decode: 0, ocr: 0, extract: 0, total: 0 };
  let doc: OpenDocument | undefined;
  try {
    const bytes = await readInput(input, opts.maxBytes);
    const sniffed = sniff(bytes);
    if (!sniffed) throw new OcrError('UNSUPPORTED_FORMAT', unsupportedMessage(bytes));
    const sha256 = createHash('sha256').update(bytes).digest('hex');

    let t = performance.now();
    doc = await raceAbort(openDocument(bytes, sniffed, opts, signal), signal);
    timings.decode += performance.now() - t;
    const selected = selectPages(doc.pageCount, opts);

    const warnings: string[] = [...(doc.warnings ?? [])];
    // Huawei Cloud, when it is the engine: a text engine, and an extraction source for the types it has an API for
    const cloud = cloudServiceFor(opts);
    // a type the cloud reads with its own API: its pages go to that API, not through text recognition first
    const direct = cloud && opts.type !== 'auto' ? cloud.apiFor(opts.type) : undefined;
    // the engine starts only when a page needs it: a document read from its text layer loads no model
    let choice: Promise<EngineChoice> | undefined;
    const engine = () =>
      (choice ??= (cloud ? Promise.resolve({ engine: cloud.engine, warnings: [] }) : chooseEngine(opts)).then((c) => {
        warnings.push(...c.warnings);
        return c;
      }));
    let usedEngine = false;
    // page images kept for extractors that read a zone again (an MRZ), and for the cloud's typed APIs
    const keepPixels = needsPixels(opts.type, opts.candidates) || cloud !== undefined;
    const locating = asksForCards(opts.type, opts.candidates);
    const pixels = new Map<number, KeptPage>();
    let done = 0;
    const progress = (page: number) => opts.onProgress?.({ page, done: ++done, total: selected.length });
    const pages = await mapLimit(selected, poolSize(), async (pageNo) => {
      throwIfAborted(signal);
      const d0 = performance.now();
      const loaded = await raceAbort(doc!.loadPage(pageNo - 1), signal);
      timings.decode += performance.now() - d0;
      if (loaded.kind === 'text') {
        progress(pageNo);
        const page: Page = { page: pageNo, ...loaded.page };
        if (opts.tables) {
          // a digital page's tables: the grids its drawn rules make, filled with its own text; then aligned text
          const ruled = loaded.drawing ? await readRuledTables(loaded.drawing, 0, page) : [];
          page.tables = [...ruled, ...findBorderlessTables(page.lines, ruled)];
        }
        return page;
      }
      usedEngine = true;
      if (direct) {
        if (selected.indexOf(pageNo) < MAX_KEPT_PAGES) pixels.set(pageNo, { image: loaded.image, turn: 0, skew: 0 });
        opts.onPageImage?.(pageNo, loaded.image, 0);
        progress(pageNo);
        return unreadPage(pageNo, loaded);
      }
      // a card photographed on a desk is cut out and levelled first: the desk's clutter is not read
      const l0 = performance.now();
      const located = locating ? await raceAbort(locateCard(loaded.image), signal) : null;
      if (locating) timings.locate = (timings.locate ?? 0) + performance.now() - l0;
      const read = located ? { ...loaded, image: located.image } : loaded;
      const o0 = performance.now();
      const page = await ocrPage((await raceAbort(engine(), signal)).engine, read, pageNo, opts, signal, warnings, timings, (turn, skew) => {
        if (keepPixels && selected.indexOf(pageNo) < MAX_KEPT_PAGES) pixels.set(pageNo, { image: read.image, turn, skew });
        opts.onPageImage?.(pageNo, read.image, turn);
      });
      if (located) page.located = located.box;
      timings.ocr += performance.now() - o0;
      progress(pageNo);
      return page;
    });

    const text = pages.map((p) => p.lines.map((l) => l.text).join('\n')).join('\f');
    t = performance.now();
    const reread = async (page: number, box: BBox, how: RereadHow) => {
      const o0 = performance.now();
      const lines = how.mrz
        ? await rereadMrz(pixels.get(page), box, signal)
        : cloud
          ? null
          : await rereadZone((await engine()).engine, pixels.get(page), box, how, opts, signal);
      timings.ocr += performance.now() - o0;
      return lines;
    };
    const document: Document = {
      pages,
      text,
      signal,
      reread,
      crop: (page, box) => cropPage(pixels.get(page), box),
      ...(doc.embeddedInvoice ? { embeddedInvoice: doc.embeddedInvoice } : {}),
    };
    let type = opts.type === 'auto' ? 'general' : opts.type;
    if (opts.type === 'auto') {
      const found = classify(document, opts.candidates);
      if (found) type = found.type;
      else if (opts.candidates) warnings.push(`The document was not recognized as ${opts.candidates.join(' or ')}, so only its text was read.`);
    }
    const extractor = extractorFor(type);
    const cloudApi = cloud?.apiFor(type);
    const cloudPage = cloudApi ? pages.find((p) => p.source === 'ocr' && pixels.has(p.page)) : undefined;
    let extraction = EMPTY_EXTRACTION;
    if (cloudApi && cloudPage) {
      const o0 = performance.now();
      extraction = await cloud!.extract(cloudApi, pixels.get(cloudPage.page)!.image, signal);
      timings.ocr += performance.now() - o0;
      const others = pages.filter((p) => p.source === 'ocr' && p !== cloudPage).length;
      if (others > 0)
        warnings.push(
          `Only page ${cloudPage.page} was read by Huawei Cloud's ${cloudApi.api} API; ${others} other scanned page${others === 1 ? ' was' : 's were'} not.`,
        );
    } else if (extractor) {
      extraction = await raceAbort(Promise.resolve(extractor.extract(document)), signal);
    }
    pixels.clear();
    timings.extract = performance.now() - t;
    if (extractor && !cloudPage && text.trim() === '') {
      throw new OcrError('NO_TEXT_FOUND', `No text was found, so no ${type} fields could be read. Check that the image shows the document and is in focus.`);
    }
    warnings.push(...extraction.warnings);
    for (const p of pages) {
      // a page sent whole to a cloud API for its fields has no lines by design
      if (p.lines.length === 0 && !direct) warnings.push(`Page ${p.page}: no text was found on this page.`);
      const conf = meanConfidence(p);
      if (p.source === 'ocr' && conf !== null && conf < LOW_CONFIDENCE) {
        warnings.push(`Page ${p.page}: low recognition confidence (${conf.toFixed(2)}); the scan may be blurred, too small or noisy.`);
      }
    }
    timings.total = performance.now() - started;
    return {
      type,
      text,
      pages,
      fields: extraction.fields,
      fieldConfidence: extraction.fieldConfidence,
      checks: extraction.checks,
      warnings,
      source: { mimeType: sniffed.mimeType, pages: doc.pageCount, bytes: bytes.length, sha256 },
      timings: roundTimings(timings),
      engine: usedEngine ? (cloud ? cloud.engine.name : choice ? (await choice).engine.name : 'text-layer') : 'text-layer',
    };
  } catch (err) {
    throw toOcrError(err);
  } finally {
    dispose();
    await doc?.close().catch(() => undefined);
  }
}

async function ocrPage(
  engine: OcrEngine,
  loaded: Extract<LoadedPage, { kind: 'image' }>,
  pageNo: number,
  opts: ResolvedOptions,
  signal: AbortSignal,
  warnings: string[],
  timings: Timings,
  recognized: (turn: number, skew: number) => void,
): Promise<Page> {
  // tables asked for: the engine reads the page without its rules, the grid is then read from the original
  const pixels = opts.tables && !engine.providesTables ? await withoutRules(loaded.image) : loaded.image;
  const result = await engine.recognizePage(pixels, { languages: opts.languages, detectOrientation: opts.detectOrientation, signal });
  recognized(result.rotation, result.skew);
  warnings.push(...result.warnings.map((w) => `Page ${pageNo}: ${w}`));
  for (const [stage, ms] of Object.entries(result.timings ?? {})) timings[stage] = (timings[stage] ?? 0) + ms;
  const layout = layoutPage(result.lines, { joinFragments: true });
  const page: Page = {
    page: pageNo,
    width: result.width,
    height: result.height,
    // EXIF turn + engine's quarter turn + deskew: everything done to read the page upright
    rotation: ((loaded.rotation + result.rotation) % 360) + result.skew,
    source: 'ocr',
    lines: layout.lines,
    blocks: layout.blocks,
    tables: [],
  };
  if (loaded.scale !== 1) page.scale = loaded.scale;
  if (result.tables) {
    page.tables = result.tables;
  } else if (opts.tables) {
    const t = performance.now();
    page.tables = await readRuledTables(loaded.image, result.rotation, page);
    page.tables.push(...findBorderlessTables(page.lines, page.tables));
    timings.tables = (timings.tables ?? 0) + performance.now() - t;
  }
  return page;
}

/** Deskew below this is too small to move a crop of a zone by a pixel that matters. */
const MIN_CROP_SKEW = 0.5;

/** A page image kept for extractors: as loaded, with what the engine did to read it upright. */
interface KeptPage {
  image: PageImage;
  turn: number;
  skew: number;
  upright?: Promise<PageImage>;
}

/**
 * A box of a recognized page in the frame its lines are given in: the engine's quarter turn and its deskew
 * applied (about the centre, as the engines map their boxes), so a zone read again (an MRZ photographed at 18°)
 * is the zone the lines name. The upright page is made once and shared by the page's crops.
 */
async function cropPage(kept: KeptPage | undefined, box: { x: number; y: number; width: number; height: number }): Promise<PageImage | null> {
  if (!kept) return null;
  kept.upright ??= rotateQuarter(kept.image, kept.turn).then((turned) =>
    Math.abs(kept.skew) >= MIN_CROP_SKEW ? rotateAboutCentre(turned, kept.skew) : turned,
  );
  return crop(await kept.upright, box);
}

/**
 * A zone of a kept page read again by the engine that read the page (upright already, so no orientation is
 * decided), its lines moved into the page's frame.
 */
async function rereadZone(
  engine: OcrEngine,
  kept: KeptPage | undefined,
  box: BBox,
  how: RereadHow,
  opts: ResolvedOptions,
  signal: AbortSignal,
): Promise<Line[] | null> {
  let image = await cropPage(kept, box);
  if (!image) return null;
  if (how.withoutRedInk) image = withoutRedInk(image);
  const result = await engine.recognizePage(image, { languages: opts.languages, detectOrientation: false, signal });
  const x0 = Math.max(0, Math.floor(box.x)),
    y0 = Math.max(0, Math.floor(box.y));
  const move = (b: BBox): BBox => ({ ...b, x: b.x + x0, y: b.y + y0 });
  return layoutPage(result.lines, { joinFragments: true }).lines.map((l) => ({
    ...l,
    bbox: move(l.bbox),
    words: l.words.map((w) => ({ ...w, bbox: move(w.bbox) })),
  }));
}

/** A machine-readable zone read by tesseract with the MRZ characters only: its lines, each with the zone's box. */
async function rereadMrz(kept: KeptPage | undefined, box: BBox, signal: AbortSignal): Promise<Line[] | null> {
  const image = await cropPage(kept, box);
  if (!image) return null;
  const texts = await (getEngine('tesseract') as TesseractEngine).readMrz(image, signal);
  return texts.map((text) => ({ text, confidence: 0.5, bbox: { ...box }, words: [] }));
}

/** A scanned page sent whole to a cloud API for its fields: it has no lines of its own. */
function unreadPage(pageNo: number, loaded: Extract<LoadedPage, { kind: 'image' }>): Page {
  const page: Page = { page: pageNo, width: loaded.image.width, height: loaded.image.height, rotation: loaded.rotation, source: 'ocr', lines: [], tables: [] };
  if (loaded.scale !== 1) page.scale = loaded.scale;
  return page;
}

function selectPages(pageCount: number, opts: ResolvedOptions): number[] {
  const selected: number[] = [];
  for (let p = 1; p <= pageCount; p++) if (opts.pages.includes(p)) selected.push(p);
  if (selected.length === 0) {
    throw new OcrError('EMPTY_INPUT', `No page of the document matches the page selection: it has ${pageCount} page${pageCount === 1 ? '' : 's'}.`);
  }
  if (selected.length > opts.maxPages) {
    throw new OcrError(
      'TOO_LARGE',
      `The document has ${selected.length} selected pages, above the limit of ${opts.maxPages}. Select fewer pages or raise maxPages.`,
    );
  }
  return selected;
}

function checkType(opts: ResolvedOptions): void {
  const types = availableTypes();
  for (const c of opts.candidates ?? []) {
    if (!types.includes(c)) throw new TypeError(`Document type "${c}" is not available: use ${types.join(', ')}.`);
  }
  if (opts.type === 'auto') return;
  if (!types.includes(opts.type)) {
    throw new TypeError(`Document type "${opts.type}" is not available: use ${['auto', ...types].join(', ')}.`);
  }
}

function meanConfidence(page: Page): number | null {
  if (page.lines.length === 0) return null;
  return page.lines.reduce((s, l) => s + l.confidence, 0) / page.lines.length;
}

function roundTimings(t: Timings): Timings {
  const out = {} as Timings;
  for (const [k, v] of Object.entries(t)) out[k] = Math.round(v);
  return out;
}

function unsupportedMessage(bytes: Buffer): string {
  const head = bytes.subarray(0, 64).toString('utf8');
  // eslint-disable-next-line no-control-regex -- tab, line feed and carriage return are what plain text may hold
  const looksText = /^[\x09\x0a\x0d\x20-\x7e\u00a0-\uffff]*$/.test(head);
  return `${looksText ? 'The input is plain text, not a document image' : 'The input is not a supported document format'}. Send PNG, JPEG, TIFF, WebP, BMP, GIF, PDF or OFD; the file name is ignored, only the content counts.`;
}
