/**
 * A user's run, for the offline test (test/core/offline.test.ts) to trace from outside: every kind of input
 * through both engines and every reader (PNG, JPEG, TIFF, PDF text layer, scanned PDF rendered by pdf.js, OFD
 * with text and with an image, typed extraction, tables, a searchable PDF made in memory), then the workers
 * left idle for `LOCAL_OCR_OFFLINE_IDLE_MS` (onnxruntime's telemetry uploader wakes about 20–30 s after it
 * starts), then one more page and a shutdown. Prints one JSON line: what each document gave.
 */
import { makeSearchablePdf, recognize, shutdown } from '../../src';
import { fixture } from './paths';

const IDLE_MS = Number(process.env.LOCAL_OCR_OFFLINE_IDLE_MS ?? 30_000);

async function main(): Promise<void> {
  const jobs: Array<[string, Parameters<typeof recognize>[1]]> = [
    ['a4-mixed-300dpi.png', { engine: 'paddle' }],
    ['en-rot90.png', { engine: 'tesseract', languages: 'eng' }],
    ['zh-jpeg35.jpg', { engine: 'auto' }],
    ['en-2pages.tiff', { engine: 'tesseract', languages: 'eng' }],
    ['pdf-text-zh.pdf', {}],
    ['pdf-scan-zh.pdf', { engine: 'paddle' }],
    ['ofd-text.ofd', {}],
    ['ofd-scan.ofd', { engine: 'paddle' }],
    ['vat-digital.pdf', { type: 'auto' }],
    ['table-ruled-zh.png', { tables: true }],
    ['receipt-us.png', { type: 'receipt', languages: 'eng' }],
  ];
  const read: Record<string, number | string> = {};
  for (const [file, options] of jobs) {
    try {
      const r = await recognize(fixture(file), options);
      read[file] = r.text.length;
    } catch (err) {
      read[file] = `error: ${(err as Error).message}`;
    }
  }
  const searchable = await makeSearchablePdf(fixture('en-serif-26.png'), { engine: 'tesseract', languages: 'eng' });
  read['searchable.pdf'] = searchable.pdf.length;
  await new Promise((r) => setTimeout(r, IDLE_MS));
  read['after idle'] = (await recognize(fixture('zh-wqy-34.png'), { engine: 'paddle' })).text.length;
  await shutdown();
  process.stdout.write(JSON.stringify(read) + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${String((err as Error)?.stack ?? err)}\n`);
  process.exitCode = 1;
});
