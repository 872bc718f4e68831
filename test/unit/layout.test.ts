import { mergeWords, normalizeWidth } from '../../src/layout/text';
import { orderLines } from '../../src/layout/order';
import type { Line, Word } from '../../src/result';

const word = (text: string, x: number, width: number, confidence = 0.9): Word => ({ text, confidence, bbox: { x, y: 0, width, height: 30 } });
const line = (text: string, x: number, y: number, width = 200, height = 30): Line => ({ text, confidence: 0.9, bbox: { x, y, width, height }, words: [] });

describe('mergeWords: CJK runs without spaces, Latin spaces kept', () => {
  test('adjacent Han characters become one word with the weakest confidence', () => {
    const r = mergeWords([word('发', 0, 30, 0.9), word('票', 31, 30, 0.7), word('号', 62, 30, 0.95)], 30);
    expect(r.text).toBe('发票号');
    expect(r.words).toHaveLength(1);
    expect(r.words[0].confidence).toBe(0.7);
    expect(r.words[0].bbox).toEqual({ x: 0, y: 0, width: 92, height: 30 });
  });
  test('Latin words keep their spaces', () => {
    expect(mergeWords([word('Total', 0, 80), word('amount', 95, 100)], 30).text).toBe('Total amount');
  });
  test('Han next to digits joins; a wide gap (label … value) stays a space', () => {
    expect(mergeWords([word('合计', 0, 60), word('68.00', 64, 70), word('元', 136, 30)], 30).text).toBe('合计68.00元');
    expect(mergeWords([word('姓名', 0, 60), word('张三', 120, 60)], 30).text).toBe('姓名 张三');
  });
});

describe('orderLines: rows top to bottom, left to right, columns when a gutter runs through', () => {
  test('a label and its value on one row stay together', () => {
    const lines = [line('value 2', 300, 52), line('label 1', 0, 0), line('value 1', 300, 2), line('label 2', 0, 50)];
    expect(orderLines(lines).map((l) => l.text)).toEqual(['label 1', 'value 1', 'label 2', 'value 2']);
  });
  test('two text columns are read one after the other', () => {
    const left = [0, 40, 80, 120].map((y, i) => line(`L${i}`, 0, y, 300));
    const right = [0, 40, 80, 120].map((y, i) => line(`R${i}`, 400, y + 5, 300));
    expect(orderLines([...right, ...left]).map((l) => l.text)).toEqual(['L0', 'L1', 'L2', 'L3', 'R0', 'R1', 'R2', 'R3']);
  });
  test('a heading across both columns comes first', () => {
    const heading = line('Title', 0, -80, 700);
    const left = [0, 40, 80].map((y, i) => line(`L${i}`, 0, y, 300));
    const right = [0, 40, 80].map((y, i) => line(`R${i}`, 400, y, 300));
    expect(orderLines([...right, heading, ...left]).map((l) => l.text)).toEqual(['Title', 'L0', 'L1', 'L2', 'R0', 'R1', 'R2']);
  });
});

describe('orderLines keeps forms row by row', () => {
  test('short labels with values over many rows are not columns', () => {
    const rows = [0, 40, 80, 120, 160].flatMap((y, i) => [line(`label${i}`, 0, y, 90), line(`value${i}`, 200, y + 2, 120)]);
    expect(orderLines(rows.reverse()).map((l) => l.text)).toEqual(['label0', 'value0', 'label1', 'value1', 'label2', 'value2', 'label3', 'value3', 'label4', 'value4']);
  });
});

describe('normalizeWidth: one spelling for full- and half-width forms', () => {
  test.each([
    ['名称:北京', '名称：北京'],
    ['价税合计(大写):壹仟', '价税合计（大写）：壹仟'],
    ['Total： 12，30', 'Total: 12,30'],
    ['Ｔｏｔａｌ１２３', 'Total123'],
    ['（备注）', '（备注）'],
    ['(Note)', '(Note)'],
    ['金额 ¥1,234.00', '金额 ¥1,234.00'],
  ])('%p → %p', (input, expected) => {
    expect(normalizeWidth(input)).toBe(expected);
  });
});
