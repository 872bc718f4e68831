import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { OcrError } from '../../errors';
import type { EnginePage, EngineRequest, OcrEngine, PageImage } from '../engine';
import { WorkerPool } from '../pool';
import { loadOrt } from './models';
import { SpareBuffer } from '../../util/spareBuffer';
import type { PaddleReply } from './worker';

const START_TIMEOUT_MS = 60_000;
/** How long a stopping worker may take to reach a checkpoint; one model run on a large page takes a few seconds. */
const DRAIN_TIMEOUT_MS = 30_000;
/**
 * Largest page buffer a worker keeps between pages (an A3 page at 300 dpi in RGB is 52 MB): above it the buffer
 * is left to the garbage collector, so one huge image does not stay resident for the life of the process.
 */
const MAX_SPARE_BYTES = 64 * 1024 * 1024;

/** A worker thread and the replies it owes. */
class PaddleWorker {
  private readonly thread: Worker;
  private readonly pending = new Map<number, { resolve: (page: EnginePage | null) => void; reject: (err: unknown) => void }>();
  private nextId = 0;
  /**
   * The buffer the thread handed back after its last page. A page's pixels must be copied for the thread to own
   * them (sharp's output cannot be moved), and writing 26 MB of fresh memory cost ~90 ms in page faults against
   * ~2 ms into a buffer already touched (measured, A4 at 300 dpi): the copy goes here.
   */
  private readonly spare = new SpareBuffer(MAX_SPARE_BYTES);

  constructor(threads: number) {
    this.thread = new Worker(path.join(__dirname, 'worker.js'), { workerData: { threads } });
    this.thread.on('message', (reply: PaddleReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (reply.ok && reply.pixels) this.spare.give(reply.pixels);
      if (reply.ok) p.resolve(reply.page);
      else if (reply.error.code === 'TIMEOUT') p.reject(new OcrError('TIMEOUT', 'Recognition was cancelled before it finished.'));
      else p.reject(new OcrError('ENGINE_FAILED', `The paddle engine failed on this page: ${reply.error.message}`));
    });
    // A crashed thread (out of memory, a native fault) fails what it owed; the pool then replaces it.
    const failAll = (err: unknown) => {
      for (const p of this.pending.values()) p.reject(new OcrError('ENGINE_FAILED', `The paddle worker stopped: ${err instanceof Error ? err.message : String(err)}`));
      this.pending.clear();
    };
    this.thread.on('error', failAll);
    this.thread.on('exit', (code) => failAll(new Error(`exit code ${code}`)));
    this.thread.unref();
  }

  /** Asks the thread to drop what it is doing at its next checkpoint (between two model runs). */
  cancelAll(): void {
    for (const id of this.pending.keys()) this.thread.postMessage({ cancel: id });
  }

  /** Reads one page on this thread, from a copy of its pixels the thread can own. */
  read(image: PageImage, detectOrientation: boolean): Promise<EnginePage | null> {
    const data = new Uint8Array(this.spare.take(image.data.length), 0, image.data.length);
    data.set(image.data);
    return this.call({ image: { ...image, data }, detectOrientation }, [data.buffer as ArrayBuffer]);
  }

  call(message: object, transfer: ArrayBuffer[] = []): Promise<EnginePage | null> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.thread.postMessage({ id, ...message }, transfer);
    });
  }

  setActive(active: boolean): void {
    if (active) this.thread.ref();
    else this.thread.unref();
  }

  /**
   * Stops the thread, but never inside a model run: terminating a thread while onnxruntime is in native code
   * aborts the whole process. Pending work is cancelled and waited for first.
   */
  async terminate(): Promise<void> {
    if (this.pending.size > 0) {
      this.cancelAll();
      const settled = Promise.allSettled([...this.pending.values()].map((p) => new Promise<void>((resolve) => {
        const { resolve: res, reject: rej } = p;
        p.resolve = (v) => (res(v), resolve());
        p.reject = (e) => (rej(e), resolve());
      })));
      await Promise.race([settled, new Promise((r) => setTimeout(r, DRAIN_TIMEOUT_MS).unref())]);
    }
    await this.thread.terminate();
  }
}

/**
 * PP-OCRv4 on onnxruntime-node, one page per worker thread at a time. The pool has `size` workers, each
 * running its models with `threads` intra-op threads, so size × threads = the cores. A page that outlives its
 * deadline has its worker terminated, which is the only way to stop an ONNX run.
 */
export class PaddleEngine implements OcrEngine {
  readonly name = 'paddle' as const;
  private readonly pool: WorkerPool<PaddleWorker>;

  constructor(size: number, threads: number) {
    this.pool = new WorkerPool<PaddleWorker>(size, {
      create: async () => {
        const worker = new PaddleWorker(threads);
        try {
          worker.setActive(true);
          await withTimeout(worker.call({ warmUp: true }), START_TIMEOUT_MS, 'The paddle worker did not load its models in time.');
          worker.setActive(false);
          return worker;
        } catch (err) {
          await worker.terminate();
          throw err;
        }
      },
      destroy: (w) => w.terminate(),
      setActive: (w, active) => w.setActive(active),
      cancel: (w) => w.cancelAll(),
    });
  }

  /** Loads onnxruntime and one worker's models now; throws ENGINE_FAILED where that cannot work. */
  async warmUp(): Promise<void> {
    loadOrt();
    await this.pool.run('paddle', async () => undefined);
  }

  async recognizePage(image: PageImage, request: EngineRequest): Promise<EnginePage> {
    // a copy the worker can own: the caller's buffer may be a view into a shared pool, and is still the caller's
    const page = await this.pool.run('paddle', (w) => w.read(image, request.detectOrientation), request.signal);
    if (!page) throw new OcrError('ENGINE_FAILED', 'The paddle worker returned no page.');
    return page;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    work.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new OcrError('ENGINE_FAILED', message)), ms);
    }),
  ]);
}
