import path from 'node:path';
import { recognize, shutdown } from '../../src';
import { cer } from '../helpers/cer';
import { SHARED_DATA, hasSharedData } from '../helpers/paths';

const dir = path.join(SHARED_DATA, 'tesseractjs');
const run = hasSharedData ? describe : describe.skip;

afterAll(() => shutdown());

run('real tesseract.js samples (../shared/data/tesseractjs)', () => {
  // Same picture as PNG, JPEG, WebP, GIF and BMP, and as JPEGs turned by EXIF 90/180/270.
  test.each(['simple.png', 'simple.jpg', 'simple.webp', 'simple.gif', 'simple.bmp', 'simple-90.jpg', 'simple-180.jpg', 'simple-270.jpg'])(
    '%s reads "Tesseract.js"',
    async (file) => {
      const r = await recognize(path.join(dir, file), { languages: 'eng' });
      expect(r.text).toBe('Tesseract.js');
      const expectedTurn = Number(/-(\d+)\./.exec(file)?.[1] ?? 0);
      expect(r.pages[0].rotation).toBeCloseTo(expectedTurn, 0);
    },
  );

  test('cosmic.png: three lines, stylized', async () => {
    const r = await recognize(path.join(dir, 'cosmic.png'), { languages: 'eng' });
    expect(cer('HellO World\nfrom beyond\nthe Cosmic Void', r.text)).toBeLessThanOrEqual(0.1);
  });

  test('testocr.png: a paragraph of 12 point text', async () => {
    const r = await recognize(path.join(dir, 'testocr.png'), { languages: 'eng' });
    const expected = [
      'This is a lot of 12 point text to test the',
      'ocr code and see if it works on all types',
      'of file format.',
      ...Array(4).fill('The quick brown dog jumped over the lazy fox.'),
    ].join(' ');
    // the paragraph wraps differently from the sentence list: compare with line breaks folded
    expect(cer(expected, r.text.replace(/\n/g, ' '))).toBeLessThanOrEqual(0.02);
    expect(r.pages[0].lines).toHaveLength(8);
  });

  test('bill.png: the bank statement table is read', async () => {
    const r = await recognize(path.join(dir, 'bill.png'), { languages: 'eng' });
    expect(r.text).toMatch(/FIRST CHEQUING/i);
    expect(r.text).toMatch(/100,000\.00/);
    expect(r.text).toMatch(/Balance/);
  });
});
