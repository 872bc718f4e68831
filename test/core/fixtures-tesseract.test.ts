import { recognize, shutdown } from '../../src';
import type { RecognitionResult } from '../../src';
import { cer } from '../helpers/cer';
import { fixture, manifest } from '../helpers/paths';

/** CER bounds per fixture class for the tesseract engine; measured values are in docs/benchmarks.md. */
const BOUNDS: Record<string, { en: number; zh: number }> = {
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
};

afterAll(() => shutdown());

const entries = manifest();

describe.each(entries.map((e) => [e.file, e] as const))('tesseract reads %s', (_file, entry) => {
  let result: RecognitionResult;
  beforeAll(async () => {
    result = await recognize(fixture(entry.file), { engine: 'tesseract', languages: entry.languages });
  });

  test('text within the CER bound of its class', () => {
    const expected = (entry.pages ?? [entry.lines]).map((p) => p.join('\n')).join('\n');
    const bound = BOUNDS[entry.class][entry.languages === 'eng' ? 'en' : 'zh'];
    expect(cer(expected, result.text.replace(/\f/g, '\n'))).toBeLessThanOrEqual(bound);
  });

  test('orientation detected and reported', () => {
    for (const p of result.pages) {
      expect((((Math.round(p.rotation / 90) * 90) % 360) + 360) % 360).toBe(entry.rotation);
    }
    if (entry.class === 'skewed') expect(Math.abs(result.pages[0].rotation)).toBeGreaterThan(1.5);
  });

  test('one line per printed line, boxes inside the page, confidences 0..1', () => {
    const pages = entry.pages ?? [entry.lines];
    expect(result.pages).toHaveLength(pages.length);
    result.pages.forEach((page, i) => {
      expect(page.source).toBe('ocr');
      expect(page.page).toBe(i + 1);
      expect(page.lines).toHaveLength(pages[i].length);
      for (const line of page.lines) {
        expect(line.confidence).toBeGreaterThanOrEqual(0);
        expect(line.confidence).toBeLessThanOrEqual(1);
        expect(line.bbox.x).toBeGreaterThanOrEqual(-2);
        expect(line.bbox.y).toBeGreaterThanOrEqual(-2);
        expect(line.bbox.x + line.bbox.width).toBeLessThanOrEqual(page.width + 2);
        expect(line.bbox.y + line.bbox.height).toBeLessThanOrEqual(page.height + 2);
        expect(line.words.length).toBeGreaterThan(0);
        for (const w of line.words) {
          expect(w.bbox.x).toBeGreaterThanOrEqual(line.bbox.x - 3);
          expect(w.bbox.x + w.bbox.width).toBeLessThanOrEqual(line.bbox.x + line.bbox.width + 3);
        }
      }
    });
  });

  test('result follows the contract', () => {
    expect(result.type).toBe('general');
    expect(result.fields).toEqual({});
    expect(result.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.source.pages).toBe((entry.pages ?? [entry.lines]).length);
    expect(Object.keys(result.timings)).toEqual(expect.arrayContaining(['decode', 'ocr', 'extract', 'total']));
    expect(result.engine).toBe('tesseract');
  });
});

test('lines of one page appear in reading order (top to bottom)', async () => {
  const entry = entries.find((e) => e.file === 'en-sans-30.png')!;
  const r = await recognize(fixture(entry.file), { engine: 'tesseract', languages: 'eng' });
  expect(r.text.split('\n')).toEqual(entry.lines);
  const ys = r.pages[0].lines.map((l) => l.bbox.y);
  expect([...ys].sort((a, b) => a - b)).toEqual(ys);
});

test('the pages option picks pages of a multi-page TIFF', async () => {
  const r = await recognize(fixture('en-2pages.tiff'), { engine: 'tesseract', languages: 'eng', pages: '2' });
  expect(r.pages.map((p) => p.page)).toEqual([2]);
  expect(r.source.pages).toBe(2);
  expect(r.pages[0].lines).toHaveLength(4);
});
