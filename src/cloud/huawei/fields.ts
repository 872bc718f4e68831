import type { DocumentType, FieldValue } from '../../result';
import { chineseDate } from '../../extract/form';
import { parseAmount } from '../../extract/receipts/money';
import { carrierOfTrackingNumber } from '../../extract/domain/waybill';

/**
 * The service's typed APIs and how their answers become our fields (../shared/spec/RESULT.md). The service's
 * names (`number`, `birth`, `valid_to`, `item_list` …) and formats (dates as 2019年12月31日 or 2019-12-31,
 * money as ¥1,234.00) are normalized exactly as our own extractors' are, so a workflow does not change when the
 * engine does. Field lists follow the API reference of each API (response `result`).
 */
export interface TypedApi {
  type: DocumentType;
  /** the path after /ocr/ */
  api: string;
  /** longest side sent, in pixels (the card APIs take up to 8000; 4096 keeps uploads small and is plenty) */
  maxSide: number;
  /** request options beside `image` */
  options?: Record<string, unknown>;
  map(result: Record<string, unknown>): Mapped;
}

export interface Mapped {
  fields: Record<string, FieldValue>;
  /** the service's own confidence per field, where it reports one */
  confidence: Record<string, number>;
}

type Kind = 'text' | 'date' | 'dateOrLongTerm' | 'money' | 'upper' | 'digits';
/** our field ← the service's field, and how to read its value */
type FieldMap = [ours: string, theirs: string | null, kind?: Kind];

export const TYPED_APIS: TypedApi[] = [
  simple(
    'id-card',
    'id-card',
    [
      ['side', null],
      ['name', 'name'],
      ['sex', 'sex'],
      ['ethnicity', 'ethnicity'],
      ['birthDate', 'birth', 'date'],
      ['address', 'address'],
      ['idNumber', 'number', 'upper'],
      ['issuingAuthority', 'issue'],
      ['validFrom', 'valid_from', 'date'],
      ['validTo', 'valid_to', 'dateOrLongTerm'],
    ],
    (fields) => {
      fields.side = fields.idNumber || fields.name ? 'front' : fields.issuingAuthority || fields.validTo ? 'back' : null;
      if (typeof fields.ethnicity === 'string') fields.ethnicity = fields.ethnicity.replace(/族$/, '');
    },
  ),
  simple('driver-license', 'driver-license', [
    ['licenseNumber', 'number', 'upper'],
    ['name', 'name'],
    ['sex', 'sex'],
    ['nationality', 'nationality'],
    ['address', 'address'],
    ['birthDate', 'birth', 'date'],
    ['firstIssueDate', 'issue_date', 'date'],
    ['vehicleClass', 'class', 'upper'],
    ['validFrom', 'valid_from', 'date'],
    ['validTo', 'valid_to', 'dateOrLongTerm'],
  ]),
  simple('vehicle-license', 'vehicle-license', [
    ['plateNumber', 'number', 'upper'],
    ['vehicleType', 'vehicle_type'],
    ['owner', 'name'],
    ['address', 'address'],
    ['useCharacter', 'use_character'],
    ['model', 'model'],
    ['vin', 'vin', 'upper'],
    ['engineNumber', 'engine_no', 'upper'],
    ['registerDate', 'register_date', 'date'],
    ['issueDate', 'issue_date', 'date'],
  ]),
  simple(
    'passport',
    'passport',
    [
      ['documentCode', 'passport_type', 'upper'],
      ['sex', 'sex'],
      ['issuingCountry', 'country_code', 'upper'],
      ['surname', 'surname', 'upper'],
      ['givenNames', 'given_name', 'upper'],
      ['passportNumber', 'passport_number', 'upper'],
      ['nationality', 'nationality', 'upper'],
      ['birthDate', 'date_of_birth', 'date'],
      ['expiryDate', 'date_of_expiry', 'date'],
      ['personalNumber', null],
      ['mrz', null],
    ],
    (fields, result) => {
      if (typeof fields.documentCode === 'string') fields.documentCode = fields.documentCode.replace(/</g, '') || null;
      if (typeof fields.givenNames === 'string') fields.givenNames = fields.givenNames.replace(/</g, ' ').replace(/\s+/g, ' ').trim();
      fields.sex = passportSex(fields.sex);
      const mrz = [result.machine_code, result.machine_code2, result.machine_code3].filter((l): l is string => typeof l === 'string' && l.trim() !== '');
      fields.mrz = mrz.length >= 2 ? mrz.map((l) => l.trim()) : null;
    },
  ),
  simple(
    'bank-card',
    'bankcard',
    [
      ['cardNumber', 'card_number', 'digits'],
      ['validThru', 'expiry_date'],
      ['cardholder', null],
    ],
    (fields) => {
      fields.validThru = validThru(fields.validThru);
    },
  ),
  simple('business-license', 'business-license', [
    ['creditCode', 'registration_number', 'upper'],
    ['companyName', 'name'],
    ['companyType', 'type'],
    ['legalRepresentative', 'legal_representative'],
    ['registeredCapital', 'registered_capital'],
    ['establishedDate', 'found_date', 'date'],
    ['address', 'address'],
  ]),
  simple(
    'vat-invoice',
    'vat-invoice',
    [
      ['invoiceType', 'type'],
      ['invoiceCode', 'code', 'digits'],
      ['invoiceNumber', 'number', 'digits'],
      ['issueDate', 'issue_date', 'date'],
      ['checkCode', 'check_code', 'digits'],
      ['buyerName', 'buyer_name'],
      ['buyerTaxId', 'buyer_id', 'upper'],
      ['sellerName', 'seller_name'],
      ['sellerTaxId', 'seller_id', 'upper'],
      ['amount', 'subtotal_amount', 'money'],
      ['taxAmount', 'subtotal_tax', 'money'],
      ['totalAmount', 'total', 'money'],
      ['totalAmountInWords', 'total_in_words'],
      ['items', null],
    ],
    (fields, result) => {
      fields.invoiceType = invoiceType(fields.invoiceType);
      fields.items = vatItems(result.item_list);
    },
    { advanced_mode: true },
  ),
  simple(
    'vehicle-sales-invoice',
    'mvs-invoice',
    [
      ['invoiceCode', 'code', 'digits'],
      ['invoiceNumber', 'number', 'digits'],
      ['issueDate', 'issue_date', 'date'],
      ['buyerName', 'buyer_name'],
      ['buyerIdNumber', 'buyer_organization_number', 'upper'],
      ['vehicleType', 'vehicle_type'],
      ['brandModel', 'brand_model'],
      ['vin', 'vehicle_identification_number', 'upper'],
      ['engineNumber', 'engine_number', 'upper'],
      ['totalAmount', 'total', 'money'],
      ['sellerName', 'seller_name'],
      ['sellerTaxId', 'seller_id', 'upper'],
    ],
    (fields, result) => {
      // older answers carry the buyer's ID in buyer_id
      fields.buyerIdNumber ??= text(result.buyer_id)?.toUpperCase() ?? null;
    },
  ),
  simple(
    'waybill',
    'waybill-electronic',
    [
      ['carrier', null],
      ['trackingNumber', 'waybill_number', 'upper'],
      ['senderName', 'sender_name'],
      ['senderPhone', 'sender_phone'],
      ['senderAddress', 'sender_address'],
      ['receiverName', 'receiver_name'],
      ['receiverPhone', 'receiver_phone'],
      ['receiverAddress', 'receiver_address'],
    ],
    (fields) => {
      // the service gives no carrier: the tracking number's shape names it where it can
      fields.carrier = typeof fields.trackingNumber === 'string' ? carrierOfTrackingNumber(fields.trackingNumber) : null;
    },
  ),
];

export function typedApiFor(type: DocumentType): TypedApi | undefined {
  return TYPED_APIS.find((a) => a.type === type);
}

function simple(
  type: DocumentType,
  api: string,
  map: FieldMap[],
  finish?: (fields: Record<string, FieldValue>, result: Record<string, unknown>) => void,
  options?: Record<string, unknown>,
): TypedApi {
  return {
    type,
    api,
    maxSide: 4096,
    options,
    map(answer) {
      // some APIs answer a list (one entry per document found) or split a card into front and back
      const result = flatten(answer);
      const fields: Record<string, FieldValue> = {};
      const confidence: Record<string, number> = {};
      const reported = (result.confidence && typeof result.confidence === 'object' ? result.confidence : {}) as Record<string, unknown>;
      for (const [ours, theirs, kind = 'text'] of map) {
        fields[ours] = theirs === null ? null : read(result[theirs], kind);
        const c = theirs === null ? undefined : reported[theirs];
        if (typeof c === 'number' && c >= 0 && c <= 1 && fields[ours] !== null) confidence[ours] = c;
      }
      finish?.(fields, result);
      return { fields, confidence };
    },
  };
}

function flatten(answer: Record<string, unknown> | unknown[]): Record<string, unknown> {
  const first = Array.isArray(answer) ? (answer[0] ?? {}) : answer;
  const result = { ...(first as Record<string, unknown>) };
  for (const side of ['front', 'back']) {
    const part = result[side];
    if (part && typeof part === 'object' && !Array.isArray(part)) {
      for (const [k, v] of Object.entries(part as Record<string, unknown>)) if (result[k] === undefined) result[k] = v;
    }
  }
  return result;
}

function read(value: unknown, kind: Kind): FieldValue {
  const t = text(value);
  if (t === null) return null;
  switch (kind) {
    case 'text':
      return t;
    case 'upper':
      return t.replace(/\s+/g, '').toUpperCase() || null;
    case 'digits':
      return t.replace(/\D/g, '') || null;
    case 'money':
      return parseAmount(t);
    case 'date':
      return isoDate(t);
    case 'dateOrLongTerm':
      return /长期/.test(t) ? '长期' : isoDate(t);
  }
}

function text(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return null;
  const t = value.trim();
  return t === '' ? null : t;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** 2019-12-31, 2019.12.31, 2019年12月31日, 20191231, 31 DEC 2019 → 2019-12-31; null when it is not a real date. */
export function isoDate(t: string): string | null {
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(t.replace(/\s/g, ''));
  if (compact) return chineseDate(`${compact[1]}-${compact[2]}-${compact[3]}`);
  const english = /(\d{1,2})\s*([A-Z]{3})[A-Z]*\s*\/?\s*(\d{4})/i.exec(t);
  if (english) {
    const month = MONTHS.indexOf(english[2].toUpperCase()) + 1;
    if (month > 0) return chineseDate(`${english[3]}-${month}-${english[1]}`);
  }
  return chineseDate(t);
}

function passportSex(value: FieldValue): FieldValue {
  if (typeof value !== 'string') return null;
  if (/^(M|男|MALE)/i.test(value)) return 'M';
  if (/^(F|女|FEMALE)/i.test(value)) return 'F';
  return /^X/i.test(value) ? 'X' : null;
}

/** MM/YY from 08/25, 2025/08, 2025-08, 08/2025. */
function validThru(value: FieldValue): FieldValue {
  if (typeof value !== 'string') return null;
  const mmyy = /^(\d{2})\s*\/\s*(\d{2})$/.exec(value);
  if (mmyy) return `${mmyy[1]}/${mmyy[2]}`;
  const yearFirst = /(\d{4})\D(\d{1,2})/.exec(value);
  if (yearFirst) return `${yearFirst[2].padStart(2, '0')}/${yearFirst[1].slice(2)}`;
  const monthFirst = /(\d{1,2})\D(\d{4})/.exec(value);
  return monthFirst ? `${monthFirst[1].padStart(2, '0')}/${monthFirst[2].slice(2)}` : null;
}

/** The service names the kind (special, normal, electronic …); our field holds it as printed in the title. */
const INVOICE_TYPES: Record<string, string> = {
  special: '增值税专用发票',
  normal: '增值税普通发票',
  electronic: '增值税电子普通发票',
  special_electronic: '增值税电子专用发票',
  toll: '增值税电子普通发票（通行费）',
  roll: '增值税普通发票（卷票）',
  fully_digitalized_special_electronic: '电子发票（增值税专用发票）',
  fully_digitalized_normal_electronic: '电子发票（普通发票）',
};

function invoiceType(value: FieldValue): FieldValue {
  if (typeof value !== 'string') return null;
  return INVOICE_TYPES[value] ?? value;
}

function vatItems(list: unknown): FieldValue {
  if (!Array.isArray(list)) return [];
  return list
    .filter((i): i is Record<string, unknown> => !!i && typeof i === 'object')
    .map((i) => ({
      name: text(i.name) ?? '',
      specification: text(i.specification) ?? '',
      unit: text(i.unit) ?? '',
      quantity: numberOrEmpty(i.quantity),
      unitPrice: numberOrEmpty(i.unit_price ?? i.price),
      amount: numberOrEmpty(i.amount),
      taxRate: text(i.tax_rate) ?? '',
      tax: numberOrEmpty(i.tax),
    }));
}

function numberOrEmpty(value: unknown): number | '' {
  const t = text(value);
  if (t === null) return '';
  const m = /-?\d[\d,]*(?:\.\d+)?/.exec(t.replace(/[¥￥\s]/g, ''));
  return m ? Number(m[0].replace(/,/g, '')) : '';
}
