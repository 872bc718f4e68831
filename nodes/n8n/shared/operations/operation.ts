import type { IExecuteFunctions } from 'n8n-workflow';
import type { NodeSettings } from '../../../shared/settings';

/**
 * One operation of an OCR node, in a module of its own as n8n's own nodes keep them: what it asks of the run (how
 * items are shaped, which files are made), read from the item's parameters once.
 */
export interface Operation {
  settings(ctx: IExecuteFunctions, i: number): Pick<NodeSettings, 'outputMode' | 'tableFile' | 'searchablePdf'>;
}
