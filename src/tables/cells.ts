import type { BBox, Line, Table, TableCell, Word } from '../result';
import { mergeWords } from '../layout/text';
import type { Grid } from './grid';

/**
 * Recognized words into a grid's cells. A word goes to the cell holding its centre; a word that runs across a
 * column boundary (the engine joined two cells' text) is cut there, its characters shared out by their
 * estimated positions. A cell's words are read top to bottom, left to right, joined by the shared CJK-aware rule.
 */
export function fillGrid(grid: Grid, lines: readonly Line[]): Table {
  const boundaries = columnBoundaries(grid);
  const inCell: Word[][] = grid.cells.map(() => []);
  const lineHeights: number[][] = grid.cells.map(() => []);
  for (const line of lines) {
    const words = line.words.length ? line.words : [{ text: line.text, confidence: line.confidence, bbox: line.bbox }];
    for (const word of words.flatMap((w) => cutAtBoundaries(w, boundaries))) {
      const i = cellAt(grid, word.bbox);
      if (i < 0) continue;
      inCell[i].push(word);
      lineHeights[i].push(line.bbox.height);
    }
  }
  const cells: TableCell[] = grid.cells.map((cell, i) => ({ ...cell, text: cellText(inCell[i], lineHeights[i]) }));
  const rows = Array.from({ length: grid.rowCount }, () => Array.from({ length: grid.colCount }, () => ''));
  for (const c of cells) rows[c.row][c.col] = c.text;
  return { bbox: grid.bbox, rows, cells };
}

/** Whether a line lies inside the table: such lines' text belongs to cells, not to the running text. */
export function insideTable(table: { bbox: BBox }, box: BBox): boolean {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  return cx >= table.bbox.x && cx <= table.bbox.x + table.bbox.width && cy >= table.bbox.y && cy <= table.bbox.y + table.bbox.height;
}

function columnBoundaries(grid: Grid): Array<{ x: number; y0: number; y1: number }> {
  // the left edge of every cell not in the first column: a boundary over that cell's height
  return grid.cells.filter((c) => c.col > 0).map((c) => ({ x: c.bbox.x, y0: c.bbox.y, y1: c.bbox.y + c.bbox.height }));
}

function cutAtBoundaries(word: Word, boundaries: Array<{ x: number; y0: number; y1: number }>): Word[] {
  const chars = [...word.text];
  if (chars.length < 2) return [word];
  const cy = word.bbox.y + word.bbox.height / 2;
  const charWidth = word.bbox.width / chars.length;
  const cuts = boundaries
    .filter((b) => cy >= b.y0 && cy <= b.y1 && b.x > word.bbox.x + charWidth / 2 && b.x < word.bbox.x + word.bbox.width - charWidth / 2)
    .map((b) => b.x)
    .sort((a, b) => a - b);
  if (cuts.length === 0) return [word];
  const pieces: Word[] = [];
  let start = 0;
  for (const x of [...cuts, Infinity]) {
    const end = x === Infinity ? chars.length : Math.round((x - word.bbox.x) / charWidth);
    const text = chars.slice(start, end).join('').trim();
    if (text) {
      pieces.push({
        text,
        confidence: word.confidence,
        bbox: { x: word.bbox.x + start * charWidth, y: word.bbox.y, width: (end - start) * charWidth, height: word.bbox.height },
      });
    }
    start = Math.max(start, end);
  }
  return pieces;
}

function cellAt(grid: Grid, box: BBox): number {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  return grid.cells.findIndex((c) => cx >= c.bbox.x && cx < c.bbox.x + c.bbox.width && cy >= c.bbox.y && cy < c.bbox.y + c.bbox.height);
}

function cellText(words: Word[], heights: number[]): string {
  if (words.length === 0) return '';
  const height = heights.reduce((s, h) => s + h, 0) / heights.length;
  // visual lines inside the cell: words whose centres are within half a line height
  const sorted = [...words].sort((a, b) => a.bbox.y + a.bbox.height / 2 - (b.bbox.y + b.bbox.height / 2));
  const lines: Word[][] = [];
  for (const w of sorted) {
    const cy = w.bbox.y + w.bbox.height / 2;
    const last = lines[lines.length - 1];
    if (last && Math.abs(cy - (last[0].bbox.y + last[0].bbox.height / 2)) < height / 2) last.push(w);
    else lines.push([w]);
  }
  const texts = lines.map(
    (l) =>
      mergeWords(
        l.sort((a, b) => a.bbox.x - b.bbox.x),
        height,
      ).text,
  );
  // wrapped text continues: no space inside Chinese, one space between Latin pieces
  return mergeWords(
    texts.map((text, i) => ({ text, confidence: 1, bbox: { x: i * 10, y: 0, width: 1, height: 1 } })),
    Number.POSITIVE_INFINITY,
  ).text;
}
