import { recognize, shutdown, OcrError } from '../../src';
import { textPage } from '../helpers/render';
import { getEngine } from '../../src/engines/registry';
import { threadOf, type TesseractEngine } from '../../src/engines/tesseract/engine';

/**
 * Load: many documents from many concurrent callers through the shared engine pool. Every document carries its
 * own two words in its pixels, so an answer that went to the wrong caller, twice, or nowhere is seen. Every tenth
 * input is broken, so failures are mixed with successes. RSS is sampled throughout and compared between the
 * warmed-up middle and the end (no leak in workers or buffers). Every KILL_EVERY answers a worker thread is
 * terminated while the pool is busy, as a crash would end it: its page must be read again on a fresh worker, and
 * still be answered exactly once, with its own words.
 */
const DOCUMENTS = Number(process.env.LOAD_DOCUMENTS ?? 1000);
const CALLERS = Number(process.env.LOAD_CALLERS ?? 16);
const KILL_EVERY = Number(process.env.LOAD_KILL_EVERY ?? 100);

afterAll(() => shutdown());

// two common words name each document: tesseract reads dictionary words reliably, digits less so (0061 → 0001)
const FIRST =
  'amber apple autumn bright cedar coral cotton crystal desert echo falcon forest garden golden harbor island jasper lemon maple marble meadow silver morning ocean olive orange pepper planet river saffron shadow spring stone summer thunder velvet violet winter yellow cobalt'.split(
    ' ',
  );
const SECOND =
  'bridge castle valley market window garden letter mountain station village harbor orchard meadow lantern compass engine ribbon anchor basket candle pocket mirror ladder tunnel school'.split(
    ' ',
  );

function words(n: number): string {
  return `${FIRST[n % FIRST.length]} ${SECOND[Math.floor(n / FIRST.length) % SECOND.length]}`;
}

function page(n: number): Buffer {
  return textPage(560, 90, '40px "DejaVu Sans"', [{ text: words(n).toUpperCase(), x: 16, y: 60 }]);
}

test(
  `${DOCUMENTS} documents from ${CALLERS} concurrent callers, workers killed mid-run: each answered once, in order, memory flat`,
  async () => {
    const inputs = Array.from({ length: DOCUMENTS }, (_, n) => (n % 10 === 9 ? page(n).subarray(0, 200) : page(n)));
    const answers = new Map<number, string>();
    const order: number[][] = Array.from({ length: CALLERS }, () => []);
    let peak = 0;
    // jest runs every file in one process: what earlier files left (their engines' native memory) is the baseline
    const rssAt: Record<string, number> = { before: process.memoryUsage().rss };
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const started = Date.now();
    let finished = 0;
    let killed = 0;
    const engine = getEngine('tesseract') as TesseractEngine;

    // caller c sends documents c, c + CALLERS, c + 2·CALLERS … one after another, as a workflow's items arrive
    await Promise.all(
      Array.from({ length: CALLERS }, async (_, c) => {
        for (let n = c; n < DOCUMENTS; n += CALLERS) {
          let answer: string;
          try {
            const r = await recognize(inputs[n], { languages: 'eng', engine: 'tesseract', detectOrientation: false });
            answer = r.text;
          } catch (err) {
            answer = err instanceof OcrError ? err.code : `unexpected ${String(err)}`;
          }
          if (answers.has(n)) throw new Error(`document ${n} answered twice`);
          answers.set(n, answer);
          order[c].push(n);
          finished++;
          if (finished % KILL_EVERY === 0) {
            const workers = engine.workers();
            const victim = workers[finished % workers.length];
            if (victim) {
              void threadOf(victim)?.terminate?.();
              killed++;
            }
          }
          if (finished === Math.floor(DOCUMENTS * 0.3)) rssAt.warm = process.memoryUsage().rss;
        }
      }),
    );
    clearInterval(sampler);
    rssAt.end = process.memoryUsage().rss;
    const seconds = (Date.now() - started) / 1000;

    expect(answers.size).toBe(DOCUMENTS);
    expect(killed).toBeGreaterThanOrEqual(Math.floor(DOCUMENTS / KILL_EVERY) - 1);
    // each answer is its own document's words; an OCR slip is allowed now and then, but never another document's words
    const names = new Map(Array.from({ length: DOCUMENTS }, (_, n) => [words(n), n]));
    let slips = 0;
    for (let n = 0; n < DOCUMENTS; n++) {
      const answer = answers.get(n)!;
      if (n % 10 === 9) {
        expect(answer).toBe('CORRUPT_INPUT');
        continue;
      }
      const read = answer.toLowerCase();
      if (read === words(n)) continue;
      slips++;
      expect({ document: n, answeredAs: names.get(read) }).toEqual({ document: n, answeredAs: undefined });
    }
    expect(slips).toBeLessThanOrEqual(DOCUMENTS * 0.01);
    for (let c = 0; c < CALLERS; c++) expect(order[c]).toEqual(order[c].slice().sort((a, b) => a - b));

    const mib = (b: number) => Math.round(b / 2 ** 20);
    console.log(
      `load: ${DOCUMENTS} documents (${slips} OCR slips), ${CALLERS} callers, ${killed} workers killed, ${seconds.toFixed(1)} s (${((DOCUMENTS / seconds) * 60).toFixed(0)}/min); RSS before ${mib(rssAt.before)} MiB, warm ${mib(rssAt.warm)} MiB, end ${mib(rssAt.end)} MiB, peak ${mib(peak)} MiB`,
    );
    // a tesseract pool of one worker per core and the queued pages: well under a gigabyte on top of the process
    expect(peak - rssAt.before).toBeLessThan(1024 ** 3);
    // flat: what the last 70% of the run added stays small next to the process itself
    expect(rssAt.end - rssAt.warm).toBeLessThan(150 * 2 ** 20);
  },
  20 * 60 * 1000,
);
