import type { FieldValue } from '../../result';
import { firstPageBarcode, type Document } from '../registry';

/**
 * The QR code of a VAT invoice (printed top left since 2017): comma-separated `01,<kind>,<code>,<number>,<amount>,
 * <YYYYMMDD>,<check code>,<mark>`. The kinds: 01 special, 04 ordinary, 08 electronic special, 10 electronic
 * ordinary, 11 roll, 14 toll, 31/32 fully digital special/ordinary. The tax system writes it, so where it and the
 * recognized text disagree the QR code's value is kept, with a warning and `checks.qrCodeMatches` false.
 */
export interface InvoiceQr {
  kind: string;
  invoiceCode: string | null;
  invoiceNumber: string;
  /** the amount excluding tax (the total on some fully digital invoices): matched against either */
  amount: number;
  issueDate: string;
  checkCode: string | null;
}

export function parseInvoiceQr(text: string): InvoiceQr | null {
  const parts = text.trim().split(',');
  if (parts.length < 7 || parts[0] !== '01' || !/^\d{2}$/.test(parts[1])) return null;
  const [, kind, code, number, amount, date, check] = parts;
  const ymd = /^(\d{4})(\d{2})(\d{2})$/.exec(date);
  if (!/^\d{8,20}$/.test(number) || !ymd || !/^-?\d+(\.\d{1,2})?$/.test(amount)) return null;
  return {
    kind,
    invoiceCode: /^\d{10,12}$/.test(code) ? code : null,
    invoiceNumber: number,
    amount: Number(amount),
    issueDate: `${ymd[1]}-${ymd[2]}-${ymd[3]}`,
    checkCode: /^\d{5,20}$/.test(check) ? check : null,
  };
}

/** The first page's invoice QR code, when the page was recognized from pixels (a text-layer page has none to read). */
export async function readInvoiceQr(doc: Document): Promise<InvoiceQr | null> {
  const found = await firstPageBarcode(doc, ['qr']);
  return found ? parseInvoiceQr(found.text) : null;
}

/**
 * The QR code against the fields read: each that both have must agree (the check code by its printed digits, which
 * some layouts show in part). Missing and disagreeing fields take the QR code's value.
 */
export function applyInvoiceQr(
  qr: InvoiceQr,
  fields: Record<string, FieldValue>,
  fieldConfidence: Record<string, number>,
): { matches: boolean; warnings: string[] } {
  const warnings: string[] = [];
  let matches = true;
  const take = (field: string, value: FieldValue) => {
    fields[field] = value;
    fieldConfidence[field] = 0.99;
  };
  for (const field of ['invoiceNumber', 'invoiceCode', 'issueDate'] as const) {
    const read = fields[field];
    const fromQr = qr[field];
    if (fromQr === null) continue;
    if (read === null || read === undefined) {
      take(field, fromQr);
      warnings.push(`${field} was not read from the text; the QR code's ${fromQr} is used.`);
    } else if (read !== fromQr) {
      matches = false;
      take(field, fromQr);
      warnings.push(`${field} reads ${String(read)} but the QR code says ${fromQr}: the QR code's value is kept.`);
    } else {
      fieldConfidence[field] = Math.max(fieldConfidence[field] ?? 0, 0.99);
    }
  }
  if (qr.checkCode) {
    const read = typeof fields.checkCode === 'string' ? fields.checkCode : null;
    if (read === null) take('checkCode', qr.checkCode);
    else if (!qr.checkCode.endsWith(read) && !qr.checkCode.startsWith(read)) {
      matches = false;
      warnings.push(`The check code reads ${read} but the QR code says ${qr.checkCode}: the QR code's value is kept.`);
      take('checkCode', qr.checkCode);
    }
  }
  const amounts = [fields.amount, fields.totalAmount].filter((v): v is number => typeof v === 'number');
  if (amounts.length && !amounts.some((a) => Math.round(a * 100) === Math.round(qr.amount * 100))) {
    matches = false;
    warnings.push(`The QR code's amount ${qr.amount} is neither the amount ${String(fields.amount)} nor the total ${String(fields.totalAmount)} read.`);
  }
  return { matches, warnings };
}
