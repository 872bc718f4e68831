import { checkVin } from '../validators';

/**
 * A VIN from what was read: 17 characters of its alphabet (no I, O, Q: read as 1, 0, 0), the window that passes the
 * ISO 3779 check digit preferred; a character the VIN's structure rules out (a letter among the serial's digits)
 * repaired by the check digit when exactly one of its look-alikes makes it pass (GB 16735 makes the check digit
 * mandatory on Chinese VINs).
 */
export interface VinReading {
  value: string;
  checkDigit: boolean;
  /** the reading before a repair, when one was made */
  repairedFrom?: string;
}

/** Characters OCR takes for one another in a printed VIN. */
const LOOK_ALIKES: Record<string, string> = {
  '0': 'DU',
  D: '0',
  U: '0V',
  '1': '7L',
  '7': '1',
  L: '1',
  '2': 'Z',
  Z: '2',
  '5': 'S',
  S: '5',
  '6': 'G',
  G: '6',
  '8': 'B3',
  B: '8',
  '3': '8',
  V: 'UY',
  Y: 'V',
  M: 'N',
  N: 'MH',
  H: 'N',
  W: 'V',
  '4': 'A',
  A: '4',
  T: '7',
  J: '1',
};

export function readVin(text: string): VinReading | null {
  const cleaned = text
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .replace(/O/g, '0')
    .replace(/Q/g, '0')
    .replace(/I/g, '1');
  if (cleaned.length < 17) return null;
  const windows = Array.from({ length: cleaned.length - 16 }, (_, i) => cleaned.slice(i, i + 17));
  const passing = windows.find(checkVin);
  if (passing) return { value: passing, checkDigit: true };
  // the value is the label's whole value: its first 17 characters, unless a passing repair lies in another window
  for (const w of windows) {
    const repaired = repairOne(w);
    if (repaired) return { value: repaired, checkDigit: true, repairedFrom: w };
  }
  return { value: windows[0], checkDigit: false };
}

/**
 * Positions whose character no VIN may carry (ISO 3779): the 9th is the check digit (0–9 or X), the 10th the model
 * year (never U, Z or 0), the 14th to 17th the serial number's digits.
 */
function structuralFaults(vin: string): number[] {
  const out: number[] = [];
  if (!/[0-9X]/.test(vin[8])) out.push(8);
  if (/[UZ0]/.test(vin[9])) out.push(9);
  for (let i = 13; i < 17; i++) if (!/\d/.test(vin[i])) out.push(i);
  return out;
}

/**
 * The one look-alike swap that makes `vin` pass, at the one position where the reading breaks the VIN's structure
 * (a letter in the serial, a 10th character no model year has): there the slip is known to be. Anywhere else the
 * check digit can only tell that something is wrong: a mod-11 check passes one wrong swap in eleven, and among the
 * thirty-odd look-alike swaps of a reading one usually passes by chance.
 */
function repairOne(vin: string): string | null {
  const faults = structuralFaults(vin);
  if (faults.length !== 1) return null;
  const at = faults[0];
  const found = new Set<string>();
  for (const c of LOOK_ALIKES[vin[at]] ?? '') {
    const candidate = vin.slice(0, at) + c + vin.slice(at + 1);
    if (checkVin(candidate) && structuralFaults(candidate).length === 0) found.add(candidate);
  }
  return found.size === 1 ? [...found][0] : null;
}

/** A 17-character run anywhere in the text that passes its check digit: the VIN when its label was not read. */
export function findVin(texts: readonly string[]): string | null {
  for (const t of texts) {
    for (const m of t.toUpperCase().matchAll(/[A-HJ-NPR-Z0-9]{17,}/g)) {
      const hit = readVin(m[0]);
      if (hit?.checkDigit && !hit.repairedFrom && /[A-Z]/.test(hit.value) && /\d/.test(hit.value)) return hit.value;
    }
  }
  return null;
}
