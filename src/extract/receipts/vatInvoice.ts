import type { FieldValue } from '../../result';
import type { Document, Extraction, ExtractorDefinition } from '../registry';
import { centerY, rowStartingWith, rowWith } from '../rows';
import { textLines, textWords, type TextLine } from '../text';
import { realDate, repairUscc } from '../validators';
import { parseAmount } from './money';
import { applyEmbeddedInvoice } from './vatEmbedded';
import { vatInvoiceChecks } from './vatChecks';
import { applyInvoiceQr, readInvoiceQr } from './vatQr';
import { readItems } from './vatItems';

/**
 * VAT invoices (增值税发票): paper and e-invoices, and the fully digital invoice (数电票, a 20-digit number and no
 * invoice code), from a text layer, an OFD or OCR alike. Fields by their labels; buyer and seller by their
 * blocks (explicit 购买方/销售方 labels, else the first and second 名称 / 纳税人识别号 of the first page); the totals
 * by the row they are printed on; items by the table's header columns.
 */
const TYPES = [
  '电子发票（增值税专用发票）',
  '电子发票（普通发票）',
  '增值税电子专用发票',
  '增值税电子普通发票',
  '增值税专用发票',
  '增值税普通发票（卷票）',
  '增值税普通发票',
];

const FIELDS = [
  'invoiceType',
  'invoiceCode',
  'invoiceNumber',
  'issueDate',
  'checkCode',
  'buyerName',
  'buyerTaxId',
  'sellerName',
  'sellerTaxId',
  'amount',
  'taxAmount',
  'totalAmount',
  'totalAmountInWords',
  'items',
] as const;

export const vatInvoice: ExtractorDefinition = {
  type: 'vat-invoice',
  // the QR code is read from the first page's pixels
  needsPixels: true,
  detect(doc) {
    // the vehicle sales invoice shares the VAT invoice's labels; its own extractor reads it
    if (/机动车销售统一发票/.test(doc.text.replace(/\s/g, ''))) return 0;
    const lines = textLines(doc.pages);
    const title = lines.some((l) => /发票/.test(l.text) && (invoiceType(l.text) !== null || /增值税|电子发票/.test(l.text))) ? 1 : 0;
    const labels = ['发票代码', '发票号码', '开票日期', '价税合计', '纳税人识别号', '校验码'].filter((label) =>
      lines.some((l) => l.text.includes(label)),
    ).length;
    // without a title two labels (number, date) are common to any receipt or letter: ask for a third
    return Math.min(1, title ? (1 + labels) / 4 : (labels - 1) / 4);
  },
  async extract(doc) {
    const extraction = extractVatInvoice(doc);
    // an OFD's own invoice data is what the tax system issued: preferred to any reading of the print
    if (doc.embeddedInvoice) {
      applyEmbeddedInvoice(doc.embeddedInvoice, extraction);
      Object.assign(extraction.checks, vatInvoiceChecks(extraction.fields).checks);
    }
    const qr = await readInvoiceQr(doc);
    if (qr) {
      const { matches, warnings } = applyInvoiceQr(qr, extraction.fields, extraction.fieldConfidence);
      extraction.checks.qrCodeMatches = matches;
      extraction.warnings = [
        ...extraction.warnings.filter((w) => !w.includes('(发票号码) could not be read') || extraction.fields.invoiceNumber === null),
        ...warnings,
      ];
      // totals and words are checked again in case the QR code settled a field
      Object.assign(extraction.checks, vatInvoiceChecks(extraction.fields).checks);
    }
    return extraction;
  },
};

interface Found {
  value: string;
  confidence: number;
}

function extractVatInvoice(doc: Document): Extraction {
  const all = textLines(doc.pages);
  const firstPage = all.filter((l) => l.page === all[0]?.page);
  const fields: Record<string, FieldValue> = Object.fromEntries(FIELDS.map((f) => [f, null]));
  const fieldConfidence: Record<string, number> = {};
  const checks: Record<string, boolean> = {};
  const warnings: string[] = [];
  const set = (name: string, value: FieldValue, confidence: number) => {
    if (value === null || value === '') return;
    fields[name] = value;
    fieldConfidence[name] = Math.round(confidence * 1000) / 1000;
  };

  const title = firstPage.map((l) => ({ l, type: invoiceType(l.text) })).find((t) => t.type);
  if (title) set('invoiceType', title.type, title.l.confidence);

  const code = labelled(firstPage, ['发票代码']);
  const codeDigits = code && /\d{10,12}/.exec(code.value);
  if (code && codeDigits) set('invoiceCode', codeDigits[0], code.confidence);
  const number = labelled(firstPage, ['发票号码']);
  const numberDigits = number && /\d{8,20}/.exec(number.value);
  if (number && numberDigits) set('invoiceNumber', numberDigits[0], number.confidence);
  const date = labelled(firstPage, ['开票日期']);
  const ymd = date && /(\d{4})\D{1,2}(\d{1,2})\D{1,2}(\d{1,2})/.exec(date.value);
  const issueDate = ymd ? realDate(Number(ymd[1]), Number(ymd[2]), Number(ymd[3])) : null;
  if (date && issueDate) set('issueDate', issueDate, date.confidence);
  const check = labelled(firstPage, ['校验码']);
  if (check) set('checkCode', check.value.replace(/\D/g, '') || null, check.confidence);

  const parties = partyFields(firstPage, all);
  set('buyerName', parties.buyerName?.value ?? null, parties.buyerName?.confidence ?? 0);
  set('buyerTaxId', parties.buyerTaxId?.value ?? null, parties.buyerTaxId?.confidence ?? 0);
  set('sellerName', parties.sellerName?.value ?? null, parties.sellerName?.confidence ?? 0);
  set('sellerTaxId', parties.sellerTaxId?.value ?? null, parties.sellerTaxId?.confidence ?? 0);

  const totals = totalsRow(firstPage);
  if (totals) {
    set('amount', totals.amount, totals.confidence);
    set('taxAmount', totals.tax, totals.confidence);
  }
  const grand = grandTotal(firstPage);
  if (grand?.total !== undefined) set('totalAmount', grand.total, grand.confidence);
  if (grand?.words) set('totalAmountInWords', grand.words, grand.confidence);

  const { items, placeholder } = readItems(textWords(doc.pages));
  fields.items = items;
  fieldConfidence.items = items.length ? Math.round(Math.min(...all.map((l) => l.confidence)) * 1000) / 1000 : 0;
  if (items.length === 0)
    warnings.push(placeholder ? 'The items are on a separate list (销货清单) that is not among the pages read.' : 'No line items were found.');

  const cross = vatInvoiceChecks(fields);
  Object.assign(checks, cross.checks);
  warnings.push(...cross.warnings);
  if (!fields.invoiceNumber) warnings.push('The invoice number (发票号码) could not be read.');
  return { fields, fieldConfidence, checks, warnings };
}

/** The kind as printed in the title, without a region prefix (重庆增值税电子普通发票 → 增值税电子普通发票). */
function invoiceType(text: string): string | null {
  const t = text.replace(/\(/g, '（').replace(/\)/g, '）');
  return TYPES.find((type) => t.includes(type)) ?? null;
}

/** The value after a label on its line, or the next line on the same row when the label stands alone. */
function labelled(lines: readonly TextLine[], labels: string[]): Found | null {
  for (const line of lines) {
    for (const label of labels) {
      const at = line.text.indexOf(label);
      if (at < 0) continue;
      const rest = line.text.slice(at + label.length).replace(/^[:：]/, '');
      if (rest) return { value: rest, confidence: line.confidence };
      const row = rowWith(line, lines);
      const next = row[row.indexOf(line) + 1];
      return next ? { value: next.text.replace(/^[:：]/, ''), confidence: next.confidence } : null;
    }
  }
  return null;
}

/** Labels that end a buyer's or seller's value on a line. */
const PARTY_LABELS = '名称|统一社会信用代码|纳税人识别号|地址|电话|开户行|销售方|购买方|销方|购方';

/**
 * Buyer and seller: explicit 购买方名称 / 销售方名称 labels first (list pages), else the first and second 名称 and
 * 纳税人识别号 of the first page, the buyer's being the one above, or on the same row left of, the seller's (every
 * layout puts the buyer's block first: above the items on the 2019 forms, on the left on the fully digital one).
 * Placed by their lines' boxes, not by reading order, which may take the two side-by-side blocks either way.
 */
function partyFields(firstPage: readonly TextLine[], all: readonly TextLine[]) {
  const occurrences = (pattern: RegExp) =>
    buyerFirst(firstPage.flatMap((l) => [...l.text.matchAll(pattern)].map((m) => ({ value: m[1].trim(), confidence: l.confidence, line: l }))));
  const names = occurrences(new RegExp(`(?<!购买方|销售方)名称:(.*?)(?=(?:${PARTY_LABELS})|$)`, 'g'));
  const taxIds = occurrences(/(?:纳税人识别号|统一社会信用代码)(?:\/纳税人识别号)?:([0-9A-Z]*)/g).map((t) => ({ ...t, value: repairUscc(t.value) }));
  const explicit = (label: string) => {
    const m = all.map((l) => ({ m: new RegExp(`${label}:(.*?)(?=(?:${PARTY_LABELS})|$)`).exec(l.text), c: l.confidence })).find((x) => x.m);
    return m ? { value: m.m![1].trim(), confidence: m.c } : null;
  };
  const clean = (f: Found | null | undefined): Found | null => (f && f.value ? f : null);
  return {
    buyerName: clean(explicit('购买方名称') ?? names[0]),
    sellerName: clean(explicit('销售方名称') ?? names[1]),
    buyerTaxId: clean(taxIds[0]),
    sellerTaxId: clean(taxIds[1]),
  };
}

/**
 * The first two occurrences, buyer's first: the upper one, or on one row the left one (rowsOf's test of a row).
 * Two on one line are already in the line's order.
 */
function buyerFirst<T extends { line: TextLine }>(found: T[]): T[] {
  if (found.length < 2 || found[0].line === found[1].line) return found;
  const [a, b] = found;
  const sameRow = Math.abs(centerY(a.line) - centerY(b.line)) < 0.5 * Math.max(a.line.bbox.height, b.line.bbox.height);
  const bFirst = sameRow ? b.line.bbox.x < a.line.bbox.x : centerY(b.line) < centerY(a.line);
  return bFirst ? [b, a, ...found.slice(2)] : found;
}

/**
 * 合计 row: the amount before tax and the tax, the two money values to the right of the label. The label is found
 * however it is spaced: 合计, 合 计, or its two characters drawn apart as two pieces of text.
 */
function totalsRow(lines: readonly TextLine[]): { amount: number; tax: number; confidence: number } | null {
  const row = rowStartingWith(lines, '合计');
  if (!row) return null;
  const values = row
    .flatMap((l) => (l.text.match(/[¥￥]?-?\d[\d,]*\.\d{2}/g) ?? []).map((v) => ({ v: parseAmount(v), c: l.confidence })))
    .filter((x): x is { v: number; c: number } => x.v !== null);
  if (values.length < 2) return null;
  return { amount: values[0].v, tax: values[values.length - 1].v, confidence: Math.min(values[0].c, values[values.length - 1].c) };
}

/** 价税合计 row: the amount in words after （大写） and the figure after （小写）. */
function grandTotal(lines: readonly TextLine[]): { total?: number; words?: string; confidence: number } | null {
  const label = lines.find((l) => l.text.includes('价税合计'));
  if (!label) return null;
  const row = rowWith(label, lines);
  const text = row.map((l) => l.text).join(' ');
  const words = /[零壹贰叁肆伍陆柒捌玖拾佰仟万亿圆元角分整正负]{2,}/.exec(text.replace(/[(（]大写[)）]/, ''));
  // after 小写 OCR reads the yuan sign as Y now and then
  const figure = /[(（]?小写[)）]?[:：]?\s*[¥￥Yy]?\s*(-?\d[\d,]*\.\d{2})/.exec(text) ?? /[¥￥]\s*(-?\d[\d,]*\.\d{2})/.exec(text);
  return {
    total: figure ? (parseAmount(figure[1]) ?? undefined) : undefined,
    words: words?.[0],
    confidence: Math.min(...row.map((l) => l.confidence)),
  };
}
