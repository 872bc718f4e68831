import { afterLabel, type TextLine } from '../text';
import { checkIdNumber } from '../validators';

/** Letters OCR puts where an ID number has digits. */
const AS_DIGIT: Record<string, string> = {
  O: '0',
  o: '0',
  D: '0',
  Q: '0',
  I: '1',
  l: '1',
  '|': '1',
  i: '1',
  Z: '2',
  z: '2',
  S: '5',
  s: '5',
  B: '8',
  G: '6',
  b: '6',
  q: '9',
  g: '9',
  T: '7',
};
/** Digits OCR mistakes for each other, tried when the check character disagrees. */
const CONFUSED: Record<string, string[]> = {
  '0': ['8', '6', '9'],
  '1': ['7', '4'],
  '3': ['8', '5'],
  '5': ['6', '3', '8'],
  '6': ['5', '8', '0'],
  '7': ['1'],
  '8': ['3', '6', '0', '9'],
  '9': ['8', '0'],
  '4': ['1'],
  '2': ['7'],
};

/** The ID number as read: preferably on the 公民身份号码 line, else any 18-character run of an ID's shape. */
export function findIdNumber(lines: readonly TextLine[]): { value: string; confidence: number } | null {
  const labelled = lines.filter((l) => afterLabel(l.text, '公民身份号码') !== null);
  for (const l of [...labelled, ...lines]) {
    const value = idShape(labelled.includes(l) ? afterLabel(l.text, '公民身份号码')! : l.text);
    if (value) return { value, confidence: l.confidence };
  }
  return null;
}

function idShape(text: string): string | null {
  const mapped = [...text].map((c) => AS_DIGIT[c] ?? c).join('');
  const m = /(?<![\dX])[1-9]\d{16}[\dXx×](?![\dX])/.exec(mapped);
  return m ? m[0].replace(/[x×]/, 'X') : null;
}

/**
 * The number as read when it passes its checks; otherwise the one correction of a commonly confused digit that
 * makes it pass all of them (check character, real birth date, region), when exactly one does.
 */
export function correctIdNumber(read: string): { value: string; valid: boolean; corrected: boolean } {
  if (checkIdNumber(read).valid) return { value: read, valid: true, corrected: false };
  const fixes = new Set<string>();
  for (let i = 0; i < 18; i++) {
    const options =
      i === 17
        ? ['X', ...'0123456789'].filter((c) => c !== read[17] && (read[17] === 'X' || CONFUSED[read[17]]?.includes(c) || c === 'X'))
        : (CONFUSED[read[i]] ?? []);
    for (const c of options) {
      const candidate = read.slice(0, i) + c + read.slice(i + 1);
      if (checkIdNumber(candidate).valid) fixes.add(candidate);
    }
  }
  if (fixes.size === 1) return { value: [...fixes][0], valid: true, corrected: true };
  return { value: read, valid: false, corrected: false };
}
