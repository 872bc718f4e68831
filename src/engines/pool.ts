import { OcrError, isOcrError } from '../errors';
import { abortReason, raceAbort } from '../util/abort';

/**
 * A process-wide pool of engine workers, keyed by what a worker was initialized for (its languages).
 *
 * Why not tesseract.js's own scheduler: a scheduler cannot kill a job that hangs, cannot hold workers of
 * different languages, and never gives a core back. Here a job that outlives its deadline has its worker
 * terminated and replaced, so one bad page cannot block the pool, and idle workers of another language are
 * recycled instead of multiplying.
 */
export interface PoolHooks<W> {
  create(key: string): Promise<W>;
  destroy(worker: W): Promise<void>;
  /** Lets an idle worker stop holding the event loop open (and take it back while busy). */
  setActive?(worker: W, active: boolean): void;
}

interface Slot<W> {
  key: string;
  worker: Promise<W>;
  busy: boolean;
  dead: boolean;
  /** the worker, once it has started */
  started?: W;
}

interface Waiter {
  key: string;
  grant: (slot: Slot<unknown>) => void;
  fail: (err: unknown) => void;
}

export class WorkerPool<W> {
  private readonly slots: Slot<W>[] = [];
  private readonly queue: Waiter[] = [];
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly hooks: PoolHooks<W>,
  ) {
    if (!(size >= 1)) throw new RangeError('Pool size must be at least 1.');
  }

  get stats(): { workers: number; busy: number; queued: number } {
    return { workers: this.slots.length, busy: this.slots.filter((s) => s.busy).length, queued: this.queue.length };
  }

  /**
   * Runs `job` on a worker for `key`; if `signal` fires first, the worker is killed and the call fails at once.
   * A job whose worker failed (ENGINE_FAILED: the thread died, the engine broke) is retried once on a fresh
   * worker, since a crash is more often the worker's state than the page; a second failure is the answer.
   */
  async run<T>(key: string, job: (worker: W) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.closed) throw new OcrError('ENGINE_FAILED', 'The OCR engine has been shut down.');
    if (signal?.aborted) throw abortReason(signal);
    for (let attempt = 1; ; attempt++) {
      const slot = await this.acquire(key, signal);
      let worker: W;
      try {
        worker = await raceAbort(slot.worker, signal);
      } catch (err) {
        // a worker that cannot start will not start on a retry either
        this.retire(slot);
        throw isOcrError(err) ? err : new OcrError('ENGINE_FAILED', `The OCR engine could not start: ${errText(err)}`, { cause: err });
      }
      this.hooks.setActive?.(worker, true);
      const work = job(worker);
      try {
        const result = await raceAbort(work, signal);
        this.release(slot, worker);
        return result;
      } catch (err) {
        // After a timeout or an engine crash the worker's state is unknown: never reuse it.
        this.retire(slot);
        const crashed = isOcrError(err) && err.code === 'ENGINE_FAILED';
        if (crashed && attempt === 1 && !signal?.aborted && !this.closed) continue;
        throw err;
      }
    }
  }

  /** The workers started and not retired (fault-injection tests reach them here). */
  workers(): W[] {
    return this.slots.flatMap((s) => (s.started ? [s.started] : []));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.queue.splice(0)) w.fail(new OcrError('ENGINE_FAILED', 'The OCR engine was shut down before this document was processed.'));
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.then((w) => this.hooks.destroy(w)).catch(() => undefined)));
  }

  private acquire(key: string, signal?: AbortSignal): Promise<Slot<W>> {
    const slot = this.tryGrant(key);
    if (slot) return Promise.resolve(slot);
    return new Promise<Slot<W>>((resolve, reject) => {
      const waiter: Waiter = {
        key,
        grant: (s) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(s as Slot<W>);
        },
        fail: (e) => {
          signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
      };
      const onAbort = () => {
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        reject(abortReason(signal!));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  /** An idle worker of the same key, a new one while under size, or an idle one of another key recycled. */
  private tryGrant(key: string): Slot<W> | null {
    const same = this.slots.find((s) => !s.busy && !s.dead && s.key === key);
    if (same) {
      same.busy = true;
      return same;
    }
    if (this.slots.length >= this.size) {
      const idle = this.slots.find((s) => !s.busy && !s.dead);
      if (!idle) return null;
      this.retire(idle, false);
    }
    const fresh: Slot<W> = { key, worker: this.hooks.create(key), busy: true, dead: false };
    fresh.worker.then(
      (w) => (fresh.started = w),
      () => undefined,
    ); // failures are observed by run()
    this.slots.push(fresh);
    return fresh;
  }

  private release(slot: Slot<W>, worker: W): void {
    slot.busy = false;
    this.hooks.setActive?.(worker, false);
    this.dispatch();
  }

  private retire(slot: Slot<W>, dispatch = true): void {
    slot.dead = true;
    slot.busy = false;
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    slot.worker.then((w) => this.hooks.destroy(w)).catch(() => undefined);
    if (dispatch) this.dispatch();
  }

  private dispatch(): void {
    // FIFO, but a waiter whose key has an idle worker is served even if an earlier one must wait.
    for (let i = 0; i < this.queue.length;) {
      const slot = this.tryGrant(this.queue[i].key);
      if (!slot) {
        i++;
        continue;
      }
      const [waiter] = this.queue.splice(i, 1);
      waiter.grant(slot as Slot<unknown>);
    }
  }
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
