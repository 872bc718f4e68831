/**
 * The typed documents of the fixture set (and the real Western invoices of ../shared/data) through `type` as
 * the manifests name it: field exact-match rate and seconds per document, by type and by input kind (image,
 * PDF, OFD), warm. Part of `npm run bench`, in a child process of its own.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { GENERATED, SHARED_DATA, fixture, hasSharedData } from '../helpers/paths';
import { REAL_OFD_INVOICE } from '../helpers/real-invoices';

const MANIFESTS = [
  'card-manifest.json',
  'passport-manifest.json',
  'licence-manifest.json',
  'invoice-manifest.json',
  'chinese-invoice-manifest.json',
  'receipt-manifest.json',
  'domain-manifest.json',
];

export interface DocumentRow {
  type: string;
  kind: string;
  docs: number;
  fields: number;
  exact: number;
  msPerDoc: number;
}

interface Case {
  file: string;
  type: string;
  expected: Record<string, unknown>;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const m of MANIFESTS) {
    const file = path.join(GENERATED, m);
    if (!existsSync(file)) continue;
    for (const e of JSON.parse(readFileSync(file, 'utf8')) as Array<{ file: string; type: string; fields: Record<string, unknown> }>) {
      out.push({ file: fixture(e.file), type: e.type, expected: e.fields });
    }
  }
  if (hasSharedData) {
    for (const f of ['999.ofd', 'fptpl.ofd']) out.push({ file: path.join(SHARED_DATA, 'ofd', f), type: 'vat-invoice', expected: REAL_OFD_INVOICE });
    const dir = path.join(SHARED_DATA, 'invoice2data');
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.pdf'))) {
      const truth = JSON.parse(readFileSync(path.join(dir, f.replace(/\.pdf$/, '.json')), 'utf8'))[0] as { date: string; amount: number };
      out.push({ file: path.join(dir, f), type: 'receipt', expected: { date: truth.date, total: truth.amount } });
    }
  }
  return out;
}

function kindOf(file: string): string {
  const ext = path.extname(file).toLowerCase();
  return ext === '.pdf' ? 'PDF' : ext === '.ofd' ? 'OFD' : 'image';
}

export async function runDocuments(): Promise<DocumentRow[]> {
  const { recognize, shutdown } = await import('../../src/index.js');
  const rows = new Map<string, DocumentRow>();
  const all = cases();
  // warm-up: models and workers load once, as in a long-running n8n or Node-RED
  if (all.length) await recognize(all[0].file, { type: all[0].type as never });
  for (const c of all) {
    const t0 = performance.now();
    const r = await recognize(c.file, { type: c.type as never }).catch(() => null);
    const ms = performance.now() - t0;
    const key = `${c.type}|${kindOf(c.file)}`;
    const row = rows.get(key) ?? { type: c.type, kind: kindOf(c.file), docs: 0, fields: 0, exact: 0, msPerDoc: 0 };
    row.msPerDoc = (row.msPerDoc * row.docs + ms) / (row.docs + 1);
    row.docs++;
    for (const [name, value] of Object.entries(c.expected)) {
      row.fields++;
      if (r && JSON.stringify(r.fields[name] ?? null) === JSON.stringify(value)) row.exact++;
    }
    rows.set(key, row);
  }
  await shutdown();
  return [...rows.values()].sort((a, b) => a.type.localeCompare(b.type) || a.kind.localeCompare(b.kind));
}
