import { readFileSync } from 'node:fs';
import path from 'node:path';
import { recognize, shutdown } from '../../src';
import { GENERATED, fixture } from '../helpers/paths';
import type { DomainFixture } from '../fixtures/domain';

const docs = JSON.parse(readFileSync(path.join(GENERATED, 'domain-manifest.json'), 'utf8')) as DomainFixture[];

afterAll(() => shutdown());

describe('waybills and lab reports through the real engines', () => {
  test.each(docs.map((d) => [d.file, d] as const))('%s: every field exact', async (_file, doc) => {
    const r = await recognize(fixture(doc.file), { type: 'auto', candidates: ['waybill', 'lab-report'] });
    expect(r.type).toBe(doc.type);
    expect(r.fields).toEqual(doc.fields);
    if (doc.checks) expect(r.checks).toEqual(doc.checks);
    else expect(Object.values(r.checks).every(Boolean)).toBe(true);
  });

  test('the barcode is the tracking number; a printed number that differs is reported', async () => {
    const sf = await recognize(fixture('waybill-sf.png'), { type: 'waybill' });
    expect(sf.checks).toMatchObject({ trackingNumberMatchesBarcode: true });
    expect(sf.fieldConfidence.trackingNumber).toBe(0.99);
    const yto = await recognize(fixture('waybill-yto.png'), { type: 'waybill' });
    expect(yto.fields.trackingNumber).toBe('YT1234567890128');
    expect(yto.warnings).toContain("The printed tracking number reads YT1234567890123 but the barcode says YT1234567890128: the barcode's is kept.");
  });

  test('a lab flag that is not printed is derived from the range, and the warning says so', async () => {
    const r = await recognize(fixture('lab-report.png'), { type: 'lab-report' });
    expect(r.warnings.find((w) => w.startsWith('No flag was printed for'))).toMatch(/血红蛋白/);
  });
});
