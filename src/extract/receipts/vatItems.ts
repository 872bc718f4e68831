import type { FieldValue } from '../../result';
import { centerX, rowsOf } from '../rows';
import { compactSpaces, normalize, type TextLine } from '../text';
import { parseAmount } from './money';

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
const COLUMNS: Array<{ key: keyof VatItem | 'seq'; labels: string[] }> = [
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
  const pages = [...new Set(lines.map((l) => l.page))];
  for (const page of pages) {
    const rows = rowsOf(lines.filter((l) => l.page === page));
    for (let r = 0; r < rows.length; r++) {
      const columns = headerColumns(rows[r]);
      if (!columns) continue;
      for (r = r + 1; r < rows.length; r++) {
        const row = rows[r];
        if (END.test(normalize(row.map((l) => l.text).join('')))) break;
        const cells = assign(row, columns);
        const name = (cells.name ?? '').replace(/^\d+(?=\*)/, '');
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
          quantity: num(cells.quantity),
          unitPrice: num(cells.unitPrice),
          amount: num(cells.amount),
          taxRate: (cells.taxRate ?? '').replace(/\s/g, ''),
          tax: num(cells.tax),
        });
      }
    }
  }
  return { items, placeholder };
}

interface Column {
  key: string;
  center: number;
}

/** The columns when this row is an items header (at least the name, the amount and one more). */
function headerColumns(row: TextLine[]): Column[] | null {
  const found: Column[] = [];
  for (const line of row) {
    const text = normalize(line.text);
    const column = COLUMNS.find((c) => c.labels.some((label) => text === label || text.replace(/\*/g, '') === label));
    if (column) found.push({ key: String(column.key), center: centerX(line) });
  }
  const keys = new Set(found.map((c) => c.key));
  return keys.has('name') && keys.has('amount') && found.length >= 3 ? found.sort((a, b) => a.center - b.center) : null;
}

/** Each line to the column whose span (halfway to its neighbours) holds its centre; `12 *餐饮*餐费` split into 序号 and name. */
function assign(row: TextLine[], columns: Column[]): Record<string, string> {
  const cells: Record<string, string> = {};
  for (const line of row) {
    const x = centerX(line);
    let best = 0;
    for (let i = 1; i < columns.length; i++) if (x >= (columns[i - 1].center + columns[i].center) / 2) best = i;
    let key = columns[best].key;
    let text = compactSpaces(line.raw);
    const seq = /^(\d{1,4})\s+(\S.*)$/.exec(text);
    if ((key === 'seq' || key === 'name') && seq && columns.some((c) => c.key === 'seq')) {
      text = seq[2];
      key = 'name';
    } else if (key === 'seq') continue;
    cells[key] = cells[key] ? compactSpaces(`${cells[key]} ${text}`) : text;
  }
  return cells;
}

function num(text: string | undefined): number | '' {
  if (!text) return '';
  const n = parseAmount(text);
  return n === null ? '' : n;
}
