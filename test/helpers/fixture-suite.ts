import { recognize, shutdown } from '../../src';
import type { EngineName, RecognitionResult } from '../../src';
import { cer } from './cer';
import { fixture, manifest } from './paths';

export type Bounds = Record<string, { en: number; zh: number }>;

/** Every generated fixture through one engine: CER per class, orientation, one line per printed line, geometry. */
export function describeFixtures(engine: EngineName, bounds: Bounds): void {
  afterAll(() => shutdown());
  const entries = manifest();

  describe.each(entries.map((e) => [e.file, e] as const))(`${engine} reads %s`, (_file, entry) => {
    let result: RecognitionResult;
    beforeAll(async () => {
      result = await recognize(fixture(entry.file), { engine, languages: entry.languages });
    });

    test('text within the CER bound of its class', () => {
      const expected = (entry.pages ?? [entry.lines]).map((p) => p.join('\n')).join('\n');
      const bound = bounds[entry.class][entry.languages === 'eng' ? 'en' : 'zh'];
      expect(cer(expected, result.text.replace(/\f/g, '\n'))).toBeLessThanOrEqual(bound);
    });

    test('orientation detected and reported', () => {
      for (const p of result.pages) {
        expect((((Math.round(p.rotation / 90) * 90) % 360) + 360) % 360).toBe(entry.rotation);
      }
      if (entry.class === 'skewed') expect(Math.abs(result.pages[0].rotation)).toBeGreaterThan(1.5);
      if (entry.class !== 'skewed') expect(Math.abs(result.pages[0].rotation - entry.rotation)).toBeLessThan(1);
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
          expect(line.bbox.x).toBeGreaterThanOrEqual(0);
          expect(line.bbox.y).toBeGreaterThanOrEqual(0);
          expect(line.bbox.x + line.bbox.width).toBeLessThanOrEqual(page.width);
          expect(line.bbox.y + line.bbox.height).toBeLessThanOrEqual(page.height);
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
      expect(result.engine).toBe(engine);
    });
  });

  test('lines of one page appear in reading order (top to bottom)', async () => {
    const entry = entries.find((e) => e.file === 'en-sans-30.png')!;
    const r = await recognize(fixture(entry.file), { engine, languages: 'eng' });
    expect(r.text.split('\n')).toEqual(entry.lines);
    const ys = r.pages[0].lines.map((l) => l.bbox.y);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
  });

  test('the pages option picks pages of a multi-page TIFF', async () => {
    const r = await recognize(fixture('en-2pages.tiff'), { engine, languages: 'eng', pages: '2' });
    expect(r.pages.map((p) => p.page)).toEqual([2]);
    expect(r.source.pages).toBe(2);
    expect(r.pages[0].lines).toHaveLength(4);
  });
}
