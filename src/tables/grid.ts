import type { BBox } from '../result';
import type { Rule, Rules } from './rules';

/**
 * Ruling lines → table grids. Rules that cross or touch form one table; its row and column boundaries are the
 * rules' positions (plus the table's outer edges where a frame side is not drawn). Neighbouring grid cells with
 * no rule between them are one spanned cell.
 */
export interface GridCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  bbox: BBox;
}

export interface Grid {
  bbox: BBox;
  rowCount: number;
  colCount: number;
  cells: GridCell[];
}

export function gridsOf(rules: Rules, tolerance: number): Grid[] {
  const all = [...rules.horizontal.map((r) => ({ r, h: true })), ...rules.vertical.map((r) => ({ r, h: false }))];
  const parent = all.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < all.length; i++) {
    if (!all[i].h) continue;
    for (let j = 0; j < all.length; j++) {
      if (all[j].h || !crosses(all[i].r, all[j].r, tolerance)) continue;
      parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, { horizontal: Rule[]; vertical: Rule[] }>();
  all.forEach((item, i) => {
    const g = groups.get(find(i)) ?? { horizontal: [], vertical: [] };
    (item.h ? g.horizontal : g.vertical).push(item.r);
    groups.set(find(i), g);
  });
  const grids: Grid[] = [];
  for (const g of groups.values()) {
    if (g.horizontal.length < 2 || g.vertical.length < 2) continue;
    const grid = buildGrid(g.horizontal, g.vertical, tolerance);
    if (grid && grid.cells.length >= 2) grids.push(grid);
  }
  return grids.sort((a, b) => a.bbox.y - b.bbox.y || a.bbox.x - b.bbox.x);
}

function crosses(h: Rule, v: Rule, tol: number): boolean {
  return v.pos >= h.from - tol && v.pos <= h.to + tol && h.pos >= v.from - tol && h.pos <= v.to + tol;
}

function buildGrid(horizontal: Rule[], vertical: Rule[], tol: number): Grid | null {
  const left = Math.min(...horizontal.map((h) => h.from));
  const right = Math.max(...horizontal.map((h) => h.to));
  const top = Math.min(...vertical.map((v) => v.from));
  const bottom = Math.max(...vertical.map((v) => v.to));
  const xs = cluster([left, right, ...vertical.map((v) => v.pos)], tol);
  const ys = cluster([top, bottom, ...horizontal.map((h) => h.pos)], tol);
  const rows = ys.length - 1;
  const cols = xs.length - 1;
  if (rows < 1 || cols < 1) return null;

  const verticalAt = (c: number, r: number) => vertical.some((v) => Math.abs(v.pos - xs[c]) <= tol && v.from <= ys[r] + tol && v.to >= ys[r + 1] - tol);
  const horizontalAt = (r: number, c: number) => horizontal.some((h) => Math.abs(h.pos - ys[r]) <= tol && h.from <= xs[c] + tol && h.to >= xs[c + 1] - tol);

  const parent = Array.from({ length: rows * cols }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (c + 1 < cols && !verticalAt(c + 1, r)) parent[find(r * cols + c)] = find(r * cols + c + 1);
      if (r + 1 < rows && !horizontalAt(r + 1, c)) parent[find(r * cols + c)] = find((r + 1) * cols + c);
    }
  }
  const spans = new Map<number, { r0: number; r1: number; c0: number; c1: number }>();
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const root = find(r * cols + c);
      const s = spans.get(root);
      if (!s) spans.set(root, { r0: r, r1: r, c0: c, c1: c });
      else Object.assign(s, { r0: Math.min(s.r0, r), r1: Math.max(s.r1, r), c0: Math.min(s.c0, c), c1: Math.max(s.c1, c) });
    }
  }
  const cells = [...spans.values()]
    .map((s) => ({
      row: s.r0,
      col: s.c0,
      rowSpan: s.r1 - s.r0 + 1,
      colSpan: s.c1 - s.c0 + 1,
      bbox: { x: xs[s.c0], y: ys[s.r0], width: xs[s.c1 + 1] - xs[s.c0], height: ys[s.r1 + 1] - ys[s.r0] },
    }))
    .sort((a, b) => a.row - b.row || a.col - b.col);
  return { bbox: { x: xs[0], y: ys[0], width: xs[cols] - xs[0], height: ys[rows] - ys[0] }, rowCount: rows, colCount: cols, cells };
}

/** Positions within `tol` of each other are one boundary (their mean). */
function cluster(values: number[], tol: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v - last[last.length - 1] <= tol) last.push(v);
    else out.push([v]);
  }
  return out.map((g) => Math.round(g.reduce((s, v) => s + v, 0) / g.length));
}
