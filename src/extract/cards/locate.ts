import sharp from 'sharp';
import type { PageImage } from '../../engines/engine';
import type { DocumentType } from '../../result';
import { median } from '../../layout/geometry';

/** Types read from a card (or a sheet) that users photograph lying on a desk. */
const LOCATED_TYPES: ReadonlySet<string> = new Set(['id-card', 'driver-license', 'vehicle-license', 'passport', 'bank-card', 'business-license']);

/** Whether a request is for cards only: a card type, or `auto` among card types (the Card node). */
export function asksForCards(type: DocumentType | 'auto', candidates?: DocumentType[]): boolean {
  if (type !== 'auto') return LOCATED_TYPES.has(type);
  return !!candidates && candidates.length > 0 && candidates.every((t) => LOCATED_TYPES.has(t));
}

/** Where a located card lies in the photo: its centre, size and the angle of its long side, in photo pixels. */
export interface CardBox {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Clockwise degrees of the card's long side from the horizontal. */
  angle: number;
}

/** Longest side the search runs at: the card's outline needs no more. */
const SEARCH_SIDE = 640;
/** Long side over short side: ID-1 cards are 1.586, licences 1.47, a passport data page 1.42. */
const ASPECT = { min: 1.35, max: 1.85 };
/** Share of the photo a card must cover to be worth cutting out, and at most (else the photo is the card). */
const AREA = { min: 0.15, max: 0.85 };
/** Share of its rectangle a card's outline fills: a card is a rectangle, clutter is not. */
const MIN_FILL = 0.8;
/** Margin kept around the card, as a share of its size: corners rounded or cut by a small misfit stay. */
const MARGIN = 0.03;

/**
 * A card photographed on a desk: the largest region unlike the desk (the desk is what the photo's border shows)
 * that lies whole in the photo and whose outline is a card-shaped rectangle, cut out and turned level. Null when there is none (a scan, a photo
 * filled by the card, a page): the photo is then read whole, as before.
 */
export async function locateCard(image: PageImage): Promise<{ image: PageImage; box: CardBox } | null> {
  const factor = Math.min(1, SEARCH_SIDE / Math.max(image.width, image.height));
  const small = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } })
    .resize(Math.max(1, Math.round(image.width * factor)), Math.max(1, Math.round(image.height * factor)), { kernel: 'linear' })
    .toColourspace('srgb')
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const w = small.info.width, h = small.info.height;
  const mask = close(unlikeBorder(small.data, w, h), w, h, 2);
  const rect = cardShaped(regions(mask, w, h), w, h);
  if (!rect) return null;

  // the long side's angle, brought within ±45° (a card standing on its side is turned later, by the engine)
  let angle = rect.angle + (rect.width >= rect.height ? 0 : 90);
  angle = ((((angle + 45) % 180) + 180) % 180) - 45;
  if (angle > 45) angle -= 90;
  const width = (rect.width >= rect.height ? rect.width : rect.height) / factor;
  const height = (rect.width >= rect.height ? rect.height : rect.width) / factor;
  const box: CardBox = { x: rect.cx / factor, y: rect.cy / factor, width, height, angle: Math.round(angle * 100) / 100 };
  return { image: await cutOut(image, box), box };
}

/** Pixels whose colour is far from the desk's: the median colour of the photo's border, and its spread there. */
function unlikeBorder(rgb: Buffer, w: number, h: number): Uint8Array {
  const band = Math.max(2, Math.round(0.03 * Math.min(w, h)));
  const border: number[][] = [[], [], []];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (x >= band && x < w - band && y >= band && y < h - band) continue;
      for (let c = 0; c < 3; c++) border[c].push(rgb[(y * w + x) * 3 + c]);
    }
  }
  const desk = border.map((v) => median(v));
  const distance = (i: number) => Math.hypot(rgb[i * 3] - desk[0], rgb[i * 3 + 1] - desk[1], rgb[i * 3 + 2] - desk[2]);
  const borderDistances: number[] = [];
  for (let i = 0; i < border[0].length; i++) borderDistances.push(Math.hypot(border[0][i] - desk[0], border[1][i] - desk[1], border[2][i] - desk[2]));
  borderDistances.sort((a, b) => a - b);
  // the desk's own variation (grain, shading) is not a card; a card differs from it by much more. The typical
  // variation, not the largest: a sheet of paper may lie across part of the border
  const threshold = Math.max(40, 4 * borderDistances[Math.floor(borderDistances.length / 2)]);
  const mask = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) mask[i] = distance(i) > threshold ? 1 : 0;
  return mask;
}

/** Dilation then erosion by a square of ±r: closes the gaps text and light leave in the card's region. */
function close(mask: Uint8Array, w: number, h: number, r: number): Uint8Array {
  const pass = (src: Uint8Array, keep: 0 | 1, horizontal: boolean) => {
    const out = new Uint8Array(src.length);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        let v = 1 - keep;
        for (let d = -r; d <= r && v !== keep; d++) {
          const xx = horizontal ? x + d : x, yy = horizontal ? y : y + d;
          if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
          if (src[yy * w + xx] === keep) v = keep;
        }
        out[y * w + x] = v;
      }
    }
    return out;
  };
  const dilated = pass(pass(mask, 1, true), 1, false);
  return pass(pass(dilated, 0, true), 0, false);
}

interface Region {
  /** Pixels within its outline, row by row from its leftmost to its rightmost pixel (holes of text filled). */
  area: number;
  /** The leftmost and rightmost pixel (corners) of each of its rows. */
  outline: Array<[number, number]>;
  touchesEdge: boolean;
}

/** The 4-connected regions of the mask of at least 1% of the photo, largest first. */
function regions(mask: Uint8Array, w: number, h: number): Region[] {
  const label = new Int32Array(w * h);
  const found: Array<{ id: number; area: number; touchesEdge: boolean }> = [];
  let next = 1;
  const stack: number[] = [];
  for (let start = 0; start < w * h; start++) {
    if (!mask[start] || label[start]) continue;
    const id = next++;
    let area = 0, touchesEdge = false;
    label[start] = id;
    stack.push(start);
    while (stack.length) {
      const i = stack.pop()!;
      area++;
      const x = i % w, y = (i - x) / w;
      if (x === 0 || y === 0 || x === w - 1 || y === h - 1) touchesEdge = true;
      for (const [nx, ny] of [[x - 1, y], [x + 1, y], [x, y - 1], [x, y + 1]]) {
        if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
        const j = ny * w + nx;
        if (mask[j] && !label[j]) {
          label[j] = id;
          stack.push(j);
        }
      }
    }
    if (area >= 0.01 * w * h) found.push({ id, area, touchesEdge });
  }
  found.sort((a, b) => b.area - a.area);
  return found.map(({ id, touchesEdge }) => {
    const outline: Array<[number, number]> = [];
    let area = 0;
    for (let y = 0; y < h; y++) {
      let left = -1, right = -1;
      for (let x = 0; x < w; x++) {
        if (label[y * w + x] !== id) continue;
        if (left < 0) left = x;
        right = x;
      }
      if (left < 0) continue;
      outline.push([left, y], [right + 1, y], [left, y + 1], [right + 1, y + 1]);
      area += right + 1 - left;
    }
    return { area, outline, touchesEdge };
  });
}

/**
 * The largest region that is a card lying whole in the photo: desk all around it (a sheet running off the photo
 * is not the card), a rectangle it fills, of a card's proportions and a fair share of the photo.
 */
function cardShaped(candidates: Region[], w: number, h: number): ReturnType<typeof minAreaRect> {
  for (const region of candidates) {
    if (region.touchesEdge) continue;
    const rect = minAreaRect(convexHull(region.outline));
    if (!rect) continue;
    const long = Math.max(rect.width, rect.height), short = Math.min(rect.width, rect.height);
    const aspect = long / Math.max(1, short);
    const share = (rect.width * rect.height) / (w * h);
    if (aspect < ASPECT.min || aspect > ASPECT.max || share < AREA.min || share > AREA.max) continue;
    if (region.area / (rect.width * rect.height) < MIN_FILL) continue;
    return rect;
  }
  return null;
}

/** Andrew's monotone chain. */
function convexHull(points: Array<[number, number]>): Array<[number, number]> {
  const p = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (p.length < 3) return p;
  const cross = (o: number[], a: number[], b: number[]) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: Array<[number, number]> = [];
  for (const q of p) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], q) <= 0) lower.pop();
    lower.push(q);
  }
  const upper: Array<[number, number]> = [];
  for (const q of [...p].reverse()) {
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], q) <= 0) upper.pop();
    upper.push(q);
  }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}

/** The smallest rectangle around a convex polygon: one of its sides lies along an edge of the polygon. */
function minAreaRect(hull: Array<[number, number]>): { cx: number; cy: number; width: number; height: number; angle: number } | null {
  if (hull.length < 3) return null;
  let best: { area: number; cx: number; cy: number; width: number; height: number; angle: number } | null = null;
  for (let i = 0; i < hull.length; i++) {
    const [x0, y0] = hull[i], [x1, y1] = hull[(i + 1) % hull.length];
    const len = Math.hypot(x1 - x0, y1 - y0);
    if (len === 0) continue;
    const ux = (x1 - x0) / len, uy = (y1 - y0) / len;
    let minU = Infinity, maxU = -Infinity, minV = Infinity, maxV = -Infinity;
    for (const [x, y] of hull) {
      const u = x * ux + y * uy, v = -x * uy + y * ux;
      minU = Math.min(minU, u); maxU = Math.max(maxU, u);
      minV = Math.min(minV, v); maxV = Math.max(maxV, v);
    }
    const area = (maxU - minU) * (maxV - minV);
    if (!best || area < best.area) {
      const cu = (minU + maxU) / 2, cv = (minV + maxV) / 2;
      best = { area, cx: cu * ux - cv * uy, cy: cu * uy + cv * ux, width: maxU - minU, height: maxV - minV, angle: (Math.atan2(uy, ux) * 180) / Math.PI };
    }
  }
  return best;
}

/** The card turned level (about the photo's centre) and cut out with a small margin. */
async function cutOut(image: PageImage, box: CardBox): Promise<PageImage> {
  const turned = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } })
    .rotate(-box.angle, { background: { r: 255, g: 255, b: 255 } })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const W = turned.info.width, H = turned.info.height;
  // the card's centre, carried by the same turn (sharp grows the canvas evenly around the turned photo)
  const rad = (-box.angle * Math.PI) / 180;
  const dx = box.x - image.width / 2, dy = box.y - image.height / 2;
  const cx = W / 2 + dx * Math.cos(rad) - dy * Math.sin(rad);
  const cy = H / 2 + dx * Math.sin(rad) + dy * Math.cos(rad);
  const mw = box.width * (1 + 2 * MARGIN), mh = box.height * (1 + 2 * MARGIN);
  const left = Math.max(0, Math.round(cx - mw / 2)), top = Math.max(0, Math.round(cy - mh / 2));
  const width = Math.min(W - left, Math.round(mw)), height = Math.min(H - top, Math.round(mh));
  const channels = turned.info.channels as 1 | 3 | 4;
  const cut = await sharp(turned.data, { raw: { width: W, height: H, channels } })
    .extract({ left, top, width, height })
    .toColourspace(image.channels === 1 ? 'b-w' : 'srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const out = image.channels === 1 ? cut.data : cut.info.channels === 4 ? await sharp(cut.data, { raw: { width, height, channels: 4 } }).removeAlpha().raw().toBuffer() : cut.data;
  return { data: out, width, height, channels: image.channels };
}
