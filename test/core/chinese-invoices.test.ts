import { readFileSync } from 'node:fs';
import path from 'node:path';
import { recognize, shutdown } from '../../src';
import { GENERATED, fixture } from '../helpers/paths';
import type { ChineseInvoiceFixture } from '../fixtures/chinese-invoices';

const invoices = JSON.parse(readFileSync(path.join(GENERATED, 'chinese-invoice-manifest.json'), 'utf8')) as ChineseInvoiceFixture[];

afterAll(() => shutdown());

describe('vehicle sales and medical invoices', () => {
  test.each(invoices.map((i) => [i.file, i] as const))('%s: every field exact, every check passing', async (_file, invoice) => {
    const r = await recognize(fixture(invoice.file), { type: invoice.type });
    expect(r.fields).toEqual(invoice.fields);
    expect(Object.keys(r.checks).length).toBeGreaterThanOrEqual(2);
    expect(Object.values(r.checks).every(Boolean)).toBe(true);
    expect(r.warnings).toEqual([]);
  });

  test('the vehicle sales invoice checks: VIN, buyer ID, seller tax ID, price + VAT = total', async () => {
    const r = await recognize(fixture('vehicle-sales-invoice.png'), { type: 'auto' });
    expect(r.type).toBe('vehicle-sales-invoice');
    expect(r.checks).toEqual({ vinCheckDigit: true, buyerIdValid: true, sellerTaxIdValid: true, amountsConsistent: true });
  });

  test('the medical invoice: items in their printed two-column pairs, summed against the total and its capitals', async () => {
    const r = await recognize(fixture('medical-invoice.png'), { type: 'auto' });
    expect(r.type).toBe('medical-invoice');
    expect(r.checks).toEqual({ totalAmountInWords: true, itemsSumMatches: true });
  });
});
