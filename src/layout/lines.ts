import type { Line } from '../result';
import { union, verticalOverlap } from './geometry';
import { mergeWords } from './text';

/**
 * Detectors cut a printed line wherever words stand a few spaces apart ("Coffee    2 x 18.00"). Fragments on
 * one row closer than `maxGap` line heights become one line again; wider gaps (table columns, a form's
 * label column and value column far apart) stay separate lines.
 */
export function joinRowFragments(lines: Line[], maxGap = 2): Line[] {
  const sorted = [...lines].sort((a, b) => a.bbox.x - b.bbox.x);
  const used = new Set<Line>();
  const out: Line[] = [];
  for (const start of sorted) {
    if (used.has(start)) continue;
    used.add(start);
    const parts = [start];
    let last = start;
    for (const next of sorted) {
      if (used.has(next)) continue;
      const height = Math.min(last.bbox.height, next.bbox.height);
      const gap = next.bbox.x - (last.bbox.x + last.bbox.width);
      if (gap < -0.5 * height || gap > maxGap * height) continue;
      if (verticalOverlap(last.bbox, next.bbox) < 0.6) continue;
      parts.push(next);
      used.add(next);
      last = next;
    }
    out.push(parts.length === 1 ? start : combine(parts));
  }
  return out;
}

function combine(parts: Line[]): Line {
  const bbox = union(parts.map((p) => p.bbox));
  const { text, words } = mergeWords(
    parts.flatMap((p) => p.words),
    bbox.height,
  );
  const chars = parts.reduce((n, p) => n + p.text.length, 0);
  // confidence weighted by length, as if the engine had read the line in one piece
  const confidence = Math.round((parts.reduce((s, p) => s + p.confidence * p.text.length, 0) / Math.max(1, chars)) * 1000) / 1000;
  return { text, confidence, bbox, words };
}
