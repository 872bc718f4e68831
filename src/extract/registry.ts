import type { BBox, DocumentType, FieldValue, Line, RecognitionResult } from '../result';
import type { PageImage } from '../types/pageImage';
import { decodeBarcode, type Barcode, type BarcodeKind } from '../barcodes/decode';
import type { EmbeddedInvoice } from '../input/ofd/embeddedInvoice';

/** What an extractor adds to the recognized pages. */
export interface Extraction {
  fields: Record<string, FieldValue>;
  fieldConfidence: Record<string, number>;
  checks: Record<string, boolean>;
  warnings: string[];
}

export interface Document extends Pick<RecognitionResult, 'pages' | 'text'> {
  /** The upright pixels of a box of a recognized page (null for text-layer pages), to read a zone again. */
  crop?: (page: number, box: BBox) => Promise<PageImage | null>;
  /**
   * A box of a recognized page read again, its lines in the page's frame (null for text-layer pages): by the
   * page's engine, or as `how` says.
   */
  reread?: (page: number, box: BBox, how: RereadHow) => Promise<Line[] | null>;
  signal?: AbortSignal;
  /** an OFD e-invoice's own data, when the file carries it (extractors prefer it to the printed text) */
  embeddedInvoice?: EmbeddedInvoice;
}

/** How a zone is read again: the hint an extractor knows and the engine does not. */
export interface RereadHow {
  /** the red ink (a seal over the fields) taken out first */
  withoutRedInk?: boolean;
  /**
   * a machine-readable zone: read by tesseract with the MRZ characters only, whatever engine read the page; the
   * lines come back with the zone's box, in the order read
   */
  mrz?: boolean;
}

export interface ExtractorDefinition {
  type: DocumentType;
  /** The extractor reads zones again from the pixels (an MRZ): the pipeline keeps page images for it. */
  needsPixels?: boolean;
  /** How much the text looks like this type, 0..1: for `type: auto`. */
  detect(doc: Document): number;
  extract(doc: Document): Extraction | Promise<Extraction>;
}

/** Document types with an extractor; a type appears here (and in the nodes) only once it is built. */
const extractors = new Map<DocumentType, ExtractorDefinition>();

export function registerExtractor(definition: ExtractorDefinition): void {
  extractors.set(definition.type, definition);
}

export function availableTypes(): DocumentType[] {
  return ['general', ...extractors.keys()];
}

export function extractorFor(type: DocumentType): ExtractorDefinition | undefined {
  return extractors.get(type);
}

/** Whether extracting `type` (or classifying among `candidates`) may read pixels again. */
export function needsPixels(type: DocumentType | 'auto', candidates?: readonly DocumentType[]): boolean {
  if (type !== 'auto') return extractors.get(type)?.needsPixels ?? false;
  return [...extractors.values()].some((e) => e.needsPixels && (!candidates || candidates.includes(e.type)));
}

/** Below this a document is not called any type: `auto` falls back to `general` with a warning. */
const MIN_SCORE = 0.5;

/** The best-scoring type among `candidates` (default every built type), or null when none is convincing. */
export function classify(doc: Document, candidates?: readonly DocumentType[]): { type: DocumentType; score: number } | null {
  let best: { type: DocumentType; score: number } | null = null;
  for (const def of extractors.values()) {
    if (candidates && !candidates.includes(def.type)) continue;
    const score = def.detect(doc);
    if (score >= MIN_SCORE && (!best || score > best.score)) best = { type: def.type, score };
  }
  return best;
}

/** The first page's barcode of the kinds asked for, when the page was recognized from pixels (a text-layer page has none). */
export async function firstPageBarcode(doc: Document, kinds: readonly BarcodeKind[]): Promise<Barcode | null> {
  const page = doc.pages[0];
  if (!page || !doc.crop) return null;
  const pixels = await doc.crop(page.page, { x: 0, y: 0, width: page.width, height: page.height });
  return pixels ? decodeBarcode(pixels, kinds) : null;
}

export const EMPTY_EXTRACTION: Extraction = { fields: {}, fieldConfidence: {}, checks: {}, warnings: [] };
