import type { IExecuteFunctions } from 'n8n-workflow';
import type { Family } from '../../../shared/catalog';
import { extractTables } from './extractTables';
import { makeSearchablePdf } from './makeSearchablePdf';
import type { Operation } from './operation';
import { recognizeText } from './recognizeText';

export type { Operation } from './operation';

const OPERATIONS: Record<string, Operation> = { recognizeText, extractTables, makeSearchablePdf };

/** The item's operation: the General node's choice; the family nodes only recognize. */
export function operationOf(ctx: IExecuteFunctions, family: Family, i: number): Operation {
  if (family !== 'general') return recognizeText;
  const name = ctx.getNodeParameter('operation', i, 'recognizeText') as string;
  const operation = OPERATIONS[name];
  if (!operation) throw new TypeError(`Unknown operation "${name}": choose Recognize Text, Extract Tables or Make Searchable PDF.`);
  return operation;
}
