import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { recognize, shutdown } from '../../src';
import { fixture } from '../helpers/paths';
import { DIGITAL_INVOICE_FIELDS } from '../fixtures/invoices';

afterAll(() => shutdown());

const store = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'ocr-dup-')), 'seen.jsonl');
const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('duplicate detection', () => {
  test('the same file again, and the same invoice in another file, are duplicates; the first is recorded', async () => {
    const file = store();
    const first = await recognize(fixture('vat-digital.pdf'), { type: 'vat-invoice', duplicateStore: file });
    expect(first.checks.notDuplicate).toBe(true);
    expect(first.duplicateOf).toBeUndefined();
    expect(lines(file)).toEqual([
      expect.objectContaining({
        sha256: first.source.sha256,
        type: 'vat-invoice',
        invoiceCode: null,
        invoiceNumber: DIGITAL_INVOICE_FIELDS.invoiceNumber,
        name: 'vat-digital.pdf',
      }),
    ]);

    const again = await recognize(fixture('vat-digital.pdf'), { type: 'vat-invoice', duplicateStore: file });
    expect(again.checks.notDuplicate).toBe(false);
    expect(again.duplicateOf).toMatchObject({ by: 'sha256', name: 'vat-digital.pdf' });
    expect(again.warnings.at(-1)).toMatch(/^Already seen: the same file as vat-digital\.pdf, recorded \d{4}-/);

    // the scan of the same invoice: other bytes, same invoice number
    const scan = await recognize(readFileSync(fixture('vat-digital-scan.png')), {
      type: 'vat-invoice',
      duplicateStore: file,
      documentName: 'mail-42/scan.png',
    });
    expect(scan.checks.notDuplicate).toBe(false);
    expect(scan.duplicateOf).toMatchObject({ by: 'invoice', name: 'vat-digital.pdf' });
    expect(lines(file)).toHaveLength(1);
  });

  test('two copies arriving at once: one is new, the other its duplicate', async () => {
    const file = store();
    const bytes = readFileSync(fixture('vat-digital.pdf'));
    const results = await Promise.all([1, 2, 3].map(() => recognize(bytes, { type: 'vat-invoice', duplicateStore: file })));
    expect(results.map((r) => r.checks.notDuplicate).sort()).toEqual([false, false, true]);
    expect(lines(file)).toHaveLength(1);
  });

  test('records appended by another process are seen; a damaged line is skipped', async () => {
    const file = store();
    const text = await recognize(fixture('pdf-text-en.pdf'), { duplicateStore: file });
    expect(text.checks.notDuplicate).toBe(true);
    const other = await recognize(fixture('pdf-text-zh.pdf'));
    appendFileSync(
      file,
      'not json\n' +
        JSON.stringify({
          keys: [`sha256:${other.source.sha256}`],
          sha256: other.source.sha256,
          type: 'general',
          invoiceCode: null,
          invoiceNumber: null,
          name: 'from-worker-2',
          seenAt: '2026-11-29T10:00:00.000Z',
        }) +
        '\n',
    );
    const seen = await recognize(fixture('pdf-text-zh.pdf'), { duplicateStore: file });
    expect(seen.duplicateOf).toEqual({ by: 'sha256', name: 'from-worker-2', seenAt: '2026-11-29T10:00:00.000Z' });
  });

  test('a store that cannot be written is an error that says so; a bad option is a TypeError', async () => {
    // a path through a file: no folder can be made there
    const blocker = path.join(path.dirname(store()), 'a-file');
    appendFileSync(blocker, 'x');
    await expect(recognize(fixture('pdf-text-en.pdf'), { duplicateStore: path.join(blocker, 'seen.jsonl') })).rejects.toMatchObject({
      code: 'ENGINE_FAILED',
      message: expect.stringContaining('could not be written'),
    });
    await expect(recognize(fixture('pdf-text-en.pdf'), { duplicateStore: '  ' })).rejects.toThrow(TypeError);
  });
});
