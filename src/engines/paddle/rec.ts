import type { PageImage } from '../engine';
import type { PaddleModels } from './models';
import type { RotatedBox } from './geometry';
import { sampleBox } from './crop';
import { ctcDecode, type DecodedChar } from './ctc';

const H = 48;
/** PaddleOCR pads every batch to at least this width: short words read better with some context room. */
const MIN_W = 320;
/** Sum of widths in one batch: bounds the tensor (~3·48·W floats) and keeps batches similar in shape. */
const MAX_BATCH_PIXELS = 48 * 6000;
/**
 * Lines per recognizer run: one. On a CPU, batching lines costs time instead of saving it: the batch's feature
 * maps outgrow the caches. Measured with onnxruntime on a 2-core EPYC, 600-px lines: 22.8 ms a line one at a
 * time, 29.2 ms a line in batches of 16; the A4 page with both cores busy reads 15–20% faster. It also spares
 * the padding of narrow lines to the widest in their batch. Kept a constant (and the planning below) because
 * the balance differs on CPUs with larger caches and on accelerators.
 */
const MAX_BATCH = 1;
/**
 * Grey room after each line's end. The recognizer was trained on batches padded to their widest line, so most
 * lines it saw ended before the tensor did; a line flush with the edge loses spaces near its end (measured on the
 * A4 fixture, one line per run: CER 0.53% without it, 0.32% with 16 px, as in batches of 16).
 */
const END_ROOM = 16;

export interface RecInput {
  box: RotatedBox;
  turn180: boolean;
}

export interface RecOutput {
  chars: DecodedChar[];
  /** width of the crop in the tensor, in pixels, and pixels per CTC step: maps steps back onto the box */
  cropWidth: number;
  stepWidth: number;
}

/** Batches of similar widths (sorted by aspect ratio), so little of each tensor is padding. */
export function planBatches(inputs: RecInput[]): number[][] {
  const order = inputs.map((_, i) => i).sort((a, b) => ratio(inputs[a].box) - ratio(inputs[b].box));
  const batches: number[][] = [];
  let current: number[] = [];
  for (const i of order) {
    const w = cropWidth(inputs[i].box);
    const widest = Math.max(MIN_W, w);
    if (current.length > 0 && (current.length >= MAX_BATCH || widest * (current.length + 1) > MAX_BATCH_PIXELS)) {
      batches.push(current);
      current = [];
    }
    current.push(i);
  }
  if (current.length) batches.push(current);
  return batches;
}

/**
 * Margin added around each box for reading only: letters touching the crop's top and bottom cost spaces and
 * accents. Sideways it stays small, or the crop would take in the end of the neighbouring word.
 */
const CROP_MARGIN_Y = 0.25;
const CROP_MARGIN_X = 0.08;

function withMargin(box: RotatedBox): RotatedBox {
  return { ...box, width: box.width + 2 * CROP_MARGIN_X * box.height, height: box.height * (1 + 2 * CROP_MARGIN_Y) };
}

export async function recognizeBatch(models: PaddleModels, img: PageImage, inputs: RecInput[], indices: number[]): Promise<Map<number, RecOutput>> {
  const boxes = indices.map((i) => withMargin(inputs[i].box));
  const widths = boxes.map(cropWidth);
  const tensorW = Math.ceil(Math.max(MIN_W, ...widths.map((w) => w + END_ROOM)) / 8) * 8;
  const data = new Float32Array(indices.length * 3 * H * tensorW); // zero = mid-grey padding, as in training
  indices.forEach((idx, slot) => sampleBox(img, boxes[slot], widths[slot], H, data, slot, H, tensorW, inputs[idx].turn180));
  const tensor = new models.ort.Tensor('float32', data, [indices.length, 3, H, tensorW]);
  const res = await models.rec.run({ [models.rec.inputNames[0]]: tensor });
  const out = res[models.rec.outputNames[0]];
  const [, steps, classes] = out.dims as number[];
  if (classes !== models.charset.length) {
    throw new Error(`recognizer has ${classes} classes but the dictionary ${models.charset.length}`);
  }
  const probs = out.data as Float32Array;
  const stepWidth = tensorW / steps;
  const results = new Map<number, RecOutput>();
  indices.forEach((idx, slot) => {
    const validSteps = Math.ceil(widths[slot] / stepWidth) + 1;
    results.set(idx, { chars: ctcDecode(probs, slot, steps, classes, validSteps, models.charset), cropWidth: widths[slot], stepWidth });
  });
  return results;
}

function ratio(box: RotatedBox): number {
  return box.width / Math.max(1, box.height);
}

function cropWidth(box: RotatedBox): number {
  return Math.max(16, Math.round(H * ratio(box)));
}
