import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { commonProperties, documentTypeProperty, ocrNodeDescription } from '../shared/description';
import { executeOcr } from '../shared/execute';
import { huaweiCloudOcrApiTest } from '../shared/cloud';

export class OcrDomain implements INodeType {
  methods = { credentialTest: { huaweiCloudOcrApiTest } };

  description: INodeTypeDescription = ocrNodeDescription({
    displayName: 'OCR Domain',
    name: 'ocrDomain',
    subtitle: '={{ "Read: " + $parameter["documentType"] + " · " + $parameter["outputMode"] }}',
    description: 'Read logistics waybills and medical lab reports into fields and rows, on this machine',
    properties: [...documentTypeProperty('domain'), ...commonProperties('domain')],
  });

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return executeOcr(this, 'domain');
  }
}
