import type { BBox, Line, Table, TableCell } from '../result';
import { union } from '../layout/geometry';
import { rowsOf as visualRows } from '../layout/rows';
import { insideTable } from './cells';

/**
 * Tables without rules (statements, price lists, digital PDFs whose grid is only whitespace): columns from the
 * alignment of text across rows. A row is cut into pieces where the gap between words is wider than about two
 * characters; a run of at least three consecutive rows of three or more pieces whose pieces fall into the same
 * column bands is a table. Text-layer and recognized pages alike; lines inside a ruled table are left to it.
 */
const MIN_ROWS = 3;
const MIN_COLUMNS = 3;

interface Piece {
  text: string;
  bbox: BBox;
}

interface Row {
  pieces: Piece[];
  bbox: BBox;
  /** the height of one text line of the row (its box grows when a wrapped line joins it) */
  lineHeight: number;
}

export function findBorderlessTables(lines: readonly Line[], ruled: readonly Table[] = []): Table[] {
  const free = lines.filter((l) => !ruled.some((t) => insideTable(t, l.bbox)));
  const rows = rowsWithPieces(free);
  const tables: Table[] = [];
  let run: Row[] = [];
  const flush = () => {
    const table = run.length >= MIN_ROWS ? tableOf(run) : null;
    if (table) tables.push(table);
    run = [];
  };
  for (const row of rows) {
    const last = run[run.length - 1];
    if (last && run.length >= 2 && continues(last, row)) {
      // a name wrapped onto a second line stays in its cell
      const piece = row.pieces[0];
      const cell = last.pieces.find((p) => overlaps(p.bbox, piece.bbox))!;
      cell.text = joinText(cell.text, piece.text);
      cell.bbox = union([cell.bbox, piece.bbox]);
      last.bbox = union([last.bbox, piece.bbox]);
      continue;
    }
    const gap = last ? row.bbox.y - (last.bbox.y + last.bbox.height) : 0;
    const close = !last || gap < 2.5 * Math.max(row.lineHeight, last.lineHeight);
    // rows whose pieces bridge each other's columns belong to different layouts (a form above a table)
    const fits = run.length === 0 || bandsOf([...run, row]).length >= Math.max(bandsOf(run).length, bandsOf([row]).length);
    if (row.pieces.length >= MIN_COLUMNS - 1 && close && fits) run.push(row);
    else {
      flush();
      if (row.pieces.length >= MIN_COLUMNS - 1) run.push(row);
    }
  }
  flush();
  return tables;
}

/** Lines into visual rows (layout/rows.ts), each row's words cut at wide gaps. */
function rowsWithPieces(lines: readonly Line[]): Row[] {
  const groups = visualRows(lines);
  return groups.map((group) => {
    const height = Math.max(...group.map((l) => l.bbox.height));
    const words = group
      .flatMap((l) => (l.words.length ? l.words : [{ text: l.text, confidence: l.confidence, bbox: l.bbox }]))
      .sort((a, b) => a.bbox.x - b.bbox.x);
    const pieces: Piece[] = [];
    for (const w of words) {
      const last = pieces[pieces.length - 1];
      // a cell's words are a space apart; columns, two characters or more (a character is about half the height)
      if (last && w.bbox.x - (last.bbox.x + last.bbox.width) < height * 0.9) {
        last.text = joinText(last.text, w.text);
        last.bbox = union([last.bbox, w.bbox]);
      } else pieces.push({ text: w.text, bbox: { ...w.bbox } });
    }
    return { pieces, bbox: union(group.map((l) => l.bbox)), lineHeight: height };
  });
}

/** Column bands from the pieces' extents across the run; null when too few rows agree on three or more columns. */
function tableOf(run: Row[]): Table | null {
  const bands = bandsOf(run);
  if (bands.length < MIN_COLUMNS) return null;
  // rows that fill most bands make the table; a title or a note across the columns does not
  const filled = run.map((r) => new Set(r.pieces.map((p) => bandOf(bands, p.bbox))).size);
  const good = filled.filter((n) => n >= Math.max(MIN_COLUMNS - 1, bands.length - 1)).length;
  if (good < MIN_ROWS) return null;
  const cells: TableCell[] = [];
  const rows = run.map(() => bands.map(() => ''));
  run.forEach((row, r) => {
    bands.forEach((band, c) => {
      const inBand = row.pieces.filter((p) => bandOf(bands, p.bbox) === c);
      const text = inBand.map((p) => p.text).reduce((a, b) => joinText(a, b), '');
      rows[r][c] = text;
      cells.push({ row: r, col: c, rowSpan: 1, colSpan: 1, text, bbox: { x: band[0], y: row.bbox.y, width: band[1] - band[0], height: row.bbox.height } });
    });
  });
  return { bbox: union(cells.map((c) => c.bbox)), rows, cells };
}

/** A lone piece just under a table row, inside one of its cells: that cell's text wrapping. */
function continues(last: Row, row: Row): boolean {
  if (row.pieces.length !== 1) return false;
  const gap = row.bbox.y - (last.bbox.y + last.bbox.height);
  return gap < 0.8 * row.lineHeight && last.pieces.some((p) => overlaps(p.bbox, row.pieces[0].bbox) && row.pieces[0].bbox.x >= p.bbox.x - row.lineHeight);
}

function overlaps(a: BBox, b: BBox): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width;
}

/** Column bands: the union of the overlapping x-extents of every piece of the rows. */
function bandsOf(rows: readonly Row[]): Array<[number, number]> {
  const spans = rows.flatMap((r) => r.pieces.map((p) => [p.bbox.x, p.bbox.x + p.bbox.width] as [number, number])).sort((a, b) => a[0] - b[0]);
  const bands: Array<[number, number]> = [];
  for (const [x0, x1] of spans) {
    const band = bands[bands.length - 1];
    if (band && x0 <= band[1]) band[1] = Math.max(band[1], x1);
    else bands.push([x0, x1]);
  }
  return bands;
}

function bandOf(bands: Array<[number, number]>, box: BBox): number {
  const cx = box.x + box.width / 2;
  const i = bands.findIndex(([x0, x1]) => cx >= x0 && cx <= x1);
  return i >= 0 ? i : 0;
}

/** Latin words get a space; CJK runs join directly. */
function joinText(a: string, b: string): string {
  if (!a) return b;
  return /[\u3000-\u9fff\uff00-\uffef]$/.test(a) && /^[\u3000-\u9fff\uff00-\uffef]/.test(b) ? a + b : `${a} ${b}`;
}
