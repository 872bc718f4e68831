/**
 * The generated VAT invoices (test/fixtures/vat) through `type: vat-invoice`: fields exact (the 13 header fields),
 * items exact (every field of an item), whole invoices exact, per format and layout. `npm run bench -- --corpus vat`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { VAT_DIR, type VatEntry } from '../fixtures/vat';
import { mapLimit } from '../../src/util/concurrency';
import { table } from './table';

export interface VatRow {
  file: string;
  format: string;
  layout: string;
  fields: number;
  fieldsExact: number;
  items: number;
  itemsExact: number;
  wrong: string[];
  ms: number;
}

/** Strings without their spaces (a text layer may keep the print's letter-spacing), numbers to the cent's fraction. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) < 1e-6;
  if (typeof a === 'string' && typeof b === 'string') return a.replace(/\s/g, '') === b.replace(/\s/g, '');
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => sameValue((a as Record<string, unknown>)[k] ?? null, (b as Record<string, unknown>)[k] ?? null));
  }
  return (a ?? null) === (b ?? null);
}

/** One invoice scored: header fields one by one, items by position. */
export function scoreVat(expected: Record<string, unknown>, got: Record<string, unknown> | null): Omit<VatRow, 'file' | 'format' | 'layout' | 'ms'> {
  const wrong: string[] = [];
  let fields = 0;
  let fieldsExact = 0;
  for (const [name, value] of Object.entries(expected)) {
    if (name === 'items') continue;
    fields++;
    if (got && sameValue(value, got[name] ?? null)) fieldsExact++;
    else wrong.push(`${name}: ${JSON.stringify(got?.[name] ?? null)} ≠ ${JSON.stringify(value)}`);
  }
  const want = expected.items as unknown[];
  const have = (got?.items as unknown[] | undefined) ?? [];
  let itemsExact = 0;
  want.forEach((item, i) => {
    if (sameValue(item, have[i] ?? null)) itemsExact++;
    else wrong.push(`item ${i + 1}: ${JSON.stringify(have[i] ?? null)} ≠ ${JSON.stringify(item)}`);
  });
  if (have.length > want.length) wrong.push(`${have.length - want.length} items too many`);
  return {
    fields,
    fieldsExact,
    items: want.length,
    itemsExact: have.length > want.length ? Math.max(0, itemsExact - (have.length - want.length)) : itemsExact,
    wrong,
  };
}

export function vatEntries(count: number): VatEntry[] {
  const file = path.join(VAT_DIR, 'manifest.json');
  if (!existsSync(file)) return [];
  const all = JSON.parse(readFileSync(file, 'utf8')) as VatEntry[];
  return all.filter((e) => Number(e.file.slice(0, 3)) < count);
}

/** In the child: every invoice, two in flight. */
export async function runVat(count: number): Promise<VatRow[]> {
  const { recognize, shutdown } = await import('../../src/index.js');
  const entries = vatEntries(count);
  if (entries.length) await recognize(path.join(VAT_DIR, entries[0].file), { type: 'vat-invoice' });
  const rows = await mapLimit(entries, 2, async (e) => {
    const t0 = performance.now();
    const r = await recognize(path.join(VAT_DIR, e.file), { type: 'vat-invoice' }).catch(() => null);
    const ms = performance.now() - t0;
    return { file: e.file, format: e.format, layout: e.layout, ms, ...scoreVat(e.fields, (r?.fields as Record<string, unknown>) ?? null) };
  });
  await shutdown();
  return rows;
}

export function vatReport(rows: VatRow[]): string {
  const groups = new Map<string, VatRow[]>();
  for (const r of rows) for (const key of [`${r.format} ${r.layout}`, `${r.format} all`]) groups.set(key, [...(groups.get(key) ?? []), r]);
  const pct = (a: number, b: number) => `${a}/${b} (${b ? ((100 * a) / b).toFixed(1) : '–'}%)`;
  const sum = (list: VatRow[], k: 'fields' | 'fieldsExact' | 'items' | 'itemsExact') => list.reduce((s, r) => s + r[k], 0);
  return [
    'Generated VAT invoices (type vat-invoice; fields: the 13 header fields; items: all 8 fields of an item):',
    '',
    table([
      ['format layout', 'invoices', 'fields exact', 'items exact', 'invoices all exact', 's/doc'],
      ...[...groups.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, list]) => [
          k,
          String(list.length),
          pct(sum(list, 'fieldsExact'), sum(list, 'fields')),
          pct(sum(list, 'itemsExact'), sum(list, 'items')),
          pct(list.filter((r) => r.wrong.length === 0).length, list.length),
          (list.reduce((s, r) => s + r.ms, 0) / list.length / 1000).toFixed(2),
        ]),
    ]),
  ].join('\n');
}
