/**
 * Unified social credit code (GB 32100-2015): 18 characters from a 31-character set (no I, O, S, V, Z), the last a
 * check character over weights 3^i mod 31.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function usccCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARSET.indexOf(first17[i]);
    if (v < 0) return null;
    sum += v * WEIGHTS[i];
  }
  return CHARSET[(31 - (sum % 31)) % 31];
}

/**
 * A credit code as read, or with O and I read as 0 and 1 when only that makes its check character right: the
 * code's alphabet has no O or I, and OCR confuses them with the digits.
 */
export function repairUscc(code: string): string {
  if (code.length !== 18 || checkUscc(code) || !/[OI]/.test(code)) return code;
  const digits = code.replace(/O/g, '0').replace(/I/g, '1');
  return checkUscc(digits) ? digits : code;
}

export function checkUscc(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  return usccCheckChar(code.slice(0, 17)) === code[17];
}
