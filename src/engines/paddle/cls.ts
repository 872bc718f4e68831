import type { PageImage } from '../../types/pageImage';
import type { PaddleModels } from './models';
import type { RotatedBox } from '../../geometry/shapes';
import { sampleBox } from './crop';

/** PaddleOCR's cls_image_shape: 3 × 48 × 192. */
const H = 48;
const W = 192;
/** PaddleOCR turns a line only when the classifier is this sure it is upside down (its cls_thresh). */
const THRESHOLD = 0.9;
const BATCH = 32;
/**
 * Pieces of a long line the classifier is shown: its start, middle and end. On the layout corpus's upright and
 * upside-down pages they judged 10 of 2547 lines wrong, 4 of them sure; the middle alone 19, 6 sure.
 */
const MAX_PIECES = 3;

/**
 * For each box: the probability that its text is upside down (0..1).
 *
 * The classifier's input is 192 × 48. PaddleOCR squeezes a whole line into it, so a line 40 times as long as it
 * is tall is shrunk tenfold along its length and not across: the letters are gone and what is left is the
 * vertical profile of ascenders and descenders, which on a line rich in descenders (g j p q y) looks like an
 * upside-down line (on the layout corpus's upright and upside-down pages, 222 of 2547 lines were judged the
 * wrong way up, 101 of them with p > 0.9, and 7 of 60 pages turned wrongly). Shown instead a piece as long as
 * its input is wide (4 line heights), at the scale it was trained on, it judges the piece on its letters.
 * A line's probability is the mean over its pieces.
 */
export async function upsideDown(models: PaddleModels, img: PageImage, boxes: RotatedBox[]): Promise<number[]> {
  const pieces = boxes.map(piecesOf);
  const flat = pieces.flat();
  const probs: number[] = [];
  for (let start = 0; start < flat.length; start += BATCH) {
    const batch = flat.slice(start, start + BATCH);
    const data = new Float32Array(batch.length * 3 * H * W); // zero: the mid-grey padding PaddleOCR gives short crops
    batch.forEach((box, i) => {
      const w = Math.max(8, Math.min(W, Math.ceil((H * box.width) / Math.max(1, box.height))));
      sampleBox(img, box, w, H, data, i, H, W);
    });
    const tensor = new models.ort.Tensor('float32', data, [batch.length, 3, H, W]);
    const res = await models.cls.run({ [models.cls.inputNames[0]]: tensor });
    const out = res[models.cls.outputNames[0]].data as Float32Array;
    for (let i = 0; i < batch.length; i++) probs.push(out[i * 2 + 1]);
  }
  let k = 0;
  return pieces.map((p) => {
    let sum = 0;
    for (let i = 0; i < p.length; i++) sum += probs[k++];
    return sum / p.length;
  });
}

/** A box no longer than the classifier's input is one piece; a longer one, up to MAX_PIECES spread along it. */
export function piecesOf(box: RotatedBox): RotatedBox[] {
  const length = (W / H) * box.height;
  if (box.width <= 1.25 * length) return [box];
  const n = Math.min(MAX_PIECES, Math.ceil(box.width / length));
  const rad = (box.angle * Math.PI) / 180;
  const ux = Math.cos(rad),
    uy = Math.sin(rad);
  const out: RotatedBox[] = [];
  for (let i = 0; i < n; i++) {
    // one piece: the line's middle; more: from the first flush with the line's start to the last flush with its end
    const s = n === 1 ? 0 : -box.width / 2 + length / 2 + (i * (box.width - length)) / (n - 1);
    out.push({ ...box, cx: box.cx + ux * s, cy: box.cy + uy * s, width: length });
  }
  return out;
}

/** Sure enough to read a line the other way up from its page (PaddleOCR's cls_thresh, either way). */
export function isSure(probability: number, upsideDownPage: boolean): boolean {
  return upsideDownPage ? probability < 1 - THRESHOLD : probability > THRESHOLD;
}
