import type { Word } from '../result';
import { union } from './geometry';

// Han, CJK punctuation, kana, Hangul and full-width forms: scripts written without spaces between words.
const CJK = /[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/;

export function isCjk(ch: string): boolean {
  return CJK.test(ch);
}

export function hasCjk(text: string): boolean {
  return CJK.test(text);
}

/**
 * Joins recognized words into a line. Engines separate every CJK character as a "word"; a space between
 * two pieces is kept only when Latin text sits on both sides, or when the gap on the page is as wide as a
 * real space (wider than `spaceRatio` × the line height), e.g. between a label and its value.
 */
export function mergeWords(words: Word[], lineHeight: number, spaceRatio = 0.8): { text: string; words: Word[] } {
  const merged: Word[] = [];
  for (const w of words) {
    const text = w.text.trim();
    if (!text) continue;
    const prev = merged[merged.length - 1];
    if (!prev) {
      merged.push({ ...w, text });
      continue;
    }
    const gap = w.bbox.x - (prev.bbox.x + prev.bbox.width);
    const cjkBoundary = isCjk(prev.text[prev.text.length - 1]) || isCjk(text[0]);
    const wideGap = gap > spaceRatio * lineHeight;
    if (cjkBoundary && !wideGap) {
      // Same run: one word, its confidence the weakest character's, as a downstream field's should be.
      merged[merged.length - 1] = {
        text: prev.text + text,
        confidence: Math.min(prev.confidence, w.confidence),
        bbox: union([prev.bbox, w.bbox]),
      };
    } else {
      merged.push({ ...w, text });
    }
  }
  return { text: merged.map((w) => w.text).join(' '), words: merged };
}
