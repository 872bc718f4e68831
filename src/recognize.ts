import path from 'node:path';
import type { RecognizeOptions } from './options';
import type { InputSource } from './input/read';
import type { RecognitionResult } from './result';
import { readDocument } from './pipeline';
import { recognizeLocalFirst } from './localFirst';
import { markDuplicate } from './output/duplicates';

/**
 * Recognizes one document into the result of ../shared/spec/RESULT.md: through one engine (pipeline.ts), or, with
 * `engine: 'local-first'`, locally and then through the cloud for what needs review (localFirst.ts); then marked
 * as a duplicate when a store of documents seen is given. Every failure is an OcrError with a contract code.
 */
export async function recognize(input: InputSource, options: RecognizeOptions = {}): Promise<RecognitionResult> {
  if (options.duplicateStore !== undefined && (typeof options.duplicateStore !== 'string' || options.duplicateStore.trim() === '')) {
    throw new TypeError('Option duplicateStore must be the path of a JSON-lines file.');
  }
  const result = options.engine === 'local-first' ? await recognizeLocalFirst(input, options) : await readDocument(input, options);
  if (!options.duplicateStore) return result;
  // once per document, after whichever engines read it
  return markDuplicate(result, options.duplicateStore, options.documentName ?? (typeof input === 'string' ? path.basename(input) : undefined));
}
