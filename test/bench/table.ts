/** A markdown table, each column padded to its widest cell. */
export function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => '| ' + r.map((cell, c) => cell.padEnd(widths[c])).join(' | ') + ' |').join('\n');
}
