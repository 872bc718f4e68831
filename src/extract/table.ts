import { centerX, rowsOf } from './rows';
import { compactSpaces, normalize, type TextLine } from './text';

/**
 * A table read by its header: the header row names the columns (any of a column's labels), each cell below goes
 * to the column whose span (halfway to the neighbours) holds its centre, up to a row matching `end`.
 */
export interface ColumnSpec {
  key: string;
  labels: string[];
}

export type TableRow = Record<string, string>;

export function readTables(words: readonly TextLine[], columns: readonly ColumnSpec[], options: { end: RegExp; minColumns?: number; required?: string[] }): TableRow[] {
  const rows: TableRow[] = [];
  for (const page of [...new Set(words.map((w) => w.page))]) {
    const visual = rowsOf(words.filter((w) => w.page === page));
    for (let r = 0; r < visual.length; r++) {
      const header = headerOf(visual[r], columns, options.minColumns ?? 3, options.required ?? []);
      if (!header) continue;
      for (r = r + 1; r < visual.length; r++) {
        if (options.end.test(normalize(visual[r].map((w) => w.text).join('')))) break;
        rows.push(assign(visual[r], header));
      }
    }
  }
  return rows;
}

interface Column {
  key: string;
  center: number;
}

function headerOf(row: TextLine[], columns: readonly ColumnSpec[], minColumns: number, required: string[]): Column[] | null {
  const found: Column[] = [];
  for (const word of row) {
    const text = normalize(word.text).replace(/[*:]/g, '');
    const column = columns.find((c) => c.labels.includes(text));
    if (column && !found.some((f) => f.key === column.key)) found.push({ key: column.key, center: centerX(word) });
  }
  const keys = new Set(found.map((c) => c.key));
  return found.length >= minColumns && required.every((k) => keys.has(k)) ? found.sort((a, b) => a.center - b.center) : null;
}

function assign(row: TextLine[], columns: Column[]): TableRow {
  const cells: TableRow = {};
  for (const word of row) {
    const x = centerX(word);
    let best = 0;
    for (let i = 1; i < columns.length; i++) if (x >= (columns[i - 1].center + columns[i].center) / 2) best = i;
    const key = columns[best].key;
    cells[key] = cells[key] ? compactSpaces(`${cells[key]} ${word.raw}`) : compactSpaces(word.raw);
  }
  return cells;
}
