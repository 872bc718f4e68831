import { availableTypes, OUTPUT_MODES, SUPPORTED_LANGUAGES, type DocumentType, type OutputMode } from '../../src';

/**
 * What the nodes offer, defined once for n8n and Node-RED alike. A document type is offered only when its
 * extractor is built (`availableTypes()`), so no node shows an option that does nothing.
 */
export type Family = 'general' | 'card' | 'receipt' | 'domain';

interface FamilyDefinition {
  types: DocumentType[];
  modes: OutputMode[];
}

export const FAMILIES: Record<Family, FamilyDefinition> = {
  general: { types: ['general'], modes: ['document', 'page', 'line', 'tableRow'] },
  card: { types: ['id-card', 'driver-license', 'vehicle-license', 'passport', 'bank-card', 'business-license'], modes: ['document'] },
  receipt: { types: ['vat-invoice', 'vehicle-sales-invoice', 'medical-invoice', 'receipt'], modes: ['document', 'lineItem', 'page', 'line'] },
  domain: { types: ['waybill', 'lab-report'], modes: ['document', 'lineItem', 'page', 'line'] },
};

export interface Choice<T extends string = string> {
  value: T;
  name: string;
  description: string;
}

export const TYPE_NAMES: Record<DocumentType, string> = {
  general: 'General Text',
  'id-card': 'ID Card',
  'driver-license': 'Driving Licence',
  'vehicle-license': 'Vehicle Licence',
  passport: 'Passport / MRZ',
  'bank-card': 'Bank Card',
  'business-license': 'Business Licence',
  'vat-invoice': 'VAT Invoice',
  'vehicle-sales-invoice': 'Vehicle Sales Invoice',
  'medical-invoice': 'Medical Invoice',
  receipt: 'Receipt',
  waybill: 'Waybill',
  'lab-report': 'Lab Report',
};

/**
 * The document-type choices of a family node: General offers plain text or Auto (detect any built type and
 * extract it); the others Auto (among their own types) and each built type.
 */
export function typeChoices(family: Family): Choice[] {
  if (family === 'general') {
    return [
      { value: 'general', name: 'General Text', description: 'Text only, no document fields' },
      { value: 'auto', name: 'Auto', description: 'Detect the document type (card, invoice, waybill …) and extract its fields' },
    ];
  }
  return [
    { value: 'auto', name: 'Auto', description: 'Decide the type from the content' },
    ...familyTypes(family).map((t) => ({ value: t, name: TYPE_NAMES[t], description: t })),
  ];
}

/** Types of a family whose extractors are built, in the family's order. */
export function familyTypes(family: Family): DocumentType[] {
  const built = new Set(availableTypes());
  return FAMILIES[family].types.filter((t) => built.has(t));
}

export const ENGINE_CHOICES: Choice<'auto' | 'tesseract' | 'paddle'>[] = [
  { value: 'auto', name: 'Auto', description: 'PP-OCR for Chinese and typed documents, Tesseract for other text' },
  { value: 'paddle', name: 'PP-OCR', description: 'PaddleOCR models on onnxruntime: the most accurate on Chinese' },
  { value: 'tesseract', name: 'Tesseract', description: 'Tesseract (WebAssembly): lighter on memory' },
];

export const LANGUAGE_CHOICES: Choice[] = SUPPORTED_LANGUAGES.map((code) => ({
  value: code,
  name: { eng: 'English', chi_sim: 'Chinese (Simplified)', chi_tra: 'Chinese (Traditional)' }[code],
  description: code,
}));

/** When a node calls Huawei Cloud OCR (the credential or the engine's cloud settings are asked for only when it does). */
export const CLOUD_MODE_CHOICES: Choice<'off' | 'local-first' | 'always'>[] = [
  { value: 'off', name: 'Off', description: 'Everything runs on this machine; nothing is sent anywhere' },
  {
    value: 'local-first',
    name: 'Local First',
    description: 'Read here; send only documents that would need review, and take only their doubtful fields from the cloud',
  },
  { value: 'always', name: 'Always', description: 'Send every scanned page to Huawei Cloud OCR (PDF/OFD text layers are still read here)' },
];

export const PDF_MODE_CHOICES: Choice<'auto' | 'text' | 'ocr'>[] = [
  { value: 'auto', name: 'Auto', description: 'Read the text layer where it is real, recognize scanned pages' },
  { value: 'text', name: 'Text Layer Only', description: 'Never run OCR on PDF pages' },
  { value: 'ocr', name: 'Always OCR', description: 'Render and recognize every page, ignoring the text layer' },
];

export const OUTPUT_MODE_CHOICES: Record<OutputMode, Choice<OutputMode>> = {
  document: { value: 'document', name: 'One Item per Document', description: 'Fields, checks, text and warnings of each document' },
  page: { value: 'page', name: 'One Item per Page', description: "Each page's text, with the document's key fields repeated" },
  line: { value: 'line', name: 'One Item per Line', description: "Each text line, with the document's key fields repeated" },
  lineItem: { value: 'lineItem', name: 'One Item per Line Item', description: "Invoice items or lab rows, with the document's key fields repeated" },
  tableRow: { value: 'tableRow', name: 'One Item per Table Row', description: 'Rows of the ruled tables on the pages, keyed by their header row' },
};

/** Output modes a family offers; every one of them is checked against OUTPUT_MODES at load. */
export function familyModes(family: Family): Choice<OutputMode>[] {
  return FAMILIES[family].modes.filter((m) => (OUTPUT_MODES as readonly string[]).includes(m)).map((m) => OUTPUT_MODE_CHOICES[m]);
}
