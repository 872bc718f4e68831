import type { Document, Extraction, ExtractorDefinition } from '../registry';
import { chineseDate, readFormFields, type FormField } from '../form';
import { rowWith } from '../rows';
import { textLines, type TextLine } from '../text';
import { checkIdNumber, checkUscc, checkVin } from '../validators';
import { parseAmount } from './money';
import { taxIdWellFormed } from './vatChecks';

/**
 * 机动车销售统一发票 (the vehicle sales invoice), paper or electronic: a grid of labelled cells. Fields by their labels;
 * the buyer's ID (a resident ID number or a credit code) and the VIN checked by their check characters; the seller's
 * tax ID is the 纳税人识别号 printed after the seller's name, not the buyer's.
 */
const FIELDS: FormField[] = [
  { name: 'invoiceCode', labels: ['发票代码'], parse: (t) => /\d{10,12}/.exec(t)?.[0] ?? null },
  { name: 'invoiceNumber', labels: ['发票号码'], parse: (t) => /\d{8,20}/.exec(t)?.[0] ?? null },
  { name: 'issueDate', labels: ['开票日期'], parse: chineseDate },
  {
    name: 'buyerName',
    labels: ['购买方名称及身份证号码/组织机构代码', '购买方名称', '购货单位(人)', '购货单位（人）', '购货单位'],
    parse: (t) => t.replace(/身份证号码.*$/, '').trim() || null,
  },
  {
    name: 'buyerIdNumber',
    labels: ['身份证号码/统一社会信用代码', '身份证号码/组织机构代码', '统一社会信用代码/身份证号码', '身份证号码', '组织机构代码'],
    parse: (t) => /[0-9A-Z]{15,18}/.exec(t.toUpperCase())?.[0] ?? null,
  },
  { name: 'vehicleType', labels: ['车辆类型'] },
  { name: 'brandModel', labels: ['厂牌型号'] },
  {
    name: 'vin',
    labels: ['车辆识别代号/车架号码', '车辆识别代号', '车架号码'],
    parse: (t) =>
      /[A-HJ-NPR-Z0-9]{17}/.exec(
        t
          .toUpperCase()
          .replace(/O/g, '0')
          .replace(/[IQ]/g, (c) => (c === 'I' ? '1' : '0')),
      )?.[0] ?? null,
  },
  { name: 'engineNumber', labels: ['发动机号码', '发动机号'], parse: (t) => t.replace(/\s/g, '').toUpperCase() || null },
  { name: 'sellerName', labels: ['销货单位名称', '销售单位名称', '销售方名称'] },
];

const KEYS = [
  'invoiceCode',
  'invoiceNumber',
  'issueDate',
  'buyerName',
  'buyerIdNumber',
  'vehicleType',
  'brandModel',
  'vin',
  'engineNumber',
  'totalAmount',
  'sellerName',
  'sellerTaxId',
];

export const vehicleSalesInvoice: ExtractorDefinition = {
  type: 'vehicle-sales-invoice',
  detect(doc) {
    const text = doc.text.replace(/\s/g, '');
    const title = /机动车销售统一发票/.test(text) ? 0.6 : 0;
    const labels = ['车辆识别代号', '厂牌型号', '发动机号码', '合格证号', '销货单位名称'].filter((l) => text.includes(l)).length;
    return Math.min(1, title + labels * 0.15);
  },
  extract(doc) {
    return extractVehicleSalesInvoice(doc);
  },
};

function extractVehicleSalesInvoice(doc: Document): Extraction {
  const lines = textLines(doc.pages);
  const { fields, fieldConfidence } = readFormFields(lines, FIELDS, KEYS);
  const checks: Record<string, boolean> = {};
  const warnings: string[] = [];

  const total = grandTotal(lines);
  if (total) {
    fields.totalAmount = total.value;
    fieldConfidence.totalAmount = total.confidence;
  }
  const seller = sellerTaxId(lines);
  if (seller) {
    fields.sellerTaxId = seller.value;
    fieldConfidence.sellerTaxId = seller.confidence;
  }

  if (typeof fields.vin === 'string') {
    checks.vinCheckDigit = checkVin(fields.vin);
    if (!checks.vinCheckDigit) warnings.push(`The VIN ${fields.vin} fails its check digit; check the reading.`);
    else fieldConfidence.vin = Math.max(fieldConfidence.vin ?? 0, 0.99);
  }
  if (typeof fields.buyerIdNumber === 'string' && fields.buyerIdNumber.length === 18) {
    // a person's resident ID number, or an organization's credit code
    checks.buyerIdValid = /^\d{17}[\dX]$/.test(fields.buyerIdNumber) ? checkIdNumber(fields.buyerIdNumber).valid : checkUscc(fields.buyerIdNumber);
    if (!checks.buyerIdValid) warnings.push(`The buyer's ID ${fields.buyerIdNumber} fails its check character.`);
  }
  if (typeof fields.sellerTaxId === 'string') {
    checks.sellerTaxIdValid = taxIdWellFormed(fields.sellerTaxId);
    if (!checks.sellerTaxIdValid) warnings.push(`sellerTaxId ${fields.sellerTaxId} is not a well-formed taxpayer ID.`);
  }
  const net = labelledAmount(lines, ['不含税价']);
  const tax = labelledAmount(lines, ['增值税税额']);
  if (net !== null && tax !== null && typeof fields.totalAmount === 'number') {
    checks.amountsConsistent = Math.round((net + tax) * 100) === Math.round(fields.totalAmount * 100);
    if (!checks.amountsConsistent) warnings.push(`The price ${net} + VAT ${tax} is not the total ${fields.totalAmount}.`);
  }
  for (const key of ['invoiceNumber', 'vin', 'totalAmount'] as const) if (fields[key] === null) warnings.push(`${key} could not be read.`);
  return { fields, fieldConfidence, checks, warnings };
}

/** 价税合计: the figure after （小写） or ¥ on its row. */
function grandTotal(lines: readonly TextLine[]): { value: number; confidence: number } | null {
  const label = lines.find((l) => l.text.includes('价税合计'));
  if (!label) return null;
  const row = rowWith(label, lines);
  const text = row.map((l) => l.text).join(' ');
  const m = /小写[)）]?[:：]?\s*[¥￥]?\s*(\d[\d,]*\.\d{2})/.exec(text) ?? /[¥￥]\s*(\d[\d,]*\.\d{2})/.exec(text);
  const value = m ? parseAmount(m[1]) : null;
  return value === null ? null : { value, confidence: Math.min(...row.map((l) => l.confidence)) };
}

/** The 纳税人识别号 that follows the seller's name in reading order. */
function sellerTaxId(lines: readonly TextLine[]): { value: string; confidence: number } | null {
  const at = lines.findIndex((l) => /销货单位名称|销售单位名称|销售方名称/.test(l.text));
  if (at < 0) return null;
  for (const line of lines.slice(at)) {
    const m = /纳税人识别号[:：]?([0-9A-Z]{15,20})/.exec(line.text.toUpperCase());
    if (m) return { value: m[1], confidence: line.confidence };
    if (/纳税人识别号$/.test(line.text)) {
      const next = rowWith(line, lines).find((l) => l.bbox.x > line.bbox.x);
      const id = next && /^[0-9A-Z]{15,20}$/.exec(next.text.toUpperCase());
      if (id) return { value: id[0], confidence: next.confidence };
    }
  }
  return null;
}

function labelledAmount(lines: readonly TextLine[], labels: string[]): number | null {
  const label = lines.find((l) => labels.some((x) => l.text.includes(x)));
  if (!label) return null;
  const rest = label.text.slice(label.text.indexOf(labels.find((x) => label.text.includes(x))!));
  const own = /(\d[\d,]*\.\d{2})/.exec(rest);
  if (own) return parseAmount(own[1]);
  const next = rowWith(label, lines).find((l) => l.bbox.x > label.bbox.x && /\d+\.\d{2}/.test(l.text));
  return next ? parseAmount(next.text) : null;
}
