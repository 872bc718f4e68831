import type Tesseract from 'tesseract.js';
import type { BBox, Line, Word } from '../../result';
import { mergeWords } from '../../layout/text';
import { union } from '../../layout/geometry';

/** Specks on noisy scans come back as lone, unsure punctuation; real punctuation is read with confidence. */
const SPECK = /^[\p{P}\p{S}]+$/u;
const SPECK_CONFIDENCE = 0.6;

function box(b: Tesseract.Bbox, scale: number): BBox {
  const x = Math.round(b.x0 / scale);
  const y = Math.round(b.y0 / scale);
  return { x, y, width: Math.round(b.x1 / scale) - x, height: Math.round(b.y1 / scale) - y };
}

/** Tesseract's blocks → our lines, in pixels of the page before upscaling, CJK runs joined. */
export function mapPage(page: Tesseract.Page, scale: number): Line[] {
  const lines: Line[] = [];
  for (const block of page.blocks ?? []) {
    for (const para of block.paragraphs) {
      for (const tl of para.lines) {
        const words: Word[] = tl.words
          .map((w) => ({ text: w.text.trim(), confidence: clamp01(w.confidence / 100), bbox: box(w.bbox, scale) }))
          .filter((w) => w.text !== '' && !(SPECK.test(w.text) && w.confidence < SPECK_CONFIDENCE));
        if (words.length === 0) continue;
        // the line is what its kept words cover, so dropped specks do not stretch it
        const bbox = union(words.map((w) => w.bbox));
        const { text, words: merged } = mergeWords(words, box(tl.bbox, scale).height);
        if (!text) continue;
        lines.push({ text, confidence: clamp01(tl.confidence / 100), bbox, words: merged });
      }
    }
  }
  return lines;
}

function clamp01(v: number): number {
  return Number.isFinite(v) ? Math.min(1, Math.max(0, Math.round(v * 1000) / 1000)) : 0;
}
