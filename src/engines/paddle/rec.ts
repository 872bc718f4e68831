import type { PageImage } from '../../types/pageImage';
import type { PaddleModels } from './models';
import type { RotatedBox } from '../../geometry/shapes';
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
  /** margin above and below, as a share of the box's height (cropMargins); CROP_MARGIN_Y when not given */
  marginY?: number;
}

export interface RecOutput {
  chars: DecodedChar[];
  /** width of the crop in the tensor, in pixels, and pixels per CTC step: maps steps back onto the box */
  cropWidth: number;
  stepWidth: number;
  /** the box's height in the tensor, in pixels (the crop's height less its margins) */
  lineHeight: number;
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

function withMargin(box: RotatedBox, marginY: number): RotatedBox {
  return { ...box, width: box.width + 2 * CROP_MARGIN_X * box.height, height: box.height * (1 + 2 * marginY) };
}

/**
 * Each box's margin above and below: CROP_MARGIN_Y, but never into the line above or below. Set solid (leading
 * under 1.3 em) the detector's boxes already touch their neighbours, and a margin fills the crop with the
 * descenders of the line above and the ascenders of the line below, which the recognizer reads as letters or
 * loses letters to (a 9-pt two-column page at 300 dpi of the layout corpus: CER 5.9% with the fixed margin, 0.04%
 * with this; PaddleOCR itself crops the box alone). The cost: a tighter crop is a wider line in the tensor, and
 * the recognizer's time grows with the width. A floor of 15% kept the time nearer (the corpus 2.26 s a page
 * against 2.34) but read the corpus's English pages at 4.4% CER against 2.0%. Boxes lying along the page's axes (most lines) are compared by their extents; turned ones keep the margin.
 */
export function cropMargins(boxes: RotatedBox[]): number[] {
  const flat = boxes.map((b) => Math.abs(b.angle) < 10);
  const ext = boxes.map((b) => ({ x0: b.cx - b.width / 2, x1: b.cx + b.width / 2, y0: b.cy - b.height / 2, y1: b.cy + b.height / 2 }));
  return boxes.map((b, i) => {
    if (!flat[i]) return CROP_MARGIN_Y;
    let room = CROP_MARGIN_Y * b.height;
    const e = ext[i];
    for (let j = 0; j < boxes.length; j++) {
      if (j === i || !flat[j]) continue;
      const o = ext[j];
      if (o.x1 <= e.x0 || o.x0 >= e.x1) continue;
      if (o.y0 >= b.cy) room = Math.min(room, Math.max(0, o.y0 - e.y1));
      else if (o.y1 <= b.cy) room = Math.min(room, Math.max(0, e.y0 - o.y1));
    }
    return room / Math.max(1, b.height);
  });
}

export async function recognizeBatch(models: PaddleModels, img: PageImage, inputs: RecInput[], indices: number[]): Promise<Map<number, RecOutput>> {
  const margins = indices.map((i) => inputs[i].marginY ?? CROP_MARGIN_Y);
  const boxes = indices.map((i, slot) => withMargin(inputs[i].box, margins[slot]));
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
    results.set(idx, {
      chars: ctcDecode(probs, slot, steps, classes, validSteps, models.charset),
      cropWidth: widths[slot],
      stepWidth,
      lineHeight: H / (1 + 2 * margins[slot]),
    });
  });
  return results;
}

function ratio(box: RotatedBox): number {
  return box.width / Math.max(1, box.height);
}

function cropWidth(box: RotatedBox): number {
  return Math.max(16, Math.round(H * ratio(box)));
}
