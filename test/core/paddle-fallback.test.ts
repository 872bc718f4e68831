import childProcess from 'node:child_process';
import path from 'node:path';
import { recognize, shutdown } from '../../src';
import { fixture } from '../helpers/paths';

// onnxruntime-node's binding cannot load on some platforms. The paddle engine loads it only in its worker
// processes, which inherit this environment: each of them has the binding fail, as on such a platform.
const saved = process.env.NODE_OPTIONS;
beforeAll(() => {
  process.env.NODE_OPTIONS = `${saved ?? ''} --require ${path.join(__dirname, '../helpers/noOnnxruntime.js')}`.trim();
});
afterAll(async () => {
  if (saved === undefined) delete process.env.NODE_OPTIONS;
  else process.env.NODE_OPTIONS = saved;
  await shutdown();
});

test('auto falls back to tesseract and says so in warnings', async () => {
  const r = await recognize(fixture('zh-wqy-34.png'));
  expect(r.engine).toBe('tesseract');
  expect(r.warnings.join('\n')).toMatch(/paddle engine is unavailable here, so tesseract was used.*could not be loaded on this platform/);
  expect(r.text).toContain('增值税电子普通发票');
});

test('a second document falls back at once: no worker is started again to fail again', async () => {
  const forks = jest.spyOn(childProcess, 'fork');
  const r = await recognize(fixture('zh-wqy-34.png'), { type: 'general' });
  expect(r.engine).toBe('tesseract');
  expect(r.warnings.join('\n')).toMatch(/paddle engine is unavailable here/);
  expect(forks).not.toHaveBeenCalled();
  forks.mockRestore();
});

test('an explicit paddle request fails with ENGINE_FAILED and a clear message', async () => {
  await expect(recognize(fixture('zh-wqy-34.png'), { engine: 'paddle' })).rejects.toMatchObject({
    code: 'ENGINE_FAILED',
    message: expect.stringMatching(
      /^The paddle engine needs onnxruntime-node, which could not be loaded on this platform \(no onnxruntime binding for this platform\)\. Use engine "tesseract"\.$/,
    ),
  });
});
