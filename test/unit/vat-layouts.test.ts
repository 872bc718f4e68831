import { layoutFromRuns, type GlyphRun } from '../../src/input/textLayer';
import { rowStartingWith } from '../../src/extract/rows';
import { withCategoryMarks } from '../../src/extract/receipts/vatItems';
import type { TextLine } from '../../src/extract/text';
import { amountInWords } from '../fixtures/vat/model';
import { parseChineseAmount } from '../../src/extract/receipts/money';

/** A run of evenly advancing glyphs: `em` px a CJK character, half that for the rest. */
function run(text: string, x: number, baseline: number, em = 20): GlyphRun {
  const xs: number[] = [];
  let at = x;
  for (const c of text) {
    xs.push(at);
    at += /[\u4e00-\u9fff（）]/.test(c) ? em : em / 2;
  }
  return { text, xs, right: at, baseline, fontSize: em };
}

const line = (text: string, x: number, y: number, width = 20 * text.length): TextLine => ({
  text,
  raw: text,
  confidence: 1,
  page: 1,
  bbox: { x, y, width, height: 20 },
});

describe('text-layer words at run boundaries', () => {
  it('keeps a cell that starts a few points after a wrapped name apart from it', () => {
    // …安装调 ends at 180, the next cell's M720 starts 6 px (0.3 em) later: two words, though CJK_SPACE is 0.8 em
    const page = layoutFromRuns([run('鼠标（含安装调', 40, 100), run('M720', 186, 100)]);
    expect(page.lines.flatMap((l) => l.words.map((w) => w.text))).toEqual(['鼠标（含安装调', 'M720']);
  });

  it('still joins runs that abut (a font change inside a word)', () => {
    const page = layoutFromRuns([run('软件', 40, 100), run('开发', 80, 100)]);
    expect(page.lines.flatMap((l) => l.words.map((w) => w.text))).toEqual(['软件开发']);
  });
});

describe('labels spread over a row', () => {
  it('finds 合计 as one line, spaced, or as two pieces of text', () => {
    expect(rowStartingWith([line('合计', 40, 300), line('¥10.00', 400, 300)], '合计')).toHaveLength(2);
    const spread = [line('合', 40, 300), line('计', 120, 301), line('¥10.00', 400, 300), line('价税合计(大写)', 40, 330)];
    expect(rowStartingWith(spread, '合计')?.map((l) => l.text)).toEqual(['合', '计', '¥10.00']);
    expect(rowStartingWith([line('价税合计(大写)', 40, 330)], '合计')).toBeNull();
  });
});

describe('item names', () => {
  it('restores the tax category’s first asterisk OCR lost', () => {
    expect(withCategoryMarks('"办公用品*激光打印机硒鼓')).toBe('*办公用品*激光打印机硒鼓');
    expect(withCategoryMarks('蔬菜*新鲜蔬菜')).toBe('*蔬菜*新鲜蔬菜');
    expect(withCategoryMarks('*蔬菜*新鲜蔬菜')).toBe('*蔬菜*新鲜蔬菜');
    expect(withCategoryMarks('Model 5*2 cable')).toBe('Model 5*2 cable');
  });
});

describe('the corpus’s amounts in words', () => {
  it('are what the extractor’s own parser reads back', () => {
    for (const v of [9610, 10600, 0.5, 10.05, 100000005, 312858.8, 573563.01, 1005.3]) expect(parseChineseAmount(amountInWords(v))).toBeCloseTo(v, 2);
    expect(amountInWords(10600)).toBe('壹万零陆佰圆整');
    expect(amountInWords(9610)).toBe('玖仟陆佰壹拾圆整');
  });
});
