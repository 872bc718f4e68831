import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { DEFAULT_MIN_CONFIDENCE } from '../../../src';
import { ENGINE_CHOICES, LANGUAGE_CHOICES, PDF_MODE_CHOICES, familyModes, typeChoices, type Family } from '../../shared/catalog';
import { CLOUD_CREDENTIALS, CLOUD_MODE_PROPERTY } from './cloud';

/** The n8n parameters of an OCR node, built from the shared catalog so n8n and Node-RED offer the same things. */

/** Two outputs (done, needs review) when the user asks for the review branch, else one. */
export const OUTPUTS_EXPRESSION =
  '={{ $parameter.needsReviewOutput ? [{ "type": "main", "displayName": "Done" }, { "type": "main", "displayName": "Needs Review" }] : [{ "type": "main" }] }}' as const;

export function documentTypeProperty(family: Family): INodeProperties[] {
  const choices = typeChoices(family);
  return [
    // eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- the default is the family's first type, computed
    {
      displayName: 'Document Type',
      name: 'documentType',
      type: 'options',
      noDataExpression: true,
      default: choices[0].value,
      options: choices.map((c) => ({ name: c.name, value: c.value, description: c.description })),
    },
  ];
}

export function commonProperties(family: Family): INodeProperties[] {
  return [
    {
      displayName: 'Input Binary Field',
      name: 'binaryPropertyName',
      type: 'string',
      default: 'data',
      required: true,
      hint: 'The name of the binary property holding the image, PDF or OFD file',
      description: 'An email trigger names attachments attachment_0, attachment_1 …; turn on "All Binary Properties" below to read every one',
    },
    {
      displayName: 'Output',
      name: 'outputMode',
      type: 'options',
      default: 'document',
      options: familyModes(family).map((c) => ({ name: c.name, value: c.value, description: c.description })),
      description: 'Split modes repeat the document key fields on every item, ready for a Google Sheets or Postgres node',
      // Extract Tables always gives a row per item
      ...(family === 'general' ? { displayOptions: { show: { operation: ['recognizeText'] } } } : {}),
    },
    {
      displayName: 'Needs Review Output',
      name: 'needsReviewOutput',
      type: 'boolean',
      default: false,
      description:
        'Whether to send documents with a failed check or a low-confidence field (plain text: low text confidence) to a second output, to route them to a person',
    },
    CLOUD_MODE_PROPERTY,
    {
      displayName: 'Options',
      name: 'options',
      type: 'collection',
      placeholder: 'Add Option',
      default: {},
      options: [
        {
          displayName: 'All Binary Properties',
          name: 'allBinaryProperties',
          type: 'boolean',
          default: false,
          description: 'Whether to recognize every binary property of the item (each gives its own result), not only the Input Binary Field',
        },
        {
          displayName: 'Duplicates File',
          name: 'duplicateStore',
          type: 'string',
          default: '',
          placeholder: '/home/node/.n8n/ocr-seen.jsonl',
          description:
            'A JSON-lines file of the documents already read (created if missing). A document seen before (same file, or an invoice with the same code and number) gets checks.notDuplicate false and goes to review. Empty: off.',
        },
        {
          displayName: 'Engine',
          name: 'engine',
          type: 'options',
          default: 'auto',
          description: 'The engine on this machine (with Huawei Cloud OCR on Local First, the one that reads first)',
          options: ENGINE_CHOICES.map((c) => ({ name: c.name, value: c.value, description: c.description })),
        },
        {
          displayName: 'Include Geometry',
          name: 'includeGeometry',
          type: 'boolean',
          default: false,
          description: 'Whether to include page, line and word boxes (pixels) in the output; off keeps items small',
        },
        {
          displayName: 'Keep Binary',
          name: 'keepBinary',
          type: 'boolean',
          default: true,
          description: 'Whether to keep the input file on the output items, e.g. to upload it after the OCR',
        },
        {
          displayName: 'Languages',
          name: 'languages',
          type: 'multiOptions',
          default: ['chi_sim', 'eng'],
          options: LANGUAGE_CHOICES.map((c) => ({ name: c.name, value: c.value })),
          description: 'Languages printed on the documents',
        },
        {
          displayName: 'Minimum Confidence',
          name: 'minConfidence',
          type: 'number',
          typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
          default: DEFAULT_MIN_CONFIDENCE,
          description: 'Below this (0 to 1) a field, or a plain-text document, needs review',
        },
        {
          displayName: 'Pages',
          name: 'pages',
          type: 'string',
          default: '',
          placeholder: '1-3,5',
          description: 'Pages of a PDF, OFD or multi-page TIFF to read; empty reads every page',
        },
        {
          displayName: 'PDF Mode',
          name: 'pdfMode',
          type: 'options',
          default: 'auto',
          options: PDF_MODE_CHOICES.map((c) => ({ name: c.name, value: c.value, description: c.description })),
        },
        {
          displayName: 'PDF Password',
          name: 'password',
          type: 'string',
          typeOptions: { password: true },
          default: '',
          description: 'Password of encrypted PDFs',
        },
        {
          displayName: 'Timeout (Seconds)',
          name: 'timeoutSeconds',
          type: 'number',
          typeOptions: { minValue: 1 },
          default: 120,
          description: 'Longest time one document may take; past it the item fails with TIMEOUT',
        },
      ],
    },
  ];
}

/** The description every OCR node shares; a node adds its name, wording and family-specific parameters. */
export function ocrNodeDescription(node: {
  displayName: string;
  name: string;
  subtitle: string;
  description: string;
  properties: INodeProperties[];
}): INodeTypeDescription {
  return {
    displayName: node.displayName,
    name: node.name,
    icon: { light: 'file:ocr.svg', dark: 'file:ocr.dark.svg' },
    group: ['transform'],
    version: 1,
    subtitle: node.subtitle,
    description: node.description,
    defaults: { name: node.displayName },
    inputs: ['main'],
    outputs: OUTPUTS_EXPRESSION,
    usableAsTool: true,
    credentials: CLOUD_CREDENTIALS,
    properties: node.properties,
  };
}
