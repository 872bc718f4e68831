import type { FieldValue } from '../../result';
import { readTables, type ColumnSpec, type TableRow } from '../table';
import { compactSpaces, type TextLine } from '../text';
import { parseAmount, parseDecimal } from './money';

export interface VatItem {
  [key: string]: FieldValue;
  name: string;
  specification: string;
  unit: string;
  quantity: number | '';
  unitPrice: number | '';
  amount: number | '';
  taxRate: string;
  tax: number | '';
}

/** Column headers as printed on VAT invoices (paper, e-invoice, fully digital, the list pages). */
const COLUMNS: ColumnSpec[] = [
  { key: 'seq', labels: ['序号'] },
  { key: 'name', labels: ['项目名称', '货物或应税劳务、服务名称', '货物或应税劳务名称', '货物或应税劳务,服务名称'] },
  { key: 'specification', labels: ['规格型号'] },
  { key: 'unit', labels: ['单位'] },
  { key: 'quantity', labels: ['数量'] },
  { key: 'unitPrice', labels: ['单价'] },
  { key: 'amount', labels: ['金额'] },
  { key: 'taxRate', labels: ['税率', '税率/征收率', '征收率'] },
  { key: 'tax', labels: ['税额'] },
];

/** Rows that end an items table. */
const END = /^(合计|小计|总计|价税合计|备注|折扣)/;

/**
 * Line items from every items table of the document (the invoice page, and the list pages of a 销货清单): the
 * header row gives the columns; each cell goes to the column whose span holds its centre; a row with a name
 * and no numbers continues the name above (names that wrap).
 */
export function readItems(lines: readonly TextLine[]): { items: VatItem[]; placeholder: boolean } {
  const items: VatItem[] = [];
  let placeholder = false;
  for (const row of readTables(lines, COLUMNS, { end: END, minColumns: 3, required: ['name', 'amount'] })) {
    const cells = withoutRowNumber(row);
    const name = withCategoryMarks((cells.name ?? '').replace(/^\d+(?=\*)/, ''));
    if (/详见.*清单/.test(name)) {
      placeholder = true;
      continue;
    }
    const numbers = ['quantity', 'unitPrice', 'amount', 'tax'].some((k) => cells[k]);
    if (!numbers && name && items.length > 0) {
      items[items.length - 1].name = compactSpaces(`${items[items.length - 1].name} ${name}`);
      continue;
    }
    if (!numbers && !name) continue;
    items.push({
      name,
      specification: cells.specification ?? '',
      unit: cells.unit ?? '',
      // quantities and unit prices to every printed decimal: the tax system prints a tax-inclusive unit price as
      // the quotient to eight places (88.49557522), which rounding to cents would change
      quantity: num(cells.quantity, parseDecimal),
      unitPrice: num(cells.unitPrice, parseDecimal),
      amount: num(cells.amount),
      taxRate: (cells.taxRate ?? '').replace(/\s/g, ''),
      tax: num(cells.tax),
    });
  }
  return { items, placeholder };
}

/**
 * Item names start with their tax category between asterisks (*办公用品*硒鼓), as the tax system prints every one.
 * OCR often loses the first asterisk or reads it as a quote: `"办公用品*硒鼓`, `办公用品*硒鼓` → `*办公用品*硒鼓`.
 * Only a name with a single asterisk after a short run of Chinese characters is repaired.
 */
export function withCategoryMarks(name: string): string {
  const m = /^["'“”‘’＊※·.]?([\u4e00-\u9fff]{2,12})\*(?=\S)/.exec(name);
  return m && name.split('*').length === 2 ? `*${m[1]}*${name.slice(m[0].length)}` : name;
}

/** The row number (序号) is not an item field: `12 *餐饮*餐费` in the 序号 or name column is the name `*餐饮*餐费`. */
function withoutRowNumber(row: TableRow): TableRow {
  const { seq, ...cells } = row;
  const numbered = /^(\d{1,4})\s+(\S.*)$/;
  const fromSeq = numbered.exec(seq ?? '')?.[2];
  // a number before the name is the row's own when the 序号 column was read, or when a category (*餐饮*) follows
  const name = cells.name && (seq !== undefined || /^\d{1,4}\s+\*/.test(cells.name)) ? (numbered.exec(cells.name)?.[2] ?? cells.name) : cells.name;
  const joined = [fromSeq, name].filter(Boolean).join(' ');
  return joined ? { ...cells, name: compactSpaces(joined) } : cells;
}

/** A cell's number (money in cents unless `parse` says otherwise), or '' for an empty or unreadable cell. */
function num(text: string | undefined, parse: (text: string) => number | null = parseAmount): number | '' {
  if (!text) return '';
  const n = parse(text);
  return n === null ? '' : n;
}
