import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { OcrGeneral } from '../../nodes/n8n/OcrGeneral/OcrGeneral.node';
import { ROOT, fixture, manifest } from '../helpers/paths';
import { cer } from '../helpers/cer';
import { binaryItem, executeContext } from './n8n-context';
import { recognize, shutdown } from '../../src';

const EN = 'en-sans-30.png';
const enTruth = () =>
  manifest()
    .find((e) => e.file === EN)!
    .lines.join('\n');
const file = (name: string) => ({ bytes: readFileSync(fixture(name)), fileName: name });
const base = { binaryPropertyName: 'data', outputMode: 'document', needsReviewOutput: false, options: { languages: ['eng'], engine: 'tesseract' } };

afterAll(() => shutdown());

describe('n8n OCR General: description', () => {
  const { description } = new OcrGeneral();

  test('is a community node usable by an AI agent, with both icons and a codex file', () => {
    expect(description.name).toBe('ocrGeneral');
    expect(description.usableAsTool).toBe(true);
    const icon = description.icon as { light: string; dark: string };
    const dir = path.join(ROOT, 'dist', 'nodes', 'n8n', 'OcrGeneral');
    for (const f of [icon.light, icon.dark]) expect(existsSync(path.join(dir, f.replace('file:', '')))).toBe(true);
    const codex = JSON.parse(readFileSync(path.join(dir, 'OcrGeneral.node.json'), 'utf8'));
    expect(codex.node).toBe('n8n-nodes-local-ocr.ocrGeneral');
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.n8n.nodes).toContain('dist/nodes/n8n/OcrGeneral/OcrGeneral.node.js');
  });

  test('offers only what is built: two operations, the general output modes, a review output on request', () => {
    const op = description.properties.find((p) => p.name === 'operation')!;
    expect(op.options!.map((o) => (o as { value: string }).value)).toEqual(['recognizeText', 'extractTables', 'makeSearchablePdf']);
    const modes = description.properties.find((p) => p.name === 'outputMode')!;
    expect(modes.options!.map((o) => (o as { value: string }).value)).toEqual(['document', 'page', 'line', 'tableRow']);
    expect(modes.displayOptions).toEqual({ show: { operation: ['recognizeText'] } });
    const types = description.properties.find((p) => p.name === 'documentType')!;
    expect(types.options!.map((o) => (o as { value: string }).value)).toEqual(['general', 'auto']);
    expect(String(description.outputs)).toMatch(/needsReviewOutput/);
  });
});

describe('n8n OCR General: execute over the real engines', () => {
  const node = new OcrGeneral();

  test('one item per document with text, fileName and pairedItem; the binary kept by default', async () => {
    const items = [binaryItem({ data: file(EN) }), binaryItem({ data: file('pdf-text-en.pdf') })];
    const [out] = await node.execute.call(executeContext(items, base));
    expect(out).toHaveLength(2);
    expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
    expect(cer(enTruth(), out[0].json.text as string)).toBeLessThanOrEqual(0.02);
    expect(out[0].json.fileName).toBe(EN);
    expect(out[1].json.engine).toBe('text-layer');
    expect(out[0].binary?.data.fileName).toBe(EN);
    expect((out[0].json.pages as Array<Record<string, unknown>>)[0].lines).toBeUndefined();
  });

  test('per-line output repeats the document key on every line', async () => {
    const [out] = await node.execute.call(
      executeContext([binaryItem({ data: file(EN) })], { ...base, outputMode: 'line', options: { ...base.options, keepBinary: false } }),
    );
    expect(cer(enTruth(), out.map((i) => i.json.text).join('\n'))).toBeLessThanOrEqual(0.02);
    expect(new Set(out.map((i) => i.json.sha256)).size).toBe(1);
    expect(out.map((i) => i.json.line)).toEqual(out.map((_, k) => k + 1));
    expect(out.every((i) => i.binary === undefined && (i.pairedItem as { item: number }).item === 0)).toBe(true);
  });

  test('include geometry: page, line and word boxes', async () => {
    const [out] = await node.execute.call(executeContext([binaryItem({ data: file(EN) })], { ...base, options: { ...base.options, includeGeometry: true } }));
    const page = (out[0].json.pages as Array<{ lines: Array<{ bbox: { width: number }; words: unknown[] }> }>)[0];
    expect(page.lines.length).toBeGreaterThan(3);
    expect(page.lines[0].bbox.width).toBeGreaterThan(100);
    expect(page.lines[0].words.length).toBeGreaterThan(1);
  });

  test('all binary properties: each attachment gives its own result', async () => {
    const item = binaryItem({ attachment_0: file(EN), attachment_1: file('pdf-text-en.pdf') });
    const [out] = await node.execute.call(executeContext([item], { ...base, options: { ...base.options, allBinaryProperties: true } }));
    expect(out.map((i) => i.json.binaryProperty)).toEqual(['attachment_0', 'attachment_1']);
    expect(out.map((i) => i.json.fileName)).toEqual([EN, 'pdf-text-en.pdf']);
  });

  test('needs review: a second output for results under the confidence threshold', async () => {
    const items = [binaryItem({ data: file(EN) }), binaryItem({ data: file('pdf-text-en.pdf') })];
    const out = await node.execute.call(executeContext(items, { ...base, needsReviewOutput: true, options: { ...base.options, minConfidence: 0.99 } }));
    expect(out).toHaveLength(2);
    // the text layer is exact (confidence 1); OCR of a rendered page is not
    expect(out[0].map((i) => i.json.fileName)).toEqual(['pdf-text-en.pdf']);
    expect(out[1].map((i) => i.json.fileName)).toEqual([EN]);
    expect(out[1][0].json.reviewReasons).toEqual([expect.stringMatching(/^Low text confidence \(0\.\d\d\)\.$/)]);
    expect(out[1][0].pairedItem).toEqual({ item: 0 });
  });

  test('Continue On Fail: bad items become error items with the code, the others go through', async () => {
    const items = [
      binaryItem({ data: { bytes: Buffer.from('hello, not an image'), fileName: 'notes.png' } }),
      binaryItem({ data: file(EN) }),
      { json: { no: 'binary' } },
      binaryItem({ other: file(EN) }),
    ];
    const [out] = await node.execute.call(executeContext(items, base, { continueOnFail: true }));
    expect(out.map((i) => (i.json.error as { code: string } | undefined)?.code ?? 'ok')).toEqual(['UNSUPPORTED_FORMAT', 'ok', 'EMPTY_INPUT', 'EMPTY_INPUT']);
    expect(out.map((i) => (i.pairedItem as { item: number }).item)).toEqual([0, 1, 2, 3]);
    expect((out[3].json.error as { message: string }).message).toMatch(/no binary property "data"; it has other/);
  });

  test('without Continue On Fail the node fails with the code and the item index', async () => {
    const items = [binaryItem({ data: file(EN) }), binaryItem({ data: { bytes: Buffer.alloc(0), fileName: 'empty.png' } })];
    await expect(node.execute.call(executeContext(items, base))).rejects.toMatchObject({
      message: expect.stringMatching(/^EMPTY_INPUT: /),
      context: { itemIndex: 1 },
    });
  });

  test('a cancelled execution stops the document', async () => {
    const controller = new AbortController();
    controller.abort();
    const [out] = await node.execute.call(executeContext([binaryItem({ data: file(EN) })], base, { continueOnFail: true, signal: controller.signal }));
    expect((out[0].json.error as { code: string }).code).toBe('TIMEOUT');
  });

  test('bad settings read as INVALID_OPTION', async () => {
    const [out] = await node.execute.call(executeContext([binaryItem({ data: file(EN) })], { ...base, options: { pages: 'first' } }, { continueOnFail: true }));
    expect(out[0].json.error).toEqual({ code: 'INVALID_OPTION', message: expect.stringMatching(/Invalid page selection "first"/) });
  });
});

describe('n8n OCR Card', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { OcrCard } = require('../../nodes/n8n/OcrCard/OcrCard.node') as typeof import('../../nodes/n8n/OcrCard/OcrCard.node');
  const node = new OcrCard();
  const card = { binaryPropertyName: 'data', outputMode: 'document', needsReviewOutput: true, documentType: 'auto', options: {} };
  const manifest = JSON.parse(readFileSync(fixture('card-manifest.json'), 'utf8')) as Array<{ file: string; fields: Record<string, unknown> }>;

  test('offers Auto and the built card types only', () => {
    const types = node.description.properties.find((p) => p.name === 'documentType')!;
    expect(types.options!.map((o) => (o as { value: string }).value)).toEqual([
      'auto',
      'id-card',
      'driver-license',
      'vehicle-license',
      'passport',
      'bank-card',
      'business-license',
    ]);
    expect(node.description.usableAsTool).toBe(true);
  });

  test('Auto reads an ID card photo into checked fields; a page that is no card goes to review as plain text', async () => {
    const photo = 'idcard-2-front-photo.jpg';
    const items = [binaryItem({ data: file(photo) }), binaryItem({ data: file('zh-wqy-34.png') })];
    const [done, review] = await node.execute.call(executeContext(items, card));
    expect(done).toHaveLength(1);
    expect(done[0].json.type).toBe('id-card');
    expect(done[0].json.fields).toEqual(manifest.find((m) => m.file === photo)!.fields);
    expect(done[0].json.checks).toMatchObject({ idNumberChecksum: true, birthDateMatchesIdNumber: true });
    expect(review).toHaveLength(1);
    expect(review[0].json.type).toBe('general');
    expect(review[0].json.warnings).toContainEqual(expect.stringMatching(/^The document was not recognized as id-card or driver-license or /));
    expect(review[0].json.reviewReasons).toEqual(['The document type was not recognized.']);
    expect(review[0].pairedItem).toEqual({ item: 1 });
  });
});

describe('n8n OCR Receipt', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { OcrReceipt } = require('../../nodes/n8n/OcrReceipt/OcrReceipt.node') as typeof import('../../nodes/n8n/OcrReceipt/OcrReceipt.node');
  const node = new OcrReceipt();

  test('offers the built receipt types and the line-item output', () => {
    const types = node.description.properties.find((p) => p.name === 'documentType')!;
    expect(types.options!.map((o) => (o as { value: string }).value)).toEqual(['auto', 'vat-invoice', 'vehicle-sales-invoice', 'medical-invoice', 'receipt']);
    const modes = node.description.properties.find((p) => p.name === 'outputMode')!;
    expect(modes.options!.map((o) => (o as { value: string }).value)).toEqual(['document', 'lineItem', 'page', 'line']);
  });

  test('one item per invoice line, the invoice key repeated: rows for a spreadsheet', async () => {
    const params = { binaryPropertyName: 'data', outputMode: 'lineItem', needsReviewOutput: false, documentType: 'auto', options: { keepBinary: false } };
    const [out] = await node.execute.call(executeContext([binaryItem({ data: file('vat-digital.pdf') })], params));
    expect(out.map((i) => i.json.itemName)).toEqual(['*信息技术服务*软件开发服务', '*办公用品*激光打印机硒鼓（黑色大容量长寿命型号）']);
    expect(out.map((i) => i.json.itemAmount)).toEqual([8000, 1000]);
    for (const i of out) {
      expect(i.json).toMatchObject({
        fileName: 'vat-digital.pdf',
        type: 'vat-invoice',
        invoiceNumber: '24112000000123456789',
        totalAmount: 9610,
        needsReview: false,
      });
      expect(i.json.items).toBeUndefined();
      expect(i.pairedItem).toEqual({ item: 0 });
    }
  });
});

describe('n8n OCR Domain, and OCR General set to Auto', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { OcrDomain } = require('../../nodes/n8n/OcrDomain/OcrDomain.node') as typeof import('../../nodes/n8n/OcrDomain/OcrDomain.node');
  const domain = new OcrDomain();
  const docs = JSON.parse(readFileSync(fixture('domain-manifest.json'), 'utf8')) as Array<{ file: string; fields: Record<string, unknown> }>;

  test('a lab report split per result row, the patient repeated on each', async () => {
    const params = { binaryPropertyName: 'data', outputMode: 'lineItem', needsReviewOutput: false, documentType: 'auto', options: { keepBinary: false } };
    const [out] = await domain.execute.call(executeContext([binaryItem({ data: file('lab-report.png') })], params));
    const expected = docs.find((d) => d.file === 'lab-report.png')!.fields as { items: Array<{ name: string; flag: string }> };
    expect(out.map((i) => i.json.itemName)).toEqual(expected.items.map((i) => i.name));
    expect(out.map((i) => i.json.itemFlag)).toEqual(expected.items.map((i) => i.flag));
    for (const i of out) expect(i.json).toMatchObject({ type: 'lab-report', patientName: '张三', age: 45 });
  });

  test('OCR General, Extract Tables: one item per table row keyed by the header, a spanned cell repeated', async () => {
    const general = new OcrGeneral();
    const params = {
      binaryPropertyName: 'data',
      operation: 'extractTables',
      outputMode: 'document',
      needsReviewOutput: true,
      documentType: 'general',
      options: { keepBinary: false },
    };
    const [out, review] = await general.execute.call(
      executeContext([binaryItem({ data: file('table-ruled-zh.png') }), binaryItem({ data: file(EN) })], params),
    );
    expect(out.map((i) => [i.json.row, i.json['类别'], i.json['品名'], i.json['数量'], i.json['金额']])).toEqual([
      [1, '文具', '中性笔', '120', '360.00'],
      [2, '文具', '笔记本', '45', '292.50'],
      [3, '耗材', '打印纸A4', '30', '675.00'],
      [4, '设备', '台式计算机', '2', '9998.00'],
      [5, '合计', '合计', '197', '11325.50'],
    ]);
    for (const i of out) expect(i).toMatchObject({ json: { page: 1, table: 1, fileName: 'table-ruled-zh.png' }, pairedItem: { item: 0 } });
    // a page without a table: one item, on the review output, saying why
    expect(review).toHaveLength(1);
    expect(review[0].json).toMatchObject({ table: null, row: null, needsReview: true, fileName: EN });
  });

  test('OCR General, Extract Tables as an XLSX file: one item per document, the workbook in binary data', async () => {
    const general = new OcrGeneral();
    const params = {
      binaryPropertyName: 'data',
      operation: 'extractTables',
      tableOutput: 'xlsx',
      needsReviewOutput: false,
      documentType: 'general',
      options: { keepBinary: false },
    };
    const [out] = await general.execute.call(executeContext([binaryItem({ data: file('table-borderless.pdf') })], params));
    expect(out).toHaveLength(1);
    expect(out[0].binary!.data).toMatchObject({
      fileName: 'table-borderless-tables.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(out[0].binary!.data.data, 'base64') as never);
    expect(book.worksheets[0].getRow(2).values).toEqual([undefined, 'Printer paper A4', 10, 4.5, 45]);
    expect(out[0].json).toMatchObject({ type: 'general', engine: 'text-layer' });
    expect(out[0].pairedItem).toEqual({ item: 0 });
  });

  test('OCR General, Make Searchable PDF: the PDF replaces binary data, its text layer is the recognized text', async () => {
    const general = new OcrGeneral();
    const params = {
      binaryPropertyName: 'data',
      operation: 'makeSearchablePdf',
      needsReviewOutput: false,
      documentType: 'general',
      options: { languages: ['eng'], keepBinary: true },
    };
    const [out] = await general.execute.call(executeContext([binaryItem({ data: file(EN) })], params));
    expect(out).toHaveLength(1);
    const pdf = out[0].binary!.data;
    expect(pdf).toMatchObject({ fileName: 'en-sans-30.pdf', mimeType: 'application/pdf' });
    const back = await recognize(Buffer.from(pdf.data, 'base64'), { pdfMode: 'text' });
    expect(back.text).toBe(out[0].json.text);
    expect(back.engine).toBe('text-layer');
  });

  test('OCR General with Document Type Auto extracts whatever the document is', async () => {
    const general = new OcrGeneral();
    const params = { ...base, documentType: 'auto', options: {} };
    const items = [binaryItem({ data: file('waybill-sf.png') }), binaryItem({ data: file('vat-digital.pdf') }), binaryItem({ data: file('letter-en.png') })];
    const [out] = await general.execute.call(executeContext(items, params));
    expect(out.map((i) => i.json.type)).toEqual(['waybill', 'vat-invoice', 'general']);
    expect(out[0].json.fields).toEqual(docs.find((d) => d.file === 'waybill-sf.png')!.fields);
  });
});
