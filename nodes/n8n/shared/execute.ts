import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { OcrError } from '../../../src';
import type { Family } from '../../shared/catalog';
import { describeError, runDocument } from '../../shared/run';
import type { NodeSettings } from '../../shared/settings';
import { cloudSettings } from './cloud';
import { operationOf } from './operations';

interface Options {
  allBinaryProperties?: boolean;
  duplicateStore?: string;
  engine?: NodeSettings['engine'];
  includeGeometry?: boolean;
  keepBinary?: boolean;
  languages?: string[];
  minConfidence?: number;
  pages?: string;
  pdfMode?: NodeSettings['pdfMode'];
  password?: string;
  timeoutSeconds?: number;
}

/** Documents recognized at once: enough to keep every engine worker busy on single-page inputs. */
const CONCURRENT_DOCUMENTS = 4;

/**
 * The execute() of every OCR node: each binary of each item through the library, into one or two outputs.
 * A failing document becomes an error item under "Continue On Fail" and the other items carry on.
 */
export async function executeOcr(ctx: IExecuteFunctions, family: Family): Promise<INodeExecutionData[][]> {
  const input = ctx.getInputData();
  const signal = ctx.getExecutionCancelSignal?.();
  const reviewOutput = ctx.getNodeParameter('needsReviewOutput', 0, false) as boolean;
  const perItem: Routed[][] = new Array(input.length);

  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (failure === undefined && next < input.length) {
      const i = next++;
      try {
        perItem[i] = await executeItem(ctx, family, input[i], i, signal);
      } catch (err) {
        if (!ctx.continueOnFail()) {
          failure = asNodeError(ctx.getNode(), err, i);
          return;
        }
        perItem[i] = [{ data: errorItem(err, input[i], i), review: false }];
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_DOCUMENTS, input.length) }, worker));
  if (failure !== undefined) throw failure;

  const all = perItem.flat();
  if (!reviewOutput) return [all.map((r) => r.data)];
  return [all.filter((r) => !r.review).map((r) => r.data), all.filter((r) => r.review).map((r) => r.data)];
}

/** An output item and whether it belongs on the Needs Review output. */
interface Routed {
  data: INodeExecutionData;
  review: boolean;
}

async function executeItem(ctx: IExecuteFunctions, family: Family, item: INodeExecutionData, i: number, signal?: AbortSignal): Promise<Routed[]> {
  const options = ctx.getNodeParameter('options', i, {}) as Options;
  const settings: NodeSettings = {
    family,
    type: ctx.getNodeParameter('documentType', i, family === 'general' ? 'general' : 'auto') as NodeSettings['type'],
    ...operationOf(ctx, family, i).settings(ctx, i),
    engine: options.engine,
    languages: options.languages,
    pages: options.pages,
    pdfMode: options.pdfMode,
    password: options.password,
    timeoutSeconds: options.timeoutSeconds,
    includeGeometry: options.includeGeometry,
    minConfidence: options.minConfidence,
    duplicateStore: options.duplicateStore,
    ...(await cloudSettings(ctx, i)),
  };
  const properties = options.allBinaryProperties ? Object.keys(item.binary ?? {}) : [ctx.getNodeParameter('binaryPropertyName', i, 'data') as string];
  if (properties.length === 0)
    throw new OcrError('EMPTY_INPUT', `Item ${i} has no binary data: pass a file (e.g. from Read Files from Disk or an email trigger).`);
  const out: Routed[] = [];
  for (const property of properties) {
    const binary = item.binary?.[property];
    if (!binary) {
      const present = Object.keys(item.binary ?? {});
      const has = present.length ? `; it has ${present.join(', ')}` : '';
      throw new OcrError('EMPTY_INPUT', `Item ${i} has no binary property "${property}"${has}. Set Input Binary Field to the property holding the file.`);
    }
    const bytes = await ctx.helpers.getBinaryDataBuffer(i, property);
    const meta: IDataObject = { fileName: binary.fileName ?? null };
    if (properties.length > 1) meta.binaryProperty = property;
    const run = await runDocument(bytes, settings, { signal, meta });
    for (const json of run.items) {
      const data: INodeExecutionData = { json: json as IDataObject, pairedItem: { item: i } };
      if (options.keepBinary !== false && item.binary) data.binary = item.binary;
      // a file the run made (the tables, the searchable PDF) is the item's file now, under `data` where Write
      // Files and email nodes look, named like the input
      const stem = (binary.fileName ?? 'document').replace(/\.[^.]+$/, '');
      const made = run.tables
        ? { bytes: run.tables.data, name: `${stem}-tables.${run.tables.extension}`, type: run.tables.mimeType }
        : run.pdf
          ? { bytes: run.pdf, name: `${stem}.pdf`, type: 'application/pdf' }
          : null;
      if (made) data.binary = { ...(data.binary ?? {}), data: await ctx.helpers.prepareBinaryData(made.bytes, made.name, made.type) };
      out.push({ data, review: run.needsReview });
    }
  }
  return out;
}

function errorItem(err: unknown, item: INodeExecutionData, i: number): INodeExecutionData {
  const fileName = Object.values(item.binary ?? {})[0]?.fileName ?? null;
  return { json: { error: describeError(err), fileName }, pairedItem: { item: i } };
}

/**
 * n8n's own error class when the host provides it (it adds the item index to the error view); n8n-workflow is an
 * optional peer, so the node must also load where it is absent, and n8n wraps plain errors itself.
 */
function asNodeError(node: INode, err: unknown, itemIndex: number): Error {
  const { code, message } = describeError(err);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { NodeOperationError } = require('n8n-workflow') as typeof import('n8n-workflow');
    return new NodeOperationError(node, `${code}: ${message}`, { itemIndex, description: message });
  } catch {
    return new Error(`${code}: ${message}`);
  }
}
