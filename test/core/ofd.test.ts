import { readFileSync } from 'node:fs';
import path from 'node:path';
import { recognize, shutdown } from '../../src';
import { expandDeltas } from '../../src/input/ofd/document';
import { cer } from '../helpers/cer';
import { GENERATED, fixture, SHARED_DATA, hasSharedData } from '../helpers/paths';
import { badOfds, type OfdFixture } from '../fixtures/ofd';

afterAll(() => shutdown());

const ofds: OfdFixture[] = JSON.parse(readFileSync(path.join(GENERATED, 'ofd-manifest.json'), 'utf8'));

test('DeltaX "g" notation expands', () => {
  expect(expandDeltas('g 3 1.5 2 g 2 0.5')).toEqual([1.5, 1.5, 1.5, 2, 0.5, 0.5]);
  expect(expandDeltas('3.175 3.175')).toEqual([3.175, 3.175]);
  expect(expandDeltas(undefined)).toEqual([]);
});

describe('generated OFD packages', () => {
  test('digital: template labels and CTM-scaled values join into exact lines, in 300-dpi pixels', async () => {
    const fx = ofds.find((o) => o.file === 'ofd-text.ofd')!;
    const r = await recognize(fixture(fx.file));
    expect(r.engine).toBe('text-layer');
    expect(r.source.mimeType).toBe('application/zip');
    expect(r.text.split('\n')).toEqual(fx.lines);
    const page = r.pages[0];
    expect(page.source).toBe('text-layer');
    expect(page.scale).toBeCloseTo(300 / 25.4, 5);
    // 210 × 140 mm at 300 dpi
    expect([page.width, page.height]).toEqual([2480, 1654]);
    // the first label starts 20 mm from the left edge
    expect(page.lines[0].bbox.x).toBeCloseTo(20 * (300 / 25.4), -1);
  });

  test('scanned: the page image is recognized', async () => {
    const fx = ofds.find((o) => o.file === 'ofd-scan.ofd')!;
    const r = await recognize(fixture(fx.file));
    expect(r.pages[0].source).toBe('ocr');
    expect(cer(fx.lines.join('\n'), r.text)).toBeLessThanOrEqual(0.01);
  });

  test('pdfMode text never OCRs an OFD scan', async () => {
    const r = await recognize(fixture('ofd-scan.ofd'), { pdfMode: 'text' });
    expect(r.text).toBe('');
    expect(r.warnings.join()).toMatch(/no text was found/);
  });

  describe.each(badOfds(readFileSync(fixture('ofd-text.ofd'))).map((b) => [b.name, b] as const))('%s', (_name, bad) => {
    test(`→ ${bad.code}, quickly`, async () => {
      const t0 = Date.now();
      await expect(recognize(Buffer.from(bad.bytes))).rejects.toMatchObject({ code: bad.code });
      expect(Date.now() - t0).toBeLessThan(3000);
    });
  });
});

(hasSharedData ? describe : describe.skip)('real OFD files (../shared/data/ofd)', () => {
  const read = (name: string) => recognize(path.join(SHARED_DATA, 'ofd', name));

  test("999.ofd: the invoice's fields agree with the values its producer recorded in CustomDatas", async () => {
    const r = await read('999.ofd');
    const lines = r.text.split('\f')[0].split('\n');
    expect(lines[0]).toBe('重庆增值税电子普通发票');
    expect(lines).toContain('发票代码：050001700111');
    expect(lines).toContain('发票号码：12235358');
    expect(lines).toContain('开票日期：2020年08月05日');
    expect(lines).toContain('校验码：16630282980991510014');
    expect(r.text).toContain('财天下科技有限公司');
    expect(r.text).toContain('91500102563638729E');
    expect(r.pages).toHaveLength(5);
    expect(r.pages.every((p) => p.source === 'text-layer')).toBe(true);
    expect(r.warnings.join()).toMatch(/1 electronic signature or seal; they were not verified/);
  });

  test('fptpl.ofd: the same invoice as a template-based file reads the same first page', async () => {
    const [a, b] = await Promise.all([read('fptpl.ofd'), read('999.ofd')]);
    expect(a.text).toBe(b.text.split('\f')[0]);
  });

  test('helloworld.ofd', async () => {
    expect((await read('helloworld.ofd')).text).toBe('你好呀，OFD Reader&Writer!');
  });

  test('n.ofd: an official document, two pages, in reading order', async () => {
    const r = await read('n.ofd');
    const lines = r.text.split('\n');
    expect(lines[0]).toBe('测试符路桥区卫生局文件');
    expect(lines[1]).toBe('路卫发〔2011〕76号');
    expect(r.pages).toHaveLength(2);
  });

  test('doc1File.ofd: eleven pages of text', async () => {
    const r = await read('doc1File.ofd');
    expect(r.pages).toHaveLength(11);
    expect(r.text.split('\n')[1]).toBe('2、十年生死两茫茫，不思量，自难忘。――《江城子》');
  });

  test('zsbk.ofd and keyword.ofd: certificates', async () => {
    expect((await read('zsbk.ofd')).text).toContain('建筑工程施工许可证');
    expect((await read('keyword.ofd')).text).toContain('中国建设银行股份有限公司泰安分行');
  });

  test('h.ofd: no text anywhere (only shapes and seals): empty pages, each said, signatures noted', async () => {
    const r = await read('h.ofd');
    expect(r.text.replace(/\f/g, '')).toBe('');
    expect(r.pages).toHaveLength(5);
    expect(r.warnings.filter((w) => /no text was found/.test(w))).toHaveLength(5);
    expect(r.warnings.join()).toMatch(/2 electronic signatures or seals/);
  });

  test('SignScaleError.ofd and draw_param_ref.ofd: invoice codes and numbers', async () => {
    const a = await read('SignScaleError.ofd');
    expect(a.text).toContain('发票代码：033002200211');
    expect(a.text).toContain('发票号码：99934328');
    const b = await read('draw_param_ref.ofd');
    expect(b.text).toContain('发票代码：011002680026');
    expect(b.text).toContain('发票号码：71500013');
  });
});
