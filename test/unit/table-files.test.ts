import ExcelJS from 'exceljs';
import { tablesToCsv, tablesToXlsx, type Table } from '../../src';

const table: Table = {
  bbox: { x: 0, y: 0, width: 300, height: 90 },
  rows: [
    ['类别', '品名', '金额'],
    ['文具', '中性笔, 黑色', '360.00'],
    ['', '=HYPERLINK("x")', '-12.50'],
  ],
  cells: [
    { row: 0, col: 0, rowSpan: 1, colSpan: 1, text: '类别', bbox: { x: 0, y: 0, width: 100, height: 30 } },
    { row: 0, col: 1, rowSpan: 1, colSpan: 1, text: '品名', bbox: { x: 100, y: 0, width: 100, height: 30 } },
    { row: 0, col: 2, rowSpan: 1, colSpan: 1, text: '金额', bbox: { x: 200, y: 0, width: 100, height: 30 } },
    { row: 1, col: 0, rowSpan: 2, colSpan: 1, text: '文具', bbox: { x: 0, y: 30, width: 100, height: 60 } },
    { row: 1, col: 1, rowSpan: 1, colSpan: 1, text: '中性笔, 黑色', bbox: { x: 100, y: 30, width: 100, height: 30 } },
    { row: 1, col: 2, rowSpan: 1, colSpan: 1, text: '360.00', bbox: { x: 200, y: 30, width: 100, height: 30 } },
    { row: 2, col: 1, rowSpan: 1, colSpan: 1, text: '=HYPERLINK("x")', bbox: { x: 100, y: 60, width: 100, height: 30 } },
    { row: 2, col: 2, rowSpan: 1, colSpan: 1, text: '-12.50', bbox: { x: 200, y: 60, width: 100, height: 30 } },
  ],
};
const page = (n: number, tables: Table[]) => ({ page: n, width: 600, height: 800, rotation: 0, source: 'ocr' as const, lines: [], tables });

describe('tables as files', () => {
  test('CSV: a BOM, page/table/row first, RFC 4180 quoting, formulas neutralized, numbers kept', () => {
    const csv = tablesToCsv({ pages: [page(1, [table]), page(2, [table])] }).toString('utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('page,table,row,column1,column2,column3');
    expect(lines[2]).toBe('1,1,2,文具,"中性笔, 黑色",360.00');
    expect(lines[3]).toBe(`1,1,3,,"'=HYPERLINK(""x"")",-12.50`);
    expect(lines).toHaveLength(7);
    expect(lines[6].startsWith('2,1,3,')).toBe(true);
    expect(tablesToCsv({ pages: [page(1, [])] }).toString('utf8')).toBe('\uFEFFpage,table,row\r\n');
  });

  test('XLSX: a sheet per table, spans merged, figures as numbers', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await tablesToXlsx({ pages: [page(1, [table]), page(3, [table])] })) as never);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Page 1 table 1', 'Page 3 table 1']);
    const sheet = book.worksheets[0];
    expect(sheet.getCell('A2').value).toBe('文具');
    expect(sheet.getCell('A3').isMerged).toBe(true);
    expect(sheet.getCell('A3').master.address).toBe('A2');
    expect(sheet.getCell('C2').value).toBe(360);
    expect(sheet.getCell('C3').value).toBe(-12.5);
    expect(sheet.getCell('B3').value).toBe('=HYPERLINK("x")');
    const empty = new ExcelJS.Workbook();
    await empty.xlsx.load((await tablesToXlsx({ pages: [page(1, [])] })) as never);
    expect(empty.worksheets.map((s) => s.name)).toEqual(['No tables']);
  });
});
