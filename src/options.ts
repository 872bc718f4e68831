import type { DocumentType } from './result';
import type { PageImage } from './types/pageImage';
import { resolveCloudSettings, type HuaweiCloudSettings, type ResolvedCloudSettings } from './cloud/settings';

/** Default threshold under which a field (or, for plain text, the document) is sent to a person. */
export const DEFAULT_MIN_CONFIDENCE = 0.8;

/** The engines that run on this machine. */
export type LocalEngineName = 'auto' | 'tesseract' | 'paddle';
/**
 * A local engine; `huawei-cloud` (Huawei Cloud OCR, needs `cloud` credentials); or `local-first`: a local engine,
 * and the cloud only for documents whose local result needs review.
 */
export type EngineName = LocalEngineName | 'huawei-cloud' | 'local-first';
export type PdfMode = 'auto' | 'text' | 'ocr';

export interface RecognizeOptions {
  /** Document type to extract; `general` (default) returns text only, `auto` classifies first. */
  type?: DocumentType | 'auto';
  /** With `type: 'auto'`, the types to choose among (default: every built type), e.g. the cards. */
  candidates?: DocumentType[];
  /** `auto` (default) picks the best local engine for the languages and the document type. */
  engine?: EngineName;
  /** Huawei Cloud OCR credentials, for `engine: 'huawei-cloud'` and `'local-first'`. */
  cloud?: HuaweiCloudSettings;
  /** With `engine: 'local-first'`: the local engine that reads first (default `auto`). */
  localEngine?: LocalEngineName;
  /** With `engine: 'local-first'`: below this field (or plain-text) confidence the cloud reads the document (default 0.8). */
  minConfidence?: number;
  /** Tesseract language codes joined by `+`; default `chi_sim+eng`. */
  languages?: string;
  /** 1-based page selection such as `1-3,5` or `[1, 2]`; default every page. */
  pages?: string | number[];
  /** Deadline for the whole document in ms (default 120000); past it the call fails with TIMEOUT. */
  timeoutMs?: number;
  /** Cancels the call (a stopped workflow execution); pending pages are dropped. */
  signal?: AbortSignal;
  /** Largest input accepted, in bytes (default 100 MiB). */
  maxBytes?: number;
  /** Largest page accepted, in pixels (default 100 million, e.g. A3 at 600 dpi). */
  maxPixels?: number;
  /** Largest number of pages processed from one document (default 500). */
  maxPages?: number;
  /** Detect and correct pages turned by 90/180/270 degrees (default true). */
  detectOrientation?: boolean;
  /** Find ruled tables on recognized pages and fill `pages[i].tables` (default false: it costs a pass over the pixels). */
  tables?: boolean;
  /** PDF pages: `auto` reads the text layer where it is real and OCRs the rest. */
  pdfMode?: PdfMode;
  /** Password of an encrypted PDF. */
  password?: string;
  /**
   * A JSON-lines file of documents already seen: a document whose bytes or (invoices) code and number are in it
   * gets `checks.notDuplicate: false` and `duplicateOf`; a new one is recorded. Off when not given.
   */
  duplicateStore?: string;
  /** The document's name as recorded in the duplicates file (default: the file name of a path input). */
  documentName?: string;
  /** Called after each page is read, for progress displays (a Node-RED status, a log line). */
  onProgress?: (progress: Progress) => void;
  /** Called with each recognized page's pixels and the quarter turn that makes them upright (the searchable-PDF writer). */
  onPageImage?: (page: number, image: PageImage, turn: number) => void;
}

export interface Progress {
  /** 1-based number of the page just finished */
  page: number;
  /** pages finished so far, and selected in all */
  done: number;
  total: number;
}

export interface ResolvedOptions {
  type: DocumentType | 'auto';
  candidates?: DocumentType[];
  engine: EngineName;
  /** Checked credentials when the engine uses the cloud */
  cloud?: ResolvedCloudSettings;
  localEngine: LocalEngineName;
  minConfidence: number;
  languages: string[];
  pages: PageSelection;
  timeoutMs: number;
  signal?: AbortSignal;
  maxBytes: number;
  maxPixels: number;
  maxPages: number;
  detectOrientation: boolean;
  tables: boolean;
  pdfMode: PdfMode;
  password?: string;
  onProgress?: (progress: Progress) => void;
  onPageImage?: (page: number, image: PageImage, turn: number) => void;
}

export const DEFAULTS = {
  type: 'general' as const,
  engine: 'auto' as const,
  languages: 'chi_sim+eng',
  timeoutMs: 120_000,
  maxBytes: 100 * 1024 * 1024,
  maxPixels: 100_000_000,
  maxPages: 500,
};

export const SUPPORTED_LANGUAGES = ['eng', 'chi_sim', 'chi_tra'] as const;

/** A set of 1-based page numbers, or every page when `all`. */
export interface PageSelection {
  all: boolean;
  ranges: Array<[number, number]>;
  includes(page: number): boolean;
}

export function parsePages(spec: string | number[] | undefined): PageSelection {
  if (spec === undefined || (typeof spec === 'string' && spec.trim() === '') || (Array.isArray(spec) && spec.length === 0)) {
    return { all: true, ranges: [], includes: () => true };
  }
  const ranges: Array<[number, number]> = [];
  if (Array.isArray(spec)) {
    for (const n of spec) {
      if (!Number.isInteger(n) || n < 1) throw new TypeError(`Invalid page number ${n}: pages are numbered from 1.`);
      ranges.push([n, n]);
    }
  } else {
    for (const part of spec.split(',')) {
      const m = /^\s*(\d+)\s*(?:-\s*(\d+)?\s*)?$/.exec(part);
      if (!m) throw new TypeError(`Invalid page selection "${spec}": use numbers and ranges such as 1-3,5 or 2-.`);
      const from = Number(m[1]);
      const to = m[2] !== undefined ? Number(m[2]) : part.includes('-') ? Number.MAX_SAFE_INTEGER : from;
      if (from < 1 || to < from) throw new TypeError(`Invalid page range "${part.trim()}" in "${spec}".`);
      ranges.push([from, to]);
    }
  }
  return { all: false, ranges, includes: (page) => ranges.some(([a, b]) => page >= a && page <= b) };
}

export function parseLanguages(spec: string | undefined): string[] {
  const langs = (spec ?? DEFAULTS.languages)
    .split(/[+,\s]+/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (langs.length === 0) throw new TypeError('No OCR language given: use codes such as eng, chi_sim or chi_sim+eng.');
  for (const l of langs) {
    if (!(SUPPORTED_LANGUAGES as readonly string[]).includes(l)) {
      throw new TypeError(`Unsupported OCR language "${l}": supported are ${SUPPORTED_LANGUAGES.join(', ')}.`);
    }
  }
  return [...new Set(langs)];
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value > 0)) throw new TypeError(`Option ${name} must be a positive number, got ${String(value)}.`);
  return value;
}

function callback<F>(name: string, value: F | undefined): F | undefined {
  if (value !== undefined && typeof value !== 'function') throw new TypeError(`Option ${name} must be a function.`);
  return value;
}

const ENGINES: EngineName[] = ['auto', 'tesseract', 'paddle', 'huawei-cloud', 'local-first'];
const LOCAL_ENGINES: LocalEngineName[] = ['auto', 'tesseract', 'paddle'];

export function resolveOptions(options: RecognizeOptions = {}): ResolvedOptions {
  const engine = options.engine ?? DEFAULTS.engine;
  if (!ENGINES.includes(engine)) throw new TypeError(`Unknown engine "${String(engine)}": use ${ENGINES.join(', ')}.`);
  const pdfMode = options.pdfMode ?? 'auto';
  if (!['auto', 'text', 'ocr'].includes(pdfMode)) throw new TypeError(`Unknown pdfMode "${String(pdfMode)}": use auto, text or ocr.`);
  const localEngine = options.localEngine ?? 'auto';
  if (!LOCAL_ENGINES.includes(localEngine)) throw new TypeError(`Unknown localEngine "${String(localEngine)}": use ${LOCAL_ENGINES.join(', ')}.`);
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  if (typeof minConfidence !== 'number' || !(minConfidence >= 0 && minConfidence <= 1))
    throw new TypeError(`Option minConfidence must be between 0 and 1, got ${String(options.minConfidence)}.`);
  return {
    type: options.type ?? DEFAULTS.type,
    candidates: options.candidates,
    engine,
    cloud: engine === 'huawei-cloud' || engine === 'local-first' ? resolveCloudSettings(options.cloud) : undefined,
    localEngine,
    minConfidence,
    languages: parseLanguages(options.languages),
    pages: parsePages(options.pages),
    timeoutMs: positive('timeoutMs', options.timeoutMs, DEFAULTS.timeoutMs),
    signal: options.signal,
    maxBytes: positive('maxBytes', options.maxBytes, DEFAULTS.maxBytes),
    maxPixels: positive('maxPixels', options.maxPixels, DEFAULTS.maxPixels),
    maxPages: positive('maxPages', options.maxPages, DEFAULTS.maxPages),
    detectOrientation: options.detectOrientation ?? true,
    tables: options.tables ?? false,
    pdfMode,
    password: options.password,
    onProgress: callback('onProgress', options.onProgress),
    onPageImage: callback('onPageImage', options.onPageImage),
  };
}
