/**
 * A paddle worker process. onnxruntime-node runs a model synchronously on the calling thread, so inference on
 * the host's main thread would freeze n8n's or Node-RED's event loop for seconds per page. It runs in a child
 * process rather than a worker thread because a fault inside onnxruntime's native code (an abort, a
 * segmentation fault, `std::terminate` when a thread is torn down mid-run) takes its whole process with it:
 * here that is this process, which the engine replaces, never the host. Each process loads its sessions once
 * and reads whole pages, one at a time.
 */
import { loadModels, OnnxRuntimeUnavailable } from './models';
import { readPage } from './pipeline';
import type { PageImage } from '../../types/pageImage';

export interface PaddleJob {
  id: number;
  image: PageImage;
  detectOrientation: boolean;
}

export type PaddleRequest = PaddleJob | { id: number; warmUp: true };

export type PaddleReply =
  | { id: number; ok: true; page: Awaited<ReturnType<typeof readPage>> | null }
  | { id: number; ok: false; error: { code?: string; message: string; runtimeUnavailable?: boolean } };

const threads = Number(process.env.LOCAL_OCR_PADDLE_THREADS) || 1;

function send(reply: PaddleReply): void {
  process.send?.(reply);
}

process.on('message', async (msg: PaddleRequest) => {
  try {
    const models = await loadModels(threads);
    if ('warmUp' in msg) {
      send({ id: msg.id, ok: true, page: null });
      return;
    }
    const data = msg.image.data;
    const image: PageImage = { ...msg.image, data: Buffer.from(data.buffer, data.byteOffset, data.byteLength) };
    const page = await readPage(models, image, msg.detectOrientation);
    send({ id: msg.id, ok: true, page });
  } catch (err) {
    const e = err as { code?: string; message?: string };
    send({ id: msg.id, ok: false, error: { code: e.code, message: e.message ?? String(err), runtimeUnavailable: err instanceof OnnxRuntimeUnavailable } });
  }
});

// the host went away (killed, crashed): nothing is left to answer
process.on('disconnect', () => process.exit(0));
