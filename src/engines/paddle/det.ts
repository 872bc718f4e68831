import sharp from 'sharp';
import type { PageImage } from '../../types/pageImage';
import type { PaddleModels } from './models';
import { inkWindow } from './margins';
import { SpareBuffer } from '../../util/spareBuffer';
import { connectedComponents, corners, minAreaRect, orient, outlinePoints, unclip, type RotatedBox } from '../../geometry/shapes';

/** DB post-processing parameters of PP-OCRv4 (PaddleOCR's defaults). */
const THRESH = 0.3;
const BOX_THRESH = 0.6;
const UNCLIP_RATIO = 1.5;
const MIN_BOX_SIDE = 3;
/** Longest side the detector sees: large enough for 8-pt text on an A4 scan, small enough for ~0.5 s on 2 cores. */
const MAX_SIDE = 1600;
/** Small images (a cropped label, a screenshot snippet) are enlarged so their text is not a few pixels tall. */
const MIN_SIDE = 736;
// PaddleOCR normalizes the BGR image with ImageNet's RGB statistics, channel by channel: keep the quirk.
const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];
/** The normalized value of every byte, per tensor plane: a look-up is ~10× faster than the arithmetic per pixel. */
const NORMALIZED = MEAN.map((mean, c) => Float32Array.from({ length: 256 }, (_, v) => (v / 255 - mean) / STD[c]));

export interface Detection {
  box: RotatedBox;
  score: number;
}

export interface DetInput {
  /** the window of the scaled page the detector is shown, [1, 3, height, width] */
  data: Float32Array;
  width: number;
  height: number;
  /** where that window lies in the scaled page */
  left: number;
  top: number;
  /** scaled page pixels per page pixel, along x and y */
  scaleX: number;
  scaleY: number;
}

/** The scaled page's window that holds ink, normalized for the detector; null for a blank page. */
export async function prepareDetInput(img: PageImage): Promise<DetInput | null> {
  const longer = Math.max(img.width, img.height);
  let ratio = Math.min(1, MAX_SIDE / longer);
  if (longer * ratio < MIN_SIDE) ratio = Math.min(4, MIN_SIDE / longer);
  const width = Math.max(32, Math.round((img.width * ratio) / 32) * 32);
  const height = Math.max(32, Math.round((img.height * ratio) / 32) * 32);
  const { data: px } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: img.channels } })
    .resize(width, height, { fit: 'fill', kernel: ratio < 1 ? 'lanczos3' : 'cubic' })
    .toColourspace('srgb')
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const win = inkWindow(px, width, height, 3);
  if (!win) return null;
  const plane = win.width * win.height;
  const data = new Float32Array(spareInput.take(3 * plane * Float32Array.BYTES_PER_ELEMENT), 0, 3 * plane);
  const [b, g, r] = NORMALIZED;
  for (let y = 0, i = 0; y < win.height; y++) {
    for (let x = 0, p = ((win.y + y) * width + win.x) * 3; x < win.width; x++, i++, p += 3) {
      // BGR planes
      data[i] = b[px[p + 2]];
      data[i + plane] = g[px[p + 1]];
      data[i + 2 * plane] = r[px[p]];
    }
  }
  return { data, width: win.width, height: win.height, left: win.x, top: win.y, scaleX: width / img.width, scaleY: height / img.height };
}

/**
 * The detector's input is ~21 MB for an A4 page; into a fresh array its fill cost ~100 ms of page faults and
 * garbage collection, into a reused one 9 ms (measured), so each thread keeps one. 64 MB covers the largest input
 * (1600 × 1600 × 3 floats).
 */
const spareInput = new SpareBuffer(64 * 1024 * 1024);

export async function detect(models: PaddleModels, img: PageImage): Promise<{ detections: Detection[]; ms: number }> {
  const input = await prepareDetInput(img);
  if (!input) return { detections: [], ms: 0 };
  const t0 = performance.now();
  const tensor = new models.ort.Tensor('float32', input.data, [1, 3, input.height, input.width]);
  let out;
  try {
    out = await models.det.run({ [models.det.inputNames[0]]: tensor });
  } finally {
    spareInput.give(input.data.buffer as ArrayBuffer);
  }
  const ms = performance.now() - t0;
  const prob = out[models.det.outputNames[0]].data as Float32Array;
  return { detections: boxesFromProbabilityMap(prob, input, img.width, img.height), ms };
}

/** DB: threshold the probability map, one rotated box per region, scored, grown, mapped back to the page. */
export function boxesFromProbabilityMap(prob: Float32Array, input: DetInput, pageW: number, pageH: number): Detection[] {
  const { width, height } = input;
  const mask = new Uint8Array(prob.length);
  for (let i = 0; i < prob.length; i++) mask[i] = prob[i] > THRESH ? 1 : 0;
  const out: Detection[] = [];
  for (const c of connectedComponents(mask, prob, width, height, 4)) {
    const score = c.scoreSum / c.pixels;
    if (score < BOX_THRESH) continue;
    const tight = minAreaRect(outlinePoints(c));
    if (Math.min(tight.width, tight.height) < MIN_BOX_SIDE) continue;
    const grown = unclip(tight, UNCLIP_RATIO);
    // back to page pixels (x and y were scaled separately to reach multiples of 32)
    const pts = corners(grown).map((p) => ({ x: (p.x + input.left) / input.scaleX, y: (p.y + input.top) / input.scaleY }));
    const box = orient(minAreaRect(pts));
    if (Math.min(box.width, box.height) < MIN_BOX_SIDE + 2) continue;
    if (box.cx < 0 || box.cy < 0 || box.cx > pageW || box.cy > pageH) continue;
    out.push({ box, score });
  }
  return separateRowNeighbours(out);
}

/**
 * Unclipping grows every box by most of its height on each side, so two words a few spaces apart on one row
 * end up overlapping, and the right one's crop starts with the left one's last character. Where that happens
 * both are cut back to the middle of the overlap, which lies in the blank between them.
 */
function separateRowNeighbours(dets: Detection[]): Detection[] {
  const flat = dets.filter((d) => Math.abs(d.box.angle) < 10).sort((a, b) => a.box.cx - b.box.cx);
  for (let i = 0; i < flat.length; i++) {
    for (let j = i + 1; j < flat.length; j++) {
      const a = flat[i].box,
        b = flat[j].box;
      const aRight = a.cx + a.width / 2,
        bLeft = b.cx - b.width / 2;
      if (bLeft >= aRight) continue;
      const rowOverlap = Math.min(a.cy + a.height / 2, b.cy + b.height / 2) - Math.max(a.cy - a.height / 2, b.cy - b.height / 2);
      if (rowOverlap < 0.5 * Math.min(a.height, b.height)) continue;
      const mid = (aRight + bLeft) / 2;
      const aLeft = a.cx - a.width / 2,
        bRight = b.cx + b.width / 2;
      if (mid <= aLeft || mid >= bRight) continue; // one inside the other: not neighbours
      flat[i].box = { ...a, cx: (aLeft + mid) / 2, width: mid - aLeft };
      flat[j].box = { ...b, cx: (mid + bRight) / 2, width: bRight - mid };
    }
  }
  return dets;
}
