import type { Line, Word } from '../result';
import { normalizeWidth, isCjk } from '../layout/text';
import { layoutPage, type PageLayout } from '../layout/page';
import { roundBox, union } from '../layout/geometry';

/**
 * A run of text a PDF or OFD page draws: its glyphs' left edges along the baseline (page pixels), their
 * advance widths, and the font size in pixels. Horizontal text only; anything else is left to OCR.
 */
export interface GlyphRun {
  text: string;
  /** left edge of each glyph (one per code point of `text`) */
  xs: number[];
  /** right edge of the last glyph */
  right: number;
  baseline: number;
  fontSize: number;
}

interface Glyph {
  ch: string;
  x0: number;
  x1: number;
  baseline: number;
  size: number;
  /** which run drew it: a new run after a gap is a new piece of text (a table cell beside a wrapped name) */
  run: number;
}

/** Below this share of the font size, two runs are one word (kerning, font changes inside a word). */
const LATIN_SPACE = 0.2;
/** CJK text has no spaces: only a gap this wide (a label and its value) is kept as one. */
const CJK_SPACE = 0.8;
/**
 * Where one run ends and the next begins, a gap of this share of the font size already separates two words, CJK
 * or not: a producer draws each cell as its own run, and a wrapped item name may end a few points before the next
 * cell's text (…安装调 | M720), closer than CJK_SPACE. Runs that continue a word (kerning, a font change) abut.
 */
const RUN_SPACE = 0.25;
/** Runs further apart than this on one row are separate lines: table cells, columns. */
const LINE_BREAK = 2.5;

/**
 * Text-layer glyphs → lines and words, then the layout step every OCR'd page goes through (columns, blocks,
 * reading order), so a digital page and a scan of it read the same. Text read from the file is exact, so
 * confidence is 1. Rows are glyphs sharing a baseline; a row splits where the gap is wider than LINE_BREAK em;
 * words split at spaces the file draws and at gaps the eye would read as one.
 */
export function layoutFromRuns(runs: GlyphRun[]): PageLayout {
  const glyphs: Glyph[] = [];
  runs.forEach((r, run) => {
    const chars = [...r.text];
    chars.forEach((ch, i) => {
      const x0 = r.xs[i];
      const x1 = i + 1 < chars.length ? r.xs[i + 1] : r.right;
      glyphs.push({ ch, x0, x1: Math.max(x0, x1), baseline: r.baseline, size: r.fontSize, run });
    });
  });
  const rows: Glyph[][] = [];
  for (const g of [...glyphs].sort((a, b) => a.baseline - b.baseline || a.x0 - b.x0)) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(row[0].baseline - g.baseline) < 0.35 * Math.min(row[0].size, g.size)) row.push(g);
    else rows.push([g]);
  }
  const lines: Line[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.x0 - b.x0);
    let current: Glyph[] = [];
    for (const g of row) {
      const prev = current[current.length - 1];
      if (prev && g.x0 - prev.x1 > LINE_BREAK * Math.max(prev.size, g.size) && prev.ch.trim() !== '' && g.ch.trim() !== '') {
        pushLine(lines, current);
        current = [];
      }
      current.push(g);
    }
    pushLine(lines, current);
  }
  return layoutPage(lines);
}

function pushLine(lines: Line[], glyphs: Glyph[]): void {
  const words: Word[] = [];
  let word: Glyph[] = [];
  const flush = () => {
    if (word.length) words.push(toWord(word));
    word = [];
  };
  for (const g of glyphs) {
    if (g.ch.trim() === '') {
      flush();
      continue;
    }
    const prev = word[word.length - 1];
    if (prev) {
      const gap = g.x0 - prev.x1;
      const em = Math.max(prev.size, g.size);
      const cjk = isCjk(prev.ch) || isCjk(g.ch);
      const space = Math.min(cjk ? CJK_SPACE : LATIN_SPACE, g.run !== prev.run ? RUN_SPACE : Infinity);
      if (gap > space * em) flush();
    }
    word.push(g);
  }
  flush();
  if (words.length === 0) return;
  const bbox = union(words.map((w) => w.bbox));
  lines.push({ text: words.map((w) => w.text).join(' '), confidence: 1, bbox, words });
}

function toWord(glyphs: Glyph[]): Word {
  const size = Math.max(...glyphs.map((g) => g.size));
  const baseline = glyphs[0].baseline;
  // ascent and descent of a typical face: boxes comparable with OCR'd ones
  const bbox = roundBox({ x: glyphs[0].x0, y: baseline - 0.88 * size, width: glyphs[glyphs.length - 1].x1 - glyphs[0].x0, height: 1.1 * size });
  return { text: normalizeWidth(glyphs.map((g) => g.ch).join('')), confidence: 1, bbox };
}
