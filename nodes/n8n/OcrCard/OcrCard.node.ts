import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { OUTPUTS_EXPRESSION, commonProperties, documentTypeProperty } from '../shared/description';
import { executeOcr } from '../shared/execute';

export class OcrCard implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'OCR Card',
    name: 'ocrCard',
    icon: { light: 'file:ocr.svg', dark: 'file:ocr.dark.svg' },
    group: ['transform'],
    version: 1,
    subtitle: '={{ "Read Card: " + $parameter["documentType"] }}',
    description: 'Read the key fields of identity cards from photos and scans, checked by their check digits, on this machine',
    defaults: { name: 'OCR Card' },
    inputs: ['main'],
    outputs: OUTPUTS_EXPRESSION,
    usableAsTool: true,
    properties: [...documentTypeProperty('card'), ...commonProperties('card')],
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return executeOcr(this, 'card');
  }
}
