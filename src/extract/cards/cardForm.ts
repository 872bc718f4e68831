import type { FieldValue } from '../../result';
import { sameRowAs } from '../rows';
import { editDistance, normalize, type TextLine } from '../text';

/**
 * Licences read by their labels, the way their layouts work: a value stands right of its label, on the label's
 * line or as a piece of its own on the same row, and ends where the next label begins; a long value (an address)
 * wraps onto the lines below, aligned with its first line, until the next labelled row. The English subtitles the
 * bilingual cards print under their labels (`License No.`, `Model`) are never values. A label half covered by the
 * issuing office's seal is still found with one slip in three characters, two in six.
 */
export interface CardField {
  name: string;
  /** every printed variant of the label, in both spellings where there are two */
  labels: string[];
  /** the value may continue on the lines below its first */
  wraps?: boolean;
  /** the raw value to the field's value; null when it is not one (the next sighting of the label is tried) */
  parse?: (text: string) => FieldValue;
}

export interface CardReading {
  values: Record<string, FieldValue>;
  confidence: Record<string, number>;
}

/** The words of the English subtitles on China's bilingual cards: a line of these only is not a value. */
const SUBTITLE_WORDS = new Set(
  "license licence no no. number name sex nationality address date of birth first issue class valid period from for plate vehicle type owner use character model vin engine register issue driving people's republic china the".split(
    ' ',
  ),
);

/** A subtitle: Latin words only, each a subtitle word or at least one lower-case word among them (`Model'`). */
export function isSubtitle(raw: string): boolean {
  const text = raw.trim().replace(/['’`.,:]+$/g, '');
  if (!/^[A-Za-z][A-Za-z .'’/-]*$/.test(text)) return false;
  const words = text
    .toLowerCase()
    .split(/[\s/]+/)
    .filter(Boolean);
  return words.every((w) => SUBTITLE_WORDS.has(w.replace(/['’.]+$/, ''))) || (/[a-z]{2}/.test(text) && words.length <= 4);
}

/** A subtitle glued before a value on one recognized line (`Vehicle Type 重型半挂牵引车`, `Register Date 2015-08-15`): the value alone. */
function withoutSubtitle(text: string): string {
  const m = /^([A-Za-z][A-Za-z .'’]*?)\s*(?=[\u3400-\u9fff0-9])/.exec(text);
  return m && isSubtitle(m[1]) ? text.slice(m[0].length) : text;
}

interface Hit {
  field: CardField;
  line: TextLine;
  start: number;
  end: number;
  exact: boolean;
}

const CJK = /[\u3400-\u9fff]/;

/** Slips allowed in a label of n characters: none under three (two characters leave no room), then 1, 2 from six. */
function slack(n: number): number {
  return n >= 6 ? 2 : n >= 3 ? 1 : 0;
}

/** Every label sighting on a line, left to right, not overlapping: exact ones first, then with slips. */
function hitsOn(line: TextLine, fields: readonly CardField[]): Hit[] {
  const text = line.text;
  const chars = [...text];
  const found: Hit[] = [];
  const free = (s: number, e: number) => found.every((h) => e <= h.start || s >= h.end);
  const labels = fields.flatMap((field) => field.labels.map((label) => ({ field, label }))).sort((a, b) => b.label.length - a.label.length);
  for (const { field, label } of labels) {
    for (let at = text.indexOf(label); at >= 0; at = text.indexOf(label, at + 1)) {
      if (free(at, at + label.length)) found.push({ field, line, start: at, end: at + label.length, exact: true });
    }
  }
  for (const { field, label } of labels) {
    const n = [...label].length;
    const s = slack(n);
    if (s === 0) continue;
    // a slipped label is looked for at the line's start and after an exact label's end only: anywhere else, one
    // wrong character in three matches too much of an address
    // (and after a subtitle glued before it: `VIN车辆识别代号…`)
    const latin = /^[A-Za-z.'’]+/.exec(text)?.[0].length ?? 0;
    const starts = [0, ...(latin ? [latin] : []), ...found.map((h) => h.end)];
    for (const at of starts) {
      // the closest reading of the label's length give or take one; on a tie the label's end lost (执行事务合伙 +
      // 欧阳晓嘉) rather than a value's first character taken for the label's last
      // — but a Chinese character between the label and a Latin or digit value is the label's (发动机号吗 4G15…)
      let best: { len: number; d: number } | null = null;
      for (const len of [n - 1, n, n + 1]) {
        if (len < 1 || at + len > chars.length || !free(at, at + len)) continue;
        const d = editDistance(chars.slice(at, at + len).join(''), label);
        const labelsOwn = best !== null && d === best.d && len === best.len + 1 && CJK.test(chars[at + len - 1]) && !CJK.test(chars[at + len] ?? '一');
        if (d <= s && (!best || d < best.d || labelsOwn)) best = { len, d };
      }
      if (best) found.push({ field, line, start: at, end: at + best.len, exact: false });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * Two-character labels with one character misread (焦址 for 住址, 娃名 for 姓名), where the layout vouches for them:
 * at the start of a line that begins in the card's label column (where the exactly read labels begin), and only
 * for a field no exact label was found for.
 */
function twoCharacterSlips(lines: readonly TextLine[], hits: Map<TextLine, Hit[]>, fields: readonly CardField[], column: number, found: Set<CardField>): void {
  for (const line of lines) {
    if ((hits.get(line) ?? []).some((h) => h.start === 0) || !inColumn(line, column)) continue;
    const chars = [...line.text];
    for (const field of fields) {
      if (found.has(field)) continue;
      const label = field.labels.find((l) => l.length === 2 && chars.length >= 2 && editDistance(chars.slice(0, 2).join(''), l) === 1);
      if (!label) continue;
      hits.get(line)!.unshift({ field, line, start: 0, end: 2, exact: false });
      found.add(field);
      break;
    }
  }
}

/**
 * A label whose end lies under the seal (发动 of 发动机号码): a line that is only the label's first half or more, in
 * the label column, for a field not found otherwise.
 */
function truncatedLabels(lines: readonly TextLine[], hits: Map<TextLine, Hit[]>, fields: readonly CardField[], column: number, found: Set<CardField>): void {
  for (const line of lines) {
    const text = line.text;
    if ((hits.get(line) ?? []).length || text.length < 2 || !inColumn(line, column)) continue;
    const field = fields.find((f) => !found.has(f) && f.labels.some((l) => l.length >= 4 && l.startsWith(text) && text.length * 2 >= l.length));
    if (!field) continue;
    hits.get(line)!.push({ field, line, start: 0, end: text.length, exact: false });
    found.add(field);
  }
}

/** A line that begins where the card's labels begin. */
function inColumn(line: TextLine, column: number): boolean {
  return Math.abs(line.bbox.x - column) <= line.bbox.height * 1.5;
}

/** Where the card's labels begin: the median left edge of the lines that start with an exactly read label. */
function labelColumn(lines: readonly TextLine[], hits: Map<TextLine, Hit[]>): number | null {
  const xs = lines
    .filter((l) => (hits.get(l) ?? []).some((h) => h.start === 0 && h.exact))
    .map((l) => l.bbox.x)
    .sort((a, b) => a - b);
  return xs.length < 2 ? null : xs[Math.floor(xs.length / 2)];
}

/**
 * x of character `i` of a line's normalized text: within the word that holds it (the engine's word boxes follow the
 * print, so a label spread over four character widths ends where it is printed), else the line's characters taken
 * as equally wide.
 */
function xAt(line: TextLine, i: number): number {
  let seen = 0;
  for (const word of line.words ?? []) {
    const n = [...normalize(word.text)].length;
    if (i < seen + n || (i === seen + n && n > 0 && i === [...line.text].length)) return word.bbox.x + (word.bbox.width * (i - seen)) / Math.max(1, n);
    seen += n;
  }
  const n = Math.max(1, [...line.text].length);
  return line.bbox.x + (line.bbox.width * i) / n;
}

export function readCard(allLines: readonly TextLine[], fields: readonly CardField[]): CardReading {
  const lines = allLines.filter((l) => !isSubtitle(l.raw));
  const hits = new Map<TextLine, Hit[]>(lines.map((l) => [l, hitsOn(l, fields)]));
  // the slips only the label column vouches for, each for a field not found otherwise
  const column = labelColumn(lines, hits);
  if (column !== null) {
    const found = new Set([...hits.values()].flat().map((h) => h.field));
    twoCharacterSlips(lines, hits, fields, column, found);
    truncatedLabels(lines, hits, fields, column, found);
  }
  const startsWithLabel = (l: TextLine) => (hits.get(l) ?? []).some((h) => h.start === 0);
  const values: Record<string, FieldValue> = {};
  const confidence: Record<string, number> = {};

  type Value = { text: string; line: TextLine; left: number; confidence: number; labelX: number };
  /**
   * The readings of one label sighting's value, nearest first: its text on the label's line, else a piece of its
   * own on the same row right of the label (before any other label), else the line under a label that stands alone.
   */
  const valuesOf = (hit: Hit): Value[] => {
    const own = hits.get(hit.line)!;
    const next = own.find((h) => h.start >= hit.end);
    const inline = withoutSubtitle(
      [...hit.line.text]
        .slice(hit.end, next?.start)
        .join('')
        .replace(/^[:：]/, ''),
    );
    if (inline) return [{ text: inline, line: hit.line, left: xAt(hit.line, hit.end), confidence: hit.line.confidence, labelX: xAt(hit.line, hit.start) }];
    if (next) return []; // another label follows at once: this one's value was not read
    const h = hit.line.bbox.height;
    const labelRight = xAt(hit.line, hit.end);
    const right = sameRowAs(hit.line, lines)
      // right of the label; or a line that starts under it with the label's subtitle and runs on past it
      .filter(
        (l) => l.bbox.height < 2 * h && (l.bbox.x >= labelRight - h * 0.5 || (withoutSubtitle(l.text) !== l.text && l.bbox.x + l.bbox.width > labelRight + h)),
      )
      .sort((a, b) => a.bbox.x - b.bbox.x)[0];
    const out: Value[] = [];
    if (right && !startsWithLabel(right)) {
      const first = (hits.get(right) ?? [])[0];
      const text = withoutSubtitle([...right.text].slice(0, first?.start).join(''));
      if (text) out.push({ text, line: right, left: right.bbox.x, confidence: right.confidence, labelX: xAt(hit.line, hit.start) });
    }
    const below = right ? null : under(hit);
    if (below) out.push(below);
    return out;
  };

  /** A label alone on its row with its value printed under it (统一社会信用代码 over the code): the line below. */
  const under = (hit: Hit): Value | null => {
    const label = hit.line;
    const h = label.bbox.height;
    const below = lines
      .filter(
        (l) =>
          l.page === label.page && l.bbox.y > label.bbox.y + h * 0.5 && l.bbox.y - (label.bbox.y + h) < h * 1.2 && Math.abs(l.bbox.x - label.bbox.x) < h * 1.5,
      )
      .sort((a, b) => a.bbox.y - b.bbox.y)[0];
    if (!below || (hits.get(below) ?? []).length) return null;
    return { text: withoutSubtitle(below.text), line: below, left: below.bbox.x, confidence: below.confidence, labelX: label.bbox.x };
  };

  /** Lines under a value's first that carry it on: aligned with it, close below, on no labelled row. */
  const continuation = (first: TextLine, left: number, labelX: number): TextLine[] => {
    const out: TextLine[] = [];
    let last = first;
    for (;;) {
      const h = last.bbox.height;
      const below = lines
        .filter(
          (l) =>
            l.page === last.page &&
            l !== last &&
            l.bbox.y > last.bbox.y + h * 0.5 &&
            l.bbox.y - (last.bbox.y + h) < h * 0.9 &&
            Math.abs(l.bbox.x - left) < h * 1.5,
        )
        .sort((a, b) => a.bbox.y - b.bbox.y)[0];
      if (!below || startsWithLabel(below) || (hits.get(below) ?? []).length) break;
      // a line nearer the label's left edge than the value's is the next row's (its label misread), not the value
      if (Math.abs(below.bbox.x - labelX) < Math.abs(below.bbox.x - left)) break;
      // the next field's value, on the row of its label (a label of another column further left is not it)
      if (sameRowAs(below, lines).some((l) => l.bbox.x < below.bbox.x && l.bbox.x > labelX - h * 1.5 && startsWithLabel(l))) break;
      out.push(below);
      last = below;
    }
    return out;
  };

  for (const field of fields) {
    values[field.name] = null;
    const sightings = [...hits.values()]
      .flat()
      .filter((h) => h.field === field)
      .sort((a, b) => Number(b.exact) - Number(a.exact));
    for (const v of sightings.flatMap(valuesOf)) {
      const more = field.wraps ? continuation(v.line, v.left, v.labelX) : [];
      const text = [v.text, ...more.map((l) => l.text)].join('');
      const value = field.parse ? field.parse(text) : text;
      if (value === null || value === '') continue;
      values[field.name] = value;
      confidence[field.name] = Math.round(Math.min(v.confidence, ...more.map((l) => l.confidence)) * 1000) / 1000;
      break;
    }
  }
  return { values, confidence };
}
