import { readFileSync } from 'node:fs';
import path from 'node:path';
import { recognize, shutdown } from '../../src/index';
import { fixture } from '../helpers/paths';
import { scoreVat } from '../bench/vat';
import { VAT_SUBSET, type VatEntry } from '../fixtures/vat';

/**
 * VAT invoices the fixture set never had (test/fixtures/vat: seeded 数电票 and 2019 e-invoice layouts, 1–12
 * items, spread labels such as 合    计, wrapped names, eight-decimal unit prices, buyers without a taxpayer ID),
 * the corpus's first invoices. Text layers (PDF, OFD) must read exactly; the scans are read by OCR. The whole
 * corpus runs in `npm run bench -- --corpus vat`; docs/benchmarks.md has its figures.
 */
const entries = (JSON.parse(readFileSync(fixture('vat/manifest.json'), 'utf8')) as VatEntry[]).filter((e) => Number(e.file.slice(0, 3)) < VAT_SUBSET);

afterAll(() => shutdown());

describe.each(['pdf', 'ofd'] as const)('generated VAT invoices as %s', (format) => {
  const chosen = entries.filter((e) => e.format === format);

  it('reads every header field and every item exactly', async () => {
    expect(chosen.length).toBeGreaterThanOrEqual(8);
    const wrong: string[] = [];
    for (const e of chosen) {
      const r = await recognize(fixture(path.join('vat', e.file)), { type: 'vat-invoice' });
      expect(r.engine).toBe('text-layer');
      const score = scoreVat(e.fields, r.fields as Record<string, unknown>);
      wrong.push(...score.wrong.map((w) => `${e.file} ${w}`));
      // the cross-checks agree with an invoice read right
      expect(r.checks).toMatchObject({ amountsConsistent: true, totalAmountInWords: true });
    }
    expect(wrong).toEqual([]);
  }, 60_000);
});

describe('generated VAT invoices as scans', () => {
  it('reads the header fields and items of a 数电票 and a 2019 e-invoice by OCR', async () => {
    const scans = entries.filter((e) => e.format === 'png');
    expect(scans.map((e) => e.layout).sort()).toEqual(['digital', 'e-2019']);
    for (const e of scans) {
      const r = await recognize(fixture(path.join('vat', e.file)), { type: 'vat-invoice' });
      const score = scoreVat(e.fields, r.fields as Record<string, unknown>);
      // measured: every field and item of both; one slip allowed for the engines' run-to-run noise
      expect(score.fieldsExact).toBeGreaterThanOrEqual(score.fields - 1);
      expect(score.itemsExact).toBeGreaterThanOrEqual(score.items - 1);
    }
  }, 120_000);
});
