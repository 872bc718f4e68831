import type { DocumentType, FieldValue, RecognitionResult } from '../result';

/** What an extractor adds to the recognized pages. */
export interface Extraction {
  fields: Record<string, FieldValue>;
  fieldConfidence: Record<string, number>;
  checks: Record<string, boolean>;
  warnings: string[];
}

export type Extractor = (doc: Pick<RecognitionResult, 'pages' | 'text'>) => Extraction | Promise<Extraction>;

/** Document types with an extractor; a type appears here (and in the nodes) only once it is built. */
const extractors = new Map<DocumentType, Extractor>();

export function registerExtractor(type: DocumentType, extractor: Extractor): void {
  extractors.set(type, extractor);
}

export function availableTypes(): DocumentType[] {
  return ['general', ...extractors.keys()];
}

export function extractorFor(type: DocumentType): Extractor | undefined {
  return extractors.get(type);
}

export const EMPTY_EXTRACTION: Extraction = { fields: {}, fieldConfidence: {}, checks: {}, warnings: [] };
