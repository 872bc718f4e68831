/**
 * An OFD e-invoice's own data (src/input/ofd/embeddedInvoice.ts) laid over what was read from its printed text:
 * the embedded value wins, each disagreement is named in the warnings, and `checks.embeddedDataMatches` says
 * whether the print and the data agree on every field both have.
 */
import type { FieldValue } from '../../result';
import type { EmbeddedInvoice } from '../../input/ofd/embeddedInvoice';
import type { Extraction } from '../registry';
import { compactSpaces } from '../text';
import { findDates } from './dates';
import { parseAmount, parseDecimal } from './money';

const AMOUNTS = new Set(['amount', 'taxAmount', 'totalAmount']);

export function applyEmbeddedInvoice(embedded: EmbeddedInvoice, extraction: Extraction): void {
  const { fields, fieldConfidence, warnings } = extraction;
  const where = embedded.source === 'attachment' ? 'its attached invoice data' : 'its custom tags';
  let agree = true;
  for (const [name, raw] of Object.entries(embedded.fields)) {
    const value = fieldValue(name, raw ?? '');
    if (value === null) continue;
    const printed = fields[name] ?? null;
    if (printed !== null && !same(printed, value)) {
      agree = false;
      warnings.push(
        `The invoice's ${where} give${embedded.source === 'attachment' ? 's' : ''} ${name} ${JSON.stringify(value)} where its printed text reads ${JSON.stringify(printed)}; the embedded value is used.`,
      );
    }
    fields[name] = value;
    fieldConfidence[name] = 1;
  }
  if (embedded.items?.length) {
    const items = embedded.items.map((i) => ({
      name: compactSpaces(i.name ?? ''),
      specification: i.specification ?? '',
      unit: i.unit ?? '',
      quantity: numberOrText(i.quantity),
      unitPrice: numberOrText(i.unitPrice),
      amount: parseAmount(i.amount ?? '') ?? 0,
      taxRate: taxRate(i.taxRate ?? ''),
      tax: i.tax && parseAmount(i.tax) !== null ? (parseAmount(i.tax) as number) : (i.tax ?? ''),
    }));
    const printed = Array.isArray(fields.items) ? fields.items : [];
    if (printed.length && !same(printed as FieldValue, items as unknown as FieldValue)) {
      agree = false;
      warnings.push(
        `The invoice's ${where} list${embedded.source === 'attachment' ? 's' : ''} ${items.length} items that differ from the ${printed.length} read from its printed text; the embedded items are used.`,
      );
    }
    fields.items = items as unknown as FieldValue;
    fieldConfidence.items = 1;
  }
  extraction.checks.embeddedDataMatches = agree;
}

function fieldValue(name: string, raw: string): FieldValue {
  const s = raw.trim();
  if (!s) return null;
  if (AMOUNTS.has(name)) return parseAmount(s);
  if (name === 'issueDate') return findDates(s)[0]?.iso ?? null;
  if (name === 'buyerTaxId' || name === 'sellerTaxId') return s.replace(/\s/g, '').toUpperCase();
  return compactSpaces(s);
}

function numberOrText(raw: string | undefined): number | string {
  const s = (raw ?? '').trim();
  if (!s) return '';
  return parseDecimal(s) ?? s;
}

/** 6%, 0.06 or 免税 as the extractor writes a rate: a percentage, or the words printed. */
function taxRate(raw: string): string {
  const s = raw.trim();
  const fraction = /^0?\.\d+$/.exec(s);
  return fraction ? `${Math.round(Number(s) * 1000) / 10}%` : s;
}

/** Strings without their spaces, numbers to the cent's fraction, lists and objects member by member. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 0.005;
  if (typeof a === 'string' && typeof b === 'string') return a.replace(/\s/g, '') === b.replace(/\s/g, '');
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => same((a as Record<string, unknown>)[k] ?? '', (b as Record<string, unknown>)[k] ?? ''));
  }
  return (a ?? '') === (b ?? '');
}
