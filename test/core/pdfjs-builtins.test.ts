import { recognize, shutdown } from '../../src';
import { fixture } from '../helpers/paths';

afterAll(() => shutdown());

/**
 * pdfjs-dist's legacy build replaces some built-ins on import (core-js: on Node 20 JSON.parse/stringify, Array
 * push, Function toString) and defines a global `self`. Our node runs inside n8n and Node-RED: reading a PDF must
 * leave the host's built-ins as they were.
 */
test('reading and rendering PDFs leaves the host process its own built-ins, nothing replaced and nothing added', async () => {
  const watched: Array<[object, string]> = [
    [JSON, 'parse'],
    [JSON, 'stringify'],
    [Array.prototype, 'push'],
    [Function.prototype, 'toString'],
    [Object, 'keys'],
    [Promise, 'all'],
  ];
  const before = watched.map(([holder, key]) => Object.getOwnPropertyDescriptor(holder, key));
  const hadSelf = Object.prototype.hasOwnProperty.call(globalThis, 'self');
  const hadWithResolvers = typeof (Promise as unknown as { withResolvers: unknown }).withResolvers;

  const text = await recognize(fixture('pdf-text-en.pdf'));
  const scanned = await recognize(fixture('pdf-scan-zh.pdf')); // rendered: pdf.js's drawing side loaded too
  expect(text.pages[0].source).toBe('text-layer');
  expect(scanned.pages[0].source).toBe('ocr');

  watched.forEach(([holder, key], i) => {
    expect([key, Object.getOwnPropertyDescriptor(holder, key)?.value]).toEqual([key, before[i]?.value]);
  });
  expect(Object.prototype.hasOwnProperty.call(globalThis, 'self')).toBe(hadSelf);
  // pdf.js runs in reader threads (src/input/isolated): the host gets nothing added either, and the reader
  // thread got what pdf.js needs, or the scanned page above could not have been rendered
  expect(typeof (Promise as unknown as { withResolvers: unknown }).withResolvers).toBe(hadWithResolvers);
  expect(JSON.parse(JSON.stringify({ a: [1, '二'] }))).toEqual({ a: [1, '二'] });
}, 60_000);
