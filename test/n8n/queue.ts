/**
 * n8n queue mode with this package: Redis and Postgres from Debian's packages on loopback, an n8n main that takes
 * webhooks and workers that run the executions, 100 documents posted to a webhook-triggered OCR workflow. Checks
 * that every document is answered with its own text and that every worker did work; prints documents/minute with
 * 1 and with 2 workers. Usage (see queue.sh): node dist/test/n8n/queue.js <n8n install folder> <node 24 binary>
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import assert from 'node:assert/strict';
import { ROOT, fixture, manifest } from '../helpers/paths';

const run = promisify(execFile);
const DOCUMENTS = Number(process.env.QUEUE_DOCUMENTS ?? 100);
const IN_FLIGHT = 8;
const PG_BIN = '/usr/lib/postgresql/15/bin';
const PORTS = { pg: 5447, redis: 6397, n8n: 5687 };

async function main(): Promise<void> {
  const [n8nDir, nodeBin] = process.argv.slice(2);
  if (!n8nDir || !nodeBin) throw new Error('usage: queue.js <n8n install folder> <node 24 binary>');
  const work = mkdtempSync(path.join(os.tmpdir(), 'local-ocr-queue-'));
  const children: ChildProcess[] = [];
  const pgData = path.join(work, 'pg');
  try {
    // Postgres refuses to run as root: its cluster belongs to the postgres user
    mkdirSync(pgData);
    const pg =
      os.userInfo().uid === 0
        ? (cmd: string, ...args: string[]) => run('runuser', ['-u', 'postgres', '--', cmd, ...args])
        : (cmd: string, ...args: string[]) => run(cmd, args);
    if (os.userInfo().uid === 0) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: gid } = await run('id', ['-g', 'postgres']);
      chownSync(pgData, Number(stdout), Number(gid));
      chownSync(work, Number(stdout), Number(gid));
    }
    await pg(`${PG_BIN}/initdb`, '-D', pgData, '-A', 'trust', '-U', 'postgres');
    // -l: the server writes to its own log, not to our pipe (which would keep this call waiting for ever)
    await pg(
      `${PG_BIN}/pg_ctl`,
      '-D',
      pgData,
      '-l',
      path.join(pgData, 'server.log'),
      '-w',
      '-o',
      `-p ${PORTS.pg} -k ${pgData} -c listen_addresses=127.0.0.1`,
      'start',
    );
    children.push(spawn('redis-server', ['--port', String(PORTS.redis), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' }));

    const userFolder = path.join(work, 'user');
    const nodesDir = path.join(userFolder, '.n8n', 'nodes', 'node_modules');
    mkdirSync(nodesDir, { recursive: true });
    symlinkSync(ROOT, path.join(nodesDir, 'n8n-nodes-local-ocr'), 'dir');
    const env = n8nEnv(userFolder);
    const n8nBin = path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n');
    const cli = (...args: string[]) => run(nodeBin, [n8nBin, ...args], { env, maxBuffer: 64 * 1024 * 1024, timeout: 5 * 60 * 1000 });

    const workflow = webhookWorkflow();
    const file = path.join(work, 'workflow.json');
    writeFileSync(file, JSON.stringify(workflow));
    await cli('import:workflow', `--input=${file}`);
    await cli('publish:workflow', `--id=${workflow.id}`);

    const main = spawn(nodeBin, [n8nBin, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(main);
    let mainLog = '';
    main.stdout!.on('data', (d: Buffer) => (mainLog += d.toString()));
    main.stderr!.on('data', (d: Buffer) => (mainLog += d.toString()));
    process.on('exit', (code) => {
      if (code !== 0) console.error(`n8n main's log:\n${mainLog.slice(-4000)}`);
    });
    await waitFor(`http://127.0.0.1:${PORTS.n8n}/healthz`, 120_000);
    // the main registers the published workflow's webhook once its start-up is done
    const until = Date.now() + 180_000;
    while (!/Activated workflow "OCR webhook/.test(mainLog)) {
      if (Date.now() > until) throw new Error('the OCR workflow was not activated');
      await new Promise((r) => setTimeout(r, 1000));
    }

    const inputs = documents();
    const figures: string[] = [];
    for (const count of [1, 2]) {
      const workers = Array.from({ length: count }, (_, i) => startWorker(nodeBin, n8nBin, env, i));
      children.push(...workers.map((w) => w.process));
      await Promise.all(workers.map((w) => w.ready));
      const started = Date.now();
      const answers = await postAll(inputs);
      const seconds = (Date.now() - started) / 1000;
      for (let i = 0; i < inputs.length; i++) {
        assert.ok(answers[i].includes(inputs[i].expect), `document ${i} (${inputs[i].name}) answered with ${JSON.stringify(answers[i].slice(0, 120))}`);
      }
      const perWorker = workers.map((w) => w.finished());
      assert.equal(
        perWorker.reduce((s, n) => s + n, 0),
        inputs.length,
        `executions per worker: ${perWorker.join(', ')}`,
      );
      for (const n of perWorker) assert.ok(n > 0, `every worker did work: ${perWorker.join(', ')}`);
      figures.push(
        `${count} worker${count > 1 ? 's' : ''}: ${inputs.length} documents in ${seconds.toFixed(1)} s = ${((inputs.length / seconds) * 60).toFixed(0)} documents/minute (executions per worker: ${perWorker.join(', ')})`,
      );
      for (const w of workers) await stop(w.process);
    }
    console.log(`queue mode: every document answered with its own text\n${figures.join('\n')}`);
  } finally {
    for (const child of children.reverse()) await stop(child);
    await run('runuser', ['-u', 'postgres', '--', `${PG_BIN}/pg_ctl`, '-D', pgData, '-m', 'fast', 'stop']).catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}

function n8nEnv(userFolder: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    N8N_USER_FOLDER: userFolder,
    N8N_ENCRYPTION_KEY: 'local-ocr-queue-key',
    N8N_PORT: String(PORTS.n8n),
    N8N_LISTEN_ADDRESS: '127.0.0.1',
    N8N_LOG_LEVEL: 'info',
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
    N8N_TEMPLATES_ENABLED: 'false',
    N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
    N8N_RESTRICT_FILE_ACCESS_TO: userFolder,
    DB_TYPE: 'postgresdb',
    DB_POSTGRESDB_HOST: '127.0.0.1',
    DB_POSTGRESDB_PORT: String(PORTS.pg),
    DB_POSTGRESDB_USER: 'postgres',
    DB_POSTGRESDB_DATABASE: 'postgres',
    EXECUTIONS_MODE: 'queue',
    QUEUE_BULL_REDIS_HOST: '127.0.0.1',
    QUEUE_BULL_REDIS_PORT: String(PORTS.redis),
    QUEUE_HEALTH_CHECK_ACTIVE: 'false',
    // each n8n worker has its own OCR pool, one engine worker per core, as a worker on its own host would
    ...(process.env.LOCAL_OCR_POOL_SIZE ? { LOCAL_OCR_POOL_SIZE: process.env.LOCAL_OCR_POOL_SIZE } : {}),
  };
}

/** Webhook (JSON with a base64 file) → Convert to File → OCR General → answered with the last node's item. */
function webhookWorkflow() {
  return {
    id: 'ocrQueueWebhook1',
    name: 'OCR webhook (queue mode)',
    active: false,
    settings: { executionOrder: 'v1' },
    connections: {
      Webhook: { main: [[{ node: 'To File', type: 'main', index: 0 }]] },
      'To File': { main: [[{ node: 'OCR General', type: 'main', index: 0 }]] },
    },
    nodes: [
      {
        id: 'a1',
        name: 'Webhook',
        type: 'n8n-nodes-base.webhook',
        typeVersion: 2,
        position: [0, 0],
        webhookId: '5b7c6f4e-0d1a-4b2c-9e8f-7a6b5c4d3e2f',
        parameters: { httpMethod: 'POST', path: 'ocr', responseMode: 'lastNode', options: {} },
      },
      {
        id: 'a2',
        name: 'To File',
        type: 'n8n-nodes-base.convertToFile',
        typeVersion: 1.1,
        position: [220, 0],
        parameters: { operation: 'toBinary', sourceProperty: 'body.data', options: { fileName: '={{ $json.body.name }}' } },
      },
      {
        id: 'a3',
        name: 'OCR General',
        type: 'n8n-nodes-local-ocr.ocrGeneral',
        typeVersion: 1,
        position: [440, 0],
        parameters: {
          operation: 'recognizeText',
          binaryPropertyName: 'data',
          outputMode: 'document',
          options: { keepBinary: false, engine: 'tesseract', languages: ['eng'] },
        },
      },
    ],
  };
}

/** English fixture pages, round robin, each with a line of its text to find in the answer. */
function documents(): Array<{ name: string; data: string; expect: string }> {
  const pages = manifest().filter((e) => e.languages === 'eng' && /^en-(sans|serif|mono)/.test(e.file));
  return Array.from({ length: DOCUMENTS }, (_, i) => {
    const page = pages[i % pages.length];
    return { name: `${i}-${page.file}`, data: readFileSync(fixture(page.file)).toString('base64'), expect: 'Pack my box with five dozen liquor jugs' };
  });
}

async function postAll(inputs: Array<{ name: string; data: string }>): Promise<string[]> {
  const answers: string[] = new Array(inputs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < inputs.length) {
        const i = next++;
        const res = await fetch(`http://127.0.0.1:${PORTS.n8n}/webhook/ocr`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(inputs[i]),
        });
        answers[i] = await res.text();
      }
    }),
  );
  return answers;
}

function startWorker(nodeBin: string, n8nBin: string, env: NodeJS.ProcessEnv, index: number) {
  // each worker its own health port and task-broker port (the main holds the default one)
  const health = 5690 + index;
  const workerEnv = { ...env, QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(health), N8N_RUNNERS_BROKER_PORT: String(5700 + index) };
  const child = spawn(nodeBin, [n8nBin, 'worker', '--concurrency=5'], { env: workerEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const onData = (d: Buffer) => (log += d.toString());
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const ready = waitFor(`http://127.0.0.1:${health}/healthz/readiness`, 120_000).catch((err: Error) => {
    throw new Error(`worker ${index} did not start (${err.message}):\n${log.slice(-2000)}`);
  });
  return { process: child, ready, finished: () => (log.match(/Worker finished execution/g) ?? []).length };
}

async function waitFor(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`${url} did not answer within ${ms / 1000} s`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.killed) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
