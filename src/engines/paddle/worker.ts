/**
 * A paddle worker thread. onnxruntime-node runs a model synchronously on the calling thread, so inference on
 * the main thread would freeze the host (n8n's or Node-RED's event loop) for seconds per page and could never
 * run two pages at once. Each worker loads its own sessions once and reads whole pages.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadModels } from './models';
import { readPage } from './pipeline';
import type { PageImage } from '../engine';

export interface PaddleJob {
  id: number;
  image: PageImage;
  detectOrientation: boolean;
}

export type PaddleReply =
  /** `pixels`: the job's image buffer handed back, for the next page to be copied into (see engine.ts) */
  | { id: number; ok: true; page: Awaited<ReturnType<typeof readPage>>; pixels?: ArrayBuffer }
  | { id: number; ok: false; error: { code?: string; message: string } };

const { threads } = workerData as { threads: number };
const port = parentPort!;
/** Jobs the main thread gave up on; checked between model runs (a run itself cannot be interrupted). */
const cancelled = new Set<number>();

port.on('message', async (msg: PaddleJob | { id: number; warmUp: true } | { cancel: number }) => {
  if ('cancel' in msg) {
    cancelled.add(msg.cancel);
    return;
  }
  try {
    const models = await loadModels(threads);
    if ('warmUp' in msg) {
      port.postMessage({ id: msg.id, ok: true, page: null });
      return;
    }
    const image: PageImage = { ...msg.image, data: Buffer.from(msg.image.data.buffer, msg.image.data.byteOffset, msg.image.data.byteLength) };
    const page = await readPage(models, image, msg.detectOrientation, () => {
      if (cancelled.has(msg.id)) throw Object.assign(new Error('cancelled'), { code: 'TIMEOUT' });
    });
    // Handed back only on success: after a failure a resize of the page may still be reading it.
    const pixels = msg.image.data.buffer as ArrayBuffer;
    port.postMessage({ id: msg.id, ok: true, page, pixels } satisfies PaddleReply, [pixels]);
  } catch (err) {
    const e = err as { code?: string; message?: string };
    port.postMessage({ id: msg.id, ok: false, error: { code: e.code, message: e.message ?? String(err) } } satisfies PaddleReply);
  } finally {
    cancelled.delete(msg.id);
  }
});
