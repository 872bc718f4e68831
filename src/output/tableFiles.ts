import type { RecognitionResult, Table } from '../result';

/**
 * The tables of a result as a file to attach: XLSX (a sheet per table, spanned cells merged, as the page shows
 * them) or CSV (every table in one file, each row led by its page, table and row numbers, so rows stay
 * traceable and the file opens as one sheet). Without tables the XLSX has one empty sheet and the CSV only its
 * header, so a workflow always has a file to pass on.
 */
export type TableFileFormat = 'xlsx' | 'csv';

interface Located {
  page: number;
  index: number;
  table: Table;
}

function located(result: Pick<RecognitionResult, 'pages'>): Located[] {
  return result.pages.flatMap((p) => p.tables.map((table, i) => ({ page: p.page, index: i + 1, table })));
}

export function tablesToCsv(result: Pick<RecognitionResult, 'pages'>): Buffer {
  const all = located(result);
  const width = Math.max(0, ...all.map((t) => Math.max(0, ...t.table.rows.map((r) => r.length))));
  const header = ['page', 'table', 'row', ...Array.from({ length: width }, (_, i) => `column${i + 1}`)];
  const lines = [header.map(csvCell).join(',')];
  for (const { page, index, table } of all) {
    table.rows.forEach((row, r) =>
      lines.push([String(page), String(index), String(r + 1), ...row, ...Array(width - row.length).fill('')].map(csvCell).join(',')),
    );
  }
  // a BOM so spreadsheet programs read UTF-8 (Chinese cells) correctly
  return Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8');
}

/** RFC 4180 quoting; a leading = + - @ is neutralized so a cell cannot run as a formula when opened. */
function csvCell(value: string): string {
  const safe = /^[=+\-@]/.test(value) && !/^-?\d+([.,]\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export async function tablesToXlsx(result: Pick<RecognitionResult, 'pages'>): Promise<Buffer> {
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'local-ocr';
  const all = located(result);
  if (all.length === 0) workbook.addWorksheet('No tables');
  for (const { page, index, table } of all) {
    const sheet = workbook.addWorksheet(`Page ${page} table ${index}`);
    table.rows.forEach((row) => sheet.addRow(row.map(cellValue)));
    for (const cell of table.cells) {
      if (cell.rowSpan > 1 || cell.colSpan > 1) sheet.mergeCells(cell.row + 1, cell.col + 1, cell.row + cell.rowSpan, cell.col + cell.colSpan);
    }
    sheet.getRow(1).font = { bold: true };
    sheet.columns.forEach((column) => {
      column.width = Math.min(60, Math.max(8, ...table.rows.map((r) => [...(r[(column.number ?? 1) - 1] ?? '')].length + 2)));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Figures as numbers (sums work in the sheet), everything else as the text read. */
function cellValue(text: string): string | number {
  const t = text.trim();
  if (/^-?\d{1,15}(\.\d+)?$/.test(t) && !/^0\d/.test(t)) return Number(t);
  return text;
}
