/**
 * A receipt's total: the amount finally payable, after cash rounding. Found by its label, checked against what the
 * customer paid (tendered − change), and corrected by a rounding line printed under it. The payment comes out
 * beside it (the classifier counts it as a receipt's sign).
 */
import { centerY, linesBelow, sameRowAs } from '../rows';
import type { TextLine } from '../text';
import { moneyIn } from './money';
import { CHANGE, INCLUSIVE, NOT_TOTAL, ROUNDING, TAX_NOTICE, TENDER, TOTAL, TOTAL_FINAL, TOTAL_STRONG, withTotalSpelt } from './receiptLabels';

export interface Amount {
  value: number;
  confidence: number;
  line: TextLine;
}

export interface Totals {
  total: Amount | null;
  /** tendered − change, when both are printed */
  paid: number | null;
}

interface Candidate extends Amount {
  rank: number;
}

/** Within this of each other, two amounts differ by cash rounding (to 0.05 or 0.10), not by a misread. */
const ROUNDING_STEP = 0.1;

export function findTotals(lines: readonly TextLine[]): Totals {
  const candidates = totalCandidates(lines);
  const paid = paidAmount(lines);
  const rounding = roundingLine(lines);
  let best: Candidate | null = null;
  for (const c of candidates) if (!best || c.rank > best.rank || (c.rank === best.rank && c.value > best.value)) best = c;
  // the total the customer paid against, where a label's amount and the payment agree
  const agreeing = paid === null ? undefined : candidates.filter((c) => sameCents(c.value, paid)).sort((a, b) => b.rank - a.rank)[0];
  if (agreeing) return { total: agreeing, paid };
  if (best && best.rank < 3 && rounding && rounding.value !== 0 && Math.abs(rounding.value) < ROUNDING_STEP && below(best.line, rounding.line)) {
    const rounded = applyRounding(best.value, rounding.value, rounding.signed);
    if (rounded !== null) best = { ...best, value: rounded, rank: 3 };
  }
  if (paid !== null && paid > 0) {
    // no label at all, or one whose amount is the unrounded total: the payment is what was finally payable
    if (!best) return { total: { value: paid, confidence: 0.7, line: tenderAmounts(lines)[0]?.line ?? lines[lines.length - 1] }, paid };
    // within a rounding of it, or printed on the label's line with its decimal point lost (Grand Total 2930)
    const pointLost = best.line.raw.replace(/\D/g, '').includes(paid.toFixed(2).replace('.', ''));
    if (!sameCents(best.value, paid) && (Math.abs(best.value - paid) < ROUNDING_STEP || pointLost)) best = { ...best, value: paid };
  }
  // no total label read at all: a payment with no change given was the total (CASH RM 50.00)
  if (!best && paid === null) {
    const tender = exactTender(lines);
    if (tender) return { total: { ...tender, confidence: tender.confidence * 0.7 }, paid: tender.value };
  }
  return { total: best, paid };
}

/** The one amount tendered on a receipt that prints no change. */
function exactTender(lines: readonly TextLine[]): Amount | null {
  if (lines.some((l) => CHANGE.test(l.raw))) return null;
  const tenders = tenderAmounts(lines);
  return tenders.length === 1 ? tenders[0] : null;
}

/** What the customer handed over, in reading order: each tender line (never one naming a total) with its amount. */
function tenderAmounts(lines: readonly TextLine[]): Amount[] {
  return lines.flatMap((line) => {
    if (!TENDER.test(line.raw) || isTotalLabel(line.raw)) return [];
    const amount = amountOnRow(line, lines);
    return amount ? [{ ...amount, line }] : [];
  });
}

function totalCandidates(lines: readonly TextLine[]): Candidate[] {
  const out: Candidate[] = [];
  for (const line of lines) {
    const text = withTotalSpelt(line.raw);
    const final = TOTAL_FINAL.exec(text);
    const strong = TOTAL_STRONG.exec(text);
    const plain = TOTAL.exec(text);
    const label = final ?? strong ?? plain;
    if (!label) continue;
    if (TAX_NOTICE.test(text)) continue;
    if (!final && NOT_TOTAL.test(text) && !(INCLUSIVE.test(text) && !/excl|exkl|before/i.test(text))) continue;
    const amount = amountAfter(line, label.index + label[0].length, lines);
    if (!amount) continue;
    const rank = final ? 3 : strong ? 2 : 1;
    out.push({ value: amount.value, confidence: amount.confidence * (rank >= 2 ? 1 : 0.95), line, rank });
  }
  // a rounding line whose amount is no adjustment but the rounded total (Rounding RM 42.35)
  for (const line of lines) {
    if (!ROUNDING.test(line.raw) || TOTAL.test(withTotalSpelt(line.raw))) continue;
    const amount = amountOnRow(line, lines);
    if (amount && Math.abs(amount.value) >= 1) out.push({ ...amount, line, rank: 3 });
  }
  return out;
}

/** Any total-like label with an amount, the excluded ones too (Total Sales (Excluding GST): 94.34): a receipt's sign. */
export function hasTotalLine(lines: readonly TextLine[]): boolean {
  return lines.some((line) => {
    const label = TOTAL.exec(withTotalSpelt(line.raw));
    return label !== null && amountOnRow(line, lines) !== null;
  });
}

/** Tendered − change: what the customer finally paid. Null unless both are printed and make sense together. */
function paidAmount(lines: readonly TextLine[]): number | null {
  const changeLine = lines.find((l) => CHANGE.test(l.raw) && amountOnRow(l, lines));
  if (!changeLine) return null;
  const change = amountOnRow(changeLine, lines)!;
  // the tender nearest above the change (Cash Received 50.00 / Change 23.20); of two on one row, the later
  let tender: Amount | null = null;
  for (const t of tenderAmounts(lines)) {
    if (t.line !== changeLine && !below(changeLine, t.line) && (!tender || centerY(t.line) >= centerY(tender.line))) tender = t;
  }
  if (!tender) return null;
  if (change.value < 0 || tender.value < change.value) return null;
  return Math.round((tender.value - change.value) * 100) / 100;
}

function isTotalLabel(text: string): boolean {
  const t = withTotalSpelt(text);
  return TOTAL.test(t) || TOTAL_STRONG.test(t) || TOTAL_FINAL.test(t);
}

/** The last amount on the line itself, else on its row to its right. */
function amountOnRow(line: TextLine, lines: readonly TextLine[]): { value: number; confidence: number } | null {
  const own = moneyIn(line.raw);
  if (own.length) return { value: own[own.length - 1].value, confidence: line.confidence };
  return amountRightOf(line, lines);
}

/** The last amount on `line`'s row to its right (a label column and an amount column). */
function amountRightOf(line: TextLine, lines: readonly TextLine[]): { value: number; confidence: number } | null {
  const right = sameRowAs(line, lines).filter((l) => l.bbox.x > line.bbox.x);
  const onRow = right.flatMap((l) => moneyIn(l.raw).map((m) => ({ value: m.value, confidence: l.confidence })));
  return onRow.length ? onRow[onRow.length - 1] : null;
}

interface Rounding {
  value: number;
  /** the sign was printed (-0.02, (0.02)); else only its size is known */
  signed: boolean;
  line: TextLine;
}

function roundingLine(lines: readonly TextLine[]): Rounding | null {
  for (const line of lines) {
    if (!ROUNDING.test(line.raw) || TOTAL.test(withTotalSpelt(line.raw))) continue;
    for (const l of [line, ...sameRowAs(line, lines).filter((x) => x.bbox.x > line.bbox.x), ...linesBelow(line, lines).slice(0, 1)]) {
      const m = /(\(?)\s*([-−–+]?)\s*(?:RM|\$|€|£)?\s*(\d+[.,]\d{2})\s*(\)?)/.exec(l === line ? l.raw.slice(ROUNDING.exec(l.raw)!.index) : l.raw);
      if (!m) continue;
      const size = Number(m[3].replace(',', '.'));
      const negative = (m[1] === '(' && m[4] === ')') || /[-−–]/.test(m[2]);
      return { value: negative ? -size : size, signed: negative || m[2] === '+', line };
    }
  }
  return null;
}

/** The total after a rounding adjustment; unsigned, the direction that lands on a multiple of 0.05. */
function applyRounding(total: number, adjustment: number, signed: boolean): number | null {
  const options = signed ? [total + adjustment] : [total - adjustment, total + adjustment];
  const onStep = options.find((v) => Math.abs(Math.round(v * 100) % 5) === 0);
  const value = onStep ?? (signed ? options[0] : null);
  return value === null ? null : Math.round(value * 100) / 100;
}

/** An amount for the label ending at `from`: on its line, else the last on its row, else just below it. */
function amountAfter(line: TextLine, from: number, lines: readonly TextLine[]): { value: number; confidence: number } | null {
  const own = moneyIn(line.raw.slice(from));
  if (own.length) return { value: own[own.length - 1].value, confidence: line.confidence };
  const onRow = amountRightOf(line, lines);
  if (onRow) return onRow;
  for (const next of linesBelow(line, lines)) {
    // an amount printed under its label stands alone (RM 23.70), not inside a line of its own (GST 6%: 1.66)
    if (/\p{L}{3}/u.test(next.raw)) continue;
    const money = moneyIn(next.raw);
    if (money.length) return { value: money[0].value, confidence: next.confidence * 0.95 };
  }
  return null;
}

function sameCents(a: number, b: number): boolean {
  return Math.abs(a - b) < 0.005;
}

/** `b` is printed below `a` (same page, lower centre). */
function below(a: TextLine, b: TextLine): boolean {
  return a.page === b.page && centerY(b) > centerY(a);
}
