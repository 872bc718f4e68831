// pdfjs-dist ships no types for its worker entry; only WorkerMessageHandler is used (src/input/pdf/pdfjs.ts).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
