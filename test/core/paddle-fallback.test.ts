// onnxruntime-node's binding cannot load on some platforms; simulate that for this file only.
jest.mock('onnxruntime-node', () => {
  throw new Error('no onnxruntime binding for this platform');
});

import { recognize, shutdown } from '../../src';
import { fixture } from '../helpers/paths';

afterAll(() => shutdown());

test('auto falls back to tesseract and says so in warnings', async () => {
  const r = await recognize(fixture('zh-wqy-34.png'));
  expect(r.engine).toBe('tesseract');
  expect(r.warnings.join('\n')).toMatch(/paddle engine is unavailable here, so tesseract was used/);
  expect(r.text).toContain('增值税电子普通发票');
});

test('an explicit paddle request fails with ENGINE_FAILED and a clear message', async () => {
  await expect(recognize(fixture('zh-wqy-34.png'), { engine: 'paddle' })).rejects.toMatchObject({
    code: 'ENGINE_FAILED',
    message: expect.stringMatching(/onnxruntime-node.*could not be loaded.*Use engine "tesseract"/),
  });
});
