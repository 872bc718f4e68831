import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { recognize, shutdown, OcrError } from '../../src';
import { GENERATED, fixture } from '../helpers/paths';
import type { BadInput } from '../fixtures/bad';

const corpus = JSON.parse(readFileSync(path.join(GENERATED, 'bad-manifest.json'), 'utf8')) as BadInput[];
const PWNED = '/tmp/local-ocr-pwned';
const DEADLINE_MS = 20_000;

afterAll(() => shutdown());

/** Files in the temp dir that look like ours: nothing may be left behind by a failed document. */
function tempEntries(): string[] {
  return readdirSync(os.tmpdir()).filter((n) => /ocr|pdf|ofd|tess/i.test(n) && !n.startsWith('local-ocr-test-') && !n.startsWith('jest'));
}

describe('the bad-input corpus: every file gets its code, in bounded time and memory', () => {
  const before = tempEntries();
  beforeAll(() => rmSync(PWNED, { force: true }));

  test('has at least 50 files', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(50);
  });

  test.each(corpus.map((c) => [c.file, c.expect, c] as const))('%s → %s', async (_file, expected, c) => {
    const t = Date.now();
    let outcome: string;
    try {
      const r = await recognize(fixture(c.file), { languages: 'eng', timeoutMs: DEADLINE_MS });
      outcome = 'result';
      expect(r.pages.length).toBeGreaterThan(0);
    } catch (err) {
      if (!(err instanceof OcrError)) throw err;
      outcome = err.code;
      expect(err.message.length).toBeGreaterThan(20);
    }
    expect(outcome).toBe(expected);
    expect(Date.now() - t).toBeLessThan(DEADLINE_MS);
    // a few hundred MB at most for any single file (the flate bombs inflate on purpose to their cap)
    expect(process.memoryUsage().rss).toBeLessThan(3 * 1024 ** 3);
  });

  test('nothing ran, nothing was written outside the temp dir, nothing left in it', () => {
    expect(existsSync(PWNED)).toBe(false);
    expect(tempEntries().filter((n) => !before.includes(n))).toEqual([]);
  });

  test('an external entity is never resolved into the text', async () => {
    const ofd = corpus.find((c) => c.file.endsWith('ofd-external-entity.ofd'))!;
    await recognize(fixture(ofd.file)).then(
      (r) => expect(r.text).not.toMatch(/root:/),
      (err: OcrError) => expect(err.message).not.toMatch(/root:/),
    );
  });
});
