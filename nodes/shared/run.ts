import {
  makeSearchablePdf,
  recognize,
  tablesToCsv,
  tablesToXlsx,
  toItems,
  describeError,
  type InputSource,
  type Item,
  type Progress,
  type RecognitionResult,
} from '../../src';
import { minConfidence, toRecognizeOptions, type NodeSettings } from './settings';

export interface DocumentRun {
  result: RecognitionResult;
  /** Items (n8n) or message payloads (Node-RED) in the chosen output mode */
  items: Item[];
  needsReview: boolean;
  reviewReasons: string[];
  /** The scan with an invisible text layer, when the settings asked for it */
  pdf?: Buffer;
  /** The tables as a spreadsheet, when the settings asked for one */
  tables?: { data: Buffer; extension: 'xlsx' | 'csv'; mimeType: string };
}

/** One document through the library and into items: the whole of a node's work, for either host. */
export async function runDocument(
  input: InputSource,
  settings: NodeSettings,
  context: { signal?: AbortSignal; onProgress?: (p: Progress) => void; meta?: Item } = {},
): Promise<DocumentRun> {
  const options = toRecognizeOptions(settings, context.signal, context.onProgress);
  if (typeof context.meta?.fileName === 'string') options.documentName = context.meta.fileName;
  const made = settings.searchablePdf ? await makeSearchablePdf(input, options) : undefined;
  const result = made?.result ?? (await recognize(input, options));
  const shaped = toItems(
    result,
    {
      mode: settings.outputMode,
      includeGeometry: settings.includeGeometry,
      minConfidence: minConfidence(settings),
      requireType: settings.family !== 'general',
    },
    context.meta,
  );
  const tables = settings.tableFile ? await tableFile(result, settings.tableFile) : undefined;
  return { result, ...shaped, ...(made ? { pdf: made.pdf } : {}), ...(tables ? { tables } : {}) };
}

async function tableFile(result: RecognitionResult, format: 'xlsx' | 'csv'): Promise<DocumentRun['tables']> {
  if (format === 'csv') return { data: tablesToCsv(result), extension: 'csv', mimeType: 'text/csv' };
  return { data: await tablesToXlsx(result), extension: 'xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
}

/** `{ code, message }` for an error item or a Catch node: the library's one description, as the CLI gives it. */
export { describeError };
