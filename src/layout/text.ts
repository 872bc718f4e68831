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
  for (const w of merged) w.text = normalizeWidth(w.text);
  return { text: merged.map((w) => w.text).join(' '), words: merged };
}

const FULL_TO_HALF: Record<string, string> = { '：': ':', '；': ';', '，': ',', '（': '(', '）': ')', '！': '!', '？': '?' };
const HALF_TO_FULL: Record<string, string> = Object.fromEntries(Object.entries(FULL_TO_HALF).map(([f, h]) => [h, f]));
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

/**
 * One spelling whatever the engine read (documented in docs/result.md):
 * full-width letters and digits become ASCII (Ｔｏｔａｌ １２ → Total 12); the punctuation : ; , ( ) ! ? takes the
 * width of its script: full-width next to Chinese characters (名称：, （大写）), ASCII elsewhere (Total: 12,30).
 * Context is the nearest non-space character before it, or after it at the start of the text.
 */
export function normalizeWidth(text: string): string {
  const chars = [...text].map((c) => {
    const code = c.codePointAt(0)!;
    if ((code >= 0xff10 && code <= 0xff19) || (code >= 0xff21 && code <= 0xff3a) || (code >= 0xff41 && code <= 0xff5a)) {
      return String.fromCodePoint(code - 0xfee0);
    }
    return c;
  });
  return chars
    .map((c, i) => {
      const half = FULL_TO_HALF[c] ?? (HALF_TO_FULL[c] ? c : null);
      if (!half) return c;
      const context = neighbour(chars, i, -1) ?? neighbour(chars, i, 1);
      if (context === null) return c;
      return HAN.test(context) ? HALF_TO_FULL[half] : half;
    })
    .join('');
}

function neighbour(chars: string[], i: number, step: 1 | -1): string | null {
  for (let j = i + step; j >= 0 && j < chars.length; j += step) {
    const c = chars[j];
    if (c.trim() === '' || FULL_TO_HALF[c] || HALF_TO_FULL[c]) continue;
    return c;
  }
  return null;
}
