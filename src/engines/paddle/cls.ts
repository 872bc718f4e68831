import type { PageImage } from '../engine';
import type { PaddleModels } from './models';
import type { RotatedBox } from './geometry';
import { sampleBox } from './crop';

const H = 48;
const W = 192;
/** PaddleOCR turns a line only when the classifier is this sure it is upside down. */
const THRESHOLD = 0.9;
const BATCH = 32;

/** For each box: the probability that its text is upside down (0..1). */
export async function upsideDown(models: PaddleModels, img: PageImage, boxes: RotatedBox[]): Promise<number[]> {
  const out: number[] = [];
  for (let start = 0; start < boxes.length; start += BATCH) {
    const batch = boxes.slice(start, start + BATCH);
    const data = new Float32Array(batch.length * 3 * H * W);
    batch.forEach((box, i) => {
      const w = Math.max(8, Math.min(W, Math.ceil((H * box.width) / Math.max(1, box.height))));
      sampleBox(img, box, w, H, data, i, H, W);
    });
    const tensor = new models.ort.Tensor('float32', data, [batch.length, 3, H, W]);
    const res = await models.cls.run({ [models.cls.inputNames[0]]: tensor });
    const probs = res[models.cls.outputNames[0]].data as Float32Array;
    for (let i = 0; i < batch.length; i++) out.push(probs[i * 2 + 1]);
  }
  return out;
}

export function isUpsideDown(probability: number): boolean {
  return probability > THRESHOLD;
}
