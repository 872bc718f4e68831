/**
 * The package inside a real n8n: installed as a community package (a link in <user folder>/.n8n/nodes/node_modules,
 * where n8n's community-package loader finds it), the example workflows imported with `n8n import:workflow` and
 * run with `n8n execute --id --rawOutput`, and their output checked. Usage (see run.sh):
 *   node dist/test/n8n/e2e.js <n8n install folder> <node 24 binary>
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import ExcelJS from 'exceljs';
import { ROOT, fixture } from '../helpers/paths';
import { cer } from '../helpers/cer';

const run = promisify(execFile);

interface Item {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JSON n8n returned, read field by field below as each node fills it
  json: Record<string, any>;
  pairedItem?: { item: number } | number;
}
type RunData = Record<string, Array<{ data: { main: Item[][] } }>>;

async function main(): Promise<void> {
  const [n8nDir, nodeBin] = process.argv.slice(2);
  if (!n8nDir || !nodeBin) throw new Error('usage: e2e.js <n8n install folder> <node 24 binary>');
  const work = mkdtempSync(path.join(os.tmpdir(), 'local-ocr-n8n-'));
  try {
    const userFolder = path.join(work, 'user');
    const nodesDir = path.join(userFolder, '.n8n', 'nodes', 'node_modules');
    mkdirSync(nodesDir, { recursive: true });
    symlinkSync(ROOT, path.join(nodesDir, 'n8n-nodes-local-ocr'), 'dir');
    const dirs = {
      scans: path.join(work, 'scans'),
      pdfs: path.join(work, 'pdfs'),
      cards: path.join(work, 'cards'),
      invoices: path.join(work, 'invoices'),
      out: path.join(work, 'out'),
    };
    for (const d of Object.values(dirs)) mkdirSync(d);
    await prepareInputs(dirs.scans, dirs.pdfs);
    for (const f of ['idcard-1-front-photo.jpg', 'idcard-2-back-photo.jpg', 'zh-wqy-34.png']) copyFileSync(fixture(f), path.join(dirs.cards, f));
    for (const f of ['vat-digital.pdf', 'vat-digital-scan.png', 'letter-en.png']) copyFileSync(fixture(f), path.join(dirs.invoices, f));

    const n8n = async (...args: string[]) => {
      const { stdout } = await run(nodeBin, [path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'), ...args], {
        env: n8nEnv(userFolder, work),
        maxBuffer: 256 * 1024 * 1024,
        timeout: 10 * 60 * 1000,
      });
      return stdout;
    };

    const scans = example('scans-to-spreadsheet.json', {
      'Read Scans': { fileSelector: `${dirs.scans}/*` },
      'Write Results': { fileName: path.join(dirs.out, 'results.xlsx') },
      'Write Review': { fileName: path.join(dirs.out, 'review.xlsx') },
    });
    const pdfs = example('pdf-extract-and-ocr.json', { 'Read PDFs': { fileSelector: `${dirs.pdfs}/*.pdf` } });
    const cards = example('id-cards-to-spreadsheet.json', {
      'Read Card Photos': { fileSelector: `${dirs.cards}/*` },
      'Write Cards': { fileName: path.join(dirs.out, 'cards.xlsx') },
    });
    const invoices = example('invoices-to-spreadsheet.json', {
      'Read Invoices': { fileSelector: `${dirs.invoices}/*` },
      'Write Rows': { fileName: path.join(dirs.out, 'invoice-lines.xlsx') },
      'Write Review': { fileName: path.join(dirs.out, 'invoices-to-review.xlsx') },
    });
    // imported, not run: it needs a Postgres server and its credential; the import proves its nodes and parameters load
    const postgres = example('scans-to-postgres.json', { 'Read Scans': { fileSelector: `${dirs.scans}/*` } });
    for (const wf of [scans, pdfs, cards, invoices, postgres]) {
      const file = path.join(work, `${wf.id}.json`);
      writeFileSync(file, JSON.stringify(wf));
      await n8n('import:workflow', `--input=${file}`);
    }

    let t = Date.now();
    await checkScans(runData(await n8n('execute', `--id=${scans.id}`, '--rawOutput')), dirs.out);
    console.log(`n8n: scans → OCR General → spreadsheet ok (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    t = Date.now();
    checkPdfs(runData(await n8n('execute', `--id=${pdfs.id}`, '--rawOutput')));
    console.log(`n8n: Extract From File (n8n's pdfjs) then OCR General in one process ok (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    t = Date.now();
    await checkCards(runData(await n8n('execute', `--id=${cards.id}`, '--rawOutput')), dirs.out);
    console.log(`n8n: ID card photos → OCR Card → spreadsheet ok (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    t = Date.now();
    await checkInvoices(runData(await n8n('execute', `--id=${invoices.id}`, '--rawOutput')), dirs.out);
    console.log(`n8n: invoices → OCR Receipt → a spreadsheet row per line item ok (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function n8nEnv(userFolder: string, work: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    N8N_USER_FOLDER: userFolder,
    N8N_ENCRYPTION_KEY: 'local-ocr-test-key',
    N8N_RESTRICT_FILE_ACCESS_TO: work,
    N8N_LOG_LEVEL: 'info',
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
    N8N_TEMPLATES_ENABLED: 'false',
    N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
    DB_SQLITE_POOL_SIZE: '1',
  };
}

/** The bundled sample, generated fixtures with known text, a blank page (needs review) and a text file (error). */
async function prepareInputs(scans: string, pdfs: string): Promise<void> {
  copyFileSync(path.join(ROOT, 'samples', 'receipt-sample.png'), path.join(scans, 'a-receipt-sample.png'));
  copyFileSync(fixture('en-sans-30.png'), path.join(scans, 'b-en-sans.png'));
  copyFileSync(fixture('pdf-text-en.pdf'), path.join(scans, 'c-text.pdf'));
  copyFileSync(fixture('ofd-text.ofd'), path.join(scans, 'd-text.ofd'));
  await sharp({ create: { width: 800, height: 600, channels: 3, background: '#ffffff' } })
    .png()
    .toFile(path.join(scans, 'e-blank.png'));
  writeFileSync(path.join(scans, 'f-notes.png'), 'not an image, whatever the extension says\n');
  copyFileSync(fixture('pdf-text-en.pdf'), path.join(pdfs, 'a-text-en.pdf'));
  copyFileSync(fixture('pdf-scan-zh.pdf'), path.join(pdfs, 'b-scan-zh.pdf'));
}

/** An example workflow with the parameters that name folders set for this run. */
function example(
  file: string,
  overrides: Record<string, Record<string, unknown>>,
): { id: string; nodes: Array<{ name: string; parameters: Record<string, unknown> }> } {
  const wf = JSON.parse(readFileSync(path.join(ROOT, 'examples', 'n8n', file), 'utf8'));
  for (const [name, params] of Object.entries(overrides)) {
    const node = wf.nodes.find((n: { name: string }) => n.name === name);
    assert.ok(node, `${file} has no node "${name}"`);
    Object.assign(node.parameters, params);
  }
  return wf;
}

function runData(stdout: string): RunData {
  const start = stdout.indexOf('\n{') >= 0 && !stdout.startsWith('{') ? stdout.indexOf('\n{') + 1 : stdout.indexOf('{');
  let data;
  try {
    data = JSON.parse(stdout.slice(start));
  } catch {
    throw new Error(`n8n printed no run data:\n${stdout.slice(-3000)}`);
  }
  return data.data.resultData.runData as RunData;
}

function outputs(data: RunData, node: string): Item[][] {
  assert.ok(data[node], `node "${node}" did not run`);
  return data[node][0].data.main;
}

function truth(name: string): string {
  const m = JSON.parse(readFileSync(fixture('manifest.json'), 'utf8')) as Array<{ file: string; lines: string[] }>;
  return m.find((e) => e.file === name)!.lines.join('\n');
}

const PDF_EN = 'Invoice number INV-2024-0815 dated 12 March 2024';

async function checkScans(data: RunData, outDir: string): Promise<void> {
  const inputs = outputs(data, 'Read Scans')[0];
  assert.equal(inputs.length, 6);
  const [done, review] = outputs(data, 'OCR General');
  const byFile = new Map<string, Item>();
  for (const item of [...done, ...review]) {
    // pairedItem points at the input item the result came from
    const paired = typeof item.pairedItem === 'number' ? item.pairedItem : item.pairedItem!.item;
    assert.equal(item.json.fileName, inputs[paired].json.fileName ?? (inputs[paired] as { binary?: { data?: { fileName?: string } } }).binary?.data?.fileName);
    byFile.set(item.json.fileName, item);
  }
  assert.equal(byFile.size, 6, `one result per input, got ${[...byFile.keys()].join(', ')}`);

  const receipt = byFile.get('a-receipt-sample.png')!.json;
  assert.equal(receipt.text.split('\n')[0], 'LOCAL OCR SAMPLE RECEIPT');
  assert.equal(receipt.engine, 'paddle');
  assert.equal(receipt.needsReview, false);
  const en = byFile.get('b-en-sans.png')!.json;
  assert.ok(cer(truth('en-sans-30.png'), en.text) <= 0.02, `en-sans CER ${cer(truth('en-sans-30.png'), en.text)}`);
  assert.ok(!('lines' in en.pages[0]), 'geometry is off by default');
  const pdf = byFile.get('c-text.pdf')!.json;
  assert.equal(pdf.engine, 'text-layer');
  assert.equal(pdf.text.split('\n')[0], PDF_EN);
  assert.equal(byFile.get('d-text.ofd')!.json.engine, 'text-layer');
  const blank = byFile.get('e-blank.png')!.json;
  assert.ok(
    review.some((i) => i.json.fileName === 'e-blank.png'),
    'the blank page is on the Needs Review output',
  );
  assert.deepEqual(blank.reviewReasons, ['No text was found.']);
  const bad = byFile.get('f-notes.png')!.json;
  assert.equal(bad.error.code, 'UNSUPPORTED_FORMAT');
  assert.ok(
    done.some((i) => i.json.fileName === 'f-notes.png'),
    'Continue On Fail: the error item is on the regular output',
  );

  const sheet = async (file: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(outDir, file));
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    return { header, rows: ws.rowCount - 1, ws };
  };
  const results = await sheet('results.xlsx');
  assert.equal(results.rows, 5);
  assert.ok(results.header.includes('text') && results.header.includes('fileName'), `columns: ${results.header.join(', ')}`);
  const textCol = results.header.indexOf('text') + 1;
  const texts = Array.from({ length: results.rows }, (_, r) => String(results.ws.getRow(r + 2).getCell(textCol).value ?? ''));
  assert.ok(
    texts.some((t) => t.startsWith(PDF_EN)),
    'the PDF text is in the spreadsheet',
  );
  assert.equal((await sheet('review.xlsx')).rows, 1);
  assert.ok(existsSync(path.join(outDir, 'results.xlsx')));
}

function checkPdfs(data: RunData): void {
  const extracted = outputs(data, 'Extract From File')[0];
  assert.equal(extracted.length, 2);
  assert.ok(String(extracted[0].json.text).includes('The quick brown fox'), 'n8n extracted the text with its own pdfjs');
  const pages = outputs(data, 'OCR General')[0];
  const textPage = pages.find((p) => p.json.source === 'text-layer')!;
  assert.equal(textPage.json.text.split('\n')[0], PDF_EN);
  const scanned = pages.find((p) => p.json.source === 'ocr');
  assert.ok(scanned, 'the scanned PDF page was rendered and recognized');
  assert.ok(String(scanned!.json.text).length > 20);
  for (const p of pages) assert.equal(typeof p.json.sha256, 'string');
}

async function checkCards(data: RunData, outDir: string): Promise<void> {
  const manifest = JSON.parse(readFileSync(fixture('card-manifest.json'), 'utf8')) as Array<{ file: string; fields: Record<string, unknown> }>;
  const [done, review] = outputs(data, 'OCR Card');
  assert.deepEqual(done.map((i) => i.json.fileName).sort(), ['idcard-1-front-photo.jpg', 'idcard-2-back-photo.jpg']);
  for (const item of done) assert.deepEqual(item.json.fields, manifest.find((m) => m.file === item.json.fileName)!.fields);
  assert.deepEqual(
    review.map((i) => i.json.fileName),
    ['zh-wqy-34.png'],
  );
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(outDir, 'cards.xlsx'));
  const ws = wb.worksheets[0];
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const col = header.indexOf('idNumber') + 1;
  assert.ok(col > 0, `columns: ${header.join(', ')}`);
  const ids = [2, 3].map((r) => String(ws.getRow(r).getCell(col).value ?? ''));
  assert.ok(ids.includes(String(manifest.find((m) => m.file === 'idcard-1-front-photo.jpg')!.fields.idNumber)), `ids in the sheet: ${ids.join(', ')}`);
}

async function checkInvoices(data: RunData, outDir: string): Promise<void> {
  const [done, review] = outputs(data, 'OCR Receipt');
  // two invoices (text layer and scan) of two lines each; the page of plain text is no invoice: review
  const rows = done.map((i) => `${i.json.fileName}#${i.json.itemIndex}`);
  assert.deepEqual([...rows].sort(), ['vat-digital-scan.png#1', 'vat-digital-scan.png#2', 'vat-digital.pdf#1', 'vat-digital.pdf#2']);
  for (const i of done) assert.equal(i.json.totalAmount, 9610);
  assert.deepEqual(
    review.map((i) => i.json.fileName),
    ['letter-en.png'],
  );
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(outDir, 'invoice-lines.xlsx'));
  const ws = wb.worksheets[0];
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  assert.equal(ws.rowCount, 5);
  const col = header.indexOf('itemName') + 1;
  const names = [2, 3, 4, 5].map((r) => String(ws.getRow(r).getCell(col).value));
  assert.equal(names.filter((n) => n === '*办公用品*激光打印机硒鼓（黑色大容量长寿命型号）').length, 2);
}

main().catch((err) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  if ((err as { stdout?: string }).stdout) console.error(String((err as { stdout?: string }).stdout).slice(-4000));
  if ((err as { stderr?: string }).stderr) console.error(String((err as { stderr?: string }).stderr).slice(-4000));
  process.exit(1);
});
