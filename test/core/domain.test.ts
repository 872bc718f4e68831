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
    expect(Object.values(r.checks).every(Boolean)).toBe(true);
  });

  test('a lab flag that is not printed is derived from the range, and the warning says so', async () => {
    const r = await recognize(fixture('lab-report.png'), { type: 'lab-report' });
    expect(r.warnings.find((w) => w.startsWith('No flag was printed for'))).toMatch(/血红蛋白/);
  });
});
