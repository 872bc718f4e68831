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
    expect(cze.fields).toMatchObject({
      documentCode: 'P',
      issuingCountry: 'CZE',
      surname: 'SPECIMEN',
      givenNames: 'VZOR',
      passportNumber: '99009054',
      nationality: 'CZE',
      birthDate: '1969-06-22',
      sex: 'F',
      expiryDate: '2016-07-29',
      personalNumber: '6956220612',
    });
    const ltu = await recognize(path.join(dir, '100_pass-ltu.jpg'), { type: 'passport' });
    expect(ltu.fields).toMatchObject({ issuingCountry: 'LTU', surname: 'BASANAVICIENE', givenNames: 'BIRUTE', birthDate: '1959-11-23', sex: 'F' });
    expect(ltu.checks.mrzCheckDigits).toBe(true);
  });

  // each real file read once; the tests below look at the answers
  const results = new Map<string, Awaited<ReturnType<typeof recognize>>>();
  beforeAll(async () => {
    for (const f of readdirSync(dir).filter((n) => /\.(jpe?g|png)$/.test(n))) results.set(f, await recognize(path.join(dir, f), { type: 'passport' }));
  });

  test('the zones read cell by cell: small scans, a stamp over the zone, a visa, O against 0', () => {
    expect(results.get('100_id-che.jpg')!.fields).toMatchObject({
      documentCode: 'ID',
      issuingCountry: 'CHE',
      passportNumber: 'S0002068',
      birthDate: '1981-02-28',
      sex: 'F',
      surname: 'VADIS',
      givenNames: 'QUD',
    });
    expect(results.get('100_pass-hrv.jpg')!.fields).toMatchObject({
      passportNumber: '007007007',
      issuingCountry: 'HRV',
      surname: 'SPECIMEN',
      givenNames: 'SPECIMEN',
      birthDate: '1982-12-25',
    });
    const visa = results.get('100_visa-usa.jpg')!;
    expect(visa.fields).toMatchObject({
      documentCode: 'VI',
      issuingCountry: 'USA',
      surname: 'TRAVELER',
      givenNames: 'HAPPYPERSON',
      passportNumber: '555123ABC',
      nationality: 'GBR',
      sex: 'F',
      personalNumber: null,
    });
    expect(visa.checks).toMatchObject({ mrzCheckDigits: true, mrzCountryCodes: true });
    expect(visa.checks.mrzCompositeCheckDigit).toBeUndefined(); // visas have none
    expect(results.get('43_pass-twn.jpg')!.fields).toMatchObject({
      passportNumber: 'M00000426',
      surname: 'LIN',
      givenNames: 'CHIEN SHENG',
      nationality: 'TWN',
      sex: 'M',
    });
  });

  test('a photo at 19° with the zone bending in perspective: found and read, its doubtful start flagged', () => {
    const aus = results.get('62_pass-aus.png')!;
    expect(aus.fields).toMatchObject({
      issuingCountry: 'AUS',
      surname: 'CITIZEN',
      givenNames: 'JANE',
      nationality: 'AUS',
      birthDate: '1984-06-07',
      sex: 'F',
      expiryDate: '2019-03-21',
    });
    // the first cells are slanted and smudged: check digits passing over them is not trusted
    expect(aus.fieldConfidence.passportNumber).toBeLessThan(0.8);
    expect(aus.warnings.some((w) => /hard to make out/.test(w))).toBe(true);
  });

  test('every file PassportEye reads fully passes every check digit; 14 of the 17 in all; a failing one says so', () => {
    let passing = 0;
    for (const [f, r] of results) {
      if (f.startsWith('100_')) expect([f, r.checks.mrzCheckDigits]).toEqual([f, true]);
      if (r.checks.mrzCheckDigits) passing++;
      else expect(r.warnings.some((w) => /MRZ/.test(w))).toBe(true);
    }
    expect(results.size).toBe(17);
    expect(passing).toBeGreaterThanOrEqual(14);
    // where the cell reader saw every character clearly, the answer is trusted
    for (const [f, r] of results) if (f.startsWith('100_')) expect([f, r.fieldConfidence.passportNumber]).toEqual([f, 0.99]);
  });

  test("a specimen whose printed check digits are wrong is read as printed and flagged, not 'repaired'", () => {
    const esp = results.get('0_id-esp.png')!;
    expect(esp.fields.mrz).toEqual([
      'IDESPAAA1000014<00000023T<<<<<',
      '7212018F1101236ESP<<<<<<<<<<<8',
      expect.stringMatching(/^ESPA.OLA<ESPA.OLA<CARMEN<<<<<<$/),
    ]);
    expect(esp.checks).toMatchObject({ mrzDocumentNumberCheckDigit: false, mrzBirthDateCheckDigit: false, mrzCheckDigits: false });
  });
});
