import type { FieldValue } from '../../result';
import type { Document, Extraction, ExtractorDefinition } from '../registry';
import { rowsOf } from '../rows';
import { textLines, type TextLine } from '../text';
import { findDates } from './dates';
import { moneyIn } from './money';

/**
 * Retail receipts and Western invoices (`receipt`), in English, German, Dutch, French, Spanish, Italian,
 * Portuguese or Chinese, with no per-vendor template: the date and the total by their labels (a value after the
 * label, to its right on the row, or just below it), the real total preferred over subtotals, tax, discounts and
 * the cash tendered; the merchant from a seller label, a company name's legal form, or the receipt's first line;
 * items as the rows between the items' header and the totals that end in an amount.
 */
const FIELDS = ['merchantName', 'address', 'date', 'total', 'items'] as const;

const DATE_LABEL_STRONG =
  /invoice\s*date|date\s*of\s*(?:invoice|issue|purchase)|receipt\s*date|transaction\s*date|rechnungsdatum|belegdatum|factuur\s*datum|factuurdatum|date\s*de\s*(?:la\s*)?facture|fecha(?:\s*de\s*(?:la\s*)?factura)|data\s*(?:della\s*)?fattura|data\s*da\s*fatura|开票日期|交易(?:日期|时间)|消费时间|销售日期|收银时间/i;
const DATE_LABEL = /\bdate\b|\bdatum\b|\bfecha\b|\bdata\b|日期|时间/i;
const DATE_EXCLUDED =
  /due|payable\s*by|f[äa]llig|zahlungsziel|vervaldatum|verval|[ée]ch[ée]ance|limite|vencimiento|scadenza|order\s*date|orderdatum|bestelldatum|commande|delivery|lieferdatum|leverdatum|livraison|billing\s*period|zeitraum|p[ée]riode|pr[ée]l[èe]vement|到期|截止|有效期/i;
const DOCUMENT_WORD = /invoice|factuur|rechnung|facture|factura|fattura|fatura|receipt|quittung|kassenbon|re[çc]u|recibo|ricevuta|发票|收据|小票|销售单|收银/i;

const TOTAL_STRONG =
  /grand\s*total|total\s*amount\s*due|amount\s*due|balance\s*due|total\s*due|total\s*to\s*pay|amount\s*payable|total\s*payable|somme\s*[àa]\s*payer|montant\s*(?:total\s*)?[àa]\s*payer|net\s*[àa]\s*payer|total\s*ttc|te\s*betalen|zu\s*zahlen|zahlbetrag|gesamtbetrag|rechnungsbetrag|endbetrag|importe\s*total|total\s*a\s*pagar|totale\s*(?:da\s*pagare|fattura)|应付(?:金额)?|应收(?:金额)?|总计|价税合计/i;
const TOTAL = /\btotal\b|\btotaal\b|\bgesamt\b|\bsumme\b|\btotale\b|合计|總計|总额|合計/i;
const NOT_TOTAL =
  /sub\s*-?\s*tota|subtotaal|zwischensumme|sous-total|小计|\btax\b|\bvat\b|\bbtw\b|mwst|\btva\b|\biva\b|\bgst\b|税额|cash|tendered|change|r[üu]ckgeld|wisselgeld|gegeben|rendu|找零|现金|实收|received|discount|korting|rabatt|remise|优惠|折扣|excl|exkl|\bohne\b|\bht\b|netto|untaxed|before\s*tax|不含税|\bqty\b|quantity|anzahl|aantal|件数|数量|savings|saved/i;
const INCLUSIVE = /incl|inkl|inclusief|including|\bttc\b|含税/i;

const ITEM_HEADER_WORDS =
  /^(description|item|items|article|qty|quantity|price|amount|unit\s*price|artikel|omschrijving|aantal|prijs|bedrag|beschreibung|bezeichnung|menge|preis|betrag|einzelpreis|d[ée]signation|quantit[ée]|prix|montant|descripci[óo]n|cantidad|precio|importe|descrizione|quantit[àa]|prezzo|importo|product|title|商品(?:名称)?|品名|名称|数量|单价|金额|小计)$/i;

const MERCHANT_LABEL = /^(?:sold\s*by|seller|vendor|merchant|store|shop|verk[äa]ufer|verkoper|vendeur|商户(?:名称)?|商家|店名|门店|收款单位)\s*[:：]?\s*/i;
const LEGAL_FORM =
  /\b(?:inc|llc|ltd|limited|gmbh|ag|b\.\s?v|n\.\s?v|s\.a\.s|sas|s\.a|sa|s\.r\.l|srl|sarl|plc|corp|corporation|co\.|kg|oy|ab|as)\b\.?|有限公司|商行|超市|便利店|商店|餐厅|酒店|药房|书店/i;
/** A block about the customer, not the merchant: its lines are no merchant name. */
const CUSTOMER_BLOCK = /^(?:attn|bill\s*to|ship\s*to|sold\s*to|invoice\s*to|deliver(?:y)?\s*to|customer|client|kunde|klant|rechnungsadresse|lieferadresse|factuuradres|afleveradres|adresse\s*de\s*(?:facturation|livraison)|billing\s*address|shipping\s*address|购买方|客户)(?![\p{L}])/iu;
/** Rows that end the items: totals, subtotals and tax lines. */
const ITEMS_END =
  /^\s*(?:sub\s*-?\s*total|subtotaal|zwischensumme|sous-total|小计|grand\s*total|total|totaal|gesamt|summe|amount\s*due|balance|tax\b|vat\b|btw\b|mwst|tva\b|iva\b|gst\b|exclusief|合计|总计|应付|应收)/i;
const ADDRESS_LABEL = /^(?:address|adresse|adres|anschrift|direcci[óo]n|indirizzo|endere[çc]o|地址)\s*[:：]?\s*/i;
const ADDRESS_SHAPE =
  /\d+[a-z]?\s+[\p{L} .'-]+\b(?:st|street|ave|avenue|road|rd|blvd|boulevard|lane|ln|way|dr|drive|pl|place|ct|court)\b|stra(?:ß|ss)e|\bweg\b|laan|straat|\brue\b|\bavenue\b|\bvia\b|\bcalle\b|\b\d{4,5}\s+\p{Lu}|[路街道巷]\d|号|区.*[路街]/iu;

export const receipt: ExtractorDefinition = {
  type: 'receipt',
  detect(doc) {
    const lines = textLines(doc.pages);
    const total = findTotal(lines) ? 0.4 : 0;
    const date = findDate(lines, false) ? 0.15 : 0;
    const word = DOCUMENT_WORD.test(doc.text) ? 0.2 : 0;
    const amounts = moneyIn(doc.text).length >= 2 ? 0.1 : 0;
    // without a total nothing here is a receipt, however many dates and amounts it has
    return total ? total + date + word + amounts : 0;
  },
  extract(doc) {
    return extractReceipt(doc);
  },
};

interface Found<T> {
  value: T;
  confidence: number;
  line: TextLine;
}

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
  // US dollars with slashes: 10/03/2024 is October 3rd
  const monthFirst = /\$|\bUSD\b/.test(doc.text);
  const total = findTotal(lines);
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

/** The document's total: the strongest total label with an amount, the largest amount among equals. */
function findTotal(lines: readonly TextLine[]): Found<number> | null {
  let best: (Found<number> & { rank: number }) | null = null;
  for (const line of lines) {
    const text = line.raw;
    const rank = TOTAL_STRONG.test(text) ? 2 : TOTAL.test(text) ? 1 : 0;
    if (!rank) continue;
    if (NOT_TOTAL.test(text) && !(INCLUSIVE.test(text) && !/excl|exkl/i.test(text))) continue;
    const label = (TOTAL_STRONG.exec(text) ?? TOTAL.exec(text))!;
    const amount = amountAfter(line, label.index + label[0].length, lines);
    if (amount === null) continue;
    const candidate = { value: amount.value, confidence: amount.confidence * (rank === 2 ? 1 : 0.95), line, rank };
    if (!best || rank > best.rank || (rank === best.rank && amount.value > best.value)) best = candidate;
  }
  return best;
}

/** An amount for the label ending at `from`: on its line, else the last on its row, else just below it. */
function amountAfter(line: TextLine, from: number, lines: readonly TextLine[]): { value: number; confidence: number } | null {
  const own = moneyIn(line.raw.slice(from));
  if (own.length) return { value: own[own.length - 1].value, confidence: line.confidence };
  const right = sameRow(line, lines).filter((l) => l.bbox.x > line.bbox.x);
  const onRow = right.flatMap((l) => moneyIn(l.raw).map((m) => ({ value: m.value, confidence: l.confidence })));
  if (onRow.length) return onRow[onRow.length - 1];
  for (const below of linesBelow(line, lines)) {
    const money = moneyIn(below.raw);
    if (money.length) return { value: money[0].value, confidence: below.confidence * 0.95 };
  }
  return null;
}

/** The date of the document: by its label, else on the line that names the document, else the first date not a due or order date. */
function findDate(lines: readonly TextLine[], monthFirst: boolean): Found<string> | null {
  const candidates: Array<Found<string> & { rank: number }> = [];
  for (const line of lines) {
    const text = line.raw;
    if (DATE_EXCLUDED.test(text) && !DATE_LABEL_STRONG.test(text)) continue;
    const label = DATE_LABEL_STRONG.exec(text) ?? DATE_LABEL.exec(text);
    if (label) {
      const rank = DATE_LABEL_STRONG.test(text) ? 3 : 2;
      const after = findDates(text.slice(label.index + label[0].length), monthFirst)[0];
      const value = after?.iso ?? dateNear(line, lines, monthFirst);
      if (value) candidates.push({ value, confidence: line.confidence, line, rank });
      continue;
    }
    const dates = findDates(text, monthFirst);
    if (!dates.length) continue;
    candidates.push({ value: dates[0].iso, confidence: line.confidence * (DOCUMENT_WORD.test(text) ? 0.95 : 0.7), line, rank: DOCUMENT_WORD.test(text) ? 2 : 1 });
  }
  let best: (Found<string> & { rank: number }) | null = null;
  for (const c of candidates) if (!best || c.rank > best.rank) best = c;
  return best;
}

function dateNear(line: TextLine, lines: readonly TextLine[], monthFirst: boolean): string | null {
  for (const l of [...sameRow(line, lines).filter((x) => x.bbox.x > line.bbox.x), ...linesBelow(line, lines)]) {
    if (DATE_EXCLUDED.test(l.raw)) continue;
    const d = findDates(l.raw, monthFirst)[0];
    if (d) return d.iso;
  }
  return null;
}

function findMerchant(lines: readonly TextLine[]): Found<string> | null {
  for (const line of lines) {
    const m = MERCHANT_LABEL.exec(line.raw);
    if (m && line.raw.length > m[0].length + 1) return { value: cleanName(line.raw.slice(m[0].length)), confidence: line.confidence, line };
  }
  const ours = notCustomer(lines);
  const first = ours.filter((l) => l.page === lines[0]?.page);
  const height = Math.max(1, ...first.map((l) => l.bbox.y + l.bbox.height));
  const top = first.filter((l) => l.bbox.y < height * 0.3);
  const legal = (pool: readonly TextLine[], factor: number) => {
    for (const line of pool) {
      const part = line.raw.split(/\s[-–−|·•]\s/).find((p) => LEGAL_FORM.test(p));
      if (part && /\p{L}{2}/u.test(part) && !ADDRESS_LABEL.test(part)) return { value: companyName(part), confidence: line.confidence * factor, line };
    }
    return null;
  };
  // "Amazon Web Services Invoice": the issuer's name before or after the document's title
  const titled = top.slice(0, 3).find((l) => DOCUMENT_WORD.test(l.raw) && /\p{Lu}\p{L}+\s+\p{L}/u.test(l.raw.replace(DOCUMENT_WORD, '').trim()) && !/[:/#]/.test(l.raw));
  const byTitle = titled ? { value: cleanName(titled.raw.replace(DOCUMENT_WORD, '')), confidence: titled.confidence * 0.9, line: titled } : null;
  const plain = top.find((l) => plausibleName(l.raw));
  // how sure each rule is of having found the merchant's line, not how well the line was read
  return byTitle ?? legal(top, 0.95) ?? legal(ours, 0.85) ?? (plain ? { value: cleanName(plain.raw), confidence: plain.confidence * 0.85, line: plain } : null);
}

/** The lines outside the customer's blocks: a "Bill to" or "Factuuradres" heading and the lines under it. */
function notCustomer(lines: readonly TextLine[]): TextLine[] {
  const skip = new Set<TextLine>();
  for (const line of lines) {
    if (!CUSTOMER_BLOCK.test(line.raw)) continue;
    skip.add(line);
    const bottom = line.bbox.y + line.bbox.height;
    for (const l of lines) {
      const below = l.page === line.page && l.bbox.y >= line.bbox.y && l.bbox.y - bottom < line.bbox.height * 6;
      if (below && l.bbox.x < line.bbox.x + Math.max(line.bbox.width, l.bbox.width) && line.bbox.x <= l.bbox.x + l.bbox.width) skip.add(l);
    }
  }
  return lines.filter((l) => !skip.has(l));
}

/** A Latin company name ends with its legal form: "Free SAS au capital de …" is Free SAS. */
function companyName(text: string): string {
  const m = /\p{Script=Han}/u.test(text) ? null : LEGAL_FORM.exec(text);
  return cleanName(m && m.index > 0 ? text.slice(0, m.index + m[0].length) : text);
}

function plausibleName(text: string): boolean {
  if (!/\p{L}{2}/u.test(text) || DOCUMENT_WORD.test(text) || findDates(text).length || moneyIn(text).length) return false;
  if (/[:：]|tel|phone|fax|www\.|@|http/i.test(text)) return false;
  return text.length <= 60;
}

function cleanName(text: string): string {
  return text.replace(/^[\s,.:;–-]+|[\s,;:–-]+$/g, '').replace(/\s+/g, ' ');
}

function findAddress(lines: readonly TextLine[], merchant: TextLine | undefined): Found<string> | null {
  for (const line of lines) {
    const m = ADDRESS_LABEL.exec(line.raw);
    const value = m ? cleanName(line.raw.slice(m[0].length)) : '';
    if (m && /\d/.test(value) && /\p{L}{2}/u.test(value)) return { value, confidence: line.confidence, line };
  }
  if (!merchant) return null;
  // the merchant's own line may carry it (QualityHosting AG - Uferweg 40-42 - D-63571 Gelnhausen)
  const parts = merchant.raw.split(/\s[-–−|·•]\s/);
  if (parts.length > 1) {
    const rest = parts.filter((p) => !LEGAL_FORM.test(p)).join(', ');
    if (ADDRESS_SHAPE.test(rest)) return { value: rest, confidence: merchant.confidence * 0.8, line: merchant };
  }
  const after = lines.slice(lines.indexOf(merchant) + 1, lines.indexOf(merchant) + 3);
  const line = after.find((l) => ADDRESS_SHAPE.test(l.raw) && !moneyIn(l.raw).length && !findDates(l.raw).length && !/tel|phone|fax|电话/i.test(l.raw));
  return line ? { value: cleanName(line.raw), confidence: line.confidence * 0.8, line } : null;
}

interface Item {
  name: string;
  amount: number;
  confidence: number;
}

/**
 * Rows between the items' header (Description / Qty / Amount …) and the totals, each with a name and an amount
 * (its last on the row). Without a header, the run of such rows just above the first total or subtotal.
 */
function findItems(lines: readonly TextLine[], total: TextLine | undefined): Item[] {
  const rows = pageRows(lines);
  const headerAt = rows.findIndex((r) => r.filter((l) => l.raw.split(/\s{2,}|\t/).some((cell) => ITEM_HEADER_WORDS.test(cell.trim())) || ITEM_HEADER_WORDS.test(l.raw.trim())).length >= 2 || headerWords(r) >= 2);
  // a totals row carries an amount (a header's second line, "Ohne MwSt.", does not)
  const endAt = rows.findIndex((r, i) => i > headerAt && (r.includes(total!) || (r.some((l) => ITEMS_END.test(l.raw)) && moneyIn(r.map((l) => l.raw).join(' ')).length > 0)));
  if (endAt < 0) return [];
  const items: Item[] = [];
  const candidates = rows.slice(headerAt >= 0 ? headerAt + 1 : 0, endAt);
  for (const row of headerAt >= 0 ? candidates : trailingRun(candidates)) {
    const item = itemOf(row);
    if (item) items.push(item);
  }
  return items;
}

function headerWords(row: readonly TextLine[]): number {
  return row.map((l) => l.raw).join(' ').split(/\s+/).filter((w) => ITEM_HEADER_WORDS.test(w)).length;
}

/** Rows of each page, top to bottom, as text. */
function pageRows(lines: readonly TextLine[]): TextLine[][] {
  const pages = [...new Set(lines.map((l) => l.page))];
  return pages.flatMap((p) => rowsOf(lines.filter((l) => l.page === p)));
}

function trailingRun(rows: TextLine[][]): TextLine[][] {
  const run: TextLine[][] = [];
  for (let i = rows.length - 1; i >= 0; i--) {
    if (!itemOf(rows[i])) break;
    run.unshift(rows[i]);
  }
  return run;
}

/** Tokens around an item's name that are its quantity, unit or price, not its name (a year such as 2010 stays). */
const TRAILING = /^(?:[$€£¥￥]|EUR|USD|CNY|RMB|x|×|@|pcs|pc|st|stk|stuks|%|-?\d{1,3}(?:[.,]\d+)?%?|-?\d{1,3}(?:[.,]\d{3})*[.,]\d{2}|[*#])$/i;
const LEADING = /^(?:\d{1,3}[.)]?|x|×|[*#])$/i;

function itemOf(row: readonly TextLine[]): Item | null {
  const text = row.map((l) => l.raw).join(' ');
  const money = moneyIn(text);
  if (!money.length || !/\p{L}{2}/u.test(text)) return null;
  if (DATE_LABEL.test(text) && findDates(text).length) return null;
  const words = text.slice(0, money[0].index).trim().split(/\s+/);
  while (words.length && TRAILING.test(words[words.length - 1])) words.pop();
  while (words.length > 1 && LEADING.test(words[0])) words.shift();
  const name = words.join(' ').trim();
  if (!/\p{L}{2}/u.test(name)) return null;
  return { name, amount: money[money.length - 1].value, confidence: Math.min(...row.map((l) => l.confidence)) };
}

function sameRow(line: TextLine, lines: readonly TextLine[]): TextLine[] {
  const cy = line.bbox.y + line.bbox.height / 2;
  return lines.filter((l) => l !== line && l.page === line.page && Math.abs(l.bbox.y + l.bbox.height / 2 - cy) < 0.5 * Math.max(l.bbox.height, line.bbox.height));
}

/** Lines below `line` that overlap it horizontally, nearest first, within three line heights. */
function linesBelow(line: TextLine, lines: readonly TextLine[]): TextLine[] {
  const bottom = line.bbox.y + line.bbox.height;
  return lines
    .filter((l) => l.page === line.page && l.bbox.y >= bottom - line.bbox.height * 0.3 && l.bbox.y - bottom < line.bbox.height * 3)
    .filter((l) => l.bbox.x < line.bbox.x + line.bbox.width && line.bbox.x < l.bbox.x + l.bbox.width)
    .sort((a, b) => a.bbox.y - b.bbox.y);
}
