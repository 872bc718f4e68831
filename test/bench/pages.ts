/**
 * General OCR on pages that are not the fixture set: the layout corpus (test/fixtures/layouts/) and the real
 * scribe pages of ../shared/data. Per engine, in a child process of its own: CER and order-free CER per page kind
 * (language × layout, language × defect), pages read in the wrong orientation, truth lines no output line reads
 * within a third of their length (lines flipped alone or joined across a gutter), and seconds per page.
 *
 *   node dist/test/bench/bench.js --corpus pages [--engines paddle] [--count 300]
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { cer, linesMissed, orderFreeCer } from '../helpers/cer';
import { SHARED_DATA, hasSharedData } from '../helpers/paths';
import { LAYOUT_DIR, type LayoutEntry } from '../fixtures/layouts';
import { mapLimit } from '../../src/util/concurrency';
import { table } from './table';

export interface PageRow {
  file: string;
  /** corpus pages: lang layout; scribe pages: scribe kind */
  group: string;
  lang: string;
  layout: string;
  defect: string;
  cer: number;
  orderFree: number;
  rotationWrong: boolean;
  linesMissed: number;
  lines: number;
  ms: number;
}

interface Case {
  file: string;
  languages: string;
  lines: string[];
  rotation: number | null;
  lang: string;
  layout: string;
  defect: string;
  group: string;
}

export function corpusCases(count: number): Case[] {
  const file = path.join(LAYOUT_DIR, 'manifest.json');
  const out: Case[] = [];
  if (existsSync(file)) {
    for (const e of (JSON.parse(readFileSync(file, 'utf8')) as LayoutEntry[]).slice(0, count)) {
      out.push({
        file: path.join(LAYOUT_DIR, e.file),
        languages: e.languages,
        lines: e.lines,
        rotation: e.rotation,
        lang: e.lang,
        layout: e.layout,
        defect: e.defect,
        group: 'corpus',
      });
    }
  }
  if (hasSharedData) {
    const dir = path.join(SHARED_DATA, 'scribe');
    for (const f of readdirSync(dir)
      .filter((x) => /\.(png|jpg)$/.test(x))
      .sort()) {
      const truth = JSON.parse(readFileSync(path.join(dir, f.replace(/\.\w+$/, '.json')), 'utf8')) as { kind: string; lines: string[] };
      out.push({ file: path.join(dir, f), languages: 'eng', lines: truth.lines, rotation: 0, lang: 'en', layout: truth.kind, defect: 'real', group: 'scribe' });
    }
  }
  return out;
}

/** In the child: one engine over the cases, documents in flight as many as the pool has workers. */
export async function runPages(engine: string, count: number): Promise<PageRow[]> {
  const { recognize, shutdown } = await import('../../src/index.js');
  const { poolSize } = await import('../../src/engines/registry.js');
  const cases = corpusCases(count);
  const read = (c: Case) => recognize(c.file, { engine: engine as 'paddle', languages: c.languages });
  await Promise.all(Array.from({ length: poolSize() }, () => read(cases[0])));
  const rows = await mapLimit(cases, poolSize(), async (c) => {
    const t0 = performance.now();
    const r = await read(c);
    const ms = performance.now() - t0;
    const truth = c.lines.join('\n');
    const page = r.pages[0];
    const turn = (((Math.round(page.rotation / 90) * 90) % 360) + 360) % 360;
    return {
      file: path.basename(c.file),
      group: c.group,
      lang: c.lang,
      layout: c.layout,
      defect: c.defect,
      cer: cer(truth, r.text),
      orderFree: orderFreeCer(truth, r.text),
      rotationWrong: c.rotation !== null && turn !== c.rotation,
      linesMissed: linesMissed(
        c.lines,
        page.lines.map((l) => l.text),
      ).length,
      lines: c.lines.length,
      ms,
    };
  });
  await shutdown();
  return rows;
}

const pct = (v: number) => (v * 100).toFixed(2) + '%';
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

/** Character-weighted would hide short pages; the mean over pages is what a user sees page by page. */
function summary(label: string, rows: PageRow[]): string[] {
  return [
    label,
    String(rows.length),
    pct(mean(rows.map((r) => r.cer))),
    pct(mean(rows.map((r) => r.orderFree))),
    pct(Math.max(...rows.map((r) => r.cer))),
    String(rows.filter((r) => r.rotationWrong).length),
    `${rows.reduce((s, r) => s + r.linesMissed, 0)}/${rows.reduce((s, r) => s + r.lines, 0)}`,
    (mean(rows.map((r) => r.ms)) / 1000).toFixed(2),
  ];
}

const HEADER = ['kind', 'pages', 'CER', 'order-free CER', 'worst page', 'wrong turn', 'lines missed', 's/page'];

export function pagesReport(engine: string, rows: PageRow[]): string {
  const corpus = rows.filter((r) => r.group === 'corpus');
  const scribe = rows.filter((r) => r.group === 'scribe');
  const by = (list: PageRow[], key: (r: PageRow) => string) => {
    const groups = new Map<string, PageRow[]>();
    for (const r of list) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
    return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => summary(k, v));
  };
  const out = [`Layout corpus and real pages, ${engine} (CER and order-free CER are means over pages):`, ''];
  out.push(
    table([
      HEADER,
      ...['en', 'zh'].map((l) =>
        summary(
          `${l} all`,
          corpus.filter((r) => r.lang === l),
        ),
      ),
      ...by(corpus, (r) => `${r.lang} ${r.layout}`),
    ]),
  );
  out.push('');
  out.push(table([HEADER, ...by(corpus, (r) => `${r.lang} ${r.defect}`)]));
  if (scribe.length) {
    out.push('');
    out.push(table([HEADER, summary('scribe all', scribe), ...scribe.map((r) => summary(r.file, [r]))]));
  }
  return out.join('\n');
}
