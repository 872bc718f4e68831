import { configure, type EngineName } from '../../src';
import type { EngineConfigNode, Node, NodeAPI } from './shared/red';
import { serveCatalog } from './shared/catalog-endpoint';

/** The `ocr-engine` config node: engine, languages, pool size and timeout shared by the OCR nodes using it. */
interface EngineConfig {
  name?: string;
  engine?: EngineName;
  languages?: string;
  poolSize?: number | string;
  timeoutSeconds?: number | string;
}

export = function register(RED: NodeAPI): void {
  function OcrEngineNode(this: EngineConfigNode, config: EngineConfig) {
    RED.nodes.createNode(this, config);
    this.settings = {
      engine: config.engine || undefined,
      languages: config.languages || undefined,
      timeoutSeconds: numberOrUndefined(config.timeoutSeconds),
    };
    const poolSize = numberOrUndefined(config.poolSize);
    try {
      // engines are per process: the size applies when they next start (after a redeploy stops them)
      if (poolSize !== undefined) configure({ poolSize });
    } catch (err) {
      this.error(err instanceof Error ? err.message : String(err));
    }
  }
  RED.nodes.registerType('ocr-engine', OcrEngineNode as unknown as (this: Node, config: never) => void);
  serveCatalog(RED);
};

function numberOrUndefined(value: number | string | undefined): number | undefined {
  if (value === undefined || value === '' || value === null) return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}
