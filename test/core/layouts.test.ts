import { readFileSync } from 'node:fs';
import path from 'node:path';
import { recognize, shutdown } from '../../src/index';
import { cer, linesMissed, orderFreeCer } from '../helpers/cer';
import { fixture } from '../helpers/paths';
import type { LayoutEntry } from '../fixtures/layouts';

/**
 * General OCR on the layout corpus's fixed subset (test/fixtures/layouts/: seeded pages in 11 faces, 1–3
 * columns, every defect), through the default engine choice for each language as a user gets it. The whole
 * corpus runs in `npm run bench`; docs/benchmarks.md has its figures. Bounds: the subset's measured figures
 * with room for the engines' run-to-run noise, nothing tighter.
 */
const entries = (JSON.parse(readFileSync(fixture('layouts/manifest.json'), 'utf8')) as LayoutEntry[]).slice(0, 12);

interface Read {
  entry: LayoutEntry;
  cer: number;
  orderFree: number;
  turn: number;
  missed: number;
}

const reads: Read[] = [];
if (process.env.LOCAL_OCR_SHOW_READS)
  afterAll(() =>
    console.log(
      reads.map((r) => `${r.entry.file} ${(100 * r.cer).toFixed(2)} ${(100 * r.orderFree).toFixed(2)} ${r.missed}/${r.entry.lines.length}`).join('\n'),
    ),
  );

beforeAll(async () => {
  for (const entry of entries) {
    const r = await recognize(fixture(path.join('layouts', entry.file)), { engine: 'paddle', languages: entry.languages });
    const truth = entry.lines.join('\n');
    const page = r.pages[0];
    reads.push({
      entry,
      cer: cer(truth, r.text),
      orderFree: orderFreeCer(truth, r.text),
      turn: (((Math.round(page.rotation / 90) * 90) % 360) + 360) % 360,
      missed: linesMissed(
        entry.lines,
        page.lines.map((l) => l.text),
      ).length,
    });
  }
}, 240_000);
afterAll(() => shutdown());

describe('layout corpus subset, paddle', () => {
  test('every page is read the right way up, upright ones never turned', () => {
    expect(reads.map((r) => ({ file: r.entry.file, turn: r.turn }))).toEqual(entries.map((e) => ({ file: e.file, turn: e.rotation })));
  });

  test('multi-column pages read column by column: CER within a point of the order-free CER', () => {
    const multi = reads.filter((r) => !r.entry.layout.startsWith('1col'));
    expect(multi.length).toBeGreaterThanOrEqual(6);
    for (const r of multi) expect({ file: r.entry.file, orderLoss: r.cer - r.orderFree < 0.01 }).toEqual({ file: r.entry.file, orderLoss: true });
  });

  test('CER per page and on average', () => {
    for (const r of reads) expect({ file: r.entry.file, cer: r.cer < 0.03 }).toEqual({ file: r.entry.file, cer: true });
    expect(reads.reduce((s, r) => s + r.cer, 0) / reads.length).toBeLessThan(0.01);
  });

  test('almost no line lost to a flip or a join across a gutter', () => {
    const missed = reads.reduce((s, r) => s + r.missed, 0);
    const lines = reads.reduce((s, r) => s + r.entry.lines.length, 0);
    expect(missed / lines).toBeLessThan(0.01);
  });
});

describe('a digital two-column page and its pixels read alike', () => {
  const pdf = JSON.parse(readFileSync(fixture('columns-pdf.json'), 'utf8')) as { file: string; lines: string[] };
  const truth = pdf.lines.join('\n');

  test('the text layer comes out column by column, exactly', async () => {
    const r = await recognize(fixture(pdf.file));
    expect(r.pages[0].source).toBe('text-layer');
    expect(r.text.split('\n')).toEqual(pdf.lines);
    const blocks = r.pages[0].blocks ?? [];
    expect(blocks.flatMap((b) => b.lines)).toEqual(r.pages[0].lines.map((_, i) => i));
    expect(blocks.length).toBeGreaterThanOrEqual(4);
  });

  test('the same page through OCR reads in the same order', async () => {
    const r = await recognize(fixture(pdf.file), { pdfMode: 'ocr', engine: 'paddle' });
    expect(r.pages[0].source).toBe('ocr');
    expect(cer(truth, r.text) - orderFreeCer(truth, r.text)).toBeLessThan(0.005);
    expect(cer(truth, r.text)).toBeLessThan(0.02);
  }, 60_000);
});
