import type { Line } from '../result';
import { layoutPage } from './page';

/**
 * Reading order from geometry alone, the same for every engine and for text layers: the layout step's lines
 * (page.ts), without its blocks. Columns column by column, top to bottom; rows left to right.
 */
export function orderLines(lines: Line[]): Line[] {
  if (lines.length <= 1) return [...lines];
  return layoutPage(lines).lines;
}
