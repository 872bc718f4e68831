import type { FieldValue } from '../../result';
import type { Document, Extraction, ExtractorDefinition } from '../registry';
import { textLines } from '../text';
import { moneyIn } from './money';
import { findDate } from './receiptDate';
import { findItems } from './receiptItems';
import { DOCUMENT_WORD } from './receiptLabels';
import { findAddress, findMerchant, type Found } from './receiptParty';
import { findTotals, hasTotalLine } from './receiptTotal';

/**
 * Retail receipts and Western invoices (`receipt`), in English, German, Dutch, French, Spanish, Italian,
 * Portuguese, Malay or Chinese, with no per-vendor template: the total by its label, checked against the payment
 * and the cash rounding; the date by its label or the till's timestamp; the merchant and its address from the
 * header's structure; items as the rows between the items' header and the totals that end in an amount.
 */
const FIELDS = ['merchantName', 'address', 'date', 'total', 'items'] as const;

export const receipt: ExtractorDefinition = {
  type: 'receipt',
  detect(doc) {
    const lines = textLines(doc.pages);
    const totals = findTotals(lines);
    // a total; else cash tendered and change given, or a subtotal or tax line: a till's receipt whose total's label was not read
    const total = totals.total ? 0.4 : hasTotalLine(lines) ? 0.3 : 0;
    const paid = totals.paid !== null ? 0.2 : 0;
    const date = findDate(lines, false) ? 0.15 : 0;
    const word = DOCUMENT_WORD.test(doc.text) ? 0.2 : 0;
    const amounts = moneyIn(doc.text).length >= 2 ? 0.1 : 0;
    // without a total or a payment nothing here is a receipt, however many dates and amounts it has
    return total || paid ? Math.min(0.95, total + paid + date + word + amounts) : 0;
  },
  extract(doc) {
    return extractReceipt(doc);
  },
};

function extractReceipt(doc: Document): Extraction {
  const lines = textLines(doc.pages);
  const fields: Record<string, FieldValue> = Object.fromEntries(FIELDS.map((f) => [f, null]));
  const fieldConfidence: Record<string, number> = {};
  const warnings: string[] = [];
  const set = (name: string, found: Found<FieldValue> | null) => {
    if (!found || found.value === null || found.value === '') return;
    fields[name] = found.value;
    fieldConfidence[name] = Math.round(found.confidence * 1000) / 1000;
  };
  const monthFirst = writesMonthFirst(doc.text);
  const { total } = findTotals(lines);
  set('total', total);
  set('date', findDate(lines, monthFirst));
  const merchant = findMerchant(lines);
  set('merchantName', merchant);
  set('address', findAddress(lines, merchant?.line));
  const items = findItems(lines, total?.line);
  fields.items = items.map((i) => ({ name: i.name, amount: i.amount }));
  if (items.length) fieldConfidence.items = Math.round(Math.min(...items.map((i) => i.confidence)) * 1000) / 1000;
  if (!total) warnings.push('No total was found (a line labelled Total, Amount Due, Totaal, Gesamtbetrag, 合计 …).');
  if (!fields.date) warnings.push('No date was found.');
  return { fields, fieldConfidence, checks: {}, warnings };
}

/** Dollar countries that write the day first: Singapore, Australia, New Zealand, Hong Kong (their tax words, marks and company forms). */
const DAY_FIRST_DOLLAR =
  /\bGST\b|\bABN\b|\bUEN\b|\bPte\b|\bPty\b|\bS\$|\bSGD\b|\bA\$|\bAUD\b|\bNZ\$|\bNZD\b|\bHK\$|\bHKD\b|Singapore|Australia|New Zealand|Hong Kong/i;

/**
 * Whether slashed dates are month-first (10/03/2024 is October 3rd): a document in US dollars, or with a US state
 * and ZIP code, unless it shows a day-first country's cues (GST, Pte Ltd, S$, an ABN …).
 */
function writesMonthFirst(text: string): boolean {
  const american = /\$|\bUSD\b/.test(text) || /\b[A-Z]{2}\s\d{5}(?:-\d{4})?\b/.test(text);
  return american && !DAY_FIRST_DOLLAR.test(text);
}
