import type { Operation } from './operation';
import { recognizeText } from './recognizeText';

/** Make Searchable PDF: the scan as a PDF with an invisible text layer in binary "data", items as Recognize Text's. */
export const makeSearchablePdf: Operation = {
  settings: (ctx, i) => ({ ...recognizeText.settings(ctx, i), searchablePdf: true }),
};
