/**
 * Runs an ONNX model once, in a worker thread. Jest's module sandbox has Float32Array of its own, which
 * onnxruntime-node's output tensors fail to recognise; the engine itself always runs in worker threads too.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

interface Job {
  model: Uint8Array;
  input: Float32Array;
  dims: number[];
}

export function runModel(model: Uint8Array, input: Float32Array, dims: number[]): Promise<Float32Array> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: { model, input, dims } satisfies Job });
    worker.once('message', (out: Float32Array) => resolve(out));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`model worker exited with ${code}`)));
  });
}

if (!isMainThread && parentPort) {
  void (async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ort = require('onnxruntime-node') as typeof import('onnxruntime-node');
    const { model, input, dims } = workerData as Job;
    const s = await ort.InferenceSession.create(model, { intraOpNumThreads: 1, graphOptimizationLevel: 'all', logSeverityLevel: 3 });
    const r = await s.run({ [s.inputNames[0]]: new ort.Tensor('float32', input, dims) });
    parentPort!.postMessage(r[s.outputNames[0]].data as Float32Array);
    await s.release();
  })();
}
