import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { OcrError, OCR_ERROR_CODES, type OcrErrorCode } from '../../errors';
import type { ResolvedOptions } from '../../options';
import type { LoadedPage, OpenDocument } from '../types';
import { abortReason } from '../../util/abort';
import type { ReaderCall, ReaderOptions, ReaderReply } from './protocol';

/**
 * V8 heap a reader thread may use: a 500-page PDF's structures fit in a fraction of it; a file that needs more
 * is refused (TOO_LARGE) instead of taking the host's heap, and the host, down with it. Pixel buffers live
 * outside V8's heap and are bounded by maxPixels and the PDF/OFD readers' own limits.
 */
const READER_HEAP_MB = 1024;
/** Documents read at once; more wait for a reader (their pages then wait for the engine anyway). */
const MAX_READERS = Math.max(2, Math.min(8, os.availableParallelism?.() ?? os.cpus().length) + 2);
/** Idle readers kept warm (pdf.js and the CMaps loaded): the next document starts at once. */
const MAX_IDLE = 2;
/** How long a reader may take to close a document before it is terminated instead. */
const CLOSE_TIMEOUT_MS = 2_000;

/** One worker thread and the replies it owes. */
class ReaderThread {
  private readonly thread: Worker;
  private readonly pending = new Map<number, { resolve: (r: ReaderReply) => void; reject: (e: unknown) => void }>();
  private nextId = 0;
  dead = false;

  constructor() {
    this.thread = new Worker(path.join(__dirname, 'readerThread.js'), { resourceLimits: { maxOldGenerationSizeMb: READER_HEAP_MB } });
    this.thread.on('message', (reply: ReaderReply) => {
      const p = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      p?.resolve(reply);
    });
    const fail = (err: unknown) => {
      this.dead = true;
      const e = err as NodeJS.ErrnoException;
      const error =
        e?.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new OcrError(
              'TOO_LARGE',
              `Reading the document needed more than the ${READER_HEAP_MB} MB a document may use; it is too large or built to exhaust memory.`,
            )
          : new OcrError('CORRUPT_INPUT', `The document could not be read; its reader stopped (${e?.message ?? String(err)}).`);
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    };
    this.thread.on('error', fail);
    this.thread.on('exit', (code) => fail(new Error(`exit code ${code}`)));
  }

  call(request: ReaderCall, transfer: ArrayBuffer[] = []): Promise<ReaderReply> {
    if (this.dead) return Promise.reject(new OcrError('CORRUPT_INPUT', 'The document reader has stopped.'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.thread.postMessage({ id, ...request }, transfer);
    });
  }

  setActive(active: boolean): void {
    if (active) this.thread.ref();
    else this.thread.unref();
  }

  terminate(): void {
    this.dead = true;
    void this.thread.terminate().catch(() => undefined);
  }
}

const idle: ReaderThread[] = [];
let active = 0;
const waiting: Array<() => void> = [];

async function acquire(signal: AbortSignal): Promise<ReaderThread> {
  while (active >= MAX_READERS) {
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const i = waiting.indexOf(go);
        if (i >= 0) waiting.splice(i, 1);
        reject(abortReason(signal));
      };
      const go = () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      waiting.push(go);
    });
  }
  active++;
  const reader = idle.pop() ?? new ReaderThread();
  reader.setActive(true);
  return reader;
}

function release(reader: ReaderThread, healthy: boolean): void {
  active--;
  if (healthy && !reader.dead && idle.length < MAX_IDLE) {
    reader.setActive(false);
    idle.push(reader);
  } else {
    reader.terminate();
  }
  waiting.shift()?.();
}

/** Stops the idle readers (shutdown()); readers in use stop when their documents close. */
export function closeReaders(): void {
  for (const r of idle.splice(0)) r.terminate();
}

function unwrap<T extends ReaderReply>(reply: ReaderReply): T {
  if (reply.ok) return reply as T;
  const code = OCR_ERROR_CODES.includes(reply.error.code as OcrErrorCode) ? (reply.error.code as OcrErrorCode) : undefined;
  // an error no reader meant to throw is still about this file: something in it the readers could not follow
  throw code ? new OcrError(code, reply.error.message) : new OcrError('CORRUPT_INPUT', `The document could not be read (${reply.error.message}).`);
}

/**
 * Opens a PDF or OFD document in a reader thread. The document keeps its reader until it is closed; when
 * `signal` fires (the deadline, a cancel) the reader is terminated at once, wherever its parsing is, and
 * replaced by a fresh one for later documents.
 */
export async function openIsolated(bytes: Buffer, format: 'pdf' | 'zip', options: ResolvedOptions, signal: AbortSignal): Promise<OpenDocument> {
  const reader = await acquire(signal);
  let released = false;
  const finish = (healthy: boolean) => {
    if (released) return;
    released = true;
    signal.removeEventListener('abort', onAbort);
    release(reader, healthy);
  };
  const onAbort = () => {
    reader.terminate();
    finish(false);
  };
  signal.addEventListener('abort', onAbort, { once: true });
  const readerOptions: ReaderOptions = {
    maxPixels: options.maxPixels,
    maxPages: options.maxPages,
    pdfMode: options.pdfMode,
    password: options.password,
    tables: options.tables,
  };
  // a copy the thread owns: the caller's buffer may be a view into a shared pool, and is still the caller's
  const copy = new Uint8Array(bytes);
  let opened: Extract<ReaderReply, { opened: unknown }>['opened'];
  try {
    opened = unwrap<Extract<ReaderReply, { opened: unknown }>>(
      await reader.call({ op: 'open', format, bytes: copy, options: readerOptions }, [copy.buffer]),
    ).opened;
  } catch (err) {
    finish(!reader.dead);
    throw err;
  }
  return {
    pageCount: opened.pageCount,
    warnings: opened.warnings,
    ...(opened.embeddedInvoice ? { embeddedInvoice: opened.embeddedInvoice } : {}),
    loadPage: async (index) => {
      const { page } = unwrap<Extract<ReaderReply, { page: unknown }>>(await reader.call({ op: 'load', index }));
      return withBuffers(page);
    },
    close: async () => {
      if (released) return;
      const closed = reader.call({ op: 'close' }).then(
        () => true,
        () => false,
      );
      const inTime = await Promise.race([closed, new Promise<boolean>((r) => setTimeout(() => r(false), CLOSE_TIMEOUT_MS).unref())]);
      finish(inTime);
    },
  };
}

/** Pixel data arrives as Uint8Arrays; the pipeline works on Buffers (views on the same memory). */
function withBuffers(page: LoadedPage): LoadedPage {
  const buffer = (data: Uint8Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (page.kind === 'image') return { ...page, image: { ...page.image, data: buffer(page.image.data) } };
  return page.drawing ? { ...page, drawing: { ...page.drawing, data: buffer(page.drawing.data) } } : page;
}
