export { recognize } from './recognize';
export { shutdown } from './engines/registry';
export { OcrError, isOcrError, OCR_ERROR_CODES, type OcrErrorCode } from './errors';
export { availableTypes } from './extract/registry';
export type { RecognizeOptions, EngineName, PdfMode } from './options';
export type { InputSource } from './input/read';
export type * from './result';
