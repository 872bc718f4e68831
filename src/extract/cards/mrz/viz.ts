import { charValue, WEIGHTS } from './layouts';
import { realDate } from '../../validators';

/**
 * The visual zone of a travel document: what is printed above the MRZ for people to read. Its labels vary by
 * issuer and language and OCR garbles the small print, so it is read for values, not labels: the dates it prints
 * (12 AUG 1974, 12 AOÛT/AUG 74, 12.08.1974) and the codes it prints (document numbers). The MRZ stays the source
 * of every field; the visual zone only answers where a check digit of the MRZ fails.
 */
export interface VisualZone {
  /** Every date printed, as YYYY-MM-DD. */
  dates: string[];
  /** Every run of 6–12 letters and digits with at least one digit, as printed (document numbers among them). */
  codes: string[];
}

const MONTHS: Record<string, number> = {
  JAN: 1, FEB: 2, FEV: 2, FÉV: 2, MAR: 3, MRZ: 3, MÄR: 3, APR: 4, AVR: 4, ABR: 4, MAY: 5, MAI: 5, MAG: 5, JUN: 6, JUIN: 6,
  JUI: 6, JUL: 7, JUIL: 7, LUG: 7, AUG: 8, AOU: 8, AOÛ: 8, AGO: 8, SEP: 9, SET: 9, OCT: 10, OKT: 10, OTT: 10, NOV: 11, DEC: 12, DÉC: 12, DEZ: 12, DIC: 12,
};

export function readVisualZone(lines: string[]): VisualZone {
  const dates = new Set<string>();
  const codes = new Set<string>();
  for (const raw of lines) {
    const text = raw.toUpperCase();
    // 12 AUG 1974, 07JUN 1984, 12 AOÛT/AUG 74
    for (const m of text.matchAll(/(\d{1,2})\s*([A-ZÀ-Ü]{3,4})\.?(?:\s*\/\s*[A-ZÀ-Ü]{3,4}\.?)?\s*(\d{4}|\d{2})(?!\d)/g)) {
      const month = MONTHS[m[2]] ?? MONTHS[m[2].slice(0, 3)];
      if (month) add(dates, m[3], month, Number(m[1]));
    }
    // 12.08.1974, 12/08/1974, 12-08-1974
    for (const m of text.matchAll(/(?<!\d)(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?!\d)/g)) add(dates, m[3], Number(m[2]), Number(m[1]));
    for (const m of text.matchAll(/(?<![A-Z0-9])[A-Z0-9]{6,12}(?![A-Z0-9])/g)) if (/\d/.test(m[0])) codes.add(m[0]);
  }
  return { dates: [...dates], codes: [...codes] };
}

function add(dates: Set<string>, year: string, month: number, day: number): void {
  let y = Number(year);
  if (year.length === 2) y += y > (new Date().getUTCFullYear() % 100) + 20 ? 1900 : 2000;
  const date = realDate(y, month, day, true);
  if (date) dates.add(date);
}

/** ICAO 9303 check digit of a field's characters. */
export function checkDigitOf(text: string): number {
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum += charValue(text[i]) * WEIGHTS[i % 3];
  return sum % 10;
}

/** A YYYY-MM-DD date as the MRZ writes it, YYMMDD. */
export function mrzDateOf(date: string): string {
  return date.slice(2, 4) + date.slice(5, 7) + date.slice(8, 10);
}
