import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { recognize, shutdown } from '../../src/index';
import { SHARED_DATA, hasSharedData } from '../helpers/paths';
import { REAL_OFD_INVOICE } from '../helpers/real-invoices';

/**
 * An OFD e-invoice carries its own data: the issuer's XML as an attachment and custom tags naming the page's text
 * objects. The real invoice of ../shared/data/ofd is changed one part at a time to show which source is read: the
 * attachment first, the tags without it, the print when neither is readable.
 */
afterAll(() => shutdown());

const original = hasSharedData ? unzipSync(readFileSync(path.join(SHARED_DATA, 'ofd', '999.ofd'))) : {};

function variant(change: (parts: Record<string, Uint8Array>) => void): Buffer {
  const parts = { ...original };
  change(parts);
  return Buffer.from(zipSync(parts));
}

function edit(parts: Record<string, Uint8Array>, name: string, from: RegExp | string, to: string): void {
  const before = strFromU8(parts[name]);
  const after = before.replace(from, to);
  if (after === before) throw new Error(`${name} has no ${String(from)}`);
  parts[name] = strToU8(after);
}

(hasSharedData ? describe : describe.skip)("an OFD invoice's embedded data", () => {
  test('agrees with the print: every field as printed, embeddedDataMatches true', async () => {
    const r = await recognize(
      variant(() => undefined),
      { type: 'vat-invoice' },
    );
    expect(r.fields).toMatchObject(REAL_OFD_INVOICE);
    expect(r.checks.embeddedDataMatches).toBe(true);
    expect(r.fieldConfidence.sellerName).toBe(1);
  });

  test('the attachment wins over the print, and the disagreement is named', async () => {
    const r = await recognize(
      variant((p) =>
        edit(
          p,
          'Doc_0/Attachs/original_invoice.xml',
          '<fp:SellerName>财天下科技有限公司</fp:SellerName>',
          '<fp:SellerName>重庆财天下科技有限公司</fp:SellerName>',
        ),
      ),
      { type: 'vat-invoice' },
    );
    expect(r.fields.sellerName).toBe('重庆财天下科技有限公司');
    expect(r.checks.embeddedDataMatches).toBe(false);
    expect(r.warnings.join(' ')).toContain('sellerName "重庆财天下科技有限公司" where its printed text reads "财天下科技有限公司"');
    expect(r.fields.invoiceNumber).toBe(REAL_OFD_INVOICE.invoiceNumber);
  });

  test('without the attachment the custom tags are read: the text object each field points at', async () => {
    const r = await recognize(
      variant((p) => {
        edit(p, 'Doc_0/Document.xml', /<ofd:Attachments>[^<]*<\/ofd:Attachments>/, '');
        // the tag of the invoice number pointed at the check code's text object: the tags, not the labels, are read
        edit(p, 'Doc_0/Tags/Tag_Invoice.xml', /(<fp:InvoiceNo>\s*<fp:ObjectRef PageRef="10">)70(<)/, '$172$2');
      }),
      { type: 'vat-invoice' },
    );
    expect(r.fields.invoiceNumber).toBe(REAL_OFD_INVOICE.checkCode);
    expect(r.fields.sellerName).toBe(REAL_OFD_INVOICE.sellerName);
    expect(r.checks.embeddedDataMatches).toBe(false);
  });

  test('an unreadable attachment falls back to the tags, and with neither to the print; a warning, no crash', async () => {
    const broken = (p: Record<string, Uint8Array>) => (p['Doc_0/Attachs/original_invoice.xml'] = strToU8('<eInvoice><fp:InvoiceNo>1</fp:InvoiceNo'));
    const tags = await recognize(variant(broken), { type: 'vat-invoice' });
    expect(tags.fields).toMatchObject(REAL_OFD_INVOICE);
    expect(tags.checks.embeddedDataMatches).toBe(true);
    expect(tags.warnings).toContain("The document's attached invoice data could not be read; its custom tags were used.");
    const neither = await recognize(
      variant((p) => {
        broken(p);
        p['Doc_0/Tags/Tag_Invoice.xml'] = strToU8('<fp:eInvoice>');
      }),
      { type: 'vat-invoice' },
    );
    expect(neither.fields).toMatchObject(REAL_OFD_INVOICE);
    expect(neither.checks.embeddedDataMatches).toBeUndefined();
    expect(neither.warnings).toContain("The document's embedded invoice data could not be read; its printed text is used.");
  });
});
