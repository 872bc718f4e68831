import { readFileSync } from 'node:fs';
import { recognize, shutdown } from '../../src';
import { fixture } from '../helpers/paths';

afterAll(() => shutdown());

/**
 * n8n ships its own pdfjs-dist; a published n8n OCR node broke with "The API version does not match the
 * Worker version" when two copies met in one process. Here another version is loaded and used first, then
 * ours, then the other again: each must keep its own worker.
 */
test('another pdfjs-dist loaded first does not break ours, and ours does not break it', async () => {
  const other = await import('pdfjs-dist-other/legacy/build/pdf.mjs');
  expect(other.version).not.toBe((await import('pdfjs-dist/legacy/build/pdf.mjs')).version);
  const read = async () => {
    const doc = await other.getDocument({ data: new Uint8Array(readFileSync(fixture('pdf-text-en.pdf'))), isEvalSupported: false, verbosity: 0 } as Parameters<
      typeof other.getDocument
    >[0]).promise;
    const page = await doc.getPage(1);
    const text = (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
    await doc.destroy();
    return text;
  };
  expect(await read()).toContain('Invoice number');
  // the other copy has set globalThis.pdfjsWorker to its own worker by now
  expect((globalThis as Record<string, unknown>).pdfjsWorker).toBeDefined();
  const ours = await recognize(fixture('pdf-text-en.pdf'));
  expect(ours.text.split('\n')[0]).toBe('Invoice number INV-2024-0815 dated 12 March 2024');
  expect(await read()).toContain('Invoice number');
});
