import type { BBox } from '../result';

// Shapes of ink regions: connected components of a mask, their outlines, hulls and rotated boxes. The detector
// (engines/paddle) finds text regions with them, the card locator (extract/cards/locate.ts) the card on a desk.

export interface Point {
  x: number;
  y: number;
}

/**
 * A rotated rectangle: centre, `width` along the reading direction (unit vector `ux, uy`), `height` across it.
 * `width >= height` for text lines; `angle` in degrees, (-90, 90].
 */
export interface RotatedBox {
  cx: number;
  cy: number;
  width: number;
  height: number;
  angle: number;
}

export interface Component {
  /** per covered row: [y, minX, maxX] in map pixels */
  rows: Array<[number, number, number]>;
  pixels: number;
  scoreSum: number;
}

/** Connected regions (4-neighbour) of a binary map, with the summed probability under each when a map is given. */
export function connectedComponents(mask: Uint8Array, prob: Float32Array | undefined, width: number, height: number, minPixels: number): Component[] {
  const seen = new Uint8Array(mask.length);
  const out: Component[] = [];
  const stack = new Int32Array(mask.length);
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || seen[start]) continue;
    let top = 0;
    stack[top++] = start;
    seen[start] = 1;
    const rowSpan = new Map<number, [number, number]>();
    let pixels = 0;
    let scoreSum = 0;
    while (top > 0) {
      const i = stack[--top];
      const y = (i / width) | 0;
      const x = i - y * width;
      pixels++;
      if (prob) scoreSum += prob[i];
      const span = rowSpan.get(y);
      if (!span) rowSpan.set(y, [x, x]);
      else {
        if (x < span[0]) span[0] = x;
        if (x > span[1]) span[1] = x;
      }
      if (x > 0 && mask[i - 1] && !seen[i - 1]) {
        seen[i - 1] = 1;
        stack[top++] = i - 1;
      }
      if (x < width - 1 && mask[i + 1] && !seen[i + 1]) {
        seen[i + 1] = 1;
        stack[top++] = i + 1;
      }
      if (y > 0 && mask[i - width] && !seen[i - width]) {
        seen[i - width] = 1;
        stack[top++] = i - width;
      }
      if (y < height - 1 && mask[i + width] && !seen[i + width]) {
        seen[i + width] = 1;
        stack[top++] = i + width;
      }
    }
    if (pixels < minPixels) continue;
    const rows: Array<[number, number, number]> = [];
    for (const [y, [a, b]] of rowSpan) rows.push([y, a, b]);
    out.push({ rows, pixels, scoreSum });
  }
  return out;
}

/** The pixel corners of a component's outline: enough for its convex hull. */
export function outlinePoints(c: Component): Point[] {
  const pts: Point[] = [];
  for (const [y, a, b] of c.rows) {
    pts.push({ x: a, y }, { x: b + 1, y }, { x: a, y: y + 1 }, { x: b + 1, y: y + 1 });
  }
  return pts;
}

/** Andrew's monotone chain. */
export function convexHull(points: Point[]): Point[] {
  const pts = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
  if (pts.length <= 2) return pts;
  const cross = (o: Point, a: Point, b: Point) => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
  const lower: Point[] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: Point[] = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i];
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
    upper.push(p);
  }
  upper.pop();
  lower.pop();
  return lower.concat(upper);
}

/** Smallest-area enclosing rectangle: one of its sides lies on a hull edge (rotating calipers). */
export function minAreaRect(points: Point[]): RotatedBox {
  const hull = convexHull(points);
  if (hull.length === 0) return { cx: 0, cy: 0, width: 0, height: 0, angle: 0 };
  let best: { area: number; ux: number; uy: number; minU: number; maxU: number; minV: number; maxV: number } | null = null;
  const n = hull.length;
  for (let i = 0; i < Math.max(1, n); i++) {
    const a = hull[i];
    const b = hull[(i + 1) % n];
    let ux = b.x - a.x;
    let uy = b.y - a.y;
    const len = Math.hypot(ux, uy);
    if (len === 0) {
      ux = 1;
      uy = 0;
    } else {
      ux /= len;
      uy /= len;
    }
    let minU = Infinity,
      maxU = -Infinity,
      minV = Infinity,
      maxV = -Infinity;
    for (const p of hull) {
      const u = p.x * ux + p.y * uy;
      const v = -p.x * uy + p.y * ux;
      if (u < minU) minU = u;
      if (u > maxU) maxU = u;
      if (v < minV) minV = v;
      if (v > maxV) maxV = v;
    }
    const area = (maxU - minU) * (maxV - minV);
    if (!best || area < best.area) best = { area, ux, uy, minU, maxU, minV, maxV };
  }
  const r = best!;
  const cu = (r.minU + r.maxU) / 2;
  const cv = (r.minV + r.maxV) / 2;
  // back from (u, v) to (x, y): x = u·ux − v·uy, y = u·uy + v·ux
  const cx = cu * r.ux - cv * r.uy;
  const cy = cu * r.uy + cv * r.ux;
  return orient({ cx, cy, width: r.maxU - r.minU, height: r.maxV - r.minV, angle: (Math.atan2(r.uy, r.ux) * 180) / Math.PI });
}

/** Width along the longer side, angle folded into (-90, 90]. */
export function orient(box: RotatedBox): RotatedBox {
  let { width, height, angle } = box;
  if (height > width) {
    [width, height] = [height, width];
    angle += 90;
  }
  while (angle > 90) angle -= 180;
  while (angle <= -90) angle += 180;
  return { ...box, width, height, angle };
}

/** Grows a box by the DB "unclip" distance: area × ratio / perimeter on every side. */
export function unclip(box: RotatedBox, ratio: number): RotatedBox {
  const d = (box.width * box.height * ratio) / (2 * (box.width + box.height));
  return { ...box, width: box.width + 2 * d, height: box.height + 2 * d };
}

export function corners(box: RotatedBox): Point[] {
  const rad = (box.angle * Math.PI) / 180;
  const ux = Math.cos(rad),
    uy = Math.sin(rad);
  const hw = box.width / 2,
    hh = box.height / 2;
  // top-left, top-right, bottom-right, bottom-left along the reading direction
  return [
    { x: box.cx - ux * hw + uy * hh, y: box.cy - uy * hw - ux * hh },
    { x: box.cx + ux * hw + uy * hh, y: box.cy + uy * hw - ux * hh },
    { x: box.cx + ux * hw - uy * hh, y: box.cy + uy * hw + ux * hh },
    { x: box.cx - ux * hw - uy * hh, y: box.cy - uy * hw + ux * hh },
  ];
}

export function boundingBox(points: Point[], clampW: number, clampH: number): BBox {
  let x0 = Infinity,
    y0 = Infinity,
    x1 = -Infinity,
    y1 = -Infinity;
  for (const p of points) {
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x);
    y1 = Math.max(y1, p.y);
  }
  x0 = Math.max(0, Math.floor(x0));
  y0 = Math.max(0, Math.floor(y0));
  x1 = Math.min(clampW, Math.ceil(x1));
  y1 = Math.min(clampH, Math.ceil(y1));
  return { x: x0, y: y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0) };
}
