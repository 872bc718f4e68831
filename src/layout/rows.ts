import type { Line } from '../result';
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

/** Rows (lines sharing most of their height) top to bottom, each left to right. */
export function rowsInOrder(lines: Line[]): Line[] {
  const sorted = [...lines].sort((a, b) => a.bbox.y + a.bbox.height / 2 - (b.bbox.y + b.bbox.height / 2));
  const rows: Line[][] = [];
  for (const l of sorted) {
    const row = rows[rows.length - 1];
    if (row && row.some((r) => verticalOverlap(r.bbox, l.bbox) > 0.5)) row.push(l);
    else rows.push([l]);
  }
  return rows.flatMap((r) => r.sort((a, b) => a.bbox.x - b.bbox.x));
}
