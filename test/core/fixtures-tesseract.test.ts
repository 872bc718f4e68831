import { describeFixtures } from '../helpers/fixture-suite';

/** CER bounds per fixture class for tesseract.js; measured values are in docs/benchmarks.md. */
describeFixtures('tesseract', {
  'en-clean': { en: 0.01, zh: 0 },
  'en-small': { en: 0.02, zh: 0 },
  'zh-clean': { en: 0, zh: 0.1 },
  mixed: { en: 0, zh: 0.05 },
  rotated: { en: 0.01, zh: 0.1 },
  skewed: { en: 0.01, zh: 0.1 },
  noisy: { en: 0.1, zh: 0.25 },
  jpeg: { en: 0.01, zh: 0.1 },
  tiff: { en: 0.01, zh: 0 },
  a4: { en: 0, zh: 0.06 },
});
