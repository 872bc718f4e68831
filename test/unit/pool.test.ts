import { WorkerPool } from '../../src/engines/pool';
import { OcrError } from '../../src/errors';

interface FakeWorker {
  id: number;
  key: string;
  destroyed: boolean;
}

function makePool(size: number, failCreate = false) {
  let next = 0;
  const created: FakeWorker[] = [];
  const pool = new WorkerPool<FakeWorker>(size, {
    create: async (key) => {
      if (failCreate) throw new Error('no model');
      const w = { id: next++, key, destroyed: false };
      created.push(w);
      return w;
    },
    destroy: async (w) => {
      w.destroyed = true;
    },
  });
  return { pool, created };
}

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('WorkerPool', () => {
  test('never runs more jobs than its size, and reuses workers', async () => {
    const { pool, created } = makePool(2);
    let running = 0;
    let peak = 0;
    const job = async () => {
      running++;
      peak = Math.max(peak, running);
      await delay(10);
      running--;
      return 1;
    };
    const results = await Promise.all(Array.from({ length: 10 }, () => pool.run('eng', job)));
    expect(results).toHaveLength(10);
    expect(peak).toBe(2);
    expect(created).toHaveLength(2);
    await pool.close();
  });

  test('an idle worker of another language is recycled rather than growing the pool', async () => {
    const { pool, created } = makePool(1);
    await pool.run('eng', async (w) => w.key);
    const key = await pool.run('chi_sim', async (w) => w.key);
    expect(key).toBe('chi_sim');
    expect(created.map((w) => [w.key, w.destroyed])).toEqual([
      ['eng', true],
      ['chi_sim', false],
    ]);
    await pool.close();
  });

  test('a job past its deadline fails with TIMEOUT, its worker is killed and replaced', async () => {
    const { pool, created } = makePool(1);
    const ctrl = new AbortController();
    const hung = pool.run('eng', () => new Promise<never>(() => undefined), ctrl.signal);
    setTimeout(() => ctrl.abort(new OcrError('TIMEOUT', 'too slow')), 20);
    await expect(hung).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(created[0].destroyed).toBe(true);
    await expect(pool.run('eng', async (w) => w.id)).resolves.toBe(1);
    await pool.close();
  });

  test('a queued call that is cancelled leaves the queue', async () => {
    const { pool } = makePool(1);
    const blocker = pool.run('eng', () => delay(50));
    const ctrl = new AbortController();
    const queued = pool.run('eng', async () => 'ran', ctrl.signal);
    expect(pool.stats.queued).toBe(1);
    ctrl.abort();
    await expect(queued).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(pool.stats.queued).toBe(0);
    await blocker;
    await pool.close();
  });

  test('a worker that cannot start fails the call with ENGINE_FAILED', async () => {
    const { pool } = makePool(1, true);
    await expect(pool.run('eng', async () => 1)).rejects.toMatchObject({ code: 'ENGINE_FAILED' });
    expect(pool.stats.workers).toBe(0);
  });

  test('a job error retires the worker and reaches the caller unchanged', async () => {
    const { pool, created } = makePool(1);
    await expect(
      pool.run('eng', async () => {
        throw new Error('wasm abort');
      }),
    ).rejects.toThrow('wasm abort');
    expect(created[0].destroyed).toBe(true);
    await pool.close();
  });

  test('a job whose worker crashes is retried once on a fresh worker', async () => {
    const { pool, created } = makePool(1);
    let calls = 0;
    const result = await pool.run('eng', async (w) => {
      calls++;
      if (w.id === 0) throw new OcrError('ENGINE_FAILED', 'The paddle worker stopped: exit code 134');
      return `page read by worker ${w.id}`;
    });
    expect(result).toBe('page read by worker 1');
    expect(calls).toBe(2);
    expect(created[0].destroyed).toBe(true);
    await pool.close();
  });

  test('a second crash is the answer: ENGINE_FAILED after exactly two attempts', async () => {
    const { pool, created } = makePool(1);
    let calls = 0;
    const crash = async () => {
      calls++;
      throw new OcrError('ENGINE_FAILED', 'The paddle worker stopped: exit code 134');
    };
    await expect(pool.run('eng', crash)).rejects.toMatchObject({ code: 'ENGINE_FAILED' });
    expect(calls).toBe(2);
    expect(created.every((w) => w.destroyed)).toBe(true);
    await pool.close();
  });

  test('close() fails what is still queued', async () => {
    const { pool } = makePool(1);
    const first = pool.run('eng', () => delay(30));
    const second = pool.run('eng', async () => 2);
    await pool.close();
    await expect(second).rejects.toMatchObject({ code: 'ENGINE_FAILED' });
    await first.catch(() => undefined);
  });
});
