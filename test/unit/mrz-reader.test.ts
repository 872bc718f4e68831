import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import sharp from 'sharp';
import { registerFonts } from '../fixtures/fonts';
import { glyphsSource, renderGlyphs } from '../fixtures/ocrbGlyphs';
import { readZone } from '../../src/extract/cards/mrz/reader';
import { repairZone, type Choice } from '../../src/extract/cards/mrz/repair';
import { LAYOUTS, checkDigitOf } from '../../src/extract/cards/mrz/layouts';
import { ROOT } from '../helpers/paths';
import { readVisualZone } from '../../src/extract/cards/mrz/viz';
import { passport } from '../../src/extract/cards/passport';
import type { Document } from '../../src/extract/registry';

// ICAO 9303 part 4 and part 5 specimens (every check digit as published)
const TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
const TD1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];
const layout = (name: string) => LAYOUTS.find((l) => l.name === name)!;

/** Every position read right for sure, except those given: [line, position, best reading, second reading, cost]. */
function choices(lines: string[], doubts: Array<[number, number, string, string, number]>): Choice[][][] {
  const out = lines.map((l) => [...l].map((ch) => [{ ch, cost: 0 }]));
  for (const [l, p, best, second, cost] of doubts)
    out[l][p] = [
      { ch: best, cost: 0 },
      { ch: second, cost },
    ];
  return out;
}

describe('OCR-B templates', () => {
  test('the committed glyph data is what the OCR-B font renders', () => {
    const committed = readFileSync(path.join(ROOT, 'src', 'extract', 'cards', 'mrz', 'glyphs.ts'), 'utf8');
    expect(committed).toBe(glyphsSource(renderGlyphs()));
  });
});

describe('check-digit repair', () => {
  test('the check digit arithmetic of the specimens', () => {
    expect(checkDigitOf('L898902C3')).toBe(6);
    expect(checkDigitOf('740812')).toBe(2);
    expect(checkDigitOf('120415')).toBe(9);
    expect(checkDigitOf('L898902C36' + '7408122' + '1204159ZE184226B<<<<<1')).toBe(0); // the composite
  });

  test('a clean reading is kept as it is, with nothing changed', () => {
    const repair = repairZone(layout('TD3'), choices(TD3, []));
    expect(repair).toEqual({ lines: TD3, changes: 0, cost: 0 });
  });

  test('a birth date digit read as a letter-like digit is put back by its check digit', () => {
    // 7408I22 cannot be (a date is digits); 7408722 scores best but fails the check digit, 7408122 passes
    const misread = [TD3[0], TD3[1].slice(0, 17) + '7' + TD3[1].slice(18)];
    const repair = repairZone(layout('TD3'), choices(misread, [[1, 17, '7', '1', 0.05]]));
    expect(repair?.lines).toEqual(TD3);
    expect(repair?.changes).toBe(1);
  });

  test('0 against O in a document number is settled by the check digit, not by the better score', () => {
    const misread = [TD3[0], 'L8989O2C36' + TD3[1].slice(10)];
    const repair = repairZone(layout('TD3'), choices(misread, [[1, 5, 'O', '0', 0.06]]));
    expect(repair?.lines[1]).toBe(TD3[1]);
  });

  test('optional data covered only by the composite check digit is repaired through it (TD1)', () => {
    // line 1 optional data holds fillers; an L read for one of them breaks the composite only
    const misread = [TD1[0].slice(0, 20) + 'L' + TD1[0].slice(21), TD1[1], TD1[2]];
    const repair = repairZone(layout('TD1'), choices(misread, [[0, 20, 'L', '<', 0.04]]));
    expect(repair?.lines).toEqual(TD1);
  });

  test('no choice within the candidates passing: null, the reading stays as read', () => {
    const misread = [TD3[0], TD3[1].slice(0, 17) + '7' + TD3[1].slice(18)];
    expect(repairZone(layout('TD3'), choices(misread, [[1, 17, '7', '4', 0.05]]))).toBeNull();
  });

  test('visas have no composite: each field check digit is solved on its own (MRV-A)', () => {
    const visa = ['VIUSATRAVELER<<HAPPYPERSON<<<<<<<<<<<<<<<<<<', '555123ABC6GBR6502056F0412236IFLND00AMS803085'];
    expect(repairZone(layout('MRV-A'), choices(visa, []))?.lines).toEqual(visa);
    const misread = [visa[0], visa[1].slice(0, 16) + '8' + visa[1].slice(17)];
    expect(repairZone(layout('MRV-A'), choices(misread, [[1, 16, '8', '2', 0.03]]))?.lines).toEqual(visa);
  });
});

describe('MRZ cell reader', () => {
  /** An MRZ band as a phone would see it: small OCR-B, a slight tilt, blur, JPEG. */
  async function band(lines: string[], fontPx: number, tilt: number): Promise<{ data: Buffer; width: number; height: number; channels: 3 }> {
    registerFonts();
    const width = Math.round(fontPx * 0.723 * lines[0].length + 4 * fontPx);
    const height = Math.round(fontPx * (1.8 * lines.length + 1.5));
    const canvas = createCanvas(width, height);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#efeae0';
    ctx.fillRect(0, 0, width, height);
    ctx.fillStyle = '#cc3333'; // a red stamp over the start of the zone: not ink for the reader
    ctx.fillRect(fontPx, height - 2.2 * fontPx, 1.5 * fontPx, 1.5 * fontPx);
    ctx.fillStyle = '#1a1a1a';
    ctx.font = `${fontPx}px "OCR-B"`;
    lines.forEach((l, i) => ctx.fillText(l, 2 * fontPx, fontPx * (1.8 * i + 1.9)));
    const jpeg = await sharp(canvas.toBuffer('image/png')).rotate(tilt, { background: '#efeae0' }).blur(0.6).jpeg({ quality: 70 }).toBuffer();
    const { data, info } = await sharp(jpeg).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, channels: 3 };
  }

  test.each([
    ['TD3 at 16 px', TD3, 16, 0.4],
    ['TD3 at 12 px', TD3, 12, -0.3],
    ['TD1 at 14 px', TD1, 14, 0.3],
  ])('%s, tilted and blurred: every character exact, every check digit passing', async (_name, lines, px, tilt) => {
    const zone = readZone(await band(lines, px, tilt));
    expect(zone).not.toBeNull();
    expect(zone!.lines).toEqual(lines);
    expect(zone!.checked).toBe(true);
    expect(zone!.fit).toBeGreaterThan(0.85);
  });

  test('a band without an MRZ is no zone', async () => {
    const canvas = createCanvas(400, 120);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, 400, 120);
    const { data, info } = await sharp(canvas.toBuffer('image/png')).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(readZone({ data, width: info.width, height: info.height, channels: 3 })).toBeNull();
  });
});

describe('visual zone', () => {
  const line = (text: string, y: number) => ({ text, confidence: 0.95, bbox: { x: 40, y, width: 900, height: 40 }, words: [] });
  const doc = (texts: string[]): Document => ({
    pages: [{ page: 1, width: 1250, height: 880, rotation: 0, source: 'ocr', lines: texts.map((t, i) => line(t, 60 + i * 50)), tables: [] }],
    text: texts.join('\n'),
  });
  const VIZ = [
    'PASSPORT  P  UTO',
    'Surname: ERIKSSON',
    'Given names: ANNA MARIA',
    'Passport No. L898902C3',
    'Date of birth / Date de naissance 12 AUG/AOÛT 1974',
    'Date of expiry: 15.04.2012',
  ];

  test('values read without labels: dates in words and in digits, codes with digits', () => {
    const zone = readVisualZone(VIZ);
    expect(zone.dates.sort()).toEqual(['1974-08-12', '2012-04-15']);
    expect(zone.codes).toContain('L898902C3');
  });

  test('where the MRZ passes its check digits it wins; the visual zone is not consulted', async () => {
    const r = await passport.extract(doc([...VIZ.slice(0, 4), 'Date of birth 13 AUG 1974', ...TD3]));
    expect(r.fields.birthDate).toBe('1974-08-12');
    expect(r.checks.mrzCheckDigits).toBe(true);
  });

  test('a birth date the MRZ misreads (its check digit fails) is taken from the visual zone, with a warning', async () => {
    const smudged = [TD3[0], TD3[1].slice(0, 13) + '740817' + TD3[1].slice(19)];
    const r = await passport.extract(doc([...VIZ, ...smudged]));
    expect(r.checks.mrzBirthDateCheckDigit).toBe(false); // the zone as read still fails: the document needs review
    expect(r.fields.birthDate).toBe('1974-08-12');
    expect(r.fieldConfidence.birthDate).toBe(0.9);
    expect(r.warnings.some((w) => /visual zone prints 1974-08-12/.test(w))).toBe(true);
  });

  test('a document number the MRZ misreads is taken from the one printed code that passes its check digit', async () => {
    const smudged = [TD3[0], 'L898902G3' + TD3[1].slice(9)];
    const r = await passport.extract(doc([...VIZ, ...smudged]));
    expect(r.fields.passportNumber).toBe('L898902C3');
  });
});
