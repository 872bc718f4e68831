import { readFileSync } from 'node:fs';
import path from 'node:path';
import { recognize, shutdown } from '../../src';
import { GENERATED, fixture } from '../helpers/paths';

/**
 * Every typed fixture, and plain-text pages, classified by `type: 'auto'` with no hint. (The Chinese text fixtures
 * are excerpts of an invoice, titled 增值税电子普通发票: classified as invoices, rightly, so they are not used here.)
 */
const typed = ['card-manifest.json', 'passport-manifest.json', 'licence-manifest.json', 'invoice-manifest.json', 'domain-manifest.json'].flatMap(
  (m) => JSON.parse(readFileSync(path.join(GENERATED, m), 'utf8')) as Array<{ file: string; type: string }>,
);
const plain = ['en-serif-26.png', 'en-sans-30.png', 'mixed-wqy-30.png', 'pdf-text-en.pdf'].map((file) => ({ file, type: 'general' }));

afterAll(() => shutdown());

describe('automatic document classification', () => {
  test(`all ${typed.length + plain.length} fixtures get their type`, async () => {
    const wrong: string[] = [];
    for (const doc of [...typed, ...plain]) {
      const r = await recognize(fixture(doc.file), { type: 'auto' });
      if (r.type !== doc.type) wrong.push(`${doc.file}: ${r.type} instead of ${doc.type}`);
      if (doc.type === 'general') expect(r.fields).toEqual({});
    }
    expect(wrong).toEqual([]);
  });
});
