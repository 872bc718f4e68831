/**
 * A receipt's or invoice's date: by its label (a value after it, to its right on the row, or just below it), else
 * on the line that names the document, else a date printed with a time (the till's timestamp), else the first date
 * that is not a due, order or delivery date.
 */
import { linesBelow, sameRowAs } from '../rows';
import type { TextLine } from '../text';
import { findDates } from './dates';
import { DATE_EXCLUDED, DATE_LABEL, DATE_LABEL_STRONG, DOCUMENT_WORD } from './receiptLabels';
import type { Found } from './receiptParty';

/** Hours and minutes just after a date, with or without the space between them. */
const TIME = /^\s*(?:[T,]\s*)?\d{1,2}[:.]\d{2}(?!\d)/;

export function findDate(lines: readonly TextLine[], monthFirst: boolean): Found<string> | null {
  const candidates: Array<Found<string> & { rank: number }> = [];
  for (const line of lines) {
    const text = line.raw;
    if (DATE_EXCLUDED.test(text) && !DATE_LABEL_STRONG.test(text)) continue;
    const label = DATE_LABEL_STRONG.exec(text) ?? DATE_LABEL.exec(text);
    if (label) {
      const rank = DATE_LABEL_STRONG.test(text) ? 3 : 2;
      const after = findDates(text.slice(label.index + label[0].length), monthFirst)[0];
      const value = after?.iso ?? dateNear(line, lines, monthFirst);
      if (value) candidates.push({ value, confidence: line.confidence, line, rank });
      continue;
    }
    const dates = findDates(text, monthFirst);
    if (!dates.length) continue;
    // a date printed with a time is the till's timestamp: the transaction's date
    const stamped = dates.find((d) => TIME.test(text.slice(d.index + d.length, d.index + d.length + 8)));
    const rank = DOCUMENT_WORD.test(text) ? 2 : stamped ? 1.5 : 1;
    candidates.push({ value: (stamped ?? dates[0]).iso, confidence: line.confidence * (rank === 2 ? 0.95 : 0.7), line, rank });
  }
  let best: (Found<string> & { rank: number }) | null = null;
  for (const c of candidates) if (!best || c.rank > best.rank) best = c;
  return best;
}

function dateNear(line: TextLine, lines: readonly TextLine[], monthFirst: boolean): string | null {
  for (const l of [...sameRowAs(line, lines).filter((x) => x.bbox.x > line.bbox.x), ...linesBelow(line, lines)]) {
    if (DATE_EXCLUDED.test(l.raw)) continue;
    const d = findDates(l.raw, monthFirst)[0];
    if (d) return d.iso;
  }
  return null;
}
