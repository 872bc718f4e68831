/**
 * Chinese resident identity number (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence (odd for
 * men, even for women), and an ISO 7064 MOD 11-2 check character.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** Province-level codes of GB/T 2260 (the first two digits): a number outside them is not a resident ID. */
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

export interface IdNumberCheck {
  /** the check character agrees (ISO 7064 MOD 11-2) */
  checksum: boolean;
  /** the birth date is a real date, not in the future */
  birthDate: boolean;
  /** the first two digits are a province code */
  region: boolean;
  valid: boolean;
}

export function checkIdNumber(id: string): IdNumberCheck {
  if (!/^\d{17}[\dX]$/.test(id)) return { checksum: false, birthDate: false, region: false, valid: false };
  const checksum = idCheckChar(id.slice(0, 17)) === id[17];
  const birthDate = birthDateOf(id) !== null;
  const region = PROVINCES.has(id.slice(0, 2));
  return { checksum, birthDate, region, valid: checksum && birthDate && region };
}

/** `YYYY-MM-DD` from digits 7–14, or null when that is not a real past date. */
export function birthDateOf(id: string): string | null {
  const m = /^\d{6}(\d{4})(\d{2})(\d{2})/.exec(id);
  if (!m) return null;
  return realDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** 男 for an odd sequence digit (the 17th), 女 for an even one. */
export function sexOf(id: string): '男' | '女' | null {
  const d = id[16];
  return d !== undefined && /\d/.test(d) ? (Number(d) % 2 === 1 ? '男' : '女') : null;
}

export function realDate(year: number, month: number, day: number, allowFuture = false): string | null {
  if (year < 1850 || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  if (!allowFuture && date.getTime() > Date.now()) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
