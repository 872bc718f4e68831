import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { recognize, shutdown } from '../../src';
import { GENERATED, SHARED_DATA, fixture, hasSharedData } from '../helpers/paths';
import type { PassportFixture } from '../fixtures/passports';

const passports = JSON.parse(readFileSync(path.join(GENERATED, 'passport-manifest.json'), 'utf8')) as PassportFixture[];

afterAll(() => shutdown());

describe('MRZ documents (ICAO 9303 specimen data)', () => {
  test.each(passports.map((p) => [p.file, p] as const))('%s: every field exact, every check digit passing', async (_file, doc) => {
    const r = await recognize(fixture(doc.file), { type: 'auto', candidates: ['id-card', 'passport'] });
    expect(r.type).toBe('passport');
    const { mrz, ...fields } = r.fields as Record<string, unknown>;
    const { mrz: expectedMrz, ...expected } = doc.fields as Record<string, unknown>;
    expect(fields).toEqual(expected);
    // the lines as printed: the parser's corrections (UT0 → UTO) are applied
    expect(mrz).toEqual(expectedMrz);
    expect(r.checks.mrzCheckDigits).toBe(true);
    expect(r.checks.mrzCompositeCheckDigit).toBe(true);
    expect(r.fieldConfidence.passportNumber).toBe(0.99);
  });
});

// Photos and scans of real documents (PassportEye's test data): the number in each name is the quality score
// PassportEye itself reaches on it.
const real = hasSharedData ? describe : describe.skip;
real('real passports, ID cards and visas', () => {
  const dir = path.join(SHARED_DATA, 'mrz');

  test('the Czech and Lithuanian specimen passports read exactly', async () => {
    const cze = await recognize(path.join(dir, '100_pass-cze2.jpg'), { type: 'passport' });
    expect(cze.fields).toMatchObject({ documentCode: 'P', issuingCountry: 'CZE', surname: 'SPECIMEN', givenNames: 'VZOR', passportNumber: '99009054', nationality: 'CZE', birthDate: '1969-06-22', sex: 'F', expiryDate: '2016-07-29', personalNumber: '6956220612' });
    const ltu = await recognize(path.join(dir, '100_pass-ltu.jpg'), { type: 'passport' });
    expect(ltu.fields).toMatchObject({ issuingCountry: 'LTU', surname: 'BASANAVICIENE', givenNames: 'BIRUTE', birthDate: '1959-11-23', sex: 'F' });
    expect(ltu.checks.mrzCheckDigits).toBe(true);
  });

  test('at least 6 of the 17 read with every check digit passing; a failing one says so', async () => {
    const files = readdirSync(dir).filter((f) => /\.(jpe?g|png)$/.test(f));
    let passing = 0;
    for (const f of files) {
      const r = await recognize(path.join(dir, f), { type: 'passport' });
      if (r.checks.mrzCheckDigits) passing++;
      else expect(r.warnings.some((w) => /MRZ/.test(w))).toBe(true);
    }
    expect(passing).toBeGreaterThanOrEqual(6);
  });
});
