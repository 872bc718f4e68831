import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { commonProperties, documentTypeProperty, ocrNodeDescription } from '../shared/description';
import { executeOcr } from '../shared/execute';
import { huaweiCloudOcrApiTest } from '../shared/cloud';

export class OcrReceipt implements INodeType {
  methods = { credentialTest: { huaweiCloudOcrApiTest } };

  description: INodeTypeDescription = ocrNodeDescription({
    displayName: 'OCR Receipt',
    name: 'ocrReceipt',
    subtitle: '={{ "Read Invoice: " + $parameter["documentType"] + " · " + $parameter["outputMode"] }}',
    description: 'Read invoices (PDF and OFD e-invoices, scans, photos) into fields and line items, cross-checked, on this machine',
    properties: [...documentTypeProperty('receipt'), ...commonProperties('receipt')],
  });

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return executeOcr(this, 'receipt');
  }
}
