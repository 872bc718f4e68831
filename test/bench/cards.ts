/**
 * Cards and licences through their own type: the generated corpus (test/fixtures/card-corpus: six types, current
 * and older layouts, photos on a desk, glare, blur, JPEG, ~100 dpi, uneven light) scored field by field (strings
 * without whitespace, everything else exact), the real MRZ photos of ../shared/data/mrz by their check digits,
 * and `auto` over the cards, the receipts and the domain documents: the type it chose against the one drawn.
 * `npm run bench -- --corpus cards`.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { CARD_DIR, type CardEntry } from '../fixtures/card-corpus';
import { RETAIL_DIR, type RetailEntry } from '../fixtures/retail';
import { GENERATED, SHARED_DATA, fixture, hasSharedData } from '../helpers/paths';
import { mapLimit } from '../../src/util/concurrency';
import { table } from './table';

export interface CardRow {
  file: string;
  /** `generated`, `mrz` (real photos) or `auto` */
  set: string;
  type: string;
  variant: string;
  defect: string;
  fields: number;
  exact: number;
  wrong: string[];
  /** real MRZs: every check digit passed */
  checksPass?: boolean;
  /** `auto`: the type chosen */
  chosen?: string;
  ms: number;
}

const squeeze = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, '') : JSON.stringify(v ?? null));

/** One card scored: every expected field on its own (null expected means the field must stay null). */
export function scoreCard(expected: Record<string, unknown>, got: Record<string, unknown> | null): Pick<CardRow, 'fields' | 'exact' | 'wrong'> {
  const wrong: string[] = [];
  let exact = 0;
  for (const [name, want] of Object.entries(expected)) {
    const have = got?.[name] ?? null;
    if (squeeze(have) === squeeze(want)) exact++;
    else wrong.push(`${name}: ${JSON.stringify(have)} ≠ ${JSON.stringify(want)}`);
  }
  return { fields: Object.keys(expected).length, exact, wrong };
}

export function cardCases(count: number, dir = CARD_DIR): CardEntry[] {
  const manifest = path.join(dir, 'manifest.json');
  return existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as CardEntry[]).slice(0, count) : [];
}

/** The documents `auto` is scored on besides the cards: the generated receipts and the domain fixtures. */
function otherAutoCases(): Array<{ file: string; type: string }> {
  const out: Array<{ file: string; type: string }> = [];
  const retail = path.join(RETAIL_DIR, 'manifest.json');
  if (existsSync(retail))
    for (const e of JSON.parse(readFileSync(retail, 'utf8')) as RetailEntry[]) out.push({ file: path.join(RETAIL_DIR, e.file), type: 'receipt' });
  const domain = path.join(GENERATED, 'domain-manifest.json');
  if (existsSync(domain))
    for (const e of JSON.parse(readFileSync(domain, 'utf8')) as Array<{ file: string; type: string }>) out.push({ file: fixture(e.file), type: e.type });
  return out;
}

/** In the child: every card by its type, the real MRZs, then `auto` over everything; two in flight. */
export async function runCards(count: number): Promise<CardRow[]> {
  const { recognize, shutdown } = await import('../../src/index.js');
  const cases = cardCases(count);
  if (cases.length) await recognize(path.join(CARD_DIR, cases[0].file), { type: cases[0].type });
  const timed = async <T>(work: () => Promise<T>): Promise<[T | null, number]> => {
    const t0 = performance.now();
    const value = await work().catch(() => null);
    return [value, performance.now() - t0];
  };
  const rows: CardRow[] = await mapLimit(cases, 2, async (c) => {
    const [r, ms] = await timed(() => recognize(path.join(CARD_DIR, c.file), { type: c.type }));
    return {
      file: c.file,
      set: 'generated',
      type: c.type,
      variant: c.variant,
      defect: c.defect,
      ms,
      ...scoreCard(c.fields, (r?.fields as Record<string, unknown>) ?? null),
    };
  });
  if (hasSharedData) {
    const dir = path.join(SHARED_DATA, 'mrz');
    const files = readdirSync(dir)
      .filter((f) => /\.(jpe?g|png)$/i.test(f))
      .sort();
    rows.push(
      ...(await mapLimit(files, 2, async (f) => {
        const [r, ms] = await timed(() => recognize(path.join(dir, f), { type: 'passport' }));
        return {
          file: f,
          set: 'mrz',
          type: 'passport',
          variant: 'real',
          defect: 'photo',
          fields: 0,
          exact: 0,
          wrong: [],
          checksPass: r?.checks.mrzCheckDigits === true,
          ms,
        };
      })),
    );
  }
  const auto = [...cases.map((c) => ({ file: path.join(CARD_DIR, c.file), type: c.type as string })), ...otherAutoCases()];
  rows.push(
    ...(await mapLimit(auto, 2, async (c) => {
      const [r, ms] = await timed(() => recognize(c.file, { type: 'auto' }));
      const chosen = r?.type ?? 'error';
      return {
        file: path.basename(c.file),
        set: 'auto',
        type: c.type,
        variant: '',
        defect: '',
        fields: 1,
        exact: chosen === c.type ? 1 : 0,
        wrong: chosen === c.type ? [] : [`auto: ${chosen}`],
        chosen,
        ms,
      };
    })),
  );
  await shutdown();
  return rows;
}

export function cardsReport(rows: CardRow[]): string {
  const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : '–');
  const generated = rows.filter((r) => r.set === 'generated');
  const line = (key: string, list: CardRow[]) => {
    const clean = list.filter((r) => r.defect === 'clean'),
      damaged = list.filter((r) => r.defect !== 'clean');
    const sum = (l: CardRow[], k: 'fields' | 'exact') => l.reduce((s, r) => s + r[k], 0);
    return [
      key,
      String(list.length),
      pct(sum(list, 'exact'), sum(list, 'fields')),
      pct(sum(clean, 'exact'), sum(clean, 'fields')),
      pct(sum(damaged, 'exact'), sum(damaged, 'fields')),
      `${list.filter((r) => r.exact === r.fields).length}/${list.length}`,
      (list.reduce((s, r) => s + r.ms, 0) / list.length / 1000).toFixed(2),
    ];
  };
  const group = (list: CardRow[], by: (r: CardRow) => string) => {
    const map = new Map<string, CardRow[]>();
    for (const r of list) map.set(by(r), [...(map.get(by(r)) ?? []), r]);
    return [...map.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, l]) => line(k, l));
  };
  const head = ['', 'cards', 'fields exact', 'clean', 'degraded', 'cards all exact', 's/card'];
  const out = [
    'Cards and licences (each through its own type; fields exact, strings without whitespace):',
    '',
    table([head, line('all', generated), ...group(generated, (r) => r.type)]),
  ];
  out.push('', 'Per type and degradation (fields exact):', '');
  const defects = [...new Set(generated.map((r) => r.defect))].sort();
  const types = [...new Set(generated.map((r) => r.type))].sort();
  out.push(
    table([
      ['', ...defects],
      ...types.map((t) => [
        t,
        ...defects.map((d) => {
          const l = generated.filter((r) => r.type === t && r.defect === d);
          return l.length
            ? `${pct(
                l.reduce((s, r) => s + r.exact, 0),
                l.reduce((s, r) => s + r.fields, 0),
              )} (${l.length})`
            : '–';
        }),
      ]),
    ]),
  );
  out.push('', 'Per layout variant:', '', table([head, ...group(generated, (r) => `${r.type} ${r.variant}`)]));
  const mrz = rows.filter((r) => r.set === 'mrz');
  if (mrz.length)
    out.push(
      '',
      `Real MRZ photos and scans (../shared/data/mrz): ${mrz.filter((r) => r.checksPass).length} / ${mrz.length} with every check digit passing; failing: ${
        mrz
          .filter((r) => !r.checksPass)
          .map((r) => r.file)
          .join(', ') || 'none'
      }`,
    );
  const auto = rows.filter((r) => r.set === 'auto');
  if (auto.length) {
    out.push('', `auto (type chosen = type drawn): ${pct(auto.filter((r) => r.exact).length, auto.length)} of ${auto.length}`, '');
    out.push(
      table([
        ['drawn as', 'documents', 'right', 'taken for'],
        ...[...new Set(auto.map((r) => r.type))].sort().map((t) => {
          const l = auto.filter((r) => r.type === t);
          const wrongs = [...new Set(l.filter((r) => !r.exact).map((r) => r.chosen))].join(', ');
          return [t, String(l.length), pct(l.filter((r) => r.exact).length, l.length), wrongs || '–'];
        }),
      ]),
    );
  }
  return out.join('\n');
}
