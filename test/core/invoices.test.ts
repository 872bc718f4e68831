import { readFileSync } from 'node:fs';
import path from 'node:path';
import { recognize, shutdown } from '../../src';
import { GENERATED, SHARED_DATA, fixture, hasSharedData } from '../helpers/paths';
import { INVOICE_QR, MISMATCHED_QR, type InvoiceFixture } from '../fixtures/invoices';
import { parseInvoiceQr } from '../../src/extract/receipts/vatQr';
import { REAL_OFD_INVOICE } from '../helpers/real-invoices';

const invoices = JSON.parse(readFileSync(path.join(GENERATED, 'invoice-manifest.json'), 'utf8')) as InvoiceFixture[];

afterAll(() => shutdown());

describe('VAT invoices through the real pipeline', () => {
  test.each(invoices.map((i) => [i.file, i] as const))('%s: every field and item exact, every check passing', async (_file, invoice) => {
    const r = await recognize(fixture(invoice.file), { type: 'vat-invoice' });
    expect(r.fields).toEqual(invoice.fields);
    const checks = { amountsConsistent: true, totalAmountInWords: true, itemsSumMatches: true, sellerTaxIdValid: true, buyerTaxIdValid: true };
    // the scan carries the QR code; the PDF's text layer needs none
    expect(r.checks).toEqual(invoice.file.endsWith('.png') ? { ...checks, qrCodeMatches: true } : checks);
    expect(r.warnings).toEqual([]);
  });

  test('the QR code settles a number the text disagrees with: its value is kept, the check fails, a warning says so', async () => {
    expect(parseInvoiceQr(INVOICE_QR)).toEqual({
      kind: '32',
      invoiceCode: null,
      invoiceNumber: '24112000000123456789',
      amount: 9000,
      issueDate: '2024-11-20',
      checkCode: null,
    });
    expect(parseInvoiceQr('01,04,4200161350,00015045,165106.00,20160501,48114255542168294433,DBFE,')).toMatchObject({
      invoiceCode: '4200161350',
      invoiceNumber: '00015045',
      checkCode: '48114255542168294433',
    });
    expect(parseInvoiceQr('https://example.com')).toBeNull();
    const r = await recognize(fixture('vat-qr-mismatch.png'), { type: 'vat-invoice' });
    expect(r.fields.invoiceNumber).toBe(parseInvoiceQr(MISMATCHED_QR)!.invoiceNumber);
    expect(r.fieldConfidence.invoiceNumber).toBe(0.99);
    expect(r.checks.qrCodeMatches).toBe(false);
    expect(r.warnings).toEqual(["invoiceNumber reads 24112000000123456789 but the QR code says 24112000000123456780: the QR code's value is kept."]);
  });

  test('a digital invoice is read from its text layer and loads no OCR model', async () => {
    const r = await recognize(fixture('vat-digital.pdf'), { type: 'auto' });
    expect(r.type).toBe('vat-invoice');
    expect(r.engine).toBe('text-layer');
    expect(r.timings.ocr).toBe(0);
  });
});

// A real e-invoice (ofdrw's test resources): its embedded original_invoice.xml holds these values.
const real = hasSharedData ? describe : describe.skip;
real('a real OFD e-invoice', () => {
  const expected = REAL_OFD_INVOICE;

  test('999.ofd: fields, the 100 items of its list pages, and the checks', async () => {
    const r = await recognize(path.join(SHARED_DATA, 'ofd', '999.ofd'), { type: 'auto' });
    expect(r.type).toBe('vat-invoice');
    const { items, ...fields } = r.fields as Record<string, unknown> & { items: Array<Record<string, unknown>> };
    expect(fields).toEqual(expected);
    expect(items).toHaveLength(100);
    expect(items.every((i) => i.name === '*餐饮服务*餐费' && i.amount === 100 && i.taxRate === '6%' && i.tax === 6 && i.quantity === '')).toBe(true);
    // its attached invoice XML agrees with every printed field and item
    expect(r.checks).toEqual({ amountsConsistent: true, totalAmountInWords: true, itemsSumMatches: true, sellerTaxIdValid: false, embeddedDataMatches: true });
    // the sample's seller ID is invented: its check character is wrong, and the result says so
    expect(r.warnings).toContain('sellerTaxId 91500102563638729E is not a well-formed taxpayer ID.');
  });

  test('fptpl.ofd (the invoice page alone): fields, and a warning that the item list is elsewhere', async () => {
    const r = await recognize(path.join(SHARED_DATA, 'ofd', 'fptpl.ofd'), { type: 'vat-invoice' });
    const { items, ...fields } = r.fields as Record<string, unknown>;
    expect(fields).toEqual(expected);
    expect(items).toEqual([]);
    expect(r.warnings).toContain('The items are on a separate list (销货清单) that is not among the pages read.');
  });
});
