import { rowsOf } from '../layout/rows';
import type { TextLine } from './text';

export { rowsOf } from '../layout/rows';

/** The lines on the same row as `line`, left to right, `line` included. */
export function rowWith(line: TextLine, lines: readonly TextLine[]): TextLine[] {
  return rowsOf(lines.filter((l) => l.page === line.page)).find((r) => r.includes(line)) ?? [line];
}

/**
 * The first row with a line that begins with `label`, the label's characters possibly spread over several lines
 * of the row (templates print 合    计 as one piece of text per character): the row's lines left to right, or null.
 */
export function rowStartingWith(lines: readonly TextLine[], label: string): TextLine[] | null {
  for (const row of rowsOf(lines)) {
    for (let i = 0; i < row.length; i++) {
      let text = '';
      for (let j = i; j < row.length && text.length < label.length; j++) text += row[j].text;
      if (text.startsWith(label)) return row;
    }
  }
  return null;
}

export function centerY(l: TextLine): number {
  return l.bbox.y + l.bbox.height / 2;
}

export function centerX(l: TextLine): number {
  return l.bbox.x + l.bbox.width / 2;
}

/** The other lines of `line`'s page whose vertical centres lie within half the taller line of its centre. */
export function sameRowAs(line: TextLine, lines: readonly TextLine[]): TextLine[] {
  const cy = centerY(line);
  return lines.filter((l) => l !== line && l.page === line.page && Math.abs(centerY(l) - cy) < 0.5 * Math.max(l.bbox.height, line.bbox.height));
}

/** Lines below `line` that overlap it horizontally, nearest first, within three line heights. */
export function linesBelow(line: TextLine, lines: readonly TextLine[]): TextLine[] {
  const bottom = line.bbox.y + line.bbox.height;
  return lines
    .filter((l) => l.page === line.page && l.bbox.y >= bottom - line.bbox.height * 0.3 && l.bbox.y - bottom < line.bbox.height * 3)
    .filter((l) => l.bbox.x < line.bbox.x + line.bbox.width && line.bbox.x < l.bbox.x + l.bbox.width)
    .sort((a, b) => a.bbox.y - b.bbox.y);
}
