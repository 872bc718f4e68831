import type { DocumentType } from '../result';
import type { Extraction } from '../extract/registry';
import type { OcrEngine } from '../engines/engine';
import type { ResolvedOptions } from '../options';
import type { PageImage } from '../types/pageImage';
import { HuaweiOcrClient } from './huawei/client';
import { HuaweiTextEngine } from './engine';
import { cloudExtraction } from './extract';
import { typedApiFor, type TypedApi } from './huawei/fields';

/**
 * Huawei Cloud OCR as the pipeline sees it, behind the two roles the local side has: an engine that reads a
 * page's text (general-text, an `OcrEngine` like tesseract and PP-OCR), and an extraction source for the types
 * the service reads with an API of their own (ID cards, licences, invoices …), in place of our extractors.
 */
export interface CloudService {
  readonly engine: OcrEngine;
  /** the service's own API for `type`, when it has one */
  apiFor(type: DocumentType): TypedApi | undefined;
  /** a page of `api`'s type read by that API, with our checks computed on its fields */
  extract(api: TypedApi, page: PageImage, signal?: AbortSignal): Promise<Extraction>;
}

/** The cloud service for `engine: 'huawei-cloud'`; undefined for every local engine. */
export function cloudServiceFor(opts: ResolvedOptions): CloudService | undefined {
  if (opts.engine !== 'huawei-cloud') return undefined;
  const client = new HuaweiOcrClient(opts.cloud!);
  return {
    engine: new HuaweiTextEngine(client, opts.tables),
    apiFor: typedApiFor,
    extract: (api, page, signal) => cloudExtraction(client, api, page, signal),
  };
}
