import type { PageImage } from '../../types/pageImage';

/**
 * The straight strokes of an OFD page's PathObjects (the rules of a form or an invoice's grid), in page
 * millimetres, and those strokes drawn on a blank page so the ruled-table finder can read them as it reads a scan.
 * Curves (B, Q, A, C) are skipped: rules are straight.
 */
export interface Stroke {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  width: number;
}

interface Matrix {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}

/** `M x y L x y … Z` of a PathObject's AbbreviatedData → segments through the object's CTM into its Boundary. */
export function pathStrokes(data: string, boundary: number[], m: Matrix, lineWidth: number): Stroke[] {
  const [bx = 0, by = 0] = boundary;
  const place = (x: number, y: number) => ({ x: bx + m.a * x + m.c * y + m.e, y: by + m.b * x + m.d * y + m.f });
  const tokens = data.trim().split(/\s+/);
  const strokes: Stroke[] = [];
  let at: { x: number; y: number } | null = null;
  let start: { x: number; y: number } | null = null;
  const width = lineWidth * Math.hypot(m.a, m.b);
  for (let i = 0; i < tokens.length;) {
    const op = tokens[i++];
    const arg = (n: number) => tokens.slice(i, i + n).map(Number);
    if (op === 'M' || op === 'S') {
      const [x, y] = arg(2);
      i += 2;
      at = start = place(x, y);
    } else if (op === 'L') {
      const [x, y] = arg(2);
      i += 2;
      const to = place(x, y);
      if (at) strokes.push({ x0: at.x, y0: at.y, x1: to.x, y1: to.y, width });
      at = to;
    } else if (op === 'Z' || op === 'C') {
      if (op === 'Z' && at && start) strokes.push({ x0: at.x, y0: at.y, x1: start.x, y1: start.y, width });
      at = start;
    } else {
      // curves and arcs: B 6, Q 4, A 7 numbers; only their end point matters for what follows
      const n = op === 'B' ? 6 : op === 'Q' ? 4 : op === 'A' ? 7 : 0;
      const end = arg(n).slice(-2);
      i += n;
      if (end.length === 2) at = place(end[0], end[1]);
    }
  }
  return strokes.filter((s) => [s.x0, s.y0, s.x1, s.y1].every(Number.isFinite));
}

/** Horizontal and vertical strokes drawn black on a white one-channel page of `pxPerMm` pixels a millimetre. */
export function drawStrokes(strokes: readonly Stroke[], widthMm: number, heightMm: number, pxPerMm: number): PageImage {
  const width = Math.max(1, Math.round(widthMm * pxPerMm));
  const height = Math.max(1, Math.round(heightMm * pxPerMm));
  const data = Buffer.alloc(width * height, 255);
  const clampX = (v: number) => Math.max(0, Math.min(width - 1, Math.round(v)));
  const clampY = (v: number) => Math.max(0, Math.min(height - 1, Math.round(v)));
  for (const s of strokes) {
    const half = Math.max(0.5, (s.width * pxPerMm) / 2);
    const horizontal = Math.abs(s.y1 - s.y0) < 0.2;
    const vertical = Math.abs(s.x1 - s.x0) < 0.2;
    if (!horizontal && !vertical) continue;
    const x0 = clampX(Math.min(s.x0, s.x1) * pxPerMm - (vertical ? half : 0));
    const x1 = clampX(Math.max(s.x0, s.x1) * pxPerMm + (vertical ? half : 0));
    const y0 = clampY(Math.min(s.y0, s.y1) * pxPerMm - (horizontal ? half : 0));
    const y1 = clampY(Math.max(s.y0, s.y1) * pxPerMm + (horizontal ? half : 0));
    for (let y = y0; y <= y1; y++) data.fill(0, y * width + x0, y * width + x1 + 1);
  }
  return { data, width, height, channels: 1 };
}
