/**
 * Preloaded (NODE_OPTIONS=--require) into the paddle worker processes by paddle-fallback.test: onnxruntime-node's
 * binding fails to load, as on a platform it has no build for. The engine's own code runs unchanged around it.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Module = require('node:module') as { _load: (request: string, ...rest: unknown[]) => unknown };
const load = Module._load;
Module._load = function (request: string, ...rest: unknown[]) {
  if (request === 'onnxruntime-node') throw new Error('no onnxruntime binding for this platform');
  return load.call(this, request, ...rest);
};
