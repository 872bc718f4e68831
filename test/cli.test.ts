import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT, fixture } from './helpers/paths';
import { cer } from './helpers/cer';

const run = promisify(execFile);
const CLI = path.join(ROOT, 'dist', 'src', 'cli.js');

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('local-ocr CLI', () => {
  test('--help documents the usage', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage:/);
    expect(r.stdout).toMatch(/--pages/);
  });

  test('one file → one JSON result on stdout, nothing else', async () => {
    const r = await cli([fixture('en-sans-30.png'), '--lang', 'eng']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.type).toBe('general');
    expect(result.text.split('\n')[1]).toBe('The quick brown fox jumps over the lazy dog.');
    expect(r.stderr).toBe('');
  });

  test('--pdf-out writes the scan as a searchable PDF whose text layer is the result', async () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'local-ocr-test-')), 'scan.pdf');
    const r = await cli([fixture('en-sans-30.png'), '--lang', 'eng', '--pdf-out', out]);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    const back = JSON.parse((await cli([out, '--pdf-mode', 'text'])).stdout);
    expect(back.engine).toBe('text-layer');
    expect(back.text).toBe(result.text);
    expect((await cli([fixture('en-sans-30.png'), fixture('zh-wqy-34.png'), '--pdf-out', out])).code).toBe(2);
  });

  test('--tables-out writes every table as CSV or XLSX; --duplicates marks a file read twice', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'local-ocr-test-'));
    const csv = path.join(dir, 'tables.csv');
    const r = await cli([fixture('table-borderless.pdf'), '--tables-out', csv]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).pages[0].tables).toHaveLength(1);
    expect(readFileSync(csv, 'utf8').split('\r\n')[2]).toBe('1,1,2,Printer paper A4,10,4.50,45.00');
    expect(JSON.parse((await cli([fixture('table-borderless.pdf'), '--tables-out', path.join(dir, 'x.txt')])).stdout).error.code).toBe('INVALID_OPTION');
    const seen = path.join(dir, 'seen.jsonl');
    expect(JSON.parse((await cli([fixture('pdf-text-en.pdf'), '--duplicates', seen])).stdout).checks.notDuplicate).toBe(true);
    expect(JSON.parse((await cli([fixture('pdf-text-en.pdf'), '--duplicates', seen])).stdout).checks.notDuplicate).toBe(false);
  });

  test('the bundled sample reads as the README promises', async () => {
    const r = await cli([path.join(ROOT, 'samples', 'receipt-sample.png'), '--pretty']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    const lines: string[] = result.text.split('\n');
    expect(lines[0]).toBe('LOCAL OCR SAMPLE RECEIPT');
    // the print has a space after "No."; a reading may miss it (the spacing is the one thing in doubt)
    expect(lines.find((l) => l.startsWith('Date:'))).toMatch(/^Date: 2024-03-12 No\. ?000815$/);
    expect(lines.find((l) => l.startsWith('合计'))).toMatch(/^合计Total: ?68\.00元$/);
    expect(result.engine).toBe('paddle');
    expect(r.stdout).toContain('\n  "type"');
  });

  test('an error → {"error":{code,message}} and exit 2', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'local-ocr-cli-'));
    const bad = path.join(dir, 'notes.txt');
    writeFileSync(bad, 'just some text');
    const r = await cli([bad]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({ error: { code: 'UNSUPPORTED_FORMAT', message: expect.any(String) } });
  });

  test('a directory → JSON Lines in name order, each with its file; one failure → exit 2', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'local-ocr-cli-'));
    copyFileSync(fixture('en-serif-26.png'), path.join(dir, 'a.png'));
    writeFileSync(path.join(dir, 'b.png'), Buffer.from('not really a png'));
    copyFileSync(fixture('en-rot90.png'), path.join(dir, 'c.png'));
    const r = await cli([dir, '--lang', 'eng', '--pages', '1']);
    expect(r.code).toBe(2);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => path.basename(l.file))).toEqual(['a.png', 'b.png', 'c.png']);
    expect(lines[1].error.code).toBe('UNSUPPORTED_FORMAT');
    expect(lines[2].pages[0].rotation).toBe(90);
    expect(cer('The quick brown fox jumps over the lazy dog.', lines[0].text.split('\n')[1])).toBe(0);
  });

  test('an invalid option → exit 2 with a message', async () => {
    const r = await cli([fixture('en-sans-30.png'), '--pages', 'abc']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.message).toMatch(/Invalid page selection/);
  });
});
