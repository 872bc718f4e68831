/**
 * A receipt's items: the rows between the items' header (Description / Qty / Amount …) and the totals, each with a
 * name and an amount (its last on the row); without a header, the run of such rows just above the first total.
 */
import { rowsOf } from '../rows';
import type { TextLine } from '../text';
import { findDates } from './dates';
import { moneyIn } from './money';
import { DATE_LABEL, ITEM_HEADER_WORDS, ITEMS_END, itemHeaderWords } from './receiptLabels';
import { repairDigits, repairLetters } from './misreads';

export interface Item {
  name: string;
  amount: number;
  confidence: number;
}

/**
 * Rows between the items' header (Description / Qty / Amount …) and the totals, each with a name and an amount
 * (its last on the row). Without a header, the run of such rows just above the first total or subtotal. Rules and
 * quantity lines (2 x 3.50, 35.354 L x 1.869) between items are passed over; a name's second line, printed without
 * an amount, is joined to the item above it.
 */
export function findItems(lines: readonly TextLine[], total: TextLine | undefined): Item[] {
  const rows = pageRows(lines);
  const headerAt = rows.findIndex(
    (r) =>
      r.filter((l) => l.raw.split(/\s{2,}|\t/).some((cell) => ITEM_HEADER_WORDS.test(cell.trim())) || ITEM_HEADER_WORDS.test(l.raw.trim())).length >= 2 ||
      itemHeaderWords(rowText(r)) >= 2,
  );
  // a totals row carries an amount (a header's second line, "Ohne MwSt.", does not)
  const endAt = rows.findIndex((r, i) => i > headerAt && (r.includes(total!) || (r.some((l) => ITEMS_END.test(l.raw)) && moneyIn(rowText(r)).length > 0)));
  if (endAt < 0) return [];
  const body = rows.slice(headerAt >= 0 ? headerAt + 1 : 0, endAt);
  const items: Item[] = [];
  let previous: TextLine[] | null = null;
  let wrapped = 0;
  for (const row of headerAt >= 0 ? body : trailingRun(body)) {
    if (filler(row)) continue;
    const item = itemOf(row);
    if (item) {
      items.push(item);
      wrapped = 0;
    } else if (items.length && previous && wrapped < MAX_WRAPPED && continuation(row) && closeUnder(previous, row)) {
      items[items.length - 1].name += ` ${rowText(row).trim()}`;
      wrapped++;
    } else continue;
    previous = row;
  }
  return items;
}

/** A name wraps over two or three lines at most; further lines are notes, not the name. */
const MAX_WRAPPED = 2;

/** `row` set directly under `above`, the next line of the same block (not a footer further down the page). */
function closeUnder(above: readonly TextLine[], row: readonly TextLine[]): boolean {
  const bottom = Math.max(...above.map((l) => l.bbox.y + l.bbox.height));
  const height = Math.max(...row.map((l) => l.bbox.height), ...above.map((l) => l.bbox.height));
  return above[0].page === row[0].page && row[0].bbox.y - bottom < height;
}

function rowText(row: readonly TextLine[]): string {
  return row.map((l) => l.raw).join(' ');
}

/** Rows of each page, top to bottom, as text. */
function pageRows(lines: readonly TextLine[]): TextLine[][] {
  const pages = [...new Set(lines.map((l) => l.page))];
  return pages.flatMap((p) => rowsOf(lines.filter((l) => l.page === p)));
}

/** The items just above the totals: item rows, with the fillers and wrapped names among them, up to the first other row. */
function trailingRun(rows: TextLine[][]): TextLine[][] {
  let start = rows.length;
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i];
    if (itemOf(row) || filler(row)) start = i;
    else if (continuation(row) && i > 0 && (itemOf(rows[i - 1]) || continuation(rows[i - 1]))) start = i;
    else break;
  }
  const run = rows.slice(start);
  // the run starts at its first item, not at a rule or a stray line above it
  const first = run.findIndex((r) => itemOf(r));
  return first < 0 ? [] : run.slice(first);
}

/** A rule (----, ====), a quantity line under an item (2 x 3.50, 35.354 L x 1.869), or numbers alone: no words. */
function filler(row: readonly TextLine[]): boolean {
  return !/\p{L}{2}/u.test(rowText(row));
}

/** A name's second line: words and no amount, no date, no label with a colon. */
function continuation(row: readonly TextLine[]): boolean {
  const text = rowText(row).trim();
  return (
    /\p{L}{2}/u.test(text) && !moneyIn(text).length && !findDates(text).length && !/[:：#]/.test(text) && text.split(/\s+/).length <= 6 && !ITEMS_END.test(text)
  );
}

/** Tokens around an item's name that are its quantity, unit or price, not its name (a year such as 2010 stays). */
const TRAILING =
  /^(?:-?\d{1,3}[.,]|[一二=_—-]{2,}|[$€£¥￥]|EUR|USD|CNY|RMB|RM|x|×|@|pcs|pc|st|stk|stuks|%|-?\d{1,3}(?:[.,]\d+)?%?|-?\d{1,3}(?:[.,]\d{3})*[.,]\d{2}|-?\d+(?:[.,]\d+)?\s*(?:L|kg|pcs?)?\s*[x×@]\s*\d+(?:[.,]\d+)?|[*#-])$/i;
const LEADING = /^(?:\d{1,3}[.)]?|x|×|[*#+>•·-])$/i;
/** A quantity glued to the name (2x Coffee, 3×卫生纸), or an article code before it (4006381333931 Butter). */
// (its digit lost, the x stays glued to a capitalised name: xPommes)
const QUANTITY_PREFIX = /^\d{1,3}\s*[x×]\s*(?=\S)|^\d{1,3}X(?=\s|\p{Lu}{2})|^[x×][.\s]*(?=\p{Lu}|\p{Script=Han})|^\d{5,14}[\s.]*(?=\p{L})/u;
/** ¥ before a Chinese item's amount, read as a letter (苹果 Y 53.83). */
const YEN_AS_LETTER = /(?<=\p{Script=Han})\s+[YV]$/u;

function itemOf(row: readonly TextLine[]): Item | null {
  const text = rowText(row);
  const money = moneyIn(text);
  if (!money.length || !/\p{L}{2}/u.test(text)) return null;
  if (DATE_LABEL.test(text) && findDates(text).length) return null;
  const before = text.slice(0, money[0].index).trim();
  const words = before.split(/\s+/);
  while (words.length && TRAILING.test(words[words.length - 1])) words.pop();
  while (words.length > 1 && LEADING.test(words[0])) words.shift();
  const name = repairLetters(repairDigits(words.join(' ').trim()))
    .replace(QUANTITY_PREFIX, '')
    .replace(YEN_AS_LETTER, '')
    .trim();
  if (!/\p{L}{2}/u.test(name)) return null;
  const last = money[money.length - 1];
  // a discount: its minus apart from the amount (Rabatt - 1.50) or after it, as tills print it (1.50-)
  const beforeLast = text.slice(0, last.index);
  const after = text.slice(last.index).replace(/^[^\d]*[\d.,]+/, '');
  const negative = last.value > 0 && (/-\s*$/.test(beforeLast) || /^\s*-/.test(after));
  return { name, amount: negative ? -last.value : last.value, confidence: Math.min(...row.map((l) => l.confidence)) };
}
