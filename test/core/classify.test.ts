import { readFileSync } from 'node:fs';
import path from 'node:path';
import { recognize, shutdown } from '../../src';
import { GENERATED, fixture } from '../helpers/paths';

/**
 * Every typed fixture, and plain-text pages, classified by `type: 'auto'` with no hint. (The text fixtures are
 * excerpts of invoices, the Chinese one titled 增值税电子普通发票, the English one with an invoice number, a date and
 * a total payable: classified as invoices and receipts, rightly, so a letter stands for plain text here.)
 */
const typed = [
  'card-manifest.json',
  'passport-manifest.json',
  'licence-manifest.json',
  'invoice-manifest.json',
  'receipt-manifest.json',
  'chinese-invoice-manifest.json',
  'domain-manifest.json',
].flatMap((m) => JSON.parse(readFileSync(path.join(GENERATED, m), 'utf8')) as Array<{ file: string; type: string }>);
const plain = ['letter-en.png', 'mixed-wqy-30.png'].map((file) => ({ file, type: 'general' }));

afterAll(() => shutdown());

describe('automatic document classification', () => {
  test(`all ${typed.length + plain.length} fixtures get their type`, async () => {
    const wrong: string[] = [];
    for (const doc of [...typed, ...plain]) {
      const r = await recognize(fixture(doc.file), { type: 'auto' });
      if (r.type !== doc.type) wrong.push(`${doc.file}: ${r.type} instead of ${doc.type}`);
      if (doc.type === 'general') expect(r.fields).toEqual({});
    }
    expect(wrong).toEqual([]);
  });

  test('the English text fixture is an invoice excerpt: a receipt with its date and total', async () => {
    for (const file of ['en-sans-30.png', 'pdf-text-en.pdf']) {
      const r = await recognize(fixture(file), { type: 'auto' });
      expect(r.type).toBe('receipt');
      expect(r.fields).toMatchObject({ date: '2024-03-12', total: 1234.56 });
    }
  });
});
