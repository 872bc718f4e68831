import { readFileSync } from 'node:fs';
import { recognize, shutdown, OcrError } from '../../src';
import { getEngine } from '../../src/engines/registry';
import type { PaddleEngine } from '../../src/engines/paddle/engine';
import { threadOf, type TesseractEngine } from '../../src/engines/tesseract/engine';
import { fixture } from '../helpers/paths';

/**
 * Fault injection on the real engines: their workers are killed or broken while a page is in flight, the way a
 * native abort, an out-of-memory kill or a bug inside the engine would. The host (this jest process) must live,
 * the page must be read again on a fresh worker once, and a second failure must be ENGINE_FAILED.
 *
 * The faults are real ones, not mocks: a PP-OCR worker process gets SIGABRT (what onnxruntime's "Napi::Error"
 * abort delivers) or SIGKILL; a tesseract.js worker thread gets a message its dispatcher cannot handle, which
 * throws inside the thread (an uncaught exception there is an 'error' event on the host's Worker), or is
 * terminated outright.
 */
afterEach(() => shutdown());

const A4 = readFileSync(fixture('a4-mixed-300dpi.png'));
const A4_FIRST_LINE = '增值税电子普通发票';
const ENGLISH = readFileSync(fixture('en-serif-26.png'));
const ENGLISH_FIRST_LINE = 'Invoice number INV-2024-0815 dated 12 March 2024';

/** Resolves once `probe` returns something, polling every 20 ms, or rejects after `ms`. */
async function until<T>(probe: () => T | undefined, ms = 60_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() - started > ms) throw new Error('timed out waiting for a worker');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A recognize() call and whether it has settled, so a fault is known to have hit it in flight. */
function inFlight<T>(p: Promise<T>): { done: Promise<T>; settled: () => boolean } {
  let settled = false;
  const done = p.finally(() => (settled = true));
  done.catch(() => undefined);
  return { done, settled: () => settled };
}

/**
 * Faults each of the two attempts a page gets: waits for a worker it has not hit yet, lets the page get under
 * way on it, checks the page is still in flight, and applies the fault.
 */
async function faultBothAttempts<W>(job: { settled: () => boolean }, workers: () => W[], fault: (worker: W) => void, underWayMs: number): Promise<void> {
  const hit: W[] = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    const worker = await until(() => workers().find((w) => !hit.includes(w)));
    await sleep(underWayMs);
    expect(job.settled()).toBe(false);
    fault(worker);
    hit.push(worker);
  }
}

/** The answer of a page whose every attempt failed: ENGINE_FAILED. */
async function engineFailure(job: { done: Promise<unknown> }): Promise<OcrError> {
  const err = await job.done.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(OcrError);
  expect((err as OcrError).code).toBe('ENGINE_FAILED');
  return err as OcrError;
}

describe('paddle: a worker process that dies mid-page', () => {
  test.each(['SIGABRT', 'SIGKILL'] as const)(
    '%s: the host lives, the page is read again on a fresh worker',
    async (signal) => {
      const job = inFlight(recognize(A4, { engine: 'paddle', detectOrientation: false }));
      const engine = getEngine('paddle') as PaddleEngine;
      const [pid] = await until(() => (engine.workerPids().length ? engine.workerPids() : undefined));
      await sleep(400); // inside the detection or recognition run of a page that takes seconds
      expect(job.settled()).toBe(false);
      process.kill(pid, signal);
      const r = await job.done;
      expect(r.text.split('\n')[0]).toBe(A4_FIRST_LINE);
      expect(engine.workerPids()).not.toContain(pid);
      // and the pool goes on serving
      const again = await recognize(A4, { engine: 'paddle', detectOrientation: false });
      expect(again.text).toBe(r.text);
    },
    120_000,
  );

  test('killed on both attempts: ENGINE_FAILED, and the next document is read', async () => {
    const job = inFlight(recognize(A4, { engine: 'paddle', detectOrientation: false }));
    const engine = getEngine('paddle') as PaddleEngine;
    await faultBothAttempts(
      job,
      () => engine.workerPids(),
      (pid) => process.kill(pid, 'SIGABRT'),
      300,
    );
    expect((await engineFailure(job)).message).toMatch(/SIGABRT/);
    const next = await recognize(A4, { engine: 'paddle', detectOrientation: false });
    expect(next.text.split('\n')[0]).toBe(A4_FIRST_LINE);
  }, 120_000);
});

describe('tesseract: a worker thread that fails or dies', () => {
  const read = () => recognize(ENGLISH, { engine: 'tesseract', languages: 'eng', detectOrientation: false });
  /** tesseract.js's dispatcher looks a message's action up and calls it: an unknown one throws inside the thread. */
  const throwInside = (worker: Parameters<typeof threadOf>[0]) =>
    threadOf(worker)!.postMessage!({ jobId: 'fault', workerId: 'fault', action: 'no-such-action', payload: {} });
  const exitOf = (worker: Parameters<typeof threadOf>[0]) =>
    new Promise<number>((resolve) => (threadOf(worker) as unknown as { once(e: string, l: (code: number) => void): void }).once('exit', resolve));

  // A page is one synchronous WebAssembly call inside the thread, so a message sent mid-page is handled after
  // it: the exception is thrown while the next page waits on the thread, which is what a caller then sees.
  test('an exception thrown inside the thread while a page waits on it: the host lives, the page is read again', async () => {
    await read();
    const engine = getEngine('tesseract') as TesseractEngine;
    const [worker] = engine.workers();
    const exit = exitOf(worker);
    throwInside(worker);
    const r = await read(); // queued on the same, idle, worker behind the fault
    expect(r.text.split('\n')[0]).toBe(ENGLISH_FIRST_LINE);
    expect(await exit).not.toBe(0);
    expect(engine.workers()).not.toContain(worker);
  }, 60_000);

  test('the thread terminated mid-page: the page is read again on a fresh thread', async () => {
    const job = inFlight(read());
    const engine = getEngine('tesseract') as TesseractEngine;
    const worker = await until(() => engine.workers()[0]);
    const exit = exitOf(worker);
    await sleep(150);
    expect(job.settled()).toBe(false);
    void threadOf(worker)!.terminate!();
    const r = await job.done;
    expect(r.text.split('\n')[0]).toBe(ENGLISH_FIRST_LINE);
    await exit;
    expect(engine.workers()).not.toContain(worker);
  }, 60_000);

  test('failed on both attempts: ENGINE_FAILED, and the next document is read', async () => {
    const job = inFlight(read());
    const engine = getEngine('tesseract') as TesseractEngine;
    await faultBothAttempts(
      job,
      () => engine.workers(),
      (worker) => void threadOf(worker)!.terminate!(),
      150,
    );
    await engineFailure(job);
    const next = await read();
    expect(next.text.split('\n')[0]).toBe(ENGLISH_FIRST_LINE);
  }, 60_000);
});
