import type { Line } from '../result';
import { median, verticalOverlap } from './geometry';

/**
 * Reading order from geometry alone, the same for every engine (a simple XY-cut):
 * 1. a vertical gutter through every line of a region splits it into columns, read one after the other,
 *    but only where the two sides are really columns (see `isColumnSplit`);
 * 2. otherwise a paragraph-sized horizontal gap splits it into bands, read top to bottom;
 * 3. what is left is read in rows (lines sharing most of their height), each row left to right.
 */
export function orderLines(lines: Line[]): Line[] {
  if (lines.length <= 1) return [...lines];
  const lineHeight = median(lines.map((l) => l.bbox.height)) || 1;
  return xyCut(lines, lineHeight);
}

function xyCut(lines: Line[], lineHeight: number): Line[] {
  const columns = splitByGutter(lines, lineHeight);
  if (columns.length > 1) return columns.flatMap((c) => xyCut(c, lineHeight));
  const bands = splitByGaps(lines, lineHeight);
  if (bands.length > 1) return bands.flatMap((b) => xyCut(b, lineHeight));
  return rowsThenColumns(lines);
}

/** Bands separated by a horizontal strip no line crosses, taller than a line: a paragraph break, not leading. */
function splitByGaps(lines: Line[], lineHeight: number): Line[][] {
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

/** Groups separated by a vertical gutter, wider than a line is tall, crossing the whole region. */
function splitByGutter(lines: Line[], lineHeight: number): Line[][] {
  if (lines.length < 6) return [lines];
  const sorted = [...lines].sort((a, b) => a.bbox.x - b.bbox.x);
  const groups: Line[][] = [];
  let current: Line[] = [];
  let right = -Infinity;
  for (const l of sorted) {
    if (current.length > 0 && l.bbox.x - right > 1.5 * lineHeight) {
      groups.push(current);
      current = [];
    }
    current.push(l);
    right = Math.max(right, l.bbox.x + l.bbox.width);
  }
  if (current.length) groups.push(current);
  if (groups.length < 2) return [lines];
  for (let i = 1; i < groups.length; i++) if (!isColumnSplit(groups[i - 1], groups[i], lineHeight)) return [lines];
  return groups;
}

/**
 * Labels beside values, or table cells, sit on shared rows and must be read row by row. Two sides are
 * columns when each has several lines and either their rows do not line up, or both hold prose-length lines
 * (typeset columns often share baselines).
 */
function isColumnSplit(left: Line[], right: Line[], lineHeight: number): boolean {
  if (left.length < 3 || right.length < 3) return false;
  const aligned = left.filter((l) => right.some((r) => verticalOverlap(l.bbox, r.bbox) > 0.5)).length / left.length;
  if (aligned < 0.5) return true;
  const prose = (side: Line[]) => median(side.map((l) => l.bbox.width)) >= 8 * lineHeight;
  return prose(left) && prose(right);
}

function rowsThenColumns(lines: Line[]): Line[] {
  const sorted = [...lines].sort((a, b) => a.bbox.y + a.bbox.height / 2 - (b.bbox.y + b.bbox.height / 2));
  const rows: Line[][] = [];
  for (const l of sorted) {
    const row = rows[rows.length - 1];
    if (row && row.some((r) => verticalOverlap(r.bbox, l.bbox) > 0.5)) row.push(l);
    else rows.push([l]);
  }
  return rows.flatMap((r) => r.sort((a, b) => a.bbox.x - b.bbox.x));
}
