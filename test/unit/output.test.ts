import { toItems, reviewReasons } from '../../src';
import type { RecognitionResult } from '../../src';

function result(partial: Partial<RecognitionResult>): RecognitionResult {
  return {
    type: 'general',
    text: '',
    pages: [],
    fields: {},
    fieldConfidence: {},
    checks: {},
    warnings: [],
    source: { mimeType: 'image/png', pages: 1, bytes: 10, sha256: 'abc' },
    timings: { decode: 1, ocr: 2, extract: 0, total: 3 },
    engine: 'paddle',
    ...partial,
  };
}

const box = { x: 0, y: 0, width: 10, height: 10 };
const page = (n: number, lines: Array<[string, number]>) => ({
  page: n,
  width: 100,
  height: 100,
  rotation: 0,
  source: 'ocr' as const,
  lines: lines.map(([text, confidence]) => ({ text, confidence, bbox: box, words: [] })),
  tables: [],
});

const invoice = result({
  type: 'vat-invoice',
  text: 'x',
  pages: [page(1, [['x', 0.99]])],
  fields: {
    invoiceNumber: '123',
    amount: 100,
    items: [
      { name: 'Pen', amount: 60 },
      { name: 'Ink', amount: 40 },
    ],
  },
  fieldConfidence: { invoiceNumber: 0.97, amount: 0.62 },
  checks: { amountsConsistent: true, totalAmountInWords: false },
});

describe('needs review', () => {
  test('failed checks and low-confidence fields, in that order', () => {
    expect(reviewReasons(invoice, 0.8)).toEqual(['Check failed: totalAmountInWords.', 'Low confidence on amount (0.62).']);
  });

  test('plain text: weighted by characters, so a noisy speck does not decide', () => {
    const r = result({
      text: 'a long clean line\n~',
      pages: [
        page(1, [
          ['a long clean line', 0.95],
          ['~', 0.1],
        ]),
      ],
    });
    expect(reviewReasons(r, 0.8)).toEqual([]);
    expect(reviewReasons(r, 0.95)).toEqual(['Low text confidence (0.90).']);
    expect(reviewReasons(result({}), 0.8)).toEqual(['No text was found.']);
  });

  test('a typed document of which no field was read', () => {
    const empty = result({
      type: 'vehicle-sales-invoice',
      text: 'some text',
      fields: { invoiceNumber: null, vin: null, items: [] },
      fieldConfidence: {},
      checks: {},
    });
    expect(reviewReasons(empty, 0.8)).toEqual(['No fields were read.']);
  });
});

describe('items', () => {
  test('line items: the document key repeated, item columns prefixed so they never overwrite it', () => {
    const { items, needsReview } = toItems(invoice, { mode: 'lineItem' }, { fileName: 'a.pdf' });
    expect(needsReview).toBe(true);
    expect(items).toEqual([
      {
        fileName: 'a.pdf',
        type: 'vat-invoice',
        sha256: 'abc',
        invoiceNumber: '123',
        amount: 100,
        needsReview: true,
        itemIndex: 1,
        itemName: 'Pen',
        itemAmount: 60,
      },
      {
        fileName: 'a.pdf',
        type: 'vat-invoice',
        sha256: 'abc',
        invoiceNumber: '123',
        amount: 100,
        needsReview: true,
        itemIndex: 2,
        itemName: 'Ink',
        itemAmount: 40,
      },
    ]);
  });

  test('a document never drops out: no lines or items still gives one item', () => {
    const empty = result({ pages: [page(1, [])] });
    expect(toItems(empty, { mode: 'line' }).items).toEqual([
      { type: 'general', sha256: 'abc', needsReview: true, page: null, line: null, text: '', confidence: null },
    ]);
    expect(toItems(empty, { mode: 'lineItem' }).items).toHaveLength(1);
    expect(toItems(empty, { mode: 'page' }).items[0]).toMatchObject({ page: 1, text: '', lineCount: 0, confidence: null });
  });

  test('document mode keeps the contract, with pages summarized unless geometry is asked for', () => {
    const r = result({
      text: 'a\nb',
      pages: [
        page(1, [
          ['a', 0.9],
          ['b', 0.7],
        ]),
      ],
    });
    const [doc] = toItems(r).items;
    expect(doc).toMatchObject({ type: 'general', text: 'a\nb', engine: 'paddle', needsReview: false, reviewReasons: [] });
    expect(doc.pages).toEqual([{ page: 1, width: 100, height: 100, rotation: 0, source: 'ocr', tables: [], lineCount: 2, confidence: 0.8 }]);
    const [full] = toItems(r, { includeGeometry: true }).items;
    expect((full.pages as Array<{ lines: unknown[] }>)[0].lines).toHaveLength(2);
  });

  test('per page and per line', () => {
    const r = result({
      text: 'a\fb\nc',
      pages: [
        page(1, [['a', 0.9]]),
        page(2, [
          ['b', 0.9],
          ['c', 0.9],
        ]),
      ],
    });
    expect(toItems(r, { mode: 'page' }).items.map((i) => [i.page, i.text])).toEqual([
      [1, 'a'],
      [2, 'b\nc'],
    ]);
    expect(toItems(r, { mode: 'line' }).items.map((i) => [i.page, i.line, i.text])).toEqual([
      [1, 1, 'a'],
      [2, 1, 'b'],
      [2, 2, 'c'],
    ]);
    expect(() => toItems(r, { mode: 'rows' as never })).toThrow(/Unknown output mode/);
  });
});
