import type { FieldValue } from '../../result';
import type { Document, Extraction, ExtractorDefinition } from '../registry';
import { afterLabel, textLines, type TextLine } from '../text';
import { birthDateOf, checkIdNumber, realDate, sexOf } from '../validators';
import { correctIdNumber, findIdNumber } from './idNumberReading';
import { isMrzLike } from './mrz/candidates';

/**
 * Chinese resident identity card (居民身份证), front or back. Fields are found after their printed labels, so the
 * layout, the photo crop and the font do not matter; values that wrap (the address) are followed onto the next
 * lines. The ID number's check character, birth date and sex digit correct and confirm what was read.
 */
const FRONT_LABELS = ['姓名', '性别', '民族', '出生', '住址', '公民身份号码'];
const BACK_LABELS = ['签发机关', '有效期限'];
const ALL_LABELS = [...FRONT_LABELS, ...BACK_LABELS];
/** Two-character labels must match exactly (one slip would match too much), except for these common misreadings. */
const MISREAD: Record<string, string[]> = {
  姓名: ['娃名', '妊名', '姓呂', '性名'],
  性别: ['性別', '牲别', '姓别'],
  民族: ['民旅', '民挨', '民施'],
  出生: ['出主', '岀生'],
  住址: ['住扯', '往址', '住趾', '佳址'],
};

const FIELDS = ['side', 'name', 'sex', 'ethnicity', 'birthDate', 'address', 'idNumber', 'issuingAuthority', 'validFrom', 'validTo'] as const;

export const idCard: ExtractorDefinition = {
  type: 'id-card',
  detect(doc) {
    const lines = textLines(doc.pages);
    const labels = ALL_LABELS.filter((label) => labelLine(lines, label) >= 0).length;
    const title = lines.some((l) => l.text.includes('居民身份证')) ? 1 : 0;
    const number = findIdNumber(lines) ? 1 : 0;
    // licences share 姓名, 性别, 住址 and carry an ID number: their titles say they are not ID cards
    const other = /驾驶证|行驶证|营业执照/.test(doc.text) ? 0.3 : 1;
    // a machine-readable zone is a passport's or a travel card's: China's resident card has none
    const mrz = doc.pages.flatMap((p) => p.lines).filter((l) => isMrzLike(l.text)).length >= 2 ? 0.4 : 1;
    return Math.min(1, (labels + title + number) / 3) * other * mrz;
  },
  extract(doc) {
    return extractIdCard(doc);
  },
};

interface Found {
  value: string;
  confidence: number;
}

function extractIdCard(doc: Document): Extraction {
  const lines = textLines(doc.pages);
  const fields: Record<string, FieldValue> = Object.fromEntries(FIELDS.map((f) => [f, null]));
  const fieldConfidence: Record<string, number> = {};
  const checks: Record<string, boolean> = {};
  const warnings: string[] = [];
  const set = (name: string, found: Found | null) => {
    if (!found || found.value === '') return;
    fields[name] = found.value;
    fieldConfidence[name] = round(found.confidence);
  };

  const back = BACK_LABELS.filter((l) => labelLine(lines, l) >= 0).length;
  const front = FRONT_LABELS.filter((l) => labelLine(lines, l) >= 0).length + (findIdNumber(lines) ? 1 : 0);
  const side = back > front ? 'back' : 'front';
  set('side', { value: side, confidence: Math.max(back, front) >= 2 ? 1 : 0.6 });

  if (side === 'back') {
    set('issuingAuthority', valueAfter(lines, '签发机关'));
    const period = validityPeriod(valueAfter(lines, '有效期限', true));
    if (period) {
      set('validFrom', { value: period.from, confidence: period.confidence });
      set('validTo', { value: period.to, confidence: period.confidence });
      checks.validityPeriod = period.to === '长期' || period.to > period.from;
      if (!checks.validityPeriod) warnings.push(`The validity period ${period.from} – ${period.to} ends before it starts; check the reading.`);
    } else {
      warnings.push('The validity period (有效期限) could not be read.');
    }
    return { fields, fieldConfidence, checks, warnings };
  }

  set('name', cleanName(valueAfter(lines, '姓名')));
  const sexLine = valueAfter(lines, '性别');
  const printedSex = sexLine && /^[男女]/.test(sexLine.value) ? { value: sexLine.value[0], confidence: sexLine.confidence } : null;
  const ethnicity = valueAfter(lines, '民族') ?? insideLine(lines, '性别', '民族');
  set('ethnicity', ethnicity ? { value: ethnicity.value.replace(/族$/, ''), confidence: ethnicity.confidence } : null);
  const printedBirth = birthDate(valueAfter(lines, '出生'));
  set('address', address(lines));

  const read = findIdNumber(lines);
  const id = read ? correctIdNumber(read.value) : null;
  if (read && id) {
    set('idNumber', { value: id.value, confidence: id.valid ? Math.max(read.confidence, 0.99) : read.confidence });
    if (id.corrected) warnings.push(`The ID number was read as ${read.value} and corrected to ${id.value} by its check character.`);
    const check = checkIdNumber(id.value);
    checks.idNumberChecksum = check.checksum;
    checks.idNumberBirthDate = check.birthDate;
    checks.idNumberRegion = check.region;
    if (!check.valid) warnings.push(`The ID number ${id.value} does not pass its checks (${describe(check)}); check the reading.`);
    crossCheck('birthDate', printedBirth, check.checksum ? birthDateOf(id.value) : null, 'birthDateMatchesIdNumber', '出生');
    crossCheck('sex', printedSex, check.checksum ? sexOf(id.value) : null, 'sexMatchesIdNumber', '性别');
  } else {
    warnings.push('The ID number (公民身份号码) could not be read.');
    set('birthDate', printedBirth);
    set('sex', printedSex);
  }
  return { fields, fieldConfidence, checks, warnings };

  /** The printed value against the one the valid ID number implies: the number wins when they differ. */
  function crossCheck(field: string, printed: Found | null, fromId: string | null, check: string, label: string): void {
    if (fromId === null) {
      set(field, printed);
      return;
    }
    if (printed) {
      checks[check] = printed.value === fromId;
      if (!checks[check]) warnings.push(`${label} was read as ${printed.value}, but the ID number says ${fromId}: the ID number's value is used.`);
    }
    set(field, { value: fromId, confidence: printed?.value === fromId ? Math.max(printed.confidence, 0.99) : 0.95 });
  }
}

/** Index of the line a label starts, or -1. */
function labelLine(lines: TextLine[], label: string): number {
  return lines.findIndex((l) => after(l.text, label) !== null);
}

/** The text after a label or one of its common misreadings. */
function after(text: string, label: string): string | null {
  for (const l of [label, ...(MISREAD[label] ?? [])]) {
    const rest = afterLabel(text, l);
    if (rest !== null) return rest;
  }
  return null;
}

/** The text after a label; when the label stands alone, the next line unless that is another label. */
function valueAfter(lines: TextLine[], label: string, wholeLine = false): Found | null {
  const i = labelLine(lines, label);
  if (i < 0) return null;
  let value = after(lines[i].text, label)!;
  if (!wholeLine) value = cutAtLabel(value);
  if (value === '' && i + 1 < lines.length && !startsWithLabel(lines[i + 1].text)) return { value: lines[i + 1].text, confidence: lines[i + 1].confidence };
  return { value, confidence: lines[i].confidence };
}

/** `性别男民族汉`: the part after `label` on the line that starts with `lineLabel`, up to the next label. */
function insideLine(lines: TextLine[], lineLabel: string, label: string): Found | null {
  const i = labelLine(lines, lineLabel);
  if (i < 0) return null;
  const text = lines[i].text;
  const at = text.indexOf(label);
  return at < 0 ? null : { value: cutAtLabel(text.slice(at + label.length)), confidence: lines[i].confidence };
}

/** A value ends where the next label on the same line begins (性别 男 民族 汉 on one line). */
function cutAtLabel(value: string): string {
  let end = value.length;
  for (const label of ALL_LABELS) {
    const at = value.indexOf(label);
    if (at > 0 && at < end) end = at;
  }
  return value.slice(0, end);
}

function startsWithLabel(text: string): boolean {
  return ALL_LABELS.some((l) => after(text, l) !== null);
}

/** Names are Chinese characters (with · for some ethnic names); OCR specks around them are dropped. */
function cleanName(found: Found | null): Found | null {
  if (!found) return null;
  const m = /[\u3400-\u9fff·•]+/.exec(found.value);
  return m ? { value: m[0].replace('•', '·'), confidence: found.confidence } : null;
}

function birthDate(found: Found | null): Found | null {
  if (!found) return null;
  const m = /(\d{4})\D{1,2}(\d{1,2})\D{1,2}(\d{1,2})/.exec(found.value);
  const date = m ? realDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  return date ? { value: date, confidence: found.confidence } : null;
}

/** 住址 and the lines under it, up to the ID number or the next label. */
function address(lines: TextLine[]): Found | null {
  const i = labelLine(lines, '住址');
  if (i < 0) return null;
  const parts = [after(lines[i].text, '住址')!];
  const confidences = [lines[i].confidence];
  for (let j = i + 1; j < lines.length && j <= i + 3; j++) {
    const text = lines[j].text;
    if (startsWithLabel(text) || /\d{15,}/.test(text) || lines[j].page !== lines[i].page) break;
    parts.push(text);
    confidences.push(lines[j].confidence);
  }
  const value = parts.join('');
  return value ? { value, confidence: Math.min(...confidences) } : null;
}

/** `2015.08.20-2035.08.20`, `2015年08月20日至长期` … */
function validityPeriod(found: Found | null): { from: string; to: string; confidence: number } | null {
  if (!found) return null;
  const date = String.raw`(\d{4})\D{1,2}(\d{1,2})\D{1,2}(\d{1,2})日?`;
  const m = new RegExp(`${date}[-—–~至到]+(?:${date}|(长期))`).exec(found.value);
  if (!m) return null;
  const from = realDate(Number(m[1]), Number(m[2]), Number(m[3]), true);
  const to = m[7] ? '长期' : realDate(Number(m[4]), Number(m[5]), Number(m[6]), true);
  return from && to ? { from, to, confidence: found.confidence } : null;
}

function describe(check: { checksum: boolean; birthDate: boolean; region: boolean }): string {
  const failed = [!check.checksum && 'check character', !check.birthDate && 'birth date', !check.region && 'region'].filter(Boolean);
  return `${failed.join(', ')} wrong`;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
