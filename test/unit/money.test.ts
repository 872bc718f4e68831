import { parseAmount, parseChineseAmount } from '../../src/extract/receipts/money';

describe('amounts in Chinese capital numerals', () => {
  test.each([
    ['壹万零陆佰圆整', 10600],
    ['玖仟陆佰壹拾元整', 9610],
    ['叁拾捌元伍角陆分', 38.56],
    ['壹拾贰万叁仟肆佰伍拾陆元柒角捌分', 123456.78],
    ['伍拾万零叁佰元整', 500300],
    ['玖亿零伍万元整', 900050000],
    ['拾元整', 10],
    ['零元伍角', 0.5],
    ['壹佰零捌圆正', 108],
    ['⊗壹仟元整', 1000],
    ['负壹佰元整', -100],
  ])('%s = %d', (words, value) => {
    expect(parseChineseAmount(words)).toBe(value);
  });

  test('text that is not an amount is null', () => {
    expect(parseChineseAmount('财天下科技有限公司')).toBeNull();
    expect(parseChineseAmount('')).toBeNull();
  });
});

describe('amounts in figures', () => {
  test('currency signs, thousands separators and labels are ignored', () => {
    expect(parseAmount('(小写)¥10,600.00')).toBe(10600);
    expect(parseAmount('￥-12.5')).toBe(-12.5);
    expect(parseAmount('无')).toBeNull();
  });
});
