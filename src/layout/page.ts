import type { Block, Line, Word } from '../result';
import { median, union } from './geometry';
import { MIN_GUTTER, splitAtSpanningLines, splitColumns } from './columns';
import { joinRowFragments } from './lines';
import { rowsInOrder, splitByGaps } from './rows';

/**
 * The layout step, the same for every engine and for text layers: a page's lines → blocks in reading order.
 *
 * 1. The analysis frame: where the lines still lean (an engine that reports boxes of the page as scanned), word
 *    boxes are turned level about the page's centre, so gutters and rows are straight.
 * 2. A recursive cut: columns first (splitColumns: whitespace gutters, lines that cross one are cut), read one
 *    after the other; else columns under a few lines that span them (a running head, a title, a page number,
 *    a caption: each a band of its own where it stands); else bands at paragraph gaps, neighbouring bands that share a gutter read together as
 *    columns, so a gap that happens to fall at the same height in both columns does not interleave them; a
 *    title or footer spanning the columns is its own band above or below them.
 * 3. A leaf (one paragraph of one column) joins the fragments of its rows and reads them top to bottom.
 */
export interface PageLayout {
  lines: Line[];
  blocks: Block[];
}

export interface LayoutOptions {
  /** join the pieces of a row the engine cut apart (OCR); text layers have their own rows */
  joinFragments?: boolean;
}

export function layoutPage(lines: Line[], opts: LayoutOptions = {}): PageLayout {
  const live = lines.filter((l) => l.text.trim() !== '');
  if (live.length === 0) return { lines: [], blocks: [] };
  // pieces closer than any gutter can be joined before the columns are looked for: they are one line whatever
  // the layout, and whole lines show the analysis what the page holds (a row cut into words is no prose)
  const frame = levelFrame(opts.joinFragments ? joinRowFragments(live, MIN_GUTTER) : live);
  const lineHeight = median(frame.lines.map((l) => l.bbox.height)) || 1;
  const leaves = cut(frame.lines, lineHeight);
  const out: Line[] = [];
  const blocks: Block[] = [];
  for (const leaf of leaves) {
    const joined = opts.joinFragments ? joinRowFragments(leaf) : leaf;
    const ordered = rowsInOrder(joined).map(frame.back);
    blocks.push({ bbox: union(ordered.map((l) => l.bbox)), lines: ordered.map((_, i) => out.length + i) });
    out.push(...ordered);
  }
  return { lines: out, blocks };
}

function cut(lines: Line[], lineHeight: number): Line[][] {
  if (lines.length <= 1) return [lines];
  const columns = splitColumns(lines, lineHeight);
  if (columns) {
    const { above, inside, below } = outsideColumns(columns, lineHeight);
    return [...(above.length ? cut(above, lineHeight) : []), ...inside.flatMap((c) => cut(c, lineHeight)), ...(below.length ? cut(below, lineHeight) : [])];
  }
  const spanned = splitAtSpanningLines(lines, lineHeight);
  if (spanned) return spanned.flatMap((b) => cut(b, lineHeight));
  const bands = splitByGaps(lines, lineHeight);
  if (bands.length < 2) return [lines];
  const groups: Line[][] = [];
  for (const band of bands) {
    const last = groups[groups.length - 1];
    if (last && splitColumns([...last, ...band], lineHeight)) groups[groups.length - 1] = [...last, ...band];
    else groups.push(band);
  }
  // all bands merged back: the region is one whole that no cut divides
  if (groups.length < 2) return [lines];
  return groups.flatMap((g) => cut(g, lineHeight));
}

/**
 * A running head or a page number that stands over or under one column (centred on the page, it falls inside a
 * column's span) belongs to the page, not to that column: a column's lines wholly above the tops of all the
 * other columns are read before the columns; a short line under the bottoms of all the others, half a line
 * height or more below its own column's text, after them. A column that is simply longer keeps its lines: they are
 * neither above the others nor set apart.
 */
function outsideColumns(columns: Line[][], lineHeight: number): { above: Line[]; inside: Line[][]; below: Line[] } {
  const above: Line[] = [];
  const below: Line[] = [];
  const inside = columns.map((col, i) => {
    const others = columns.filter((_, j) => j !== i).flat();
    if (others.length === 0) return col;
    const othersTop = Math.min(...others.map((l) => l.bbox.y));
    const othersBottom = Math.max(...others.map((l) => l.bbox.y + l.bbox.height));
    const colWidth = Math.max(...col.map((l) => l.bbox.width));
    const sorted = [...col].sort((a, b) => a.bbox.y - b.bbox.y);
    const kept: Line[] = [];
    sorted.forEach((l, k) => {
      const prevBottom = k > 0 ? sorted[k - 1].bbox.y + sorted[k - 1].bbox.height : -Infinity;
      if (l.bbox.y + l.bbox.height <= othersTop + 0.25 * lineHeight && kept.length === 0) above.push(l);
      else if (l.bbox.y >= othersBottom && l.bbox.y - prevBottom > 0.5 * lineHeight && l.bbox.width < 0.5 * colWidth && k === sorted.length - 1) below.push(l);
      else kept.push(l);
    });
    return kept;
  });
  return { above, inside: inside.filter((c) => c.length > 0), below };
}

/** Tilt below this is left alone: it moves a word by under a pixel per 100 px of line. */
const MIN_TILT = 0.3;

interface Frame {
  lines: Line[];
  /** an analysis line (or a piece of one) → the same words in the page's own coordinates */
  back: (l: Line) => Line;
}

/**
 * Lines levelled for analysis. The tilt is the median slope of the lines' word centres (lines of three words or
 * more); boxes are moved, not turned: a word's box keeps its size, its centre turns about the page's centre.
 */
function levelFrame(lines: Line[]): Frame {
  const tilt = estimateTilt(lines);
  if (Math.abs(tilt) < MIN_TILT) return { lines, back: (l) => l };
  const all = union(lines.map((l) => l.bbox));
  const cx = all.x + all.width / 2,
    cy = all.y + all.height / 2;
  // a word's centre turned by `deg` about the page's centre, its box's size kept
  const turn = (w: Word, deg: number): Word => {
    const rad = (deg * Math.PI) / 180;
    const x = w.bbox.x + w.bbox.width / 2 - cx,
      y = w.bbox.y + w.bbox.height / 2 - cy;
    const nx = cx + x * Math.cos(rad) - y * Math.sin(rad),
      ny = cy + x * Math.sin(rad) + y * Math.cos(rad);
    return { ...w, bbox: { x: Math.round(nx - w.bbox.width / 2), y: Math.round(ny - w.bbox.height / 2), width: w.bbox.width, height: w.bbox.height } };
  };
  const whole = new Map<Line, Line>();
  const levelled = lines.map((l) => {
    const words = l.words.map((w) => turn(w, -tilt));
    const bbox = words.length ? union(words.map((w) => w.bbox)) : turn({ text: l.text, confidence: l.confidence, bbox: l.bbox }, -tilt).bbox;
    const moved: Line = { ...l, bbox, words };
    whole.set(moved, l);
    return moved;
  });
  return {
    lines: levelled,
    // a line as the engine gave it comes back as it was; a piece or a join of lines, turned back word by word
    back: (l) => {
      const given = whole.get(l);
      if (given) return given;
      const words = l.words.map((w) => turn(w, tilt));
      return { ...l, bbox: words.length ? union(words.map((w) => w.bbox)) : turn({ text: l.text, confidence: l.confidence, bbox: l.bbox }, tilt).bbox, words };
    },
  };
}

/** Degrees the text leans (clockwise positive, in image coordinates): the median word-centre slope of long lines. */
export function estimateTilt(lines: Line[]): number {
  const slopes: number[] = [];
  for (const l of lines) {
    if (l.words.length < 3) continue;
    const pts = l.words.map((w) => ({ x: w.bbox.x + w.bbox.width / 2, y: w.bbox.y + w.bbox.height / 2 }));
    const mx = pts.reduce((s, p) => s + p.x, 0) / pts.length,
      my = pts.reduce((s, p) => s + p.y, 0) / pts.length;
    let sxx = 0,
      sxy = 0;
    for (const p of pts) {
      sxx += (p.x - mx) ** 2;
      sxy += (p.x - mx) * (p.y - my);
    }
    if (sxx > 0) slopes.push(sxy / sxx);
  }
  if (slopes.length < 3) return 0;
  return (Math.atan(median(slopes)) * 180) / Math.PI;
}
