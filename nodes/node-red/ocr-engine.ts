import { configure, type HuaweiCloudSettings, type LocalEngineName } from '../../src';
import type { CloudMode } from '../shared/settings';
import type { EngineConfigNode, Node, NodeAPI } from './shared/red';
import { serveCatalog } from './shared/catalog-endpoint';

/**
 * The `ocr-engine` config node: engine, languages, pool size and timeout shared by the OCR nodes using it, and the
 * Huawei Cloud OCR credentials with when to use them.
 */
interface EngineConfig {
  name?: string;
  engine?: LocalEngineName;
  cloudMode?: CloudMode;
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
      cloudMode: config.cloudMode || 'off',
      cloud: cloudCredentials(this.credentials),
    };
    const poolSize = numberOrUndefined(config.poolSize);
    try {
      // engines are per process: the size applies when they next start (after a redeploy stops them)
      if (poolSize !== undefined) configure({ poolSize });
    } catch (err) {
      this.error(err instanceof Error ? err.message : String(err));
    }
  }
  RED.nodes.registerType('ocr-engine', OcrEngineNode as unknown as (this: Node, config: never) => void, { credentials: CREDENTIALS });
  serveCatalog(RED);
};

/** Node-RED keeps these in the credentials file (encrypted with the instance's secret), never in the flow. */
const CREDENTIALS = {
  accessKey: { type: 'text' },
  secretKey: { type: 'password' },
  region: { type: 'text' },
  projectId: { type: 'text' },
  endpoint: { type: 'text' },
};

function cloudCredentials(credentials: Record<string, string> | undefined): HuaweiCloudSettings | undefined {
  if (!credentials || !credentials.accessKey) return undefined;
  return {
    accessKey: credentials.accessKey,
    secretKey: credentials.secretKey ?? '',
    region: credentials.region ?? '',
    projectId: credentials.projectId ?? '',
    endpoint: credentials.endpoint || undefined,
  };
}

function numberOrUndefined(value: number | string | undefined): number | undefined {
  if (value === undefined || value === '' || value === null) return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}
