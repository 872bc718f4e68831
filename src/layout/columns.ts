import type { BBox, Line, Word } from '../result';
import { median, union, verticalOverlap } from './geometry';
import { isCjk, mergeWords } from './text';

/**
 * Columns from whitespace: a vertical strip that no word of a region crosses, wide enough not to be the space
 * between two words, with text on both sides that reads as columns (not a form's labels beside their values).
 * Words, not lines, decide: an engine that reads across a narrow gutter returns one line holding both columns'
 * words, and the gap between those words is the gutter. Such lines are cut at the gutter.
 *
 * Geometry here is the analysis frame (`frame` in page.ts): boxes turned level when the page is tilted.
 */

/** A strip narrower than this (in line heights) is a space between words, even when it runs down many rows. */
export const MIN_GUTTER = 0.5;
/** Below this width a gutter needs the corroboration of many rows on each side (see isColumnSplit). */
const WIDE_GUTTER = 1.5;
/** A line of prose holds at least this many characters (a CJK character counts two): labels and values hold fewer. */
const PROSE_CHARS = 14;
/** A side whose lines are this many line heights wide, on median, is running text too. */
const WIDE_LINE = 8;
/** ... and runs to most of its column's width (ragged right, a narrow column's lines vary by a word or two). */
const FULL_LINE = 0.7;
/** Share of a column's lines that must be prose: the rest may be a table, a list, headings. */
const PROSE_SHARE = 0.25;
/** ... and at least this many of them. */
const MIN_PROSE_LINES = 5;

/**
 * The region's lines cut into columns, left to right, or null when the region is one column. Lines crossing a
 * gutter come back as two (or three) lines, one per column.
 */
export function splitColumns(lines: Line[], lineHeight: number): Line[][] | null {
  if (lines.length < 6) return null;
  const kept = gutterCuts(lines, lineHeight);
  while (kept.length > 0) {
    const groups = assign(
      lines.flatMap((l) => cutLine(l, kept)),
      kept,
    );
    // the narrowest cut whose two sides are not columns goes, and the sides are read together
    const failing = kept.map((c, i) => ({ c, i })).filter(({ c, i }) => !isColumnSplit(groups[i], groups[i + 1], lineHeight, c.width));
    if (failing.length === 0) return groups;
    const narrowest = failing.reduce((a, b) => (b.c.width < a.c.width ? b : a));
    kept.splice(narrowest.i, 1);
  }
  return null;
}

/** Lines that may cross a gutter and still leave it one: a title, a running head, a page number, a caption. */
const SPANNING_SHARE = 0.1;
/** Share of a strip's width one word must cover to span it. */
const SPAN_COVER = 0.6;

/**
 * Columns under lines that span them. A running head, a title, a caption or a page number crossing the gutter
 * keeps `splitColumns` from seeing it; here a strip that all but a few lines leave empty is a gutter when the
 * other lines, without those few, are columns. The region is then cut into bands at the spanning lines, each
 * spanning line a band of its own where it stands: columns above it are read before it, columns below after.
 * Returns the bands top to bottom, or null.
 */
export function splitAtSpanningLines(lines: Line[], lineHeight: number): Line[][] | null {
  if (lines.length < 7) return null;
  const allowed = Math.max(2, Math.ceil(SPANNING_SHARE * lines.length));
  const strips = sparseStrips(lines, lineHeight, allowed);
  if (strips.length === 0) return null;
  // a line spans a strip when one of its words covers most of it; one that only reaches into it (a hanging
  // comma, a long word) narrows the gutter but leaves it one; a line whose words stand closer than a gutter on
  // both sides of it (a title in a larger size) spans it too
  const crosses = (l: Line) =>
    wordBoxes(l).some((b) => strips.some((s) => Math.min(b.x + b.width, s.x1) - Math.max(b.x, s.x0) >= SPAN_COVER * (s.x1 - s.x0))) ||
    strips.some((s) => spaceAt(l, (s.x0 + s.x1) / 2));
  const spanning = lines.filter(crosses);
  if (spanning.length === 0 || spanning.length > allowed) return null;
  const rest = lines.filter((l) => !spanning.includes(l));
  if (!splitColumns(rest, lineHeight)) return null;
  const bands: Line[][] = [];
  let current: Line[] = [];
  const mid = (l: Line) => l.bbox.y + l.bbox.height / 2;
  const sorted = [...spanning].sort((a, b) => mid(a) - mid(b));
  let k = 0;
  for (const l of [...rest].sort((a, b) => mid(a) - mid(b))) {
    while (k < sorted.length && mid(sorted[k]) < mid(l)) {
      if (current.length) bands.push(current);
      bands.push([sorted[k++]]);
      current = [];
    }
    current.push(l);
  }
  if (current.length) bands.push(current);
  while (k < sorted.length) bands.push([sorted[k++]]);
  return bands.length > 1 ? bands : null;
}

/**
 * Vertical strips at least MIN_GUTTER line heights wide, inside the region, that at most `allowed` lines put a
 * word in (a histogram of the lines over x, a quarter line height a bin).
 */
function sparseStrips(lines: Line[], lineHeight: number, allowed: number): Array<{ x0: number; x1: number }> {
  const all = lines.flatMap(wordBoxes);
  const left = Math.min(...all.map((b) => b.x));
  const right = Math.max(...all.map((b) => b.x + b.width));
  const bin = Math.max(1, lineHeight / 4);
  const bins = Math.ceil((right - left) / bin) + 1;
  if (bins > 100_000) return [];
  const cover = new Int32Array(bins);
  for (const l of lines) {
    const seen = new Uint8Array(bins);
    for (const b of wordBoxes(l)) {
      const i0 = Math.max(0, Math.floor((b.x - left) / bin));
      const i1 = Math.min(bins - 1, Math.floor((b.x + b.width - left) / bin));
      for (let i = i0; i <= i1; i++) seen[i] = 1;
    }
    for (let i = 0; i < bins; i++) cover[i] += seen[i];
  }
  const strips: Array<{ x0: number; x1: number }> = [];
  for (let i = 0; i < bins;) {
    if (cover[i] > allowed) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < bins && cover[j + 1] <= allowed) j++;
    const x0 = left + (i + 1) * bin,
      x1 = left + j * bin;
    // strictly inside the region: a strip at its edge is margin, not gutter
    if (i > 0 && j < bins - 1 && x1 - x0 >= MIN_GUTTER * lineHeight) strips.push({ x0, x1 });
    i = j + 1;
  }
  return strips;
}

interface Cut {
  /** centre of the gutter, and its width */
  x: number;
  width: number;
}

/** Strips of the region no word crosses, at least MIN_GUTTER line heights wide, between the region's words. */
function gutterCuts(lines: Line[], lineHeight: number): Cut[] {
  const boxes = lines.flatMap(wordBoxes).sort((a, b) => a.x - b.x);
  const cuts: Cut[] = [];
  let right = -Infinity;
  for (const b of boxes) {
    if (right > -Infinity && b.x - right >= MIN_GUTTER * lineHeight) cuts.push({ x: (b.x + right) / 2, width: b.x - right });
    right = Math.max(right, b.x + b.width);
  }
  // a gap that is only a space of a larger line (a title's words stand further apart) is no gutter
  return cuts.filter((c) => !lines.some((l) => spaceAt(l, c.x)));
}

/**
 * The line runs on across x: it has words on both sides of it and the gap between them there is narrower than
 * MIN_GUTTER of its own height, a space between its words rather than a gutter between columns.
 */
function spaceAt(line: Line, x: number): boolean {
  const boxes = wordBoxes(line);
  let before = -Infinity,
    after = Infinity;
  for (const b of boxes) {
    if (b.x + b.width <= x) before = Math.max(before, b.x + b.width);
    else if (b.x >= x) after = Math.min(after, b.x);
  }
  return before > -Infinity && after < Infinity && after - before < MIN_GUTTER * line.bbox.height;
}

function wordBoxes(line: Line): BBox[] {
  return line.words.length ? line.words.map((w) => w.bbox) : [line.bbox];
}

/** A line's words on either side of each cut, as lines of their own. */
function cutLine(line: Line, cuts: Cut[]): Line[] {
  if (line.words.length < 2) return [line];
  const inside = cuts.filter((c) => c.x > line.bbox.x && c.x < line.bbox.x + line.bbox.width);
  if (inside.length === 0) return [line];
  const parts: Word[][] = Array.from({ length: inside.length + 1 }, () => []);
  for (const w of line.words) parts[inside.filter((c) => w.bbox.x + w.bbox.width / 2 > c.x).length].push(w);
  const nonEmpty = parts.filter((p) => p.length > 0);
  if (nonEmpty.length < 2) return [line];
  return nonEmpty.map((words) => lineOf(words, line));
}

/** Words of one line, as a line: text joined by the shared rule, confidence weighted by length. */
export function lineOf(words: Word[], from: Line): Line {
  const bbox = union(words.map((w) => w.bbox));
  const merged = mergeWords(words, bbox.height);
  const chars = words.reduce((n, w) => n + w.text.length, 0);
  const confidence = chars ? Math.round((words.reduce((s, w) => s + w.confidence * w.text.length, 0) / chars) * 1000) / 1000 : from.confidence;
  return { text: merged.text, confidence: from.confidence === 1 ? 1 : confidence, bbox, words: merged.words };
}

/** Lines into the columns between cuts (every cut lies between words, so no column is empty). */
function assign(lines: Line[], cuts: Cut[]): Line[][] {
  const groups: Line[][] = Array.from({ length: cuts.length + 1 }, () => []);
  for (const l of lines) groups[cuts.filter((c) => l.bbox.x + l.bbox.width / 2 > c.x).length].push(l);
  return groups;
}

/**
 * Labels beside values, or table cells, sit on shared rows and must be read row by row. Two sides are columns
 * when each has several lines and either their rows do not pair up, or both hold running text (typeset columns
 * share baselines): five lines of prose each, or lines wide on the page. Across a narrow gutter both must be
 * running text by the share of their lines too (isProse): the spaces of a few rows can line up by chance, those
 * of a column of prose on each side cannot.
 */
function isColumnSplit(left: Line[], right: Line[], lineHeight: number, gutter: number): boolean {
  if (left.length < 3 || right.length < 3) return false;
  if (gutter < WIDE_GUTTER * lineHeight) return isProse(left) && isProse(right);
  if (rowPairing(left, right) < 0.5) return true;
  // long lines, by their characters or (the rule before the corpus, which forms have always passed) by width
  const running = (side: Line[]) => proseLines(side) >= MIN_PROSE_LINES || median(side.map((l) => l.bbox.width)) >= WIDE_LINE * lineHeight;
  return running(left) && running(right);
}

/**
 * How far two sides pair up row by row: lines matched one to one with a line of the other side on the same row
 * (sharing most of their height), over the shorter side's count. A form's labels and values, or a table's
 * amounts beside its descriptions, pair up nearly all; columns on different leading do not.
 */
function rowPairing(left: Line[], right: Line[]): number {
  const free = new Set(right);
  let pairs = 0;
  for (const l of left) {
    const mid = l.bbox.y + l.bbox.height / 2;
    let best: Line | null = null;
    for (const r of free) {
      if (verticalOverlap(l.bbox, r.bbox) <= 0.5) continue;
      if (!best || Math.abs(r.bbox.y + r.bbox.height / 2 - mid) < Math.abs(best.bbox.y + best.bbox.height / 2 - mid)) best = r;
    }
    if (best) {
      free.delete(best);
      pairs++;
    }
  }
  return pairs / Math.min(left.length, right.length);
}

/**
 * A column of running text: five or more of its lines, and at least PROSE_SHARE of them, are lines of prose:
 * long in characters, mostly letters (figures are a table's), and as wide as the column (as set text is between
 * its paragraph ends). A column may hold a table or a list as well; a form's labels or values, a receipt's
 * prices, a table's cells are never this.
 */
function isProse(side: Line[]): boolean {
  const prose = proseLines(side);
  return prose >= MIN_PROSE_LINES && prose >= PROSE_SHARE * side.length;
}

/** Lines of prose in a side: long in characters, mostly letters, as wide as the side's widest line, or nearly. */
function proseLines(side: Line[]): number {
  const weight = (t: string) => [...t].reduce((n, c) => n + (isCjk(c) ? 2 : 1), 0);
  const full = Math.max(...side.map((l) => l.bbox.width));
  return side.filter((l) => {
    if (weight(l.text) < PROSE_CHARS || l.bbox.width < FULL_LINE * full) return false;
    const chars = [...l.text.replace(/\s/g, '')];
    return chars.filter((c) => /\p{L}/u.test(c)).length >= 0.6 * chars.length;
  }).length;
}
