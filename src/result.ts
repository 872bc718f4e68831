/**
 * The recognition result: the contract shared by the core, the CLI and every node.
 * Mirrors ../shared/spec/RESULT.md; change it only on purpose, with a CHANGELOG entry.
 */

export interface BBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Word {
  text: string;
  /** 0..1 */
  confidence: number;
  bbox: BBox;
}

export interface Line {
  text: string;
  /** 0..1 */
  confidence: number;
  bbox: BBox;
  words: Word[];
}

export interface TableCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
  bbox: BBox;
}

export interface Table {
  bbox: BBox;
  rows: string[][];
  cells: TableCell[];
}

export type PageSource = 'ocr' | 'text-layer';

export interface Page {
  /** 1-based page number in the input document */
  page: number;
  width: number;
  height: number;
  /** Degrees turned to read upright (0/90/180/270) plus any small deskew angle. */
  rotation: number;
  source: PageSource;
  /** Pixels per PDF/OFD unit for documents rendered from vector pages; 1 for images. */
  scale?: number;
  /**
   * A card found in a photo and read alone (card types only): its centre in the photo's pixels, the turn of its
   * edges (within ±45°) and its size once turned level. Line boxes are then given in the levelled card.
   */
  located?: { x: number; y: number; width: number; height: number; angle: number };
  lines: Line[];
  /**
   * The page's layout: paragraphs (a column's run of lines between paragraph gaps) in reading order, each the
   * indices of its lines in `lines` (consecutive) and their box. Every line is in exactly one block.
   */
  blocks?: Block[];
  tables: Table[];
}

export interface Block {
  bbox: BBox;
  lines: number[];
}

export interface SourceInfo {
  mimeType: string;
  pages: number;
  bytes: number;
  sha256: string;
}

export interface Timings {
  decode: number;
  ocr: number;
  extract: number;
  total: number;
  [stage: string]: number;
}

export type FieldValue = string | number | boolean | null | FieldValue[] | { [key: string]: FieldValue };

export type DocumentType =
  | 'general'
  | 'id-card'
  | 'driver-license'
  | 'vehicle-license'
  | 'passport'
  | 'bank-card'
  | 'business-license'
  | 'vat-invoice'
  | 'vehicle-sales-invoice'
  | 'medical-invoice'
  | 'receipt'
  | 'waybill'
  | 'lab-report';

export interface RecognitionResult {
  type: DocumentType;
  text: string;
  pages: Page[];
  fields: Record<string, FieldValue>;
  fieldConfidence: Record<string, number>;
  checks: Record<string, boolean>;
  warnings: string[];
  source: SourceInfo;
  timings: Timings;
  /**
   * Which engine recognized the pixels ('tesseract', 'paddle', 'huawei-cloud'), 'text-layer' when none was
   * needed, or both engines of a local-first reading that the cloud corrected ('paddle+huawei-cloud').
   */
  engine: string;
  /** With engine `local-first`: which engine read each field that has a value. */
  fieldEngines?: Record<string, string>;
  /** With a duplicates file: the document seen before that this one repeats (`checks.notDuplicate` is false). */
  duplicateOf?: { by: 'sha256' | 'invoice'; name: string | null; seenAt: string };
}
