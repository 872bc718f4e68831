import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import ExcelJS from 'exceljs';
import { ROOT, fixture } from '../helpers/paths';

// `npm start` without the build step: the main job as a newcomer meets it, in a scratch folder.
jest.setTimeout(240_000);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 150_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function rows(file: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: string[][] = [];
  wb.worksheets[0].eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => String(v))));
  return out;
}

describe('npm start: a real Node-RED with the demo flow', () => {
  let dir: string;
  let child: ChildProcess | undefined;
  let log = '';

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'local-ocr-start-'));
  });
  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  test('processes the bundled samples into outbox/, watches the inbox, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    child = spawn(process.execPath, [path.join(ROOT, 'examples', 'node-red', 'start.js')], {
      env: { ...process.env, LOCAL_OCR_DEMO_DIR: dir, PORT: String(port), LOCAL_OCR_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (log += d));
    child.stderr!.on('data', (d) => (log += d));
    const outbox = path.join(dir, 'outbox');
    const samples = readdirSync(path.join(ROOT, 'samples'));
    await waitFor('the inbox', () =>
      existsSync(path.join(dir, 'inbox')) && readdirSync(path.join(dir, 'inbox')).length === samples.length ? true : undefined,
    );
    expect(readdirSync(path.join(dir, 'inbox')).sort()).toEqual([...samples].sort());

    const results = await waitFor('the samples in results.xlsx', async () => {
      if (!existsSync(path.join(outbox, 'results.xlsx'))) return undefined;
      const r = await rows(path.join(outbox, 'results.xlsx'));
      return r.length === samples.length + 1 ? r : undefined;
    });
    expect(results[0].slice(0, 4)).toEqual(['file', 'type', 'fields', 'engine']);
    expect(
      results
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual([...samples].sort());
    const receipt = JSON.parse(readFileSync(path.join(outbox, 'receipt-sample.png.json'), 'utf8'));
    expect(receipt.text.split('\n')[0]).toBe('LOCAL OCR SAMPLE RECEIPT');
    const pdf = JSON.parse(readFileSync(path.join(outbox, 'invoice-text-layer.pdf.json'), 'utf8'));
    expect(pdf.engine).toBe('text-layer');

    // the editor is up, on loopback
    const res = await fetch(`http://127.0.0.1:${port}/flows`);
    expect(res.status).toBe(200);
    const flows = (await res.json()) as Array<{ type: string }>;
    expect(flows.some((n) => n.type === 'ocr-general')).toBe(true);

    // new documents dropped into the inbox: a scan, a blank page (needs review), a broken file (error)
    copyFileSync(fixture('en-sans-30.png'), path.join(dir, 'inbox', 'new-scan.png'));
    await sharp({ create: { width: 600, height: 400, channels: 3, background: '#fff' } })
      .png()
      .toFile(path.join(dir, 'inbox', 'blank.png'));
    writeFileSync(path.join(dir, 'inbox', 'broken.pdf'), '%PDF-1.7 truncated');
    await waitFor('new-scan.png.json', () => (existsSync(path.join(outbox, 'new-scan.png.json')) ? true : undefined));
    const review = JSON.parse(
      await waitFor('the review file', () =>
        existsSync(path.join(outbox, 'review', 'blank.png.json')) ? readFileSync(path.join(outbox, 'review', 'blank.png.json'), 'utf8') : undefined,
      ),
    );
    expect(review.reviewReasons).toEqual(['No text was found.']);
    const error = JSON.parse(
      await waitFor('the error file', () =>
        existsSync(path.join(outbox, 'errors', 'broken.pdf.json')) ? readFileSync(path.join(outbox, 'errors', 'broken.pdf.json'), 'utf8') : undefined,
      ),
    );
    expect(error.error.code).toBe('CORRUPT_INPUT');

    const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    child = undefined;
    // nothing is left listening on the port
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });
});
