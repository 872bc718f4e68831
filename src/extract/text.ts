import type { BBox, Line, Page } from '../result';

/** A recognized line as extractors read it: spaces out, full-width forms folded, with its confidence and box. */
export interface TextLine {
  text: string;
  /** the line as recognized, for values whose spaces matter (`HP LaserJet 1020`) */
  raw: string;
  confidence: number;
  page: number;
  bbox: BBox;
  /** the line's words with their boxes, where the engine gave them: where within the line a label ends */
  words?: ReadonlyArray<{ text: string; bbox: BBox }>;
}

/** Lines of every page in reading order, normalized for label matching. */
export function textLines(pages: readonly Page[]): TextLine[] {
  return pages.flatMap((p) =>
    p.lines.map((l: Line) => ({ text: normalize(l.text), raw: l.text.trim(), confidence: l.confidence, page: p.page, bbox: l.bbox, words: l.words })),
  );
}

/** Words (runs without spaces) of every page as lines of their own: table cells are read word by word. */
export function textWords(pages: readonly Page[]): TextLine[] {
  return pages.flatMap((p) =>
    p.lines.flatMap((l: Line) =>
      (l.words.length ? l.words : [l]).map((w) => ({ text: normalize(w.text), raw: w.text.trim(), confidence: w.confidence, page: p.page, bbox: w.bbox })),
    ),
  );
}

/**
 * For label matching: spaces out, full-width letters, digits and colons folded to ASCII. Brackets keep their width,
 * so values such as 有限公司（北京） stay as printed.
 */
export function normalize(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/：/g, ':');
}

/** Spaces between Chinese characters dropped, spaces between Latin words kept. */
export function compactSpaces(text: string): string {
  return text
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/ (?=[\u3000-\u9fff\uff00-\uffef])|(?<=[\u3000-\u9fff\uff00-\uffef]) /g, '');
}

/** Levenshtein distance, for labels read with an OCR slip. */
export function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  let prev = Array.from({ length: t.length + 1 }, (_, i) => i);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[t.length];
}

/**
 * Where `label` starts a line, tolerating OCR slips: exact for one- and two-character labels, up to one wrong
 * character from three characters on, two from six. Returns the text after the label, or null.
 */
export function afterLabel(line: string, label: string): string | null {
  const n = [...label].length;
  const chars = [...line];
  if (line.startsWith(label)) return line.slice(label.length).replace(/^[:：]/, '');
  const slack = n >= 6 ? 2 : n >= 3 ? 1 : 0;
  if (slack === 0) return null;
  for (const len of [n, n - 1, n + 1]) {
    if (len < 1 || len > chars.length) continue;
    if (editDistance(chars.slice(0, len).join(''), label) <= slack)
      return chars
        .slice(len)
        .join('')
        .replace(/^[:：]/, '');
  }
  return null;
}
