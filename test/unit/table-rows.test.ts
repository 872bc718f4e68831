import { tableRowItems } from '../../src/output/tableRows';
import { toItems } from '../../src/output/items';
import type { RecognitionResult, Table } from '../../src';

const box = { x: 0, y: 0, width: 1, height: 1 };
const cell = (row: number, col: number, text: string, rowSpan = 1, colSpan = 1) => ({ row, col, rowSpan, colSpan, text, bbox: box });

describe('table rows as items', () => {
  const table: Table = {
    bbox: box,
    rows: [
      ['Region', 'Region', ''],
      ['North', '12', '3'],
      ['', '7', '4'],
    ],
    cells: [
      cell(0, 0, 'Region'),
      cell(0, 1, 'Region'),
      cell(0, 2, ''),
      cell(1, 0, 'North', 2, 1),
      cell(1, 1, '12'),
      cell(1, 2, '3'),
      cell(2, 1, '7'),
      cell(2, 2, '4'),
    ],
  };

  test('keys from the header; repeated or empty header cells become column <n>; spans repeated', () => {
    expect(tableRowItems(table)).toEqual([
      { row: 1, Region: 'North', 'column 2': '12', 'column 3': '3' },
      { row: 2, Region: 'North', 'column 2': '7', 'column 3': '4' },
    ]);
  });

  test('a one-row table is its own only row', () => {
    expect(tableRowItems({ bbox: box, rows: [['a', 'b']], cells: [cell(0, 0, 'a'), cell(0, 1, 'b')] })).toEqual([{ row: 1, 'column 1': 'a', 'column 2': 'b' }]);
  });

  test('toItems per table row: the document key, page and table number lead each row', () => {
    const result = {
      type: 'general',
      text: 'x',
      pages: [{ page: 2, width: 10, height: 10, rotation: 0, source: 'ocr', lines: [{ text: 'x', confidence: 0.99, bbox: box, words: [] }], tables: [table] }],
      fields: {},
      fieldConfidence: {},
      checks: {},
      warnings: [],
      source: { mimeType: 'image/png', pages: 2, bytes: 1, sha256: 'abc' },
      timings: { decode: 0, ocr: 0, extract: 0, total: 0 },
      engine: 'paddle',
    } as RecognitionResult;
    const shaped = toItems(result, { mode: 'tableRow' }, { fileName: 'f.png' });
    expect(shaped.items[1]).toEqual({
      fileName: 'f.png',
      type: 'general',
      sha256: 'abc',
      needsReview: false,
      page: 2,
      table: 1,
      row: 2,
      Region: 'North',
      'column 2': '7',
      'column 3': '4',
    });
    const none = toItems({ ...result, pages: [{ ...result.pages[0], tables: [] }] }, { mode: 'tableRow' });
    expect(none.items).toEqual([{ type: 'general', sha256: 'abc', needsReview: true, page: null, table: null, row: null }]);
    expect(none.reviewReasons).toContain('No table was found on the pages read.');
  });
});
