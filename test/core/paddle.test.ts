import path from 'node:path';
import sharp from 'sharp';
import { textPage } from '../helpers/render';
import { recognize, shutdown } from '../../src';
import { fixture, SHARED_DATA, hasSharedData } from '../helpers/paths';

afterAll(() => shutdown());

test('an amount in Chinese capital numerals is read exactly, with full-width punctuation', async () => {
  const r = await recognize(fixture('zh-notoserif-32.png'), { engine: 'paddle' });
  expect(r.text.split('\n')).toContain('价税合计（大写）：壹仟贰佰叁拾肆元伍角陆分');
  expect(r.text.split('\n')).toContain('纳税人识别号：91110108MA01ABCD2X');
});

test('mixed Chinese/English lines keep ASCII punctuation on the English side', async () => {
  const r = await recognize(fixture('mixed-wqy-30.png'), { engine: 'paddle' });
  // a space of ordinary width next to Chinese is dropped (docs/result.md); the colon stays ASCII after Latin
  expect(r.text.split('\n')).toContain('邮箱Email: service@yunfan.cn');
});

test.each(['paddle', 'tesseract'] as const)('%s: a page with no text is an empty result, not an error', async (engine) => {
  const blank = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#f4f4f0' } })
    .png()
    .toBuffer();
  const r = await recognize(blank, { engine });
  expect(r.text).toBe('');
  expect(r.pages).toHaveLength(1);
  expect(r.pages[0].lines).toEqual([]);
});

test('text far inside blank paper is found where it is: the detector sees only the inked window', async () => {
  // a tall page (scaled down for detection) with two lines in its lower right, everything else blank
  const png = textPage(1800, 2500, '44px WQY', [
    { text: '发票号码 04403190', x: 1100, y: 2100 },
    { text: 'Total 1,234.56', x: 1100, y: 2200 },
  ]);
  const r = await recognize(png, { engine: 'paddle' });
  expect(r.pages[0].lines.map((l) => l.text)).toEqual(['发票号码04403190', 'Total 1,234.56']);
  const [first, second] = r.pages[0].lines.map((l) => l.bbox);
  // baselines at y 2100 and 2200 with 44-px text: boxes a few pixels around the glyphs, in page pixels
  expect(first.x).toBeGreaterThan(1085);
  expect(first.x).toBeLessThan(1105);
  expect(first.y).toBeGreaterThan(2050);
  expect(first.y + first.height).toBeLessThan(2120);
  expect(second.y).toBeGreaterThan(2150);
  expect(second.y + second.height).toBeLessThan(2220);
});

test('pages of different sizes in turn: each read from its own pixels, whatever buffer the last one left', async () => {
  // the worker's spare buffer is sized by the page before: larger (a view on part of it), smaller (a new one), equal
  const expectations: Array<[string, string]> = [
    ['a4-mixed-300dpi.png', '增值税电子普通发票'],
    ['zh-wqy-34.png', '增值税电子普通发票'],
    ['en-serif-26.png', 'Invoice number INV-2024-0815 dated 12 March 2024'],
    ['a4-mixed-300dpi.png', '增值税电子普通发票'],
    ['a4-mixed-300dpi.png', '增值税电子普通发票'],
  ];
  const first = new Map<string, string>();
  for (const [file, line] of expectations) {
    const r = await recognize(fixture(file), { engine: 'paddle' });
    expect(r.text.split('\n')[0]).toBe(line);
    // the same page reads the same every time
    if (first.has(file)) expect(r.text).toBe(first.get(file));
    else first.set(file, r.text);
  }
});

describe('engine: auto', () => {
  test('Chinese goes to paddle, plain English to tesseract', async () => {
    expect((await recognize(fixture('zh-wqy-34.png'))).engine).toBe('paddle');
    expect((await recognize(fixture('en-serif-26.png'), { languages: 'eng' })).engine).toBe('tesseract');
  });
});

test('the host event loop keeps running while a page is recognized', async () => {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 20);
  const t0 = Date.now();
  await recognize(fixture('a4-mixed-300dpi.png'), { engine: 'paddle' });
  clearInterval(timer);
  const expected = (Date.now() - t0) / 20;
  // inference runs in worker threads: the main thread is free for the workflow engine
  expect(ticks).toBeGreaterThan(expected * 0.5);
});

test('a page past its deadline fails with TIMEOUT promptly, and the engine recovers', async () => {
  await recognize(fixture('zh-wqy-34.png'), { engine: 'paddle' }); // workers up
  const t0 = Date.now();
  await expect(recognize(fixture('a4-mixed-300dpi.png'), { engine: 'paddle', timeoutMs: 400 })).rejects.toMatchObject({ code: 'TIMEOUT' });
  expect(Date.now() - t0).toBeLessThan(1500);
  const r = await recognize(fixture('zh-wqy-34.png'), { engine: 'paddle' });
  expect(r.text.split('\n')[0]).toBe('增值税电子普通发票');
});

(hasSharedData ? test : test.skip)('real sample: traditional Chinese (chinese.png) is read exactly', async () => {
  const r = await recognize(path.join(SHARED_DATA, 'tesseractjs', 'chinese.png'), { languages: 'chi_tra' });
  expect(r.engine).toBe('paddle');
  expect(r.text).toBe('繁體中文測試');
});
