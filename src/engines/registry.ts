import os from 'node:os';
import type { ResolvedOptions } from '../options';
import type { ConcreteEngine, OcrEngine } from './engine';
import { TesseractEngine } from './tesseract/engine';
import { PaddleEngine } from './paddle/engine';
import { OcrError } from '../errors';

/**
 * Engines are process-wide: models load once per process (per n8n or Node-RED instance), not per call.
 * The pool is sized to the cores; LOCAL_OCR_POOL_SIZE overrides it (e.g. 1 on a busy shared host).
 */
/** The engines that run here; a cloud engine is made per call from its credentials, not pooled. */
type LocalEngine = Exclude<ConcreteEngine, 'huawei-cloud'>;

const engines = new Map<LocalEngine, OcrEngine>();

let configuredPoolSize: number | undefined;

export interface EngineSettings {
  /** Pages recognized in parallel, one worker each; default the number of cores. */
  poolSize?: number;
}

/**
 * Process-wide engine settings (a Node-RED `ocr-engine` config node). They apply to engines started after the
 * call: running engines are left alone, so work in flight is never dropped; `shutdown()` first to apply at once.
 */
export function configure(settings: EngineSettings): void {
  if (settings.poolSize !== undefined) {
    if (!Number.isInteger(settings.poolSize) || settings.poolSize < 1)
      throw new TypeError(`poolSize must be a whole number of at least 1, got ${String(settings.poolSize)}.`);
    configuredPoolSize = settings.poolSize;
  }
}

export function poolSize(): number {
  if (configuredPoolSize !== undefined) return configuredPoolSize;
  const fromEnv = Number(process.env.LOCAL_OCR_POOL_SIZE);
  if (Number.isInteger(fromEnv) && fromEnv >= 1) return fromEnv;
  return cores();
}

function cores(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

export function getEngine(name: LocalEngine): OcrEngine {
  let engine = engines.get(name);
  if (!engine) {
    const size = poolSize();
    // as many ONNX runs in flight as the pool has slots, each with its share of the cores
    engine = name === 'paddle' ? new PaddleEngine(size, Math.max(1, Math.floor(cores() / size))) : new TesseractEngine(size);
    engines.set(name, engine);
  }
  return engine;
}

/**
 * Languages the PP-OCR Chinese models read: its dictionary holds simplified and traditional characters and
 * Latin text (measured: it reads the traditional-Chinese sample exactly, where tesseract's chi_tra fails).
 */
const PADDLE_LANGUAGES = new Set(['chi_sim', 'chi_tra', 'eng']);

export interface EngineChoice {
  engine: OcrEngine;
  warnings: string[];
}

/**
 * `auto`: PP-OCR for Chinese and for every typed document (cards, invoices, waybills and lab reports are
 * mostly Chinese, and PP-OCR reads Latin text as well), tesseract for plain English text (as accurate there,
 * lighter on memory) and for languages PP-OCR does not cover. Where onnxruntime cannot run, `auto` falls back to tesseract with a warning; an
 * explicit `paddle` fails with ENGINE_FAILED.
 */
export async function chooseEngine(options: Pick<ResolvedOptions, 'engine' | 'languages' | 'type'>): Promise<EngineChoice> {
  if (options.engine === 'tesseract') return { engine: getEngine('tesseract'), warnings: [] };
  if (options.engine === 'paddle') return { engine: await readyPaddle(), warnings: [] };
  const covered = options.languages.every((l) => PADDLE_LANGUAGES.has(l));
  const chinese = options.languages.some((l) => l.startsWith('chi_'));
  const wantsPaddle = covered && (options.type !== 'general' || chinese);
  if (!wantsPaddle) return { engine: getEngine('tesseract'), warnings: [] };
  try {
    return { engine: await readyPaddle(), warnings: [] };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { engine: getEngine('tesseract'), warnings: [`The paddle engine is unavailable here, so tesseract was used (less accurate on Chinese): ${why}`] };
  }
}

async function readyPaddle(): Promise<OcrEngine> {
  const engine = getEngine('paddle') as PaddleEngine;
  try {
    await engine.warmUp();
  } catch (err) {
    engines.delete('paddle');
    throw err instanceof OcrError ? err : new OcrError('ENGINE_FAILED', String(err));
  }
  return engine;
}

/** Stops every worker; the next call starts them again. Call before a CLI or a test process exits. */
export async function shutdown(): Promise<void> {
  const all = [...engines.values()];
  engines.clear();
  await Promise.all(all.map((e) => e.close()));
}

/** Names of the engines running now (for tests and health checks: none after `shutdown()`). */
export function activeEngines(): LocalEngine[] {
  return [...engines.keys()];
}
