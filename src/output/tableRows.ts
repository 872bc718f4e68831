import type { Table } from '../result';

/**
 * A table's body rows as items keyed by the header row's texts, what a spreadsheet or database step wants:
 * `{ row: 1, 品名: '中性笔', 数量: '120' }`. A header cell that is empty or repeated becomes `column <n>`.
 * A spanned cell's text is repeated in every row it covers (the result's `rows` leave those positions empty).
 * A table of one row has no body: that row is its only item, keyed `column <n>`.
 */
export function tableRowItems(table: Table): Array<Record<string, string | number>> {
  const grid = filledGrid(table);
  if (grid.length === 0) return [];
  const hasHeader = grid.length > 1;
  const keys = columnKeys(hasHeader ? grid[0] : grid[0].map(() => ''));
  return grid.slice(hasHeader ? 1 : 0).map((cells, i) => {
    const item: Record<string, string | number> = { row: i + 1 };
    cells.forEach((text, c) => (item[keys[c]] = text));
    return item;
  });
}

function filledGrid(table: Table): string[][] {
  const grid = table.rows.map((row) => [...row]);
  for (const cell of table.cells) {
    for (let r = cell.row; r < cell.row + cell.rowSpan; r++) {
      for (let c = cell.col; c < cell.col + cell.colSpan; c++) if (grid[r]?.[c] !== undefined) grid[r][c] = cell.text;
    }
  }
  return grid;
}

function columnKeys(header: string[]): string[] {
  const seen = new Set<string>();
  // names the item already uses are not column names either
  const reserved = new Set(['row', 'table', 'page', 'type', 'sha256', 'fileName', 'needsReview']);
  return header.map((text, c) => {
    const name = text.replace(/\s+/g, ' ').trim();
    const key = name && !seen.has(name) && !reserved.has(name) ? name : `column ${c + 1}`;
    seen.add(key);
    return key;
  });
}
