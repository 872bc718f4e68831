import type { BBox, Line, Table, TableCell, Word } from '../../result';
import { union } from '../../layout/geometry';

/** A text block of general-text / general-table: a line of text and its 4-point quadrilateral. */
interface Block {
  words?: unknown;
  confidence?: unknown;
  location?: unknown;
  rows?: unknown;
  columns?: unknown;
  cell_location?: unknown;
}

/**
 * general-text's `words_block_list` → our lines. Locations are in the pixels sent; dividing by `factor` gives
 * the page's. The service returns a block per line with no word boxes: words are the block's space-separated
 * parts, placed along it in proportion to their characters (exact for the line, approximate for its words).
 */
export function linesFromBlocks(blocks: unknown, factor: number): Line[] {
  if (!Array.isArray(blocks)) return [];
  const lines: Line[] = [];
  for (const block of blocks as Block[]) {
    const text = typeof block?.words === 'string' ? block.words.trim() : '';
    const bbox = boxOf(block?.location, factor);
    if (!text || !bbox) continue;
    const confidence = typeof block.confidence === 'number' ? clamp(block.confidence) : 1;
    lines.push({ text, confidence, bbox, words: wordsAlong(text, bbox, confidence) });
  }
  return lines;
}

/**
 * general-table's `words_region_list` → lines (every block, in or out of a table) and tables: a table block is
 * a cell whose `rows`/`columns` list the grid rows and columns it spans.
 */
export function fromRegions(regions: unknown, factor: number): { lines: Line[]; tables: Table[] } {
  const lines: Line[] = [];
  const tables: Table[] = [];
  if (!Array.isArray(regions)) return { lines, tables };
  for (const region of regions as Array<{ type?: unknown; words_block_list?: unknown }>) {
    const blocks = Array.isArray(region?.words_block_list) ? (region.words_block_list as Block[]) : [];
    lines.push(
      ...linesFromBlocks(
        blocks.map((b) => ({ ...b, location: b.location ?? b.cell_location })),
        factor,
      ),
    );
    if (region?.type === 'table') {
      const table = tableOf(blocks, factor);
      if (table) tables.push(table);
    }
  }
  return { lines, tables };
}

function tableOf(blocks: Block[], factor: number): Table | null {
  const cells: TableCell[] = [];
  for (const b of blocks) {
    const rows = indices(b.rows);
    const cols = indices(b.columns);
    const bbox = boxOf(b.cell_location ?? b.location, factor);
    if (!rows.length || !cols.length || !bbox) continue;
    const row = Math.min(...rows);
    const col = Math.min(...cols);
    cells.push({
      row,
      col,
      rowSpan: Math.max(...rows) - row + 1,
      colSpan: Math.max(...cols) - col + 1,
      text: typeof b.words === 'string' ? b.words.trim() : '',
      bbox,
    });
  }
  if (cells.length === 0) return null;
  const rowCount = Math.max(...cells.map((c) => c.row + c.rowSpan));
  const colCount = Math.max(...cells.map((c) => c.col + c.colSpan));
  // a spanned cell's text sits in its top-left slot, as in our own ruled tables
  const rows = Array.from({ length: rowCount }, () => Array.from({ length: colCount }, () => ''));
  for (const c of cells) rows[c.row][c.col] = c.text;
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  return { bbox: union(cells.map((c) => c.bbox)), rows, cells };
}

function indices(value: unknown): number[] {
  return Array.isArray(value) ? value.filter((n): n is number => Number.isInteger(n) && n >= 0) : [];
}

/** The axis-aligned box around a quadrilateral [[x,y] ×4], in page pixels. */
export function boxOf(location: unknown, factor: number): BBox | null {
  if (!Array.isArray(location)) return null;
  const points = location.filter((p): p is [number, number] => Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'number');
  if (points.length < 2) return null;
  const xs = points.map((p) => p[0] / factor);
  const ys = points.map((p) => p[1] / factor);
  const x = Math.max(0, Math.min(...xs));
  const y = Math.max(0, Math.min(...ys));
  return { x: Math.round(x), y: Math.round(y), width: Math.round(Math.max(...xs) - x), height: Math.round(Math.max(...ys) - y) };
}

function wordsAlong(text: string, line: BBox, confidence: number): Word[] {
  const parts = text.split(/\s+/).filter(Boolean);
  const total = [...text].length;
  const words: Word[] = [];
  let at = 0;
  for (const part of parts) {
    const start = text.indexOf(part, at);
    at = start + part.length;
    const from = [...text.slice(0, start)].length / total;
    const to = [...text.slice(0, at)].length / total;
    words.push({
      text: part,
      confidence,
      bbox: { x: Math.round(line.x + from * line.width), y: line.y, width: Math.max(1, Math.round((to - from) * line.width)), height: line.height },
    });
  }
  return words;
}

function clamp(n: number): number {
  return Math.max(0, Math.min(1, n));
}
