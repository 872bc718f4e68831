import type { NodeSettings } from '../../../shared/settings';
import type { Operation } from './operation';

/** Recognize Text (every family node's one operation): items per document, page, line or line item, as chosen. */
export const recognizeText: Operation = {
  settings: (ctx, i) => ({ outputMode: ctx.getNodeParameter('outputMode', i, 'document') as NodeSettings['outputMode'] }),
};
