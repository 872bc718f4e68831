import os from 'node:os';
import type { ResolvedOptions } from '../options';
import type { ConcreteEngine, OcrEngine } from './engine';
import { TesseractEngine } from './tesseract/engine';

/**
 * Engines are process-wide: models load once per process (per n8n or Node-RED instance), not per call.
 * The pool is sized to the cores; LOCAL_OCR_POOL_SIZE overrides it (e.g. 1 on a busy shared host).
 */
const engines = new Map<ConcreteEngine, OcrEngine>();

export function poolSize(): number {
  const fromEnv = Number(process.env.LOCAL_OCR_POOL_SIZE);
  if (Number.isInteger(fromEnv) && fromEnv >= 1) return fromEnv;
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

export function getEngine(name: ConcreteEngine): OcrEngine {
  let engine = engines.get(name);
  if (!engine) {
    engine = new TesseractEngine(poolSize());
    engines.set(name, engine);
  }
  return engine;
}

export interface EngineChoice {
  engine: OcrEngine;
  warnings: string[];
}

/** `auto` chooses per request; an explicit engine is honoured or fails with ENGINE_FAILED. */
export function chooseEngine(options: Pick<ResolvedOptions, 'engine' | 'languages' | 'type'>): EngineChoice {
  return { engine: getEngine('tesseract'), warnings: [] };
}

/** Stops every worker; the next call starts them again. Call before a CLI or a test process exits. */
export async function shutdown(): Promise<void> {
  const all = [...engines.values()];
  engines.clear();
  await Promise.all(all.map((e) => e.close()));
}
