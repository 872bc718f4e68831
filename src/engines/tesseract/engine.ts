import Tesseract from 'tesseract.js';
import { OcrError } from '../../errors';
import type { Line } from '../../result';
import { median } from '../../layout/geometry';
import { downscale, rotateQuarter, toGray, toPng } from '../../input/pixels';
import type { EnginePage, EngineRequest, OcrEngine } from '../engine';
import type { PageImage } from '../../types/pageImage';
import { WorkerPool } from '../pool';
import { langPath } from './langdata';
import { mapPage } from './mapResult';

const { createWorker, OEM } = Tesseract;

const WORKER_START_TIMEOUT_MS = 60_000;
/** Tesseract reads best when capital letters are 25–40 px tall. */
const TARGET_LINE_HEIGHT = 36;
const MIN_LINE_HEIGHT = 20;
const MAX_SCALED_PIXELS = 40_000_000;
/** The pool key of the worker configured for machine-readable zones. */
const MRZ_KEY = 'eng:mrz';
/** A band of two or three MRZ lines scaled to about this height puts its characters near 40 px. */
const MRZ_BAND_HEIGHT = 220;
/** An OSD verdict below this confidence is not trusted; recognition quality decides instead. */
const OSD_MIN_CONFIDENCE = 2;

interface Recognized {
  lines: Line[];
  skew: number;
  score: number;
}

export class TesseractEngine implements OcrEngine {
  readonly name = 'tesseract' as const;
  private readonly recognizers: WorkerPool<Tesseract.Worker>;
  // OSD needs the legacy engine: its own single worker, so it never evicts a recognizer from the pool.
  private readonly detector: WorkerPool<Tesseract.Worker>;

  constructor(poolSize: number) {
    const hooks = {
      create: (key: string) => startWorker(key),
      destroy: (w: Tesseract.Worker) => w.terminate().then(() => undefined),
      setActive: (w: Tesseract.Worker, active: boolean) => setRef(w, active),
    };
    this.recognizers = new WorkerPool(poolSize, hooks);
    this.detector = new WorkerPool(1, hooks);
  }

  async recognizePage(image: PageImage, request: EngineRequest): Promise<EnginePage> {
    const gray = await toGray(image);
    const warnings: string[] = [];
    let rotation = 0;
    let trusted = !request.detectOrientation;
    if (request.detectOrientation) {
      const osd = await this.detectOrientation(gray, request.signal);
      if (osd) {
        rotation = osd.rotation;
        trusted = osd.confidence >= OSD_MIN_CONFIDENCE;
      }
    }
    let upright = await rotateQuarter(gray, rotation);
    let best = await this.recognizeUpright(upright, request);

    // OSD abstains on short texts (a label, a single word); then try the other three turns and keep the
    // reading the engine is most sure of.
    if (!trusted && looksWrong(best)) {
      for (const turn of [90, 180, 270]) {
        const candidateRotation = (rotation + turn) % 360;
        const candidateImage = await rotateQuarter(gray, candidateRotation);
        const candidate = await this.recognizeUpright(candidateImage, request);
        if (candidate.score > best.score * 1.15) {
          best = candidate;
          rotation = candidateRotation;
          upright = candidateImage;
        }
      }
    }
    return { lines: best.lines, rotation, skew: best.skew, width: upright.width, height: upright.height, warnings };
  }

  /**
   * The lines of a machine-readable zone (ICAO 9303): OCR-B capitals, digits and `<` only, read as one block,
   * with text scaled to the height tesseract reads best. The image is the band around the MRZ, upright.
   */
  async readMrz(image: PageImage, signal?: AbortSignal): Promise<string[]> {
    const gray = await toGray(image);
    const png = await toPng(gray, Math.min(4, Math.max(1, MRZ_BAND_HEIGHT / gray.height)));
    const { data } = await this.recognizers.run(MRZ_KEY, (w) => guarded(w, w.recognize(png)), signal);
    return data.text
      .split('\n')
      .map((l) => l.replace(/\s+/g, ''))
      .filter((l) => l.length >= 20);
  }

  close(): Promise<void> {
    return Promise.all([this.recognizers.close(), this.detector.close()]).then(() => undefined);
  }

  /** The recognizer workers running now (for fault-injection tests and health checks). */
  workers(): Tesseract.Worker[] {
    return this.recognizers.workers();
  }

  /** Returns the clockwise turn that makes the page upright, or null when OSD cannot tell. */
  private async detectOrientation(gray: PageImage, signal?: AbortSignal): Promise<{ rotation: number; confidence: number } | null> {
    const { image } = await downscale(gray, 2000);
    const png = await toPng(image);
    try {
      const { data } = await this.detector.run('osd', (w) => guarded(w, w.detect(png)), signal);
      if (data.orientation_degrees === null || data.orientation_confidence === null) return null;
      // tesseract.js reports the clockwise turn that makes the page upright (OSD's "Rotate:").
      return { rotation: data.orientation_degrees % 360, confidence: data.orientation_confidence };
    } catch (err) {
      if (err instanceof OcrError && err.code === 'TIMEOUT') throw err;
      return null; // too little text for OSD: decided by recognition quality instead
    }
  }

  private async recognizeUpright(image: PageImage, request: EngineRequest): Promise<Recognized> {
    let scale = initialScale(image);
    let result = await this.runRecognition(image, scale, request);
    const lineHeight = median(result.lines.map((l) => l.bbox.height)) * scale;
    if (result.lines.length > 0 && lineHeight < MIN_LINE_HEIGHT) {
      const better = Math.min(TARGET_LINE_HEIGHT / Math.max(lineHeight / scale, 1), Math.sqrt(MAX_SCALED_PIXELS / (image.width * image.height)));
      if (better > scale * 1.2) {
        scale = better;
        const retry = await this.runRecognition(image, scale, request);
        if (retry.score >= result.score) result = retry;
      }
    }
    return result;
  }

  private async runRecognition(image: PageImage, scale: number, request: EngineRequest): Promise<Recognized> {
    // tesseract's image structures stop at 32767 px a side; past it the worker returns broken output
    if (Math.max(image.width, image.height) * scale > TESSERACT_MAX_SIDE) {
      throw new OcrError(
        'TOO_LARGE',
        `The page is ${image.width}×${image.height} pixels; tesseract reads at most ${TESSERACT_MAX_SIDE} pixels a side. Use the paddle engine, or split the image.`,
      );
    }
    const png = await toPng(image, scale);
    const key = request.languages.join('+');
    const page = await this.recognizers.run(
      key,
      async (w) => (await guarded(w, w.recognize(png, { rotateAuto: true }, { blocks: true, text: false }))).data,
      request.signal,
    );
    const lines = mapPage(page, scale);
    const skew = (page.rotateRadians ?? 0) * (180 / Math.PI);
    return { lines, skew: Math.round(skew * 100) / 100, score: qualityScore(lines) };
  }
}

const TESSERACT_MAX_SIDE = 32767;

function initialScale(image: PageImage): number {
  const longer = Math.max(image.width, image.height);
  if (longer >= 1200) return 1;
  return Math.min(3, 1200 / longer);
}

/** Confident characters: what a correctly turned page has many of and a wrongly turned one has few. */
function qualityScore(lines: Line[]): number {
  let score = 0;
  for (const l of lines) for (const w of l.words) if (w.confidence > 0.5) score += w.confidence * [...w.text].length;
  return score;
}

function looksWrong(r: Recognized): boolean {
  const words = r.lines.flatMap((l) => l.words);
  if (words.length === 0) return true;
  const meanConfidence = words.reduce((s, w) => s + w.confidence, 0) / words.length;
  return meanConfidence < 0.75;
}

/**
 * Each worker's death, as a promise that rejects with ENGINE_FAILED. tesseract.js neither listens for its
 * thread's 'error' event (so an exception thrown inside the worker was an unhandled 'error' that took the host
 * down) nor notices the thread exiting (a job then waited until its deadline). Both become a failed job here,
 * which the pool answers by replacing the worker and running the page again once.
 */
const deaths = new WeakMap<Tesseract.Worker, Promise<never>>();

function watchThread(worker: Tesseract.Worker, key: string): void {
  const thread = threadOf(worker);
  if (!thread?.on) return;
  const death = new Promise<never>((_, reject) => {
    thread.on!('error', (err: unknown) =>
      reject(new OcrError('ENGINE_FAILED', `The tesseract worker for "${key}" failed: ${err instanceof Error ? err.message : String(err)}`)),
    );
    thread.on!('exit', (code: unknown) => reject(new OcrError('ENGINE_FAILED', `The tesseract worker for "${key}" stopped (exit code ${String(code)}).`)));
  });
  death.catch(() => undefined); // observed by the jobs that race it
  deaths.set(worker, death);
}

/** A job on `worker` that fails as soon as the worker dies, instead of waiting for an answer that never comes. */
function guarded<T>(worker: Tesseract.Worker, job: Promise<T>): Promise<T> {
  const death = deaths.get(worker);
  return death ? Promise.race([job, death]) : job;
}

async function startWorker(key: string): Promise<Tesseract.Worker> {
  const mrz = key === MRZ_KEY;
  const langs = mrz ? ['eng'] : key.split('+');
  const dir = await langPath(langs);
  const legacy = key === 'osd';
  const starting = createWorker(
    langs,
    legacy ? OEM.TESSERACT_ONLY : OEM.LSTM_ONLY,
    {
      langPath: dir,
      cacheMethod: 'none', // read from node_modules, write nothing anywhere
      gzip: true,
      legacyCore: legacy,
      legacyLang: legacy,
      logger: () => undefined,
      // Without a handler tesseract.js throws from its message callback, which would take the host down.
      errorHandler: () => undefined,
    },
    {
      // tesseract prints to the host's stderr ("Invalid resolution", chi_sim's "Failed loading language"
      // while probing sub-models) from Init on; this keeps the output of a CLI or a workflow engine clean.
      debug_file: '/dev/null',
      // an MRZ is no language: the word lists would only pull its readings towards English words
      ...(mrz ? { load_system_dawg: 'F', load_freq_dawg: 'F' } : {}),
    } as Partial<Tesseract.InitOptions>,
  );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new OcrError('ENGINE_FAILED', `The tesseract worker for "${key}" did not start within ${WORKER_START_TIMEOUT_MS / 1000} s.`)),
      WORKER_START_TIMEOUT_MS,
    );
  });
  try {
    const worker = await Promise.race([starting, timeout]);
    watchThread(worker, key);
    // 300 dpi stops tesseract guessing a resolution; spaces are handled by our own CJK-aware join.
    await worker.setParameters({ user_defined_dpi: '300', ...(legacy ? {} : { preserve_interword_spaces: '1' }) });
    if (mrz) {
      await worker.setParameters({
        tessedit_char_whitelist: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<',
        tessedit_pageseg_mode: Tesseract.PSM.SINGLE_BLOCK,
      });
    }
    setRef(worker, false);
    return worker;
  } catch (err) {
    throw err instanceof OcrError ? err : new OcrError('ENGINE_FAILED', `The tesseract worker for "${key}" could not start: ${String(err)}`, { cause: err });
  } finally {
    clearTimeout(timer);
  }
}

interface ThreadHandle {
  ref?: () => void;
  unref?: () => void;
  on?: (event: string, listener: (arg: unknown) => void) => void;
  postMessage?: (message: unknown) => void;
  terminate?: () => Promise<number>;
}

/** tesseract.js keeps its worker_threads Worker as `worker` (src/createWorker.js); it has no accessor for it. */
export function threadOf(worker: Tesseract.Worker): ThreadHandle | undefined {
  return (worker as unknown as { worker?: ThreadHandle }).worker;
}

/** Idle worker threads must not keep a CLI or a test process alive; busy ones must. */
function setRef(worker: Tesseract.Worker, active: boolean): void {
  const thread = threadOf(worker);
  if (active) thread?.ref?.();
  else thread?.unref?.();
}
