import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { recognize, shutdown } from '../../src';
import { GENERATED, SHARED_DATA, fixture, hasSharedData } from '../helpers/paths';
import type { ReceiptFixture } from '../fixtures/receipts';

const receipts = JSON.parse(readFileSync(path.join(GENERATED, 'receipt-manifest.json'), 'utf8')) as ReceiptFixture[];

afterAll(() => shutdown());

describe('receipts and Western invoices, no templates', () => {
  test.each(receipts.map((r) => [r.file, r] as const))('%s: merchant, address, date, total and items exact', async (_file, receipt) => {
    const r = await recognize(fixture(receipt.file), { type: 'receipt' });
    expect(r.type).toBe('receipt');
    expect(r.fields).toEqual(receipt.fields);
    expect(r.warnings).toEqual([]);
    expect(r.fieldConfidence.total).toBeGreaterThan(0.8);
  });

  test('type auto calls them receipts', async () => {
    for (const receipt of receipts) expect((await recognize(fixture(receipt.file), { type: 'auto' })).type).toBe('receipt');
  });
});

const invoice2data = hasSharedData ? readdirSync(path.join(SHARED_DATA, 'invoice2data')).filter((f) => f.endsWith('.pdf')) : [];
(hasSharedData ? describe : describe.skip)('real Western invoices (../shared/data/invoice2data): date and total', () => {
  test(`all ${invoice2data.length} invoices: the date and the total that invoice2data's own templates read`, async () => {
    const results: string[] = [];
    let right = 0;
    for (const file of invoice2data) {
      const expected = JSON.parse(readFileSync(path.join(SHARED_DATA, 'invoice2data', file.replace(/\.pdf$/, '.json')), 'utf8'))[0] as {
        date: string;
        amount: number;
      };
      const r = await recognize(path.join(SHARED_DATA, 'invoice2data', file), { type: 'auto' });
      const ok = r.type === 'receipt' && r.fields.date === expected.date && r.fields.total === expected.amount;
      if (ok) right++;
      else results.push(`${file}: ${r.type} ${String(r.fields.date)} ${String(r.fields.total)}, expected ${expected.date} ${expected.amount}`);
    }
    expect(results).toEqual([]);
    expect(right).toBe(6);
  });
});
