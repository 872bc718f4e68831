import sharp from 'sharp';
import type { PageImage } from '../../types/pageImage';
import { connectedComponents, minAreaRect, outlinePoints, type Component, type RotatedBox } from '../../geometry/shapes';
import { crop, rotate } from '../../input/pixels';
import type { DocumentType } from '../../result';
import { median } from '../../layout/geometry';

/** Types read from a card (or a sheet) that users photograph lying on a desk. */
const LOCATED_TYPES: ReadonlySet<string> = new Set(['id-card', 'driver-license', 'vehicle-license', 'passport', 'bank-card', 'business-license']);

/** Whether a request is for cards only: a card type, or `auto` among card types (the Card node). */
export function asksForCards(type: DocumentType | 'auto', candidates?: DocumentType[]): boolean {
  if (type !== 'auto') return LOCATED_TYPES.has(type);
  return !!candidates && candidates.length > 0 && candidates.every((t) => LOCATED_TYPES.has(t));
}

/** Where a located card lies in the photo, in photo pixels: its centre, and its size once turned level by `angle`. */
export interface CardBox {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Clockwise degrees of the card's edges from the photo's axes, within ±45°. */
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
 * that lies whole in the photo and whose outline is a card-shaped rectangle, cut out and turned level. Null when
 * there is none (a scan, a photo filled by the card, a page): the photo is then read whole, as before.
 */
export async function locateCard(image: PageImage): Promise<{ image: PageImage; box: CardBox } | null> {
  const factor = Math.min(1, SEARCH_SIDE / Math.max(image.width, image.height));
  const small = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } })
    .resize(Math.max(1, Math.round(image.width * factor)), Math.max(1, Math.round(image.height * factor)), { kernel: 'linear' })
    .toColourspace('srgb')
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const w = small.info.width,
    h = small.info.height;
  const mask = close(unlikeBorder(small.data, w, h), w, h, 2);
  const rect = cardShaped(connectedComponents(mask, undefined, w, h, 0.01 * w * h), w, h);
  if (!rect) return null;

  // the turn that levels the card's edges, within ±45°: a card standing on its side stays standing (its long side
  // upright, so its width and height trade places) and is turned a quarter later, by the engine
  let angle = rect.angle;
  let standing = false;
  if (angle > 45) [angle, standing] = [angle - 90, true];
  else if (angle <= -45) [angle, standing] = [angle + 90, true];
  const [long, short] = [rect.width / factor, rect.height / factor];
  const box: CardBox = {
    x: rect.cx / factor,
    y: rect.cy / factor,
    width: standing ? short : long,
    height: standing ? long : short,
    angle: Math.round(angle * 100) / 100,
  };
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
  // squared distances against the squared threshold: no square root (or Math lookup) per pixel
  const distance2 = (i: number) => {
    const r = rgb[i * 3] - desk[0],
      gr = rgb[i * 3 + 1] - desk[1],
      b = rgb[i * 3 + 2] - desk[2];
    return r * r + gr * gr + b * b;
  };
  const borderDistances: number[] = [];
  for (let i = 0; i < border[0].length; i++) borderDistances.push(Math.hypot(border[0][i] - desk[0], border[1][i] - desk[1], border[2][i] - desk[2]));
  borderDistances.sort((a, b) => a - b);
  // the desk's own variation (grain, shading) is not a card; a card differs from it by much more. The typical
  // variation, not the largest: a sheet of paper may lie across part of the border
  const threshold = Math.max(40, 4 * borderDistances[Math.floor(borderDistances.length / 2)]);
  const mask = new Uint8Array(w * h);
  const threshold2 = threshold * threshold;
  for (let i = 0; i < w * h; i++) mask[i] = distance2(i) > threshold2 ? 1 : 0;
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
          const xx = horizontal ? x + d : x,
            yy = horizontal ? y : y + d;
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

/** Pixels within a region's outline, row by row from its leftmost to its rightmost pixel (holes of text filled). */
function filledArea(region: Component): number {
  return region.rows.reduce((sum, [, left, right]) => sum + right + 1 - left, 0);
}

function touchesEdge(region: Component, w: number, h: number): boolean {
  return region.rows.some(([y, left, right]) => y === 0 || y === h - 1 || left === 0 || right === w - 1);
}

/**
 * The largest region that is a card lying whole in the photo: desk all around it (a sheet running off the photo
 * is not the card), a rectangle it fills, of a card's proportions and a fair share of the photo.
 */
function cardShaped(regions: Component[], w: number, h: number): RotatedBox | null {
  for (const region of [...regions].sort((a, b) => b.pixels - a.pixels)) {
    if (touchesEdge(region, w, h)) continue;
    // width along the longer side (minAreaRect orients it so)
    const rect = minAreaRect(outlinePoints(region));
    const aspect = rect.width / Math.max(1, rect.height);
    const share = (rect.width * rect.height) / (w * h);
    if (aspect < ASPECT.min || aspect > ASPECT.max || share < AREA.min || share > AREA.max) continue;
    if (filledArea(region) / (rect.width * rect.height) < MIN_FILL) continue;
    return rect;
  }
  return null;
}

/** The card turned level (the canvas grown to hold the turned photo) and cut out with a small margin. */
async function cutOut(image: PageImage, box: CardBox): Promise<PageImage> {
  const turned = await rotate(image, -box.angle);
  // the card's centre, carried by the same turn about the photo's centre
  const rad = (-box.angle * Math.PI) / 180;
  const dx = box.x - image.width / 2,
    dy = box.y - image.height / 2;
  const cx = turned.width / 2 + dx * Math.cos(rad) - dy * Math.sin(rad);
  const cy = turned.height / 2 + dx * Math.sin(rad) + dy * Math.cos(rad);
  const width = box.width * (1 + 2 * MARGIN),
    height = box.height * (1 + 2 * MARGIN);
  return crop(turned, { x: cx - width / 2, y: cy - height / 2, width, height });
}
