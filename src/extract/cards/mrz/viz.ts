import { realDate } from '../../validators';
import { monthByName } from '../../receipts/dates';

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

/** Abbreviations passports print that the shared month table does not hold (it knows JUIN but not JUIL). */
const PASSPORT_MONTHS: Record<string, number> = { JUIL: 7, MRZ: 3 };

export function readVisualZone(lines: string[]): VisualZone {
  const dates = new Set<string>();
  const codes = new Set<string>();
  for (const raw of lines) {
    const text = raw.toUpperCase();
    // 12 AUG 1974, 07JUN 1984, 12 AOÛT/AUG 74
    for (const m of text.matchAll(/(\d{1,2})\s*([A-ZÀ-Ü]{3,4})\.?(?:\s*\/\s*[A-ZÀ-Ü]{3,4}\.?)?\s*(\d{4}|\d{2})(?!\d)/g)) {
      const month = monthByName(m[2]) ?? monthByName(m[2].slice(0, 3)) ?? PASSPORT_MONTHS[m[2]];
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

/** A YYYY-MM-DD date as the MRZ writes it, YYMMDD. */
export function mrzDateOf(date: string): string {
  return date.slice(2, 4) + date.slice(5, 7) + date.slice(8, 10);
}
