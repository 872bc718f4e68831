import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { OcrError, OCR_ERROR_CODES, type OcrErrorCode } from '../../errors';
import type { EnginePage, EngineRequest, OcrEngine } from '../engine';
import type { PageImage } from '../../types/pageImage';
import { WorkerPool } from '../pool';
import type { PaddleJob, PaddleReply, PaddleRequest } from './worker';

const START_TIMEOUT_MS = 60_000;

/**
 * Set once a worker reported that onnxruntime's binding cannot load here: the platform will not change while
 * this process runs, so later documents fall back at once instead of starting a process to fail again.
 */
let runtimeUnavailable: OcrError | null = null;

/** A worker's error as the caller sees it: its own OcrError code kept, anything else an engine failure. */
function workerError(error: Extract<PaddleReply, { ok: false }>['error']): OcrError {
  if (error.runtimeUnavailable) {
    runtimeUnavailable = new OcrError('ENGINE_FAILED', error.message);
    return runtimeUnavailable;
  }
  const known = (OCR_ERROR_CODES as readonly string[]).includes(error.code ?? '');
  return known
    ? new OcrError(error.code as OcrErrorCode, error.message)
    : new OcrError('ENGINE_FAILED', `The paddle engine failed on this page: ${error.message}`);
}

/** A worker process and the replies it owes. */
class PaddleWorker {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, { resolve: (page: EnginePage | null) => void; reject: (err: unknown) => void }>();
  private nextId = 0;
  private exited = false;

  constructor(threads: number) {
    this.child = fork(path.join(__dirname, 'worker.js'), [], {
      // structured clone over the pipe: a page's pixels arrive as a Uint8Array, not as JSON
      serialization: 'advanced',
      // the host's own flags (a test runner's, a preload) are not the worker's
      execArgv: [],
      // telemetry is switched off in the worker, by loadOrt() just before onnxruntime loads (telemetry.ts)
      env: { ...process.env, LOCAL_OCR_PADDLE_THREADS: String(threads) },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    this.child.on('message', (reply: PaddleReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (reply.ok) p.resolve(reply.page);
      else p.reject(workerError(reply.error));
    });
    // A process that died (a native abort, out of memory, killed) fails what it owed; the pool then replaces it
    // and retries the page once.
    const failAll = (why: string) => {
      this.exited = true;
      for (const p of this.pending.values()) p.reject(new OcrError('ENGINE_FAILED', `The paddle worker stopped: ${why}`));
      this.pending.clear();
    };
    this.child.on('error', (err) => failAll(err.message));
    this.child.on('exit', (code, signal) => failAll(signal ? `killed by ${signal}` : `exit code ${code}`));
    this.setActive(false);
  }

  /** The worker's process id (fault-injection tests kill it mid-page). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Reads one page in the worker process. */
  read(image: PageImage, detectOrientation: boolean): Promise<EnginePage | null> {
    return this.call({ image, detectOrientation });
  }

  call(message: Omit<PaddleJob, 'id'> | { warmUp: true }): Promise<EnginePage | null> {
    if (this.exited) return Promise.reject(new OcrError('ENGINE_FAILED', 'The paddle worker has stopped.'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, ...message } as PaddleRequest, (err) => {
        if (err && this.pending.delete(id)) reject(new OcrError('ENGINE_FAILED', `The page could not be sent to the paddle worker: ${err.message}`));
      });
    });
  }

  /** An idle worker must not keep a CLI or a test process alive; a busy one must. */
  setActive(active: boolean): void {
    const channel = this.child.channel as { ref?: () => void; unref?: () => void } | undefined;
    if (active) {
      this.child.ref();
      channel?.ref?.();
    } else {
      this.child.unref();
      channel?.unref?.();
    }
  }

  /**
   * Ends the process at once, busy or not: onnxruntime's native code dies with its own process, and a page
   * past its deadline frees its core now instead of at its next checkpoint.
   */
  async terminate(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    // held while it dies: an idle worker is unref'd, and a caller awaiting shutdown() must not find its process
    // exited under it (the loop would otherwise be empty until the exit event)
    this.child.ref();
    this.child.kill('SIGKILL');
    await gone;
  }
}

/**
 * PP-OCRv4 on onnxruntime-node, one page per worker process at a time. The pool has `size` workers, each
 * running its models with `threads` intra-op threads, so size × threads = the cores. A page that outlives its
 * deadline has its worker killed; a worker that dies is replaced and its page retried once.
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
    });
  }

  /**
   * Starts one worker and loads its models now; throws ENGINE_FAILED where that cannot work (onnxruntime
   * missing on this platform), which `auto` turns into a fallback. The host process never loads onnxruntime.
   */
  async warmUp(): Promise<void> {
    try {
      require.resolve('onnxruntime-node');
    } catch (err) {
      throw new OcrError(
        'ENGINE_FAILED',
        `The paddle engine needs onnxruntime-node, which is not installed (${(err as Error).message.split('\n')[0]}). Use engine "tesseract".`,
        { cause: err },
      );
    }
    if (runtimeUnavailable) throw runtimeUnavailable;
    await this.pool.run('paddle', async () => undefined);
  }

  async recognizePage(image: PageImage, request: EngineRequest): Promise<EnginePage> {
    const page = await this.pool.run('paddle', (w) => w.read(image, request.detectOrientation), request.signal);
    if (!page) throw new OcrError('ENGINE_FAILED', 'The paddle worker returned no page.');
    return page;
  }

  /** Process ids of the running workers (for fault-injection tests and health checks). */
  workerPids(): number[] {
    return this.pool.workers().flatMap((w) => (w.pid ? [w.pid] : []));
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
