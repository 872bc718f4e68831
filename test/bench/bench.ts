/**
 * npm run bench: throughput, per-stage time, peak memory and CER on the fixture set, per engine, with the
 * native tesseract CLI (Debian tesseract-ocr) on the same images as the baseline. Not part of the tests.
 *
 *   node dist/test/bench/bench.js [--engines tesseract,paddle] [--only a4] [--json out.json]
 *   node dist/test/bench/bench.js --corpus pages [--count 300]   (only the layout corpus and the scribe pages)
 *   node dist/test/bench/bench.js --corpus vat [--count 60]      (only the generated VAT invoices: PDF, OFD, scans)
 *   node dist/test/bench/bench.js --corpus receipts [--count 120] (only receipts: the generated ones and SROIE's real ones)
 *   node dist/test/bench/bench.js --corpus cards [--count 144]    (only cards and licences, the real MRZs, and `auto`)
 *
 * Each engine runs in a child process of its own, so peak RSS is that engine's alone. Documents go through
 * the pool as the CLI sends them (as many in flight as the pool has workers); the first document of each
 * engine is a warm-up (workers and models loading) and is timed separately.
 */
import { execFile, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { cer } from '../helpers/cer';
import { fixture, manifest } from '../helpers/paths';
import type { FixtureEntry } from '../fixtures/generate';
import { runDocuments, type DocumentRow } from './documents';
import { pagesReport, runPages, type PageRow } from './pages';
import { table } from './table';
import { mapLimit } from '../../src/util/concurrency';
import { CORPUS_SIZE, generateLayoutCorpus } from '../fixtures/layouts';
import { VAT_CORPUS_SIZE, generateVatCorpus } from '../fixtures/vat';
import { runVat, vatReport, type VatRow } from './vat';
import { RETAIL_CORPUS_SIZE, generateRetailCorpus } from '../fixtures/retail';
import { receiptsReport, runReceipts, type ReceiptRow } from './receipts';
import { CARD_CORPUS_SIZE, generateCardCorpus } from '../fixtures/card-corpus';
import { cardsReport, runCards, type CardRow } from './cards';

const execFileP = promisify(execFile);

interface DocRun {
  file: string;
  class: string;
  pages: number;
  ms: number;
  cer: number;
  stages: Record<string, number>;
}

interface EngineRun {
  engine: string;
  /** the A4 300-dpi page read REPEAT times after warm-up: steady-state pages/s */
  a4?: { pages: number; wallMs: number };
  warmupMs: number;
  wallMs: number;
  pages: number;
  peakRssMiB: number;
  docs: DocRun[];
  error?: string;
}

function expectedText(e: FixtureEntry): string {
  return (e.pages ?? [e.lines]).map((p) => p.join('\n')).join('\n');
}

function args(): { engines: string[]; only?: string; json?: string; child?: string; corpus?: string; count: number } {
  const a = process.argv.slice(2);
  const get = (k: string) => {
    const i = a.indexOf(k);
    return i >= 0 ? a[i + 1] : undefined;
  };
  return {
    engines: (get('--engines') ?? 'tesseract,paddle').split(','),
    only: get('--only'),
    json: get('--json'),
    child: get('--child'),
    corpus: get('--corpus'),
    count: Number(get('--count') ?? CORPUS_SIZE),
  };
}

function selected(only?: string): FixtureEntry[] {
  return manifest().filter((e) => !only || e.file.includes(only) || e.class === only);
}

/** Runs inside the child: one engine over the fixtures, result as JSON on stdout. */
async function runEngine(engine: string, only?: string): Promise<EngineRun> {
  const { recognize, shutdown } = await import('../../src/index.js');
  const { poolSize } = await import('../../src/engines/registry.js');
  const entries = selected(only);
  const run = (e: FixtureEntry) => recognize(fixture(e.file), { engine: engine as 'tesseract', languages: e.languages });
  // every worker reads a page before the clock starts: a worker's first page costs its session's start-up
  const w0 = performance.now();
  await Promise.all(Array.from({ length: poolSize() }, () => run(entries[0])));
  const warmupMs = performance.now() - w0;
  const t0 = performance.now();
  const docs = await mapLimit(entries, poolSize(), async (e): Promise<DocRun> => {
    const d0 = performance.now();
    const r = await run(e);
    const { total: _total, ...stages } = r.timings;
    return { file: e.file, class: e.class, pages: r.pages.length, ms: performance.now() - d0, cer: cer(expectedText(e), r.text.replace(/\f/g, '\n')), stages };
  });
  const wallMs = performance.now() - t0;
  const a4 = await repeatA4(only, (e) => run(e), poolSize());
  await shutdown();
  return { engine, warmupMs, wallMs, pages: docs.reduce((s, d) => s + d.pages, 0), peakRssMiB: process.resourceUsage().maxRSS / 1024, docs, a4 };
}

const A4_REPEAT = 8;

/** Steady state on the page the speed targets are set on: the same A4 page, A4_REPEAT times, `parallel` at once. */
async function repeatA4(
  only: string | undefined,
  read: (e: FixtureEntry) => Promise<unknown>,
  parallel: number,
): Promise<{ pages: number; wallMs: number } | undefined> {
  const a4 = manifest().find((e) => e.class === 'a4');
  if (!a4 || (only && !selected(only).some((e) => e.file === a4.file))) return undefined;
  let left = A4_REPEAT;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (left-- > 0) await read(a4);
    }),
  );
  return { pages: A4_REPEAT, wallMs: performance.now() - t0 };
}

interface TextLayerRun {
  engine: 'text-layer';
  rows: Array<{ what: string; textMs: number; ocrMs: number }>;
}

const TEXT_WARM_UP = 50;

/** Digital PDF and OFD pages from their text layer, against the same pages through OCR (in the child). */
async function runTextLayer(): Promise<TextLayerRun> {
  const { recognize, shutdown } = await import('../../src/index.js');
  const time = async (warm: number, n: number, f: () => Promise<unknown>) => {
    for (let i = 0; i < warm; i++) await f();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await f();
    return (performance.now() - t0) / n;
  };
  // Text layers are timed as a mailbox sees them: after pdf.js's code is compiled, which takes some 50 documents
  // (the English page reads in ~16 ms a page over its first 20, ~4 ms from the 100th on). OCR is model arithmetic:
  // one document warms it.
  const text = (f: () => Promise<unknown>) => time(TEXT_WARM_UP, 100, f);
  const ocr = (f: () => Promise<unknown>) => time(1, 3, f);
  const rows = [
    {
      what: 'PDF page (English, standard font)',
      textMs: await text(() => recognize(fixture('pdf-text-en.pdf'))),
      ocrMs: await ocr(() => recognize(fixture('pdf-text-en.pdf'), { pdfMode: 'ocr' })),
    },
    {
      what: 'PDF page (Chinese, CMap font)',
      textMs: await text(() => recognize(fixture('pdf-text-zh.pdf'))),
      ocrMs: await ocr(() => recognize(fixture('pdf-text-zh.pdf'), { pdfMode: 'ocr' })),
    },
    {
      what: 'OFD page (template + values)',
      textMs: await text(() => recognize(fixture('ofd-text.ofd'))),
      ocrMs: await ocr(() => recognize(fixture('ofd-scan.ofd'))),
    },
  ];
  await shutdown();
  return { engine: 'text-layer', rows };
}

/** The native tesseract CLI, one single-threaded process per core: its fastest setting on this machine. */
async function runNative(only?: string): Promise<EngineRun | null> {
  if (spawnSync('tesseract', ['--version']).status !== 0) return null;
  const entries = selected(only).filter((e) => !e.file.endsWith('.tiff'));
  const docs: DocRun[] = new Array(entries.length);
  let next = 0;
  let peak = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: os.cpus().length }, async () => {
      while (next < entries.length) {
        const i = next++;
        const e = entries[i];
        const d0 = performance.now();
        // /usr/bin/time is not always there; the child's max RSS comes from a wrapper node process instead
        const { stdout } = await execFileP(process.execPath, ['-e', NATIVE_WRAPPER, fixture(e.file), e.languages], {
          env: { ...process.env, OMP_THREAD_LIMIT: '1' },
          maxBuffer: 1 << 26,
        });
        const out = JSON.parse(stdout) as { text: string; rssKiB: number };
        peak = Math.max(peak, out.rssKiB);
        docs[i] = { file: e.file, class: e.class, pages: 1, ms: performance.now() - d0, cer: cer(expectedText(e), out.text), stages: {} };
      }
    }),
  );
  const wallMs = performance.now() - t0;
  const a4 = await repeatA4(
    only,
    (e) =>
      execFileP(process.execPath, ['-e', NATIVE_WRAPPER, fixture(e.file), e.languages], { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, maxBuffer: 1 << 26 }),
    os.cpus().length,
  );
  return { engine: 'native tesseract', warmupMs: 0, wallMs, pages: docs.length, peakRssMiB: peak / 1024, docs, a4 };
}

const NATIVE_WRAPPER = `
const { spawnSync } = require('child_process');
const r = spawnSync('tesseract', [process.argv[1], 'stdout', '-l', process.argv[2], '--dpi', '300'], { encoding: 'utf8', maxBuffer: 1 << 26 });
const rss = require('process').resourceUsage().maxRSS;
process.stdout.write(JSON.stringify({ text: r.stdout, rssKiB: rss }));
`;

function report(runs: EngineRun[]): string {
  const out: string[] = [];
  const classes = [...new Set(runs.flatMap((r) => r.docs.map((d) => d.class)))];
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
  const native = runs.find((r) => r.engine === 'native tesseract');
  out.push(`machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}, node ${process.version}`);
  out.push('');
  out.push(
    table([
      ['engine', 'pages', 'wall s', 'pages/s', 'vs native', 'warm-up s', 'peak RSS MiB', 'mean CER'],
      ...runs.map((r) => [
        r.engine,
        String(r.pages),
        (r.wallMs / 1000).toFixed(1),
        (r.pages / (r.wallMs / 1000)).toFixed(2),
        native && r !== native ? `${(r.pages / r.wallMs / (native.pages / native.wallMs)).toFixed(2)}×` : '',
        (r.warmupMs / 1000).toFixed(1),
        r.peakRssMiB.toFixed(0),
        (mean(r.docs.map((d) => d.cer)) * 100).toFixed(2) + '%',
      ]),
    ]),
  );
  if (runs.some((r) => r.a4)) {
    out.push('');
    out.push(`Steady state, the A4 300-dpi mixed page read ${A4_REPEAT} times with every core busy:`);
    const nativeA4 = native?.a4;
    out.push(
      table([
        ['engine', 'pages/s', 's per page', 'vs native'],
        ...runs
          .filter((r) => r.a4)
          .map((r) => [
            r.engine,
            (r.a4!.pages / (r.a4!.wallMs / 1000)).toFixed(2),
            (r.a4!.wallMs / 1000 / r.a4!.pages).toFixed(2),
            nativeA4 && r !== native ? `${(r.a4!.pages / r.a4!.wallMs / (nativeA4.pages / nativeA4.wallMs)).toFixed(2)}×` : '',
          ]),
      ]),
    );
  }
  out.push('');
  out.push('CER by fixture class:');
  out.push(
    table([
      ['class', ...runs.map((r) => r.engine)],
      ...classes.map((c) => [
        c,
        ...runs.map((r) => {
          const v = mean(r.docs.filter((d) => d.class === c).map((d) => d.cer));
          return Number.isNaN(v) ? '' : (v * 100).toFixed(2) + '%';
        }),
      ]),
    ]),
  );
  out.push('');
  out.push('Seconds per document by class (in flight with the others), and time per stage summed over all documents:');
  out.push(
    table([
      ['class', ...runs.map((r) => r.engine)],
      ...classes.map((c) => [
        c,
        ...runs.map((r) => {
          const v = mean(r.docs.filter((d) => d.class === c).map((d) => d.ms));
          return Number.isNaN(v) ? '' : (v / 1000).toFixed(2);
        }),
      ]),
    ]),
  );
  for (const r of runs) {
    const stages: Record<string, number> = {};
    for (const d of r.docs) for (const [k, v] of Object.entries(d.stages)) stages[k] = (stages[k] ?? 0) + v;
    if (Object.keys(stages).length)
      out.push(
        `  ${r.engine}: ` +
          Object.entries(stages)
            .map(([k, v]) => `${k} ${(v / 1000).toFixed(2)} s`)
            .join(', '),
      );
  }
  return out.join('\n');
}

/** The layout corpus (written first, `count` pages) and the scribe pages, per engine in a child process. */
async function benchPages(engines: string[], count: number): Promise<string[]> {
  process.stderr.write(`bench: writing the layout corpus (${count} pages)…\n`);
  await generateLayoutCorpus(undefined, count);
  const reports: string[] = [];
  for (const engine of engines) {
    process.stderr.write(`bench: layout corpus and scribe pages, ${engine}…\n`);
    const child = spawnSync(process.execPath, [__filename, '--child', `pages:${engine}`, '--count', String(count)], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (child.status !== 0) {
      process.stderr.write(`bench: pages with ${engine} failed: ${child.stderr.split('\n').slice(-5).join('\n')}\n`);
      continue;
    }
    const rows = JSON.parse(child.stdout) as PageRow[];
    if (process.env.LOCAL_OCR_BENCH_ROWS) writeFileSync(`${process.env.LOCAL_OCR_BENCH_ROWS}.${engine}.json`, JSON.stringify(rows, null, 1));
    reports.push(pagesReport(engine, rows));
  }
  return reports;
}

/** The generated VAT invoices (written first), in a child process. */
async function benchVat(count: number): Promise<string> {
  process.stderr.write(`bench: writing the VAT invoice corpus (${count} invoices)…\n`);
  await generateVatCorpus(undefined, count);
  const child = spawnSync(process.execPath, [__filename, '--child', 'vat', '--count', String(count)], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (child.status !== 0) return `bench: VAT invoices failed: ${child.stderr.split('\n').slice(-5).join('\n')}`;
  const rows = JSON.parse(child.stdout) as VatRow[];
  if (process.env.LOCAL_OCR_BENCH_ROWS) writeFileSync(`${process.env.LOCAL_OCR_BENCH_ROWS}.vat.json`, JSON.stringify(rows, null, 1));
  return vatReport(rows);
}

/** The generated receipts (written first) and SROIE's real ones, in a child process. */
async function benchReceipts(count: number): Promise<string> {
  process.stderr.write(`bench: writing the receipt corpus (${count} receipts)…\n`);
  await generateRetailCorpus(undefined, count);
  const child = spawnSync(process.execPath, [__filename, '--child', 'receipts', '--count', String(count)], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (child.status !== 0) return `bench: receipts failed: ${child.stderr.split('\n').slice(-5).join('\n')}`;
  const rows = JSON.parse(child.stdout) as ReceiptRow[];
  if (process.env.LOCAL_OCR_BENCH_ROWS) writeFileSync(`${process.env.LOCAL_OCR_BENCH_ROWS}.receipts.json`, JSON.stringify(rows, null, 1));
  return receiptsReport(rows);
}

/** The generated cards (written first), the real MRZs and `auto`, in a child process. */
async function benchCards(count: number): Promise<string> {
  process.stderr.write(`bench: writing the card corpus (${count} cards)…\n`);
  await generateCardCorpus(undefined, count);
  const child = spawnSync(process.execPath, [__filename, '--child', 'cards', '--count', String(count)], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (child.status !== 0) return `bench: cards failed: ${child.stderr.split('\n').slice(-5).join('\n')}`;
  const rows = JSON.parse(child.stdout) as CardRow[];
  if (process.env.LOCAL_OCR_BENCH_ROWS) writeFileSync(`${process.env.LOCAL_OCR_BENCH_ROWS}.cards.json`, JSON.stringify(rows, null, 1));
  return cardsReport(rows);
}

async function main(): Promise<void> {
  const a = args();
  if (a.child) {
    const run =
      a.child === 'vat'
        ? await runVat(a.count)
        : a.child === 'receipts'
          ? await runReceipts(a.count)
          : a.child === 'cards'
            ? await runCards(a.count)
            : a.child.startsWith('pages:')
              ? await runPages(a.child.slice(6), a.count)
              : a.child === 'text-layer'
                ? await runTextLayer()
                : a.child === 'documents'
                  ? await runDocuments()
                  : await runEngine(a.child, a.only);
    process.stdout.write(JSON.stringify(run));
    return;
  }
  if (a.corpus === 'receipts') {
    process.stdout.write((await benchReceipts(process.argv.includes('--count') ? a.count : RETAIL_CORPUS_SIZE)) + '\n');
    return;
  }
  if (a.corpus === 'cards') {
    process.stdout.write((await benchCards(process.argv.includes('--count') ? a.count : CARD_CORPUS_SIZE)) + '\n');
    return;
  }
  if (a.corpus === 'vat') {
    process.stdout.write((await benchVat(process.argv.includes('--count') ? a.count : VAT_CORPUS_SIZE)) + '\n');
    return;
  }
  const pageReports = a.only ? [] : await benchPages(a.engines, a.count);
  if (a.corpus === 'pages') {
    process.stdout.write(pageReports.join('\n\n') + '\n');
    if (a.json) writeFileSync(path.resolve(a.json), JSON.stringify(pageReports, null, 2));
    return;
  }
  const runs: EngineRun[] = [];
  for (const engine of a.engines) {
    process.stderr.write(`bench: ${engine}…\n`);
    const child = spawnSync(process.execPath, [__filename, '--child', engine, ...(a.only ? ['--only', a.only] : [])], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (child.status !== 0) {
      process.stderr.write(`bench: ${engine} failed: ${child.stderr.split('\n').slice(-5).join('\n')}\n`);
      continue;
    }
    runs.push(JSON.parse(child.stdout) as EngineRun);
  }
  let textLayer: TextLayerRun | null = null;
  if (!a.only) {
    process.stderr.write('bench: text layers…\n');
    const child = spawnSync(process.execPath, [__filename, '--child', 'text-layer'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (child.status === 0) textLayer = JSON.parse(child.stdout) as TextLayerRun;
    else process.stderr.write(`bench: text layers failed: ${child.stderr.split('\n').slice(-5).join('\n')}\n`);
  }
  let documents: DocumentRow[] | null = null;
  if (!a.only) {
    process.stderr.write('bench: typed documents…\n');
    const child = spawnSync(process.execPath, [__filename, '--child', 'documents'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (child.status === 0) documents = JSON.parse(child.stdout) as DocumentRow[];
    else process.stderr.write(`bench: typed documents failed: ${child.stderr.split('\n').slice(-5).join('\n')}\n`);
  }
  process.stderr.write('bench: native tesseract…\n');
  const native = await runNative(a.only);
  if (native) runs.push(native);
  else process.stderr.write('bench: native tesseract not installed (bash test/system-deps.sh --bench); baseline skipped\n');
  let text = report(runs);
  if (textLayer) {
    text += `\n\nText layers against OCR of the same page (auto engine; text layers after ${TEXT_WARM_UP} documents, OCR after one):\n`;
    text += table([
      ['page', 'text layer ms', 'pages/s', 'through OCR ms', 'faster'],
      ...textLayer.rows.map((r) => [r.what, r.textMs.toFixed(1), (1000 / r.textMs).toFixed(0), r.ocrMs.toFixed(0), `${(r.ocrMs / r.textMs).toFixed(0)}×`]),
    ]);
  }
  if (documents) {
    text += '\n\nTyped documents (fields exact, warm seconds per document; receipts of ../shared/data: date and total):\n';
    text += table([
      ['type', 'input', 'docs', 'fields exact', 's/doc'],
      ...documents.map((d) => [
        d.type,
        d.kind,
        String(d.docs),
        `${d.exact}/${d.fields} (${((100 * d.exact) / d.fields).toFixed(1)}%)`,
        (d.msPerDoc / 1000).toFixed(2),
      ]),
    ]);
  }
  if (pageReports.length) text += '\n\n' + pageReports.join('\n\n');
  process.stdout.write(text + '\n');
  if (a.json) writeFileSync(path.resolve(a.json), JSON.stringify(runs, null, 2));
}

if (require.main === module)
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
