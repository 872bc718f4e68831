import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { commonProperties, documentTypeProperty, ocrNodeDescription } from '../shared/description';
import { executeOcr } from '../shared/execute';
import { huaweiCloudOcrApiTest } from '../shared/cloud';

export class OcrCard implements INodeType {
  methods = { credentialTest: { huaweiCloudOcrApiTest } };

  description: INodeTypeDescription = ocrNodeDescription({
    displayName: 'OCR Card',
    name: 'ocrCard',
    subtitle: '={{ "Read Card: " + $parameter["documentType"] }}',
    description: 'Read the key fields of identity cards from photos and scans, checked by their check digits, on this machine',
    properties: [...documentTypeProperty('card'), ...commonProperties('card')],
  });

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return executeOcr(this, 'card');
  }
}
