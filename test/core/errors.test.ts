import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { recognize, shutdown, OcrError } from '../../src';
import { fixture } from '../helpers/paths';
import { pngClaiming, pngWithGarbageData } from '../helpers/bad-inputs';

afterAll(() => shutdown());

const png = () => readFileSync(fixture('en-sans-30.png'));
const jpg = () => readFileSync(fixture('en-jpeg35.jpg'));
const tiff = () => readFileSync(fixture('en-2pages.tiff'));

async function codeOf(
  input: Parameters<typeof recognize>[0],
  options: Parameters<typeof recognize>[1] = {},
): Promise<{ code: string; message: string; ms: number }> {
  const t = Date.now();
  try {
    await recognize(input, { languages: 'eng', ...options });
  } catch (err) {
    expect(err).toBeInstanceOf(OcrError);
    const e = err as OcrError;
    expect(e.message.length).toBeGreaterThan(20);
    return { code: e.code, message: e.message, ms: Date.now() - t };
  }
  throw new Error('expected an OcrError, got a result');
}

describe('bad input yields its OcrError code, quickly', () => {
  test.each([
    ['an empty buffer', () => Buffer.alloc(0), 'EMPTY_INPUT'],
    ['one byte', () => Buffer.from([0x89]), 'UNSUPPORTED_FORMAT'],
    ['a text file', () => Buffer.from('Dear customer,\nplease find attached our invoice.\n'), 'UNSUPPORTED_FORMAT'],
    ['random bytes', () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251)), 'UNSUPPORTED_FORMAT'],
    ['a truncated PNG', () => png().subarray(0, 2000), 'CORRUPT_INPUT'],
    ['a PNG with garbage pixel data', pngWithGarbageData, 'CORRUPT_INPUT'],
    ['a truncated JPEG', () => jpg().subarray(0, jpg().length / 3), 'CORRUPT_INPUT'],
    ['a truncated TIFF', () => tiff().subarray(0, 300), 'CORRUPT_INPUT'],
    ['a PNG claiming 30000×30000 pixels', () => pngClaiming(30000, 30000), 'TOO_LARGE'],
  ])('%s → %s', async (_name, make, code) => {
    const r = await codeOf(make());
    expect(r.code).toBe(code);
    expect(r.ms).toBeLessThan(5000);
  });

  test('a file that does not exist → EMPTY_INPUT naming the path', async () => {
    const r = await codeOf('/nonexistent/scan.png');
    expect(r.code).toBe('EMPTY_INPUT');
    expect(r.message).toContain('/nonexistent/scan.png');
  });

  test('more bytes than maxBytes → TOO_LARGE before decoding', async () => {
    expect((await codeOf(png(), { maxBytes: 1000 })).code).toBe('TOO_LARGE');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'local-ocr-test-'));
    const file = path.join(dir, 'big.png');
    writeFileSync(file, png());
    expect((await codeOf(file, { maxBytes: 1000 })).code).toBe('TOO_LARGE');
  });

  test('more pixels than maxPixels → TOO_LARGE', async () => {
    const r = await codeOf(png(), { maxPixels: 10_000 });
    expect(r.code).toBe('TOO_LARGE');
    expect(r.message).toMatch(/pixels/);
  });

  test('a page selection past the end → EMPTY_INPUT saying how many pages there are', async () => {
    const r = await codeOf(png(), { pages: '3' });
    expect(r.code).toBe('EMPTY_INPUT');
    expect(r.message).toMatch(/1 page/);
  });

  test('the deadline → TIMEOUT, promptly', async () => {
    const r = await codeOf(png(), { timeoutMs: 30 });
    expect(r.code).toBe('TIMEOUT');
    expect(r.ms).toBeLessThan(3000);
  });

  test('a cancelled signal → TIMEOUT without starting', async () => {
    const ctrl = new AbortController();
    ctrl.abort();
    expect((await codeOf(png(), { signal: ctrl.signal })).code).toBe('TIMEOUT');
  });

  test('the engine still works after all of the above', async () => {
    const r = await recognize(png(), { languages: 'eng' });
    expect(r.text.split('\n')[0]).toBe('Invoice number INV-2024-0815 dated 12 March 2024');
  });

  test('the file name is never trusted: a PNG named .pdf is read as a PNG', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'local-ocr-test-'));
    const file = path.join(dir, 'scan.pdf');
    writeFileSync(file, png());
    const r = await recognize(file, { languages: 'eng' });
    expect(r.source.mimeType).toBe('image/png');
  });

  test('bad options are refused before any work', async () => {
    await expect(recognize(png(), { languages: 'xx' })).rejects.toThrow(/Unsupported OCR language/);
    await expect(recognize(png(), { type: 'tax-return' as never })).rejects.toThrow(/not available/);
  });
});
