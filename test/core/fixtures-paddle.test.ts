import { describeFixtures } from '../helpers/fixture-suite';

/** PP-OCR's bounds are several times tighter than tesseract's; the A4 page is the issue's ≤ 0.5% target. */
describeFixtures('paddle', {
  'en-clean': { en: 0.005, zh: 0 },
  'en-small': { en: 0.01, zh: 0 },
  'zh-clean': { en: 0, zh: 0.01 },
  mixed: { en: 0, zh: 0.01 },
  rotated: { en: 0.01, zh: 0.01 },
  skewed: { en: 0.01, zh: 0.01 },
  noisy: { en: 0.02, zh: 0.02 },
  jpeg: { en: 0.03, zh: 0.02 },
  tiff: { en: 0.005, zh: 0 },
  a4: { en: 0, zh: 0.005 },
});
