import { readFileSync } from 'node:fs';
import path from 'node:path';
import { recognize, shutdown } from '../../src';
import { GENERATED, fixture } from '../helpers/paths';
import type { LicenceFixture } from '../fixtures/licences';

const licences = JSON.parse(readFileSync(path.join(GENERATED, 'licence-manifest.json'), 'utf8')) as LicenceFixture[];

afterAll(() => shutdown());

describe('licences and bank cards through the real engines', () => {
  test.each(licences.map((l) => [l.file, l] as const))('%s: every field exact, its check passing', async (_file, doc) => {
    const r = await recognize(fixture(doc.file), { type: doc.type });
    expect(r.fields).toEqual(doc.fields);
    expect(Object.keys(r.checks).length).toBeGreaterThan(0);
    expect(Object.values(r.checks).every(Boolean)).toBe(true);
    expect(r.warnings).toEqual([]);
  });
});
