/**
 * Receipts through `type: receipt`: the generated corpus (test/fixtures/retail: ten styles, seven locales, scan and
 * photo defects), the real SROIE receipts and the real Western invoices (invoice2data) of ../shared/data. Merchant and address compared without case and
 * whitespace, date and total exact, items exact (name without whitespace differences, amount to the cent).
 * `npm run bench -- --corpus receipts`.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { RETAIL_DIR, type RetailEntry } from '../fixtures/retail';
import { SHARED_DATA, hasSharedData } from '../helpers/paths';
import { mapLimit } from '../../src/util/concurrency';
import { table } from './table';

export const RECEIPT_FIELDS = ['merchantName', 'address', 'date', 'total'] as const;

export interface ReceiptRow {
  file: string;
  /** `generated`, `sroie` or `invoice2data` */
  set: string;
  style: string;
  language: string;
  defect: string;
  exact: Record<string, boolean>;
  items: number;
  itemsExact: number;
  wrong: string[];
  ms: number;
}

function loose(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v).toUpperCase().replace(/\s+/g, '');
}

/** One receipt scored: each field on its own, items by position. */
export function scoreReceipt(
  expected: Record<string, unknown>,
  got: Record<string, unknown> | null,
): Pick<ReceiptRow, 'exact' | 'items' | 'itemsExact' | 'wrong'> {
  const exact: Record<string, boolean> = {};
  const wrong: string[] = [];
  for (const name of RECEIPT_FIELDS) {
    if (!(name in expected)) continue;
    const want = expected[name];
    const have = got?.[name] ?? null;
    const ok =
      typeof want === 'number' ? typeof have === 'number' && Math.abs(have - want) < 0.005 : name === 'date' ? have === want : loose(have) === loose(want);
    exact[name] = ok;
    if (!ok) wrong.push(`${name}: ${JSON.stringify(have)} ≠ ${JSON.stringify(want)}`);
  }
  const want = (expected.items as Array<{ name: string; amount: number }> | undefined) ?? [];
  const have = (got?.items as Array<{ name: string; amount: number }> | undefined) ?? [];
  let itemsExact = 0;
  want.forEach((item, i) => {
    const h = have[i];
    if (h && loose(h.name) === loose(item.name) && Math.abs(h.amount - item.amount) < 0.005) itemsExact++;
    else wrong.push(`item ${i + 1}: ${JSON.stringify(h ?? null)} ≠ ${JSON.stringify(item)}`);
  });
  if (have.length > want.length) wrong.push(`${have.length - want.length} items too many`);
  return { exact, items: want.length, itemsExact: Math.max(0, itemsExact - Math.max(0, have.length - want.length)), wrong };
}

interface Case {
  file: string;
  set: string;
  style: string;
  language: string;
  defect: string;
  fields: Record<string, unknown>;
}

export function receiptCases(count: number, dir = RETAIL_DIR): Case[] {
  const out: Case[] = [];
  const manifest = path.join(dir, 'manifest.json');
  if (existsSync(manifest)) {
    for (const e of (JSON.parse(readFileSync(manifest, 'utf8')) as RetailEntry[]).slice(0, count)) {
      out.push({ file: path.join(dir, e.file), set: 'generated', style: e.style, language: e.language, defect: e.defect, fields: e.fields });
    }
  }
  if (hasSharedData) {
    // Western invoices (PDF): invoice2data's issuer as the merchant (its brand, where the print names the seller company)
    const western = path.join(SHARED_DATA, 'invoice2data');
    for (const f of readdirSync(western)
      .filter((x) => x.endsWith('.pdf'))
      .sort()) {
      const truth = (
        JSON.parse(readFileSync(path.join(western, f.replace(/\.pdf$/, '.json')), 'utf8')) as Array<{ issuer: string; date: string; amount: number }>
      )[0];
      out.push({
        file: path.join(western, f),
        set: 'invoice2data',
        style: 'real',
        language: 'western',
        defect: 'pdf',
        fields: { merchantName: truth.issuer, date: truth.date, total: truth.amount },
      });
    }
    const sroie = path.join(SHARED_DATA, 'sroie');
    for (const f of readdirSync(sroie)
      .filter((x) => x.endsWith('.jpg'))
      .sort()) {
      const truth = JSON.parse(readFileSync(path.join(sroie, f.replace(/\.jpg$/, '.json')), 'utf8')) as { fields: Record<string, unknown> };
      const { merchantName, address, date, total } = truth.fields;
      out.push({ file: path.join(sroie, f), set: 'sroie', style: 'real', language: 'en-my', defect: 'scan', fields: { merchantName, address, date, total } });
    }
  }
  return out;
}

/** In the child: every receipt, two in flight. */
export async function runReceipts(count: number): Promise<ReceiptRow[]> {
  const { recognize, shutdown } = await import('../../src/index.js');
  const cases = receiptCases(count);
  if (cases.length) await recognize(cases[0].file, { type: 'receipt' });
  const rows = await mapLimit(cases, 2, async (c) => {
    const t0 = performance.now();
    const r = await recognize(c.file, { type: 'receipt' }).catch(() => null);
    const ms = performance.now() - t0;
    return {
      file: path.basename(c.file),
      set: c.set,
      style: c.style,
      language: c.language,
      defect: c.defect,
      ms,
      ...scoreReceipt(c.fields, (r?.fields as Record<string, unknown>) ?? null),
    };
  });
  await shutdown();
  return rows;
}

export function receiptsReport(rows: ReceiptRow[]): string {
  const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : '–');
  const line = (key: string, list: ReceiptRow[]) => {
    const field = (name: string) => {
      const scored = list.filter((r) => name in r.exact);
      return pct(scored.filter((r) => r.exact[name]).length, scored.length);
    };
    const items = list.reduce((s, r) => s + r.items, 0);
    const itemsExact = list.reduce((s, r) => s + r.itemsExact, 0);
    return [
      key,
      String(list.length),
      ...RECEIPT_FIELDS.map(field),
      items ? `${pct(itemsExact, items)} of ${items}` : '–',
      (list.reduce((s, r) => s + r.ms, 0) / list.length / 1000).toFixed(2),
    ];
  };
  const groups = (set: string, by: (r: ReceiptRow) => string) => {
    const map = new Map<string, ReceiptRow[]>();
    for (const r of rows.filter((x) => x.set === set)) map.set(by(r), [...(map.get(by(r)) ?? []), r]);
    return [...map.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, list]) => line(k, list));
  };
  const generated = rows.filter((r) => r.set === 'generated');
  const clean = generated.filter((r) => r.defect === 'clean');
  const damaged = generated.filter((r) => r.defect !== 'clean');
  const head = ['', 'receipts', 'merchant', 'address', 'date', 'total', 'items exact', 's/doc'];
  return [
    'Receipts (type receipt; merchant and address without case and whitespace, date and total exact):',
    '',
    table([
      head,
      ...(rows.some((r) => r.set === 'sroie')
        ? [
            line(
              'SROIE (real, ../shared/data)',
              rows.filter((r) => r.set === 'sroie'),
            ),
          ]
        : []),
      ...(rows.some((r) => r.set === 'invoice2data')
        ? [
            line(
              'Western invoices (real PDFs, invoice2data)',
              rows.filter((r) => r.set === 'invoice2data'),
            ),
          ]
        : []),
      line('generated, all', generated),
      line('generated, clean', clean),
      line('generated, damaged', damaged),
    ]),
    '',
    'Generated, per style:',
    '',
    table([head, ...groups('generated', (r) => r.style)]),
    '',
    'Generated, per locale:',
    '',
    table([head, ...groups('generated', (r) => r.language)]),
    '',
    'Generated, per defect:',
    '',
    table([head, ...groups('generated', (r) => r.defect)]),
  ].join('\n');
}
