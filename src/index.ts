export { recognize } from './recognize';
export { makeSearchablePdf, type SearchablePdf } from './searchablePdf';
export { tablesToCsv, tablesToXlsx, type TableFileFormat } from './output/tableFiles';
export { configure, type EngineSettings } from './engines/registry';
import { shutdown as shutdownEngines } from './engines/registry';
import { closeReaders } from './input/isolated/readers';

/** Stops the engines' workers and the idle document readers; the next recognize() starts them again. */
export async function shutdown(): Promise<void> {
  closeReaders();
  await shutdownEngines();
}
export { OcrError, isOcrError, describeError, OCR_ERROR_CODES, type OcrErrorCode } from './errors';
export { availableTypes } from './extract/registry';
export type { RecognizeOptions, EngineName, LocalEngineName, PdfMode, Progress } from './options';
export type { HuaweiCloudSettings } from './cloud/settings';
export { testCloudConnection, type ConnectionCheck } from './cloud/connection';
export { SUPPORTED_LANGUAGES } from './options';
export { toItems, reviewReasons, OUTPUT_MODES, DEFAULT_MIN_CONFIDENCE, type OutputMode, type OutputSettings, type Item, type Shaped } from './output';
export type { InputSource } from './input/read';
export type * from './result';
