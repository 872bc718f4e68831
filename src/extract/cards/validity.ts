import { chineseDate } from '../form';

/** A card's validity: from and to (`长期` when it does not expire), and the duration when the card printed one. */
export interface Validity {
  from: string;
  to: string;
  years?: number;
}

const DATE = String.raw`\d{4}\D{1,2}\d{1,2}\D{1,2}\d{1,2}日?`;
const RANGE = new RegExp(`(${DATE})\\D{0,3}?(?:至|到|-|—|–|~|\\s)*\\D{0,2}?(${DATE}|长期)`);

/**
 * The validity printed after 有效期限: a range (2016-05-12至2026-05-12, 2016.05.12-2026.05.12, the two dates glued
 * by a lost 至, or …至长期), or a duration (6年, 十年) counted from `start` (the card's 有效起始日期).
 */
export function validityOf(text: string, start: string | null): Validity | null {
  const range = RANGE.exec(text);
  if (range) {
    const from = chineseDate(range[1]);
    const to = range[2] === '长期' ? '长期' : chineseDate(range[2]);
    if (from && to) return { from, to };
  }
  const years = durationYears(text);
  if (years && start) return { from: start, to: addYears(start, years), years };
  return null;
}

const CHINESE_NUMBERS: Record<string, number> = { 六: 6, 十: 10, 二十: 20 };

/** The same day `years` later; 29 February in a year without one is the 28th. */
function addYears(date: string, years: number): string {
  const later = `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;
  return chineseDate(later) ?? later.replace(/-29$/, '-28');
}

function durationYears(text: string): number | null {
  const digits = /(?<!\d)(\d{1,2})\s*年/.exec(text);
  if (digits) return Number(digits[1]) || null;
  const words = /(二十|十|六)年/.exec(text);
  return words ? CHINESE_NUMBERS[words[1]] : null;
}
