import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { commonProperties, documentTypeProperty, ocrNodeDescription } from '../shared/description';
import { executeOcr } from '../shared/execute';
import { huaweiCloudOcrApiTest } from '../shared/cloud';

export class OcrGeneral implements INodeType {
  methods = { credentialTest: { huaweiCloudOcrApiTest } };

  description: INodeTypeDescription = ocrNodeDescription({
    displayName: 'OCR General',
    name: 'ocrGeneral',
    subtitle:
      '={{ $parameter["operation"] === "extractTables" ? "Extract Tables: per table row" : $parameter["operation"] === "makeSearchablePdf" ? "Make Searchable PDF" : "Recognize Text: " + ({ document: "per document", page: "per page", line: "per line", tableRow: "per table row" })[$parameter["outputMode"]] }}',
    description: 'Recognize text with positions and confidence in images, scans, PDF and OFD documents, on this machine',
    properties: [
      {
        displayName: 'Operation',
        name: 'operation',
        type: 'options',
        noDataExpression: true,
        default: 'recognizeText',
        options: [
          {
            name: 'Recognize Text',
            value: 'recognizeText',
            action: 'Recognize text in a document',
            description: 'Text in reading order with confidence; PDF/OFD text layers are read exactly',
          },
          {
            name: 'Extract Tables',
            value: 'extractTables',
            action: 'Extract tables from a document',
            description: 'Ruled tables on scanned pages into rows and cells: one item per table row, keyed by the header row',
          },
          {
            name: 'Make Searchable PDF',
            value: 'makeSearchablePdf',
            action: 'Make a scan searchable',
            description: 'The scan as a PDF with an invisible text layer (binary "data"), plus the recognized text',
          },
        ],
      },
      {
        displayName: 'Tables As',
        name: 'tableOutput',
        type: 'options',
        noDataExpression: true,
        default: 'rows',
        displayOptions: { show: { operation: ['extractTables'] } },
        options: [
          { name: 'One Item per Table Row', value: 'rows', description: 'Each row an item, its properties named by the header row' },
          {
            name: 'XLSX File',
            value: 'xlsx',
            description: 'One item per document with the tables as a spreadsheet (a sheet per table, spans merged) in binary "data"',
          },
          { name: 'CSV File', value: 'csv', description: 'One item per document with every table as CSV (page, table and row numbers first) in binary "data"' },
        ],
      },
      ...documentTypeProperty('general'),
      ...commonProperties('general'),
    ],
  });

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return executeOcr(this, 'general');
  }
}
