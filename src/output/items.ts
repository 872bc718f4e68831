import type { FieldValue, Line, Page, RecognitionResult } from '../result';
import { tableRowItems } from './tableRows';
import { DEFAULT_MIN_CONFIDENCE } from '../options';
import { reviewReasons, textConfidence } from './review';

/**
 * How a result becomes workflow items (n8n items, Node-RED messages): the whole document, or one item per
 * page, per line, per line item (invoice items, lab rows) or per table row with the document's key fields
 * repeated, which is what a spreadsheet or database step downstream wants.
 */
export const OUTPUT_MODES = ['document', 'page', 'line', 'lineItem', 'tableRow'] as const;
export type OutputMode = (typeof OUTPUT_MODES)[number];

export interface OutputSettings {
  mode?: OutputMode;
  /** Keep page, line and word boxes (off by default: items stay small). */
  includeGeometry?: boolean;
  /** Below this confidence (0..1) a field, or a plain-text document, needs review. */
  minConfidence?: number;
  /** A typed document was asked for (a card, receipt or domain node): plain text alone needs review. */
  requireType?: boolean;
}

export type Item = Record<string, unknown>;

export interface Shaped {
  items: Item[];
  needsReview: boolean;
  reviewReasons: string[];
}

/**
 * Shapes one result into items. `meta` (file name, binary property …) leads every item so rows stay traceable
 * to their document. A document always yields at least one item, even without pages, lines or line items,
 * so nothing silently drops out of a spreadsheet.
 */
export function toItems(result: RecognitionResult, settings: OutputSettings = {}, meta: Item = {}): Shaped {
  const mode = settings.mode ?? 'document';
  if (!(OUTPUT_MODES as readonly string[]).includes(mode)) throw new TypeError(`Unknown output mode "${String(mode)}": use ${OUTPUT_MODES.join(', ')}.`);
  const geometry = settings.includeGeometry ?? false;
  const reasons = reviewReasons(result, settings.minConfidence ?? DEFAULT_MIN_CONFIDENCE, settings.requireType ?? false);
  if (mode === 'tableRow' && result.pages.every((p) => p.tables.length === 0)) reasons.push('No table was found on the pages read.');
  const review = { needsReview: reasons.length > 0, reviewReasons: reasons };
  const key = { ...meta, ...documentKey(result), needsReview: review.needsReview };
  let items: Item[];
  switch (mode) {
    case 'document':
      items = [{ ...meta, ...documentItem(result, geometry), ...review }];
      break;
    case 'page':
      items = result.pages.map((p) => ({ ...key, ...pageItem(p, geometry) }));
      if (items.length === 0) items = [{ ...key, page: null, text: '' }];
      break;
    case 'line':
      items = result.pages.flatMap((p) => p.lines.map((l, i) => ({ ...key, page: p.page, line: i + 1, ...lineItem(l, geometry) })));
      if (items.length === 0) items = [{ ...key, page: null, line: null, text: '', confidence: null }];
      break;
    case 'lineItem': {
      const rows = Array.isArray(result.fields.items) ? result.fields.items : [];
      items = rows.map((row, i) => ({ ...key, itemIndex: i + 1, ...prefixed(row) }));
      if (items.length === 0) items = [{ ...key, itemIndex: null }];
      break;
    }
    case 'tableRow':
      items = result.pages.flatMap((p) => p.tables.flatMap((t, i) => tableRowItems(t).map((row) => ({ ...key, page: p.page, table: i + 1, ...row }))));
      if (items.length === 0) items = [{ ...key, page: null, table: null, row: null }];
      break;
  }
  return { items, ...review };
}

function documentItem(result: RecognitionResult, geometry: boolean): Item {
  const { pages, ...rest } = result;
  return { ...rest, pages: geometry ? pages : pages.map(pageSummary) };
}

/** The type, the input's hash and every scalar field: what a split item repeats of its document. */
function documentKey(result: RecognitionResult): Item {
  const key: Item = { type: result.type, sha256: result.source.sha256 };
  for (const [name, value] of Object.entries(result.fields)) {
    if (value === null || typeof value !== 'object') key[name] = value;
  }
  return key;
}

function pageSummary(page: Page): Item {
  // blocks point into lines: both go with the geometry or neither
  const { lines, blocks: _blocks, ...rest } = page;
  return { ...rest, lineCount: lines.length, confidence: round(textConfidence([page])) };
}

function pageItem(page: Page, geometry: boolean): Item {
  const item: Item = { ...pageSummary(page), text: page.lines.map((l) => l.text).join('\n') };
  if (geometry) {
    item.lines = page.lines;
    if (page.blocks) item.blocks = page.blocks;
  }
  return item;
}

function lineItem(line: Line, geometry: boolean): Item {
  const item: Item = { text: line.text, confidence: line.confidence };
  if (geometry) {
    item.bbox = line.bbox;
    item.words = line.words;
  }
  return item;
}

/** `{ name, amount }` → `{ itemName, itemAmount }`, so an item's columns never overwrite the document's. */
function prefixed(row: FieldValue): Item {
  if (row === null || typeof row !== 'object' || Array.isArray(row)) return { itemValue: row };
  const out: Item = {};
  for (const [k, v] of Object.entries(row)) out[`item${k.charAt(0).toUpperCase()}${k.slice(1)}`] = v;
  return out;
}

function round(n: number | null): number | null {
  return n === null ? null : Math.round(n * 1000) / 1000;
}
