import type { FieldValue } from '../result';
import { rowWith } from './rows';
import { afterLabel, type TextLine } from './text';

/**
 * Label → value forms (licences, certificates): each field is found after one of its labels, on the same line
 * (cut where the next label begins, so two pairs on one printed row stay apart), else the next piece on the same
 * visual row, else the line below when the label stands alone.
 */
export interface FormField {
  name: string;
  labels: string[];
  /** Turns the raw text into the field's value; null when it is not one (the field stays null). */
  parse?: (text: string) => FieldValue;
}

export interface FormReading {
  values: Record<string, FieldValue>;
  confidence: Record<string, number>;
}

export function readForm(lines: readonly TextLine[], fields: readonly FormField[]): FormReading {
  const allLabels = fields.flatMap((f) => f.labels).sort((a, b) => b.length - a.length);
  const values: Record<string, FieldValue> = {};
  const confidence: Record<string, number> = {};
  for (const field of fields) {
    values[field.name] = null;
    const found = find(lines, field.labels, allLabels);
    if (!found) continue;
    const value = field.parse ? field.parse(found.text) : found.text || null;
    if (value === null || value === '') continue;
    values[field.name] = value;
    confidence[field.name] = Math.round(found.confidence * 1000) / 1000;
  }
  return { values, confidence };
}

/** A form's fields under every key of the contract's type: the ones read, `null` for the rest. */
export function readFormFields(
  lines: readonly TextLine[],
  fields: readonly FormField[],
  keys: readonly string[],
): { fields: Record<string, FieldValue>; fieldConfidence: Record<string, number> } {
  const { values, confidence } = readForm(lines, fields);
  return { fields: Object.fromEntries(keys.map((k) => [k, values[k] ?? null])), fieldConfidence: { ...confidence } };
}

/**
 * The label read exactly wins over one read with a slip anywhere on the page: 发票代码 is one character from
 * 发票号码, and must not be taken for it when 发票号码 itself is printed further down.
 */
function find(lines: readonly TextLine[], labels: string[], allLabels: string[]): { text: string; confidence: number } | null {
  return findWith(lines, labels, allLabels, true) ?? findWith(lines, labels, allLabels, false);
}

function findWith(lines: readonly TextLine[], labels: string[], allLabels: string[], exact: boolean): { text: string; confidence: number } | null {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    for (const label of labels) {
      const at = exact ? exactLabelAt(line.text, label) : labelAt(line.text, label);
      if (at === null) continue;
      const rest = cutAtLabel(line.text.slice(at), allLabels);
      if (rest) return { text: rest, confidence: line.confidence };
      const row = rowWith(line, lines);
      const next = row[row.indexOf(line) + 1];
      if (next && !startsWithLabel(next.text, allLabels)) return { text: cutAtLabel(next.text, allLabels), confidence: next.confidence };
      const below = lines[i + 1];
      if (below && below.page === line.page && !startsWithLabel(below.text, allLabels))
        return { text: cutAtLabel(below.text, allLabels), confidence: below.confidence };
      return null;
    }
  }
  return null;
}

function exactLabelAt(text: string, label: string): number | null {
  const at = text.indexOf(label);
  if (at < 0) return null;
  let end = at + label.length;
  if (text[end] === ':') end++;
  return end;
}

/** Where the text after `label` starts: at the start of the line (with OCR slips), or after a separator mid-line. */
function labelAt(text: string, label: string): number | null {
  const rest = afterLabel(text, label);
  if (rest !== null) return text.length - rest.length;
  const mid = text.indexOf(label);
  if (mid > 0) {
    let end = mid + label.length;
    if (text[end] === ':') end++;
    return end;
  }
  return null;
}

function cutAtLabel(value: string, allLabels: string[]): string {
  let end = value.length;
  for (const label of allLabels) {
    const at = value.indexOf(label);
    if (at > 0 && at < end) end = at;
  }
  return value
    .slice(0, end)
    .replace(/^[:：]/, '')
    .trim();
}

function startsWithLabel(text: string, allLabels: string[]): boolean {
  return allLabels.some((l) => text.startsWith(l));
}

/** Dates as printed on Chinese documents: 2015-08-20, 2015.08.20, 2015年8月20日 → YYYY-MM-DD. */
export function chineseDate(text: string): string | null {
  const m = /(\d{4})\D{1,2}(\d{1,2})\D{1,2}(\d{1,2})/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
