import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/**
 * The host side of an n8n execution, as the nodes see it: items in, parameters, binary data, Continue On Fail and
 * the cancel signal. Only n8n is stood in for here; the OCR underneath is the real library.
 */
export function executeContext(
  items: INodeExecutionData[],
  parameters: Record<string, unknown>,
  opts: { continueOnFail?: boolean; signal?: AbortSignal; credentials?: Record<string, Record<string, unknown>> } = {},
): IExecuteFunctions {
  const ctx = {
    getInputData: () => items,
    getNodeParameter: (name: string, _i: number, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
    getNode: () => ({ id: 'n1', name: 'OCR General', type: 'n8n-nodes-local-ocr.ocrGeneral', typeVersion: 1, position: [0, 0], parameters: {} }),
    continueOnFail: () => opts.continueOnFail ?? false,
    getExecutionCancelSignal: () => opts.signal,
    // as n8n does: the decrypted credential data, or an error when the node has none of that type
    getCredentials: async (type: string) => {
      const data = opts.credentials?.[type];
      if (!data) throw new Error(`Node does not have any credentials set for "${type}"`);
      return data;
    },
    helpers: {
      getBinaryDataBuffer: async (i: number, property: string) => {
        const data = items[i].binary?.[property];
        if (!data) throw new Error(`no binary ${property}`);
        return Buffer.from(data.data, 'base64');
      },
      // as n8n's in-memory binary mode stores it
      prepareBinaryData: async (bytes: Buffer, fileName?: string, mimeType?: string) => ({
        data: bytes.toString('base64'),
        fileName,
        mimeType: mimeType ?? 'application/octet-stream',
        fileSize: String(bytes.length),
      }),
    },
  };
  return ctx as unknown as IExecuteFunctions;
}

export function binaryItem(files: Record<string, { bytes: Buffer; fileName: string }>): INodeExecutionData {
  const binary: INodeExecutionData['binary'] = {};
  for (const [prop, f] of Object.entries(files))
    binary[prop] = { data: f.bytes.toString('base64'), fileName: f.fileName, mimeType: 'application/octet-stream' };
  return { json: {}, binary };
}
