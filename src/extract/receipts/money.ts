/** Money as printed: `¥10,600.00`, `10600.00元`, `-12.5` → a number with two decimals, or null. */
export function parseAmount(text: string): number | null {
  const n = parseDecimal(text);
  return n === null ? null : Math.round(n * 100) / 100;
}

/** A number as printed, to every decimal (a unit price of 88.49557522, a quantity of 2.5): `¥`, spaces and `,` dropped. */
export function parseDecimal(text: string): number | null {
  const m = /-?\d[\d,]*(?:\.\d+)?/.exec(text.replace(/[¥￥\s]/g, ''));
  if (!m) return null;
  const n = Number(m[0].replace(/,/g, ''));
  return Number.isFinite(n) ? n : null;
}

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 壹: 1, 贰: 2, 貳: 2, 叁: 3, 參: 3, 肆: 4, 伍: 5, 陆: 6, 陸: 6, 柒: 7, 捌: 8, 玖: 9, 两: 2 };
const SMALL_UNITS: Record<string, number> = { 拾: 10, 佰: 100, 仟: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

/**
 * An amount in Chinese capital numerals, as on invoices (`壹万零陆佰圆整`, `叁拾捌元伍角陆分`, `壹拾圆零伍分`, `负…`), → a number;
 * null when the text is not one. Parsed, not matched against a formatter, so 圆/元 and 整/正 spellings all read.
 */
export function parseChineseAmount(text: string): number | null {
  let s = text.replace(/[\s⊗ⓧ]/g, '').replace(/^[(（]?大写[)）]?[:：]?/, '');
  let sign = 1;
  if (/^[负負]/.test(s)) {
    sign = -1;
    s = s.slice(1);
  }
  const m =
    /^([零〇壹贰貳叁參肆伍陆陸柒捌玖两拾佰仟万萬亿億]*)[圆元圓]?零?(?:([零壹贰貳叁參肆伍陆陸柒捌玖])角)?(?:([零壹贰貳叁參肆伍陆陸柒捌玖])分)?[整正]?$/.exec(s);
  if (!m || s === '' || (!m[1] && !m[2] && !m[3])) return null;
  const integer = m[1] ? integerPart(m[1]) : 0;
  if (integer === null) return null;
  const jiao = m[2] ? DIGITS[m[2]] : 0;
  const fen = m[3] ? DIGITS[m[3]] : 0;
  return (sign * Math.round((integer + jiao / 10 + fen / 100) * 100)) / 100;
}

function integerPart(text: string): number | null {
  let total = 0;
  let section = 0;
  let digit = 0;
  let seenDigit = false;
  for (const ch of text) {
    if (ch in DIGITS) {
      digit = DIGITS[ch];
      seenDigit = true;
    } else if (ch in SMALL_UNITS) {
      section += (seenDigit ? digit : 1) * SMALL_UNITS[ch];
      digit = 0;
      seenDigit = false;
    } else if (ch in BIG_UNITS) {
      const unit = BIG_UNITS[ch];
      section += digit;
      total = unit === 1e8 ? (total + section) * unit : total + section * unit;
      section = 0;
      digit = 0;
      seenDigit = false;
    } else return null;
  }
  return total + section + digit;
}

export interface MoneyAt {
  value: number;
  index: number;
  /** a currency sign or code was written with it */
  marked: boolean;
}

/**
 * Amounts written the Western way, in any order of separators: `$1,234.56`, `€ 1.234,56`, `34,73`, `29.99 €`,
 * `-9,32`. The last `.` or `,` followed by exactly two digits is the decimal mark, the others group thousands.
 * Integers count only with a currency mark (`€ 12`); percentages (`21%`, `14.50%`) never do. Space-grouped
 * thousands are not read (a quantity followed by a price, `1 278.61`, must stay two numbers).
 */
export function moneyIn(text: string): MoneyAt[] {
  const out: MoneyAt[] = [];
  const pattern =
    /([$€£¥￥]|\b(?:EUR|USD|GBP|CNY|RMB|INR|CHF)\b)?\s?(-?)(\d{1,3}(?:[.,]\d{3})*(?:[.,]\d{2})?|\d+(?:[.,]\d{2})?)(?!\d|[.,]\d|\s?%)\s?([$€£¥￥]|\b(?:EUR|USD|GBP|CNY|RMB|INR|CHF)\b)?/g;
  for (const m of text.matchAll(pattern)) {
    const number = m[3];
    const marked = Boolean(m[1] || m[4]);
    const decimal = /[.,]\d{2}$/.test(number);
    if (!decimal && !marked) continue;
    const digits = decimal ? number.slice(0, -3).replace(/[.,]/g, '') + '.' + number.slice(-2) : number.replace(/[.,]/g, '');
    const value = Number((m[2] ? '-' : '') + digits);
    if (Number.isFinite(value)) out.push({ value: Math.round(value * 100) / 100, index: m.index ?? 0, marked });
  }
  return out;
}
