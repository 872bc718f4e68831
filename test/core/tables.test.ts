import { readFileSync } from 'node:fs';
import path from 'node:path';
import { recognize, shutdown } from '../../src';
import { findRules } from '../../src/tables/rules';
import { gridsOf } from '../../src/tables/grid';
import { GENERATED, SHARED_DATA, fixture, hasSharedData } from '../helpers/paths';
import { drawStrokes, pathStrokes } from '../../src/input/ofd/paths';
import type { BorderlessFixture, TableFixture } from '../fixtures/tables';
import { DIGITAL_INVOICE_FIELDS } from '../fixtures/invoices';

const tables = JSON.parse(readFileSync(path.join(GENERATED, 'table-manifest.json'), 'utf8')) as TableFixture[];
const borderless = JSON.parse(readFileSync(path.join(GENERATED, 'table-borderless-manifest.json'), 'utf8')) as BorderlessFixture[];

afterAll(() => shutdown());

/** Share of the ground truth's cells read exactly (spanned positions, empty in both, included). */
function cellExactRate(got: string[][], want: string[][]): number {
  let same = 0;
  let all = 0;
  want.forEach((row, r) =>
    row.forEach((cell, c) => {
      all++;
      if ((got[r]?.[c] ?? null) === cell) same++;
    }),
  );
  return same / all;
}

describe('rules and grids on drawn pixels', () => {
  // a 300×200 white page with a 3×2 grid whose bottom row's two cells are one (no rule between them)
  function page(): { data: Uint8Array; width: number; height: number } {
    const width = 300;
    const height = 200;
    const data = new Uint8Array(width * height).fill(255);
    const h = (y: number, x0: number, x1: number) => {
      for (let x = x0; x <= x1; x++) for (let t = 0; t < 2; t++) data[(y + t) * width + x] = 0;
    };
    const v = (x: number, y0: number, y1: number) => {
      for (let y = y0; y <= y1; y++) for (let t = 0; t < 2; t++) data[y * width + x + t] = 0;
    };
    for (const y of [20, 70, 120, 170]) h(y, 20, 280);
    v(20, 20, 171);
    v(279, 20, 171);
    v(150, 20, 121);
    return { data, width, height };
  }

  test('finds every rule once, with its extent', () => {
    const rules = findRules(page());
    expect(rules.horizontal.map((r) => r.pos)).toEqual([21, 71, 121, 171]);
    expect(rules.vertical.map((r) => r.pos)).toEqual([21, 151, 280]);
    expect(rules.vertical[1]).toMatchObject({ from: 20, to: 121 });
  });

  test('builds the grid and merges cells that no rule separates', () => {
    const grids = gridsOf(findRules(page()), 4);
    expect(grids).toHaveLength(1);
    expect(grids[0]).toMatchObject({ rowCount: 3, colCount: 2 });
    expect(grids[0].cells.map((c) => [c.row, c.col, c.rowSpan, c.colSpan])).toEqual([
      [0, 0, 1, 1],
      [0, 1, 1, 1],
      [1, 0, 1, 1],
      [1, 1, 1, 1],
      [2, 0, 1, 2],
    ]);
  });

  test('text strokes and a lone frame are not tables', () => {
    const width = 200;
    const height = 100;
    const data = new Uint8Array(width * height).fill(255);
    // short strokes, as letters make
    for (let x = 10; x < 190; x += 12) for (let y = 40; y < 60; y++) data[y * width + x] = 0;
    for (let x = 10; x < 30; x++) data[50 * width + x] = 0;
    expect(gridsOf(findRules({ data, width, height }), 4)).toEqual([]);
  });
});

describe('ruled tables through the real engines', () => {
  test.each(tables.map((t) => [t.file, t] as const))('%s: the grid, its spans and every cell', async (_file, want) => {
    const r = await recognize(fixture(want.file), { tables: true });
    const found = r.pages[0].tables;
    expect(found).toHaveLength(1);
    const table = found[0];
    expect(table.rows.length).toBe(want.rows.length);
    expect(table.rows.every((row) => row.length === want.rows[0].length)).toBe(true);
    expect(table.cells.filter((c) => c.rowSpan > 1 || c.colSpan > 1).map(({ row, col, rowSpan, colSpan }) => ({ row, col, rowSpan, colSpan }))).toEqual(
      want.spans,
    );
    const rate = cellExactRate(table.rows, want.rows);
    expect(rate).toBeGreaterThanOrEqual(0.95);
    // the title above the table is page text, not a cell
    expect(table.cells.every((c) => !c.text.includes('采购明细'))).toBe(true);
  });

  test('tables are only looked for when asked', async () => {
    const r = await recognize(fixture(tables[0].file));
    expect(r.pages[0].tables).toEqual([]);
  });

  test('tesseract fills the same grid', async () => {
    const en = tables.find((t) => t.file.endsWith('.jpg'))!;
    const r = await recognize(fixture(en.file), { tables: true, engine: 'tesseract', languages: 'eng' });
    expect(r.pages[0].tables).toHaveLength(1);
    expect(cellExactRate(r.pages[0].tables[0].rows, en.rows)).toBeGreaterThanOrEqual(0.9);
  });
});

describe('borderless tables: columns from alignment', () => {
  test.each(borderless.map((t) => [t.file, t] as const))('%s: one table, every cell exact; the paragraphs around it are not cells', async (_file, want) => {
    const r = await recognize(fixture(want.file), { tables: true });
    expect(r.pages[0].tables).toHaveLength(1);
    expect(r.pages[0].tables[0].rows).toEqual(want.rows);
    expect(r.pages[0].tables[0].cells).toHaveLength(want.rows.length * want.rows[0].length);
  });

  test("the VAT invoice's items table, from the digital PDF's text and from the scan, a wrapped name kept in its cell", async () => {
    const money = (n: number) => n.toFixed(2);
    const want = [
      ['项目名称', '规格型号', '单位', '数量', '单价', '金额', '税率/征收率', '税额'],
      ...DIGITAL_INVOICE_FIELDS.items.map((i) => [
        i.name,
        i.specification,
        i.unit,
        String(i.quantity),
        money(i.unitPrice),
        money(i.amount),
        i.taxRate,
        money(i.tax),
      ]),
    ];
    for (const file of ['vat-digital.pdf', 'vat-digital-scan.png']) {
      const r = await recognize(fixture(file), { tables: true });
      const items = r.pages[0].tables.find((t) => t.rows[0][0] === '项目名称');
      expect(items).toBeDefined();
      expect(cellExactRate(items!.rows, want)).toBe(1);
    }
  });

  test('prose and a two-column form are not tables', async () => {
    for (const file of ['letter-en.png', 'en-sans-30.png', 'idcard-1-front.png']) {
      const r = await recognize(fixture(file), { tables: true });
      expect(r.pages[0].tables).toEqual([]);
    }
  });
});

describe('OFD pages: tables from drawn paths', () => {
  test('PathObject strokes: M/L/Z through the CTM into the Boundary; curves skipped', () => {
    const strokes = pathStrokes('M 0 0.2 L 73 0.2 M 1 1 B 2 2 3 3 4 4 L 4 10 Z', [68.5, 17.8, 73, 0.4], { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 }, 0.25);
    expect(strokes.map((s) => [s.x0, s.y0, s.x1, s.y1].map((v) => Math.round(v * 10) / 10))).toEqual([
      [68.5, 18, 141.5, 18],
      [72.5, 21.8, 72.5, 27.8],
      [72.5, 27.8, 69.5, 18.8],
    ]);
    const page = drawStrokes(strokes, 210, 140, 2);
    expect(page.data[Math.round(18 * 2) * page.width + 200]).toBe(0);
    expect(page.data[10 * page.width + 10]).toBe(255);
  });

  (hasSharedData ? test : test.skip)("999.ofd: the invoice's drawn grid, filled with its own text", async () => {
    const r = await recognize(path.join(SHARED_DATA, 'ofd', '999.ofd'), { tables: true, pages: '1' });
    const [grid] = r.pages[0].tables;
    expect(r.pages[0].tables).toHaveLength(1);
    expect(grid.rows.length).toBe(4);
    const cells = grid.cells.map((c) => c.text);
    expect(cells.some((t) => t.startsWith('价税合计'))).toBe(true);
    expect(cells.some((t) => t.includes('壹万零陆佰圆整'))).toBe(true);
    expect(cells.some((t) => t.includes('91500102563638729E'))).toBe(true);
  });
});
