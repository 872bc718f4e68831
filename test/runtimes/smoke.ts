/**
 * Runs under each supported Node major (npm run test:runtimes): every input kind and both engines, with
 * asserted results, so "runs on Node 20.19+, 22 and 24" stays true. Exits non-zero on the first mismatch.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { recognize, shutdown } from '../../src';
import { ROOT, fixture } from '../helpers/paths';

async function main(): Promise<void> {
  const hostBuiltIns = [JSON.parse, JSON.stringify, Array.prototype.push];
  const sample = await recognize(path.join(ROOT, 'samples', 'receipt-sample.png'));
  assert.equal(sample.engine, 'paddle');
  assert.equal(sample.text.split('\n')[0], 'LOCAL OCR SAMPLE RECEIPT');

  const turned = await recognize(fixture('en-rot90.png'), { languages: 'eng' });
  assert.equal(turned.engine, 'tesseract');
  assert.equal(turned.pages[0].rotation, 90);
  assert.equal(turned.text.split('\n')[1], 'The quick brown fox jumps over the lazy dog.');

  const pdf = await recognize(fixture('pdf-text-zh.pdf'));
  assert.equal(pdf.engine, 'text-layer');
  assert.equal(pdf.text.split('\n')[5], '价税合计（大写）：壹仟贰佰叁拾肆元伍角陆分');
  // pdf.js's bundled core-js must not have replaced the host's built-ins (it would on Node 20)
  assert.deepEqual([JSON.parse, JSON.stringify, Array.prototype.push], hostBuiltIns);
  assert.equal(Object.prototype.hasOwnProperty.call(globalThis, 'self'), false);

  const ofd = await recognize(fixture('ofd-text.ofd'));
  assert.deepEqual(ofd.text.split('\n'), ['发票号码：12345678', '开票日期：2024年03月12日', '合计金额：1234.56']);

  await assert.rejects(recognize(Buffer.from('plain text')), { code: 'UNSUPPORTED_FORMAT' });
  await shutdown();
  console.log(`runtime smoke: node ${process.version} ok`);
}

main().catch(async (err) => {
  console.error(`runtime smoke: node ${process.version} FAILED:`, err);
  await shutdown().catch(() => undefined);
  process.exit(1);
});
