import { centerX, rowsOf } from './rows';
import { compactSpaces, normalize, type TextLine } from './text';

/**
 * A table read by its header: the header row names the columns (any of a column's labels), each cell below goes
 * to the column whose span (halfway to the neighbours) holds its centre, up to a row matching `end`. A header
 * that repeats its columns (two or three column groups side by side, as lab reports print them) is read group
 * by group: the left group's rows, then the next group's.
 */
export interface ColumnSpec {
  key: string;
  labels: string[];
}

export type TableRow = Record<string, string>;

export function readTables(
  words: readonly TextLine[],
  columns: readonly ColumnSpec[],
  options: { end: RegExp; minColumns?: number; required?: string[] },
): TableRow[] {
  const rows: TableRow[] = [];
  for (const page of [...new Set(words.map((w) => w.page))]) {
    const visual = rowsOf(words.filter((w) => w.page === page));
    for (let r = 0; r < visual.length; r++) {
      const groups = headerOf(visual[r], columns, options.minColumns ?? 3, options.required ?? []);
      if (!groups) continue;
      const byGroup: TableRow[][] = groups.map(() => []);
      for (r = r + 1; r < visual.length; r++) {
        if (options.end.test(normalize(visual[r].map((w) => w.text).join('')))) break;
        groups.forEach((group, g) => {
          const words = visual[r].filter((w) => groupOf(groups, centerX(w)) === g);
          if (words.length) byGroup[g].push(assign(words, group));
        });
      }
      rows.push(...byGroup.flat());
    }
  }
  return rows;
}

interface Column {
  key: string;
  center: number;
}

/** The header's column groups, left to right: a column label seen again starts the next group. */
function headerOf(row: TextLine[], columns: readonly ColumnSpec[], minColumns: number, required: string[]): Column[][] | null {
  const groups: Column[][] = [[]];
  for (const word of [...row].sort((a, b) => centerX(a) - centerX(b))) {
    const text = normalize(word.text).replace(/[*:]/g, '');
    const column = columns.find((c) => c.labels.includes(text));
    if (!column) continue;
    if (groups[groups.length - 1].some((f) => f.key === column.key)) groups.push([]);
    groups[groups.length - 1].push({ key: column.key, center: centerX(word) });
  }
  const valid = groups.filter((g) => g.length >= minColumns && required.every((k) => g.some((c) => c.key === k)));
  return valid.length ? valid : null;
}

/** The group a word belongs to: split halfway between one group's last column and the next group's first. */
function groupOf(groups: Column[][], x: number): number {
  for (let g = 0; g < groups.length - 1; g++) {
    const split = (groups[g][groups[g].length - 1].center + groups[g + 1][0].center) / 2;
    if (x < split) return g;
  }
  return groups.length - 1;
}

function assign(row: TextLine[], columns: Column[]): TableRow {
  const cells: TableRow = {};
  for (const word of row) {
    const x = centerX(word);
    let best = 0;
    for (let i = 1; i < columns.length; i++) if (x >= (columns[i - 1].center + columns[i].center) / 2) best = i;
    const key = columns[best].key;
    cells[key] = cells[key] ? compactSpaces(`${cells[key]} ${word.raw}`) : compactSpaces(word.raw);
  }
  return cells;
}
