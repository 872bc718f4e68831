import type { FieldValue } from '../../result';
import { checkUscc } from '../validators';
import { parseChineseAmount } from './money';

/**
 * The cross-checks of a VAT invoice's fields, whoever read them (our extractor, or a cloud service): amount + tax
 * = total, the amount in words spells the total, the items add up, the taxpayer IDs are well formed.
 */
export function vatInvoiceChecks(fields: Record<string, FieldValue>): { checks: Record<string, boolean>; warnings: string[] } {
  const checks: Record<string, boolean> = {};
  const warnings: string[] = [];
  const amount = numberOrNull(fields.amount);
  const tax = numberOrNull(fields.taxAmount);
  const total = numberOrNull(fields.totalAmount);
  if (amount !== null && tax !== null && total !== null) {
    checks.amountsConsistent = cents(amount + tax) === cents(total);
    if (!checks.amountsConsistent) warnings.push(`Amount ${amount} + tax ${tax} is not the total ${total}.`);
  }
  if (typeof fields.totalAmountInWords === 'string' && fields.totalAmountInWords && total !== null) {
    const spelled = parseChineseAmount(fields.totalAmountInWords);
    checks.totalAmountInWords = spelled !== null && cents(spelled) === cents(total);
    if (!checks.totalAmountInWords) warnings.push(`The amount in words (${fields.totalAmountInWords}) does not spell the total ${total}.`);
  }
  const items = Array.isArray(fields.items) ? (fields.items as Array<Record<string, FieldValue>>) : [];
  if (items.length > 0 && amount !== null) {
    const sum = items.reduce((s, i) => s + (typeof i.amount === 'number' ? i.amount : 0), 0);
    const taxSum = items.reduce((s, i) => s + (typeof i.tax === 'number' ? i.tax : 0), 0);
    checks.itemsSumMatches = cents(sum) === cents(amount) && (tax === null || cents(taxSum) === cents(tax));
    if (!checks.itemsSumMatches) warnings.push(`The items add up to ${round2(sum)} (tax ${round2(taxSum)}), not ${amount} (tax ${tax}).`);
  }
  for (const [field, check] of [
    ['sellerTaxId', 'sellerTaxIdValid'],
    ['buyerTaxId', 'buyerTaxIdValid'],
  ] as const) {
    const id = fields[field];
    if (typeof id === 'string' && id) {
      checks[check] = taxIdWellFormed(id);
      if (!checks[check]) warnings.push(`${field} ${id} is not a well-formed taxpayer ID.`);
    }
  }
  return { checks, warnings };
}

/** 18-character USCC with its check character, or the older 15/17/20-character taxpayer IDs. */
export function taxIdWellFormed(id: string): boolean {
  if (id.length === 18) return checkUscc(id);
  return /^[0-9A-Z]{15}$|^[0-9A-Z]{17}$|^[0-9A-Z]{20}$/.test(id);
}

function numberOrNull(value: FieldValue | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function cents(n: number): number {
  return Math.round(n * 100);
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
