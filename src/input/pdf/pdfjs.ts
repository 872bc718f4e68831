import path from 'node:path';
import { keepingBuiltIns } from './builtins';

/** The parts of pdfjs-dist this package uses (its types are ESM-only; kept loose here on purpose). */
export interface Pdfjs {
  getDocument(params: Record<string, unknown>): { promise: Promise<PdfDocument>; destroy(): Promise<void> };
  Util: { transform(a: number[], b: number[]): number[] };
  OPS: Record<string, number>;
  PDFWorker: { _setupFakeWorkerGlobal: Promise<unknown> };
  version: string;
}

export interface PdfDocument {
  numPages: number;
  getPage(n: number): Promise<PdfPage>;
  destroy(): Promise<void>;
}

export interface PdfViewport {
  width: number;
  height: number;
  scale: number;
  transform: number[];
}

export interface PdfTextItem {
  str?: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL?: boolean;
}

export interface PdfPage {
  rotate: number;
  pageNumber: number;
  getViewport(params: { scale: number; rotation?: number }): PdfViewport;
  getTextContent(params?: Record<string, unknown>): Promise<{ items: PdfTextItem[] }>;
  getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[][] }>;
  render(params: Record<string, unknown>): { promise: Promise<void>; cancel(): void };
  cleanup(): void;
}

let loading: Promise<Pdfjs> | null = null;

/**
 * Our own pdfjs-dist, pinned to its own worker code. pdfjs in Node runs its "worker" in the main thread and
 * takes whatever `globalThis.pdfjsWorker` holds, so another pdfjs copy in the same process (n8n ships one)
 * would hand us a worker of another version: "The API version does not match the Worker version". We import
 * our worker module ourselves, let our API latch onto it once (pdfjs caches the choice), and put back
 * whatever the global held before, so the other copy keeps its own worker too.
 */
export function loadPdfjs(): Promise<Pdfjs> {
  if (!loading) {
    loading = keepingBuiltIns(async () => {
      const before = Object.getOwnPropertyDescriptor(globalThis, 'pdfjsWorker');
      try {
        const pdfjs = (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as Pdfjs;
        const worker = (await import('pdfjs-dist/legacy/build/pdf.worker.mjs')) as unknown as { WorkerMessageHandler: unknown };
        (globalThis as Record<string, unknown>).pdfjsWorker = { WorkerMessageHandler: worker.WorkerMessageHandler };
        await pdfjs.PDFWorker._setupFakeWorkerGlobal; // latches our handler for good
        return pdfjs;
      } finally {
        if (before) Object.defineProperty(globalThis, 'pdfjsWorker', before);
        else delete (globalThis as Record<string, unknown>).pdfjsWorker;
      }
    }).catch((err) => {
      loading = null;
      throw err;
    });
  }
  return loading;
}

/** CMaps (CJK encodings) and the standard 14 fonts from the installed package, never from the network. */
export function pdfjsAssets(): { cMapUrl: string; standardFontDataUrl: string; wasmUrl: string } {
  const root = path.dirname(require.resolve('pdfjs-dist/package.json'));
  return {
    cMapUrl: path.join(root, 'cmaps') + path.sep,
    standardFontDataUrl: path.join(root, 'standard_fonts') + path.sep,
    wasmUrl: path.join(root, 'wasm') + path.sep,
  };
}
