import type { BBox, Line } from '../result';
import { verticalOverlap } from './geometry';

/** Bands separated by a horizontal strip no line crosses, taller than a line: a paragraph break, not leading. */
export function splitByGaps(lines: Line[], lineHeight: number): Line[][] {
  const sorted = [...lines].sort((a, b) => a.bbox.y - b.bbox.y);
  const bands: Line[][] = [];
  let current: Line[] = [];
  let bottom = -Infinity;
  for (const l of sorted) {
    if (current.length > 0 && l.bbox.y - bottom > 0.9 * lineHeight) {
      bands.push(current);
      current = [];
    }
    current.push(l);
    bottom = Math.max(bottom, l.bbox.y + l.bbox.height);
  }
  if (current.length) bands.push(current);
  return bands;
}

/**
 * Rows top to bottom, each left to right. A row's lines share most of their height and stand side by side: two
 * lines one above the other (overlapping along the row by more than a third of the shorter) are two rows, however
 * much their boxes overlap in height (a photographed page's lines lean, and their boxes grow taller than the
 * leading).
 */
export function rowsInOrder(lines: Line[]): Line[] {
  const sorted = [...lines].sort((a, b) => a.bbox.y + a.bbox.height / 2 - (b.bbox.y + b.bbox.height / 2));
  const rows: Line[][] = [];
  const stacked = (a: Line, b: Line) => {
    const overlap = Math.min(a.bbox.x + a.bbox.width, b.bbox.x + b.bbox.width) - Math.max(a.bbox.x, b.bbox.x);
    return overlap > Math.min(a.bbox.width, b.bbox.width) / 3;
  };
  for (const l of sorted) {
    const row = rows[rows.length - 1];
    if (row && row.some((r) => verticalOverlap(r.bbox, l.bbox) > 0.5) && !row.some((r) => stacked(r, l))) row.push(l);
    else rows.push([l]);
  }
  return rows.flatMap((r) => r.sort((a, b) => a.bbox.x - b.bbox.x));
}

/**
 * Boxes of one page grouped into visual rows (a label and its value, the cells of a table row), top to bottom,
 * each left to right. Two boxes share a row when their vertical centres are closer than half the taller one. Lines
 * of a form (extract/) and of a borderless table (tables/) are grouped by this one rule.
 */
export function rowsOf<T extends { bbox: BBox }>(items: readonly T[]): T[][] {
  const middle = (t: T) => t.bbox.y + t.bbox.height / 2;
  const sorted = [...items].sort((a, b) => middle(a) - middle(b));
  const rows: T[][] = [];
  for (const item of sorted) {
    const row = rows[rows.length - 1];
    const centre = row ? row.reduce((s, t) => s + middle(t), 0) / row.length : 0;
    if (row && Math.abs(middle(item) - centre) < 0.5 * Math.max(item.bbox.height, ...row.map((t) => t.bbox.height))) row.push(item);
    else rows.push([item]);
  }
  return rows.map((r) => r.sort((a, b) => a.bbox.x - b.bbox.x));
}
