/**
 * onnxruntime-node 1.30 sends Microsoft telemetry on Linux and macOS unless told not to: it creates
 * ~/.cache/Microsoft/DeveloperTools/.onnxruntime (a device id and a queue of events) and, given a network,
 * posts them. Its opt-out is ORT_DISABLE_TELEMETRY=1 in the environment when the runtime initialises
 * (ORT_TELEMETRY_DISABLED, named in some notes, does nothing in 1.30). It is set in the process's environment
 * just before onnxruntime is required (models.ts, the only place that loads it), whatever the host's; LOCAL_OCR_ONNX_TELEMETRY=1 leaves the host's setting to
 * onnxruntime, for those who want to send it.
 */
export function telemetryEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (env.LOCAL_OCR_ONNX_TELEMETRY === '1') return {};
  return { ORT_DISABLE_TELEMETRY: '1' };
}
