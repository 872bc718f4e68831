export { recognize } from './recognize';
export { shutdown, configure, type EngineSettings } from './engines/registry';
export { OcrError, isOcrError, OCR_ERROR_CODES, type OcrErrorCode } from './errors';
export { availableTypes } from './extract/registry';
export type { RecognizeOptions, EngineName, PdfMode, Progress } from './options';
export { SUPPORTED_LANGUAGES } from './options';
export { toItems, reviewReasons, OUTPUT_MODES, DEFAULT_MIN_CONFIDENCE, type OutputMode, type OutputSettings, type Item, type Shaped } from './output';
export type { InputSource } from './input/read';
export type * from './result';
