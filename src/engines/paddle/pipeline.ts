import type { Line, Word } from '../../result';
import { rotateQuarter } from '../../input/pixels';
import { median } from '../../layout/geometry';
import { mergeWords } from '../../layout/text';
import type { EnginePage } from '../engine';
import type { PageImage } from '../../types/pageImage';
import { detect, type Detection } from './det';
import { isSure, upsideDown } from './cls';
import { cropMargins, planBatches, recognizeBatch, type RecInput, type RecOutput } from './rec';
import { boundingBox, type Point, type RotatedBox } from '../../geometry/shapes';
import type { PaddleModels } from './models';

/** PaddleOCR's drop_score: lines read with less mean confidence are noise, not text. */
const DROP_SCORE = 0.5;
/** Share of text area in upright-standing boxes above which the page lies on its side. */
const SIDEWAYS_SHARE = 0.6;
/** Characters further apart than this many line heights are separate words even without a space between. */
const WORD_BREAK = 2;
/** Deskew is reported from this angle on; below it, it is noise of the box fitting. */
const MIN_SKEW = 0.3;

/**
 * One page through PP-OCRv4: detection → direction classification → recognition, with the orientation of
 * the page decided on the way. Runs inside a paddle worker process (see worker.ts).
 */
export async function readPage(models: PaddleModels, image: PageImage, detectOrientation: boolean): Promise<EnginePage> {
  const timings = { det: 0, cls: 0, rec: 0 };
  const dets = await timed(timings, 'det', () => detect(models, image).then((r) => r.detections));
  // Text standing upright in its boxes: the page lies on its side. Turn it a quarter and look again; whether
  // that made it upright or upside down, the classifier says next.
  const sideways = detectOrientation && sidewaysShare(dets) > SIDEWAYS_SHARE;
  // the page as it came reuses its detection; turned a quarter, it is detected again
  const read = async (quarter: 0 | 90) =>
    quarter === 0
      ? readAt(models, image, 0, dets, detectOrientation, timings)
      : readAt(models, await rotateQuarter(image, 90), 90, null, detectOrientation, timings);
  const first = await read(sideways ? 90 : 0);
  if (!detectOrientation || first.quality >= POOR_READING) return first.page;
  // A poor reading may be a page on its side whose boxes did not show it (small CJK text, whose lines the
  // detector runs together): the other quarter is read too, and the more confident reading kept.
  const other = await read(sideways ? 0 : 90);
  return other.quality > first.quality + QUARTER_MARGIN ? other.page : first.page;
}

/**
 * Mean character probability under which a page's reading is doubted and the other quarter turn tried. A page read
 * on its side still reads ~0.86 (the recognizer is sure of the wrong characters it sees), the right way ~0.99.
 */
const POOR_READING = 0.9;
/** ... and how much more confident that turn must read to be taken. */
const QUARTER_MARGIN = 0.05;

/** The page at one quarter turn: classification, the half-turn decision, recognition, geometry. */
async function readAt(
  models: PaddleModels,
  page: PageImage,
  quarter: number,
  known: Detection[] | null,
  detectOrientation: boolean,
  timings: Record<string, number>,
): Promise<{ page: EnginePage; quality: number }> {
  const dets: Detection[] = known ?? (await timed(timings, 'det', () => detect(models, page).then((r) => r.detections)));
  const boxes = dets.map((d) => d.box);
  const flips = boxes.length ? await timed(timings, 'cls', () => upsideDown(models, page, boxes)) : [];
  const pageUpsideDown = detectOrientation && (await timed(timings, 'cls', () => isPageUpsideDown(models, page, boxes, flips)));
  const margins = cropMargins(boxes);
  const inputs: RecInput[] = boxes.map((box, i) => ({ box, turn180: pageUpsideDown, marginY: margins[i] }));

  const outputs = new Map<number, RecOutput>();
  await timed(timings, 'rec', async () => {
    for (const batch of planBatches(inputs)) {
      for (const [k, v] of await recognizeBatch(models, page, inputs, batch)) outputs.set(k, v);
    }
    // A line is read the other way up from its page only when the classifier is sure of it and the reading
    // agrees: turned, it must read more confidently than it did with its page.
    for (let i = 0; i < inputs.length; i++) {
      if (!isSure(flips[i], pageUpsideDown)) continue;
      const turned: RecInput[] = [{ box: boxes[i], turn180: !pageUpsideDown, marginY: margins[i] }];
      const other = (await recognizeBatch(models, page, turned, [0])).get(0);
      if (other && meanProb(other) > meanProb(outputs.get(i))) {
        inputs[i] = turned[0];
        outputs.set(i, other);
      }
    }
  });

  const rotation = (quarter + (pageUpsideDown ? 180 : 0)) % 360;
  const skew = pageSkew(boxes);
  const toUpright = uprightFrame(page.width, page.height, pageUpsideDown, skew);
  const lines: Line[] = [];
  inputs.forEach((input, i) => {
    const line = toLine(input, outputs.get(i), toUpright, page.width, page.height);
    if (line) lines.push(line);
  });
  let chars = 0,
    sum = 0;
  for (const o of outputs.values())
    for (const c of o.chars) {
      chars++;
      sum += c.prob;
    }
  return {
    page: {
      lines,
      rotation,
      skew: Math.abs(skew) >= MIN_SKEW ? Math.round(-skew * 100) / 100 : 0,
      width: page.width,
      height: page.height,
      warnings: [],
      timings,
    },
    // a page without text has nothing to doubt
    quality: chars ? sum / chars : 1,
  };
}

async function timed<T>(timings: Record<string, number>, stage: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    timings[stage] += performance.now() - t0;
  }
}

function sidewaysShare(dets: Detection[]): number {
  let upright = 0,
    total = 0;
  for (const { box } of dets) {
    // a single character is as tall as it is wide: it says nothing about the page's orientation
    if (box.width < 1.5 * box.height) continue;
    const area = box.width * box.height;
    total += area;
    if (Math.abs(box.angle) > 45) upright += area;
  }
  return total > 0 ? upright / total : 0;
}

/** Share of text width the classifier must give "upright" for the page to be taken as upright without reading. */
const DECISIVE_SHARE = 0.8;
/** Lines read both ways when the page's orientation is in doubt: the widest, whose readings say most. */
const CHECK_LINES = 6;

/**
 * The page is upside down only when its lines read better turned. The classifier's vote (width-weighted over
 * lines) settles an upright page alone when it is decisive; a vote for upside down, or an undecided one, is
 * checked by reading the widest lines both ways: the orientation whose readings are more confident wins. An
 * upright page is never turned on the classifier's word alone.
 */
async function isPageUpsideDown(models: PaddleModels, page: PageImage, boxes: RotatedBox[], flips: number[]): Promise<boolean> {
  const share = upsideDownShare(boxes, flips);
  if (share <= 1 - DECISIVE_SHARE) return false;
  const sample = boxes
    .filter((box) => box.width >= 1.5 * box.height)
    .sort((a, b) => b.width - a.width)
    .slice(0, CHECK_LINES);
  if (sample.length === 0) return share > 0.5;
  let upright = 0,
    turned = 0;
  for (const box of sample) {
    const both: RecInput[] = [
      { box, turn180: false },
      { box, turn180: true },
    ];
    const read = await recognizeBatch(models, page, both, [0]);
    const readTurned = await recognizeBatch(models, page, both, [1]);
    upright += meanProb(read.get(0));
    turned += meanProb(readTurned.get(1));
  }
  return turned > upright;
}

/** Mean character probability of a reading: what the page decides its lines' confidence by. */
function meanProb(rec: RecOutput | undefined): number {
  if (!rec || rec.chars.length === 0) return 0;
  return rec.chars.reduce((s, c) => s + c.prob, 0) / rec.chars.length;
}

function upsideDownShare(boxes: RotatedBox[], flips: number[]): number {
  let down = 0,
    total = 0;
  boxes.forEach((b, i) => {
    if (b.width < 1.5 * b.height) return;
    total += b.width;
    if (flips[i] > 0.5) down += b.width;
  });
  return total > 0 ? down / total : 0;
}

/** Median angle of the text lines, weighted toward long lines (they fit their angle best). */
function pageSkew(boxes: RotatedBox[]): number {
  const angles: number[] = [];
  for (const b of boxes) {
    if (b.width < 3 * b.height || Math.abs(b.angle) > 20) continue;
    const weight = Math.min(10, Math.round(b.width / b.height / 3));
    for (let i = 0; i < weight; i++) angles.push(b.angle);
  }
  // one or two short lines fit their angle too loosely to call the page skewed
  const lines = boxes.filter((b) => b.width >= 3 * b.height && Math.abs(b.angle) <= 20).length;
  return lines >= 3 ? median(angles) : 0;
}

/**
 * Maps a point of the image as stored to the page as read upright: turned 180° if the page is upside down,
 * then turned back by the skew about the centre. Reading itself needs neither: crops follow each box.
 */
function uprightFrame(width: number, height: number, upsideDownPage: boolean, skewDeg: number): (p: Point) => Point {
  const rad = (-skewDeg * Math.PI) / 180;
  const cos = Math.cos(rad),
    sin = Math.sin(rad);
  const cx = width / 2,
    cy = height / 2;
  const deskew = Math.abs(skewDeg) >= MIN_SKEW;
  return (p) => {
    let x = upsideDownPage ? width - p.x : p.x;
    let y = upsideDownPage ? height - p.y : p.y;
    if (deskew) {
      const dx = x - cx,
        dy = y - cy;
      x = cx + dx * cos - dy * sin;
      y = cy + dx * sin + dy * cos;
    }
    return { x, y };
  };
}

function toLine(input: RecInput, rec: RecOutput | undefined, toUpright: (p: Point) => Point, pageW: number, pageH: number): Line | null {
  if (!rec || rec.chars.length === 0) return null;
  const confidence = meanProb(rec);
  if (confidence < DROP_SCORE) return null;
  const { box, turn180 } = input;
  const rad = (box.angle * Math.PI) / 180;
  const dir = turn180 ? -1 : 1;
  const ux = Math.cos(rad) * dir,
    uy = Math.sin(rad) * dir;
  const vx = -uy,
    vy = ux;
  const hh = box.height / 2;
  // crop pixel x → point on the box's centre line, along the reading direction
  const along = (x: number) => (Math.min(Math.max(x, 0), rec.cropWidth) / rec.cropWidth) * box.width - box.width / 2;
  const span = (s0: number, s1: number) =>
    boundingBox(
      [
        { x: box.cx + ux * s0 - vx * hh, y: box.cy + uy * s0 - vy * hh },
        { x: box.cx + ux * s1 - vx * hh, y: box.cy + uy * s1 - vy * hh },
        { x: box.cx + ux * s1 + vx * hh, y: box.cy + uy * s1 + vy * hh },
        { x: box.cx + ux * s0 + vx * hh, y: box.cy + uy * s0 + vy * hh },
      ].map(toUpright),
      pageW,
      pageH,
    );

  // words: runs of characters between spaces; CJK runs are then joined by the shared rule
  const words: Word[] = [];
  let run: typeof rec.chars = [];
  const flush = () => {
    if (run.length === 0) return;
    const x0 = run[0].t0 * rec.stepWidth - rec.stepWidth / 2;
    const x1 = (run[run.length - 1].t1 + 1) * rec.stepWidth + rec.stepWidth / 2;
    words.push({
      text: run.map((c) => c.char).join(''),
      confidence: round3(run.reduce((s, c) => s + c.prob, 0) / run.length),
      bbox: span(along(x0), along(x1)),
    });
    run = [];
  };
  // a run also ends at a gap wider than WORD_BREAK line heights: CJK text has no spaces to read, and a line
  // read across a column gutter must come apart there (the crop's line height is H / (1 + 2 × margin))
  const breakSteps = (WORD_BREAK * rec.lineHeight) / rec.stepWidth;
  for (const c of rec.chars) {
    const last = run[run.length - 1];
    if (c.char === ' ') flush();
    else {
      if (last && c.t0 - last.t1 > breakSteps) flush();
      run.push(c);
    }
  }
  flush();
  if (words.length === 0) return null;
  const bbox = span(-box.width / 2, box.width / 2);
  const merged = mergeWords(words, bbox.height);
  return { text: merged.text, confidence: round3(confidence), bbox, words: merged.words };
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
