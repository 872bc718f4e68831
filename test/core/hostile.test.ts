import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GENERATED } from '../helpers/paths';
import { runCli } from '../helpers/childRun';
import type { HostileInput } from '../fixtures/hostile';

/**
 * Every bad and hostile file (bad.ts, hostile.ts) read by the CLI in its own process, as a user would: the
 * process must answer with the file's code, within the deadline plus 2 s, under 1.5 GiB, and exit by itself.
 * A hang, a crash (V8's fatal out-of-memory, a native abort) or a runaway allocation fails its case.
 */
const corpus: HostileInput[] = [
  ...(JSON.parse(readFileSync(path.join(GENERATED, 'bad-manifest.json'), 'utf8')) as HostileInput[]),
  ...(JSON.parse(readFileSync(path.join(GENERATED, 'hostile-manifest.json'), 'utf8')) as HostileInput[]),
];
const DEADLINE_MS = 30_000;
const GRACE_MS = 2_000;
const MAX_PEAK_MIB = 1536;
/** Two files at a time (one per core): the suite stays a couple of minutes. */
const CONCURRENCY = 2;

const outcomes = new Map<string, Promise<Awaited<ReturnType<typeof runCli>>>>();
let running = 0;
const waiting: Array<() => void> = [];
function outcomeOf(c: HostileInput) {
  let p = outcomes.get(c.file);
  if (!p) {
    p = (async () => {
      if (running >= CONCURRENCY) await new Promise<void>((r) => waiting.push(r));
      running++;
      try {
        const deadline = c.timeoutMs ?? DEADLINE_MS;
        const file = c.rawName
          ? Buffer.concat([Buffer.from(path.join(GENERATED, path.dirname(c.file)) + '/'), Buffer.from(c.rawName, 'hex')])
          : path.join(GENERATED, c.file);
        return await runCli(file, ['--lang', 'eng', '--timeout', String(deadline)], deadline + 30_000);
      } finally {
        running--;
        waiting.shift()?.();
      }
    })();
    outcomes.set(c.file, p);
  }
  return p;
}

describe('hostile inputs, each in its own process: the right code, in time, in bounded memory', () => {
  test('the suite has at least 100 files, at least 45 of them hostile', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(100);
    expect(corpus.filter((c) => c.file.startsWith('hostile/')).length).toBeGreaterThanOrEqual(45);
  });

  // started together so that two run at a time; each test awaits its own
  beforeAll(() => {
    for (const c of corpus) void outcomeOf(c);
  });

  test.each(corpus.map((c) => [c.file, c.expect, c] as const))('%s → %s', async (_file, expected, c) => {
    const r = await outcomeOf(c);
    const deadline = c.timeoutMs ?? DEADLINE_MS;
    expect({ file: c.file, outcome: r.outcome }).toEqual({ file: c.file, outcome: expected });
    expect(r.signal).toBeNull();
    expect(r.ms).toBeLessThan(deadline + GRACE_MS + 1500); // + the process's own start and exit
    expect(r.peakMiB).not.toBeNull();
    expect(r.peakMiB!).toBeLessThan(MAX_PEAK_MIB);
    // nothing on stderr but our own peak line and the engine's known notices: no V8 fatal error, no abort
    expect(r.stderr).not.toMatch(/FATAL ERROR|Aborted|Segmentation|terminate called/);
  });
});
