/**
 * How to reach Huawei Cloud OCR: an n8n credential "Huawei Cloud OCR API" or a Node-RED `ocr-engine` config
 * node's credentials. Only `engine: 'huawei-cloud'` and `engine: 'local-first'` use them.
 */
export interface HuaweiCloudSettings {
  /** Access key ID (AK) */
  accessKey: string;
  /** Secret access key (SK); never logged, never in an error or a result */
  secretKey: string;
  /** e.g. `cn-north-4`; the endpoint is `https://ocr.<region>.myhuaweicloud.com` unless `endpoint` is given */
  region: string;
  /** The project of that region (IAM → My Credentials → API Credentials) */
  projectId: string;
  /** Another endpoint (a private gateway, a proxy, a test server), e.g. `https://ocr.ap-southeast-1.myhuaweicloud.com` */
  endpoint?: string;
  /** One HTTP request's deadline in ms (default 30000); the document's own timeout still bounds the whole. */
  requestTimeoutMs?: number;
  /** Further tries after a 429, a 5xx, a dropped connection or a request timeout (default 2). */
  retries?: number;
  /** First wait before a retry in ms (default 500), doubled each time; a Retry-After header wins (≤ 10 s). */
  retryDelayMs?: number;
}

export interface ResolvedCloudSettings {
  accessKey: string;
  secretKey: string;
  region: string;
  projectId: string;
  endpoint: string;
  requestTimeoutMs: number;
  retries: number;
  retryDelayMs: number;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** Checks the settings (TypeError naming the setting, never echoing the secret) and fills the defaults. */
export function resolveCloudSettings(settings: HuaweiCloudSettings | undefined): ResolvedCloudSettings {
  if (!settings || typeof settings !== 'object') {
    throw new TypeError('The huawei-cloud engine needs credentials: an access key, a secret key, a region and a project ID (option `cloud`).');
  }
  const text = (name: keyof HuaweiCloudSettings, value: unknown) => {
    if (typeof value !== 'string' || value.trim() === '') throw new TypeError(`Huawei Cloud credentials: ${name} is missing.`);
    return value.trim();
  };
  const accessKey = text('accessKey', settings.accessKey);
  const secretKey = text('secretKey', settings.secretKey);
  const region = text('region', settings.region);
  const projectId = text('projectId', settings.projectId);
  if (!settings.endpoint && !REGION.test(region)) throw new TypeError(`Huawei Cloud credentials: region "${region}" is not a region name such as cn-north-4.`);
  const endpoint = (settings.endpoint?.trim() || `https://ocr.${region}.myhuaweicloud.com`).replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new TypeError(`Huawei Cloud credentials: endpoint "${endpoint}" is not a URL.`);
  }
  if (url.protocol !== 'https:' && !isLoopback(url.hostname)) {
    // the request carries the document: only a local test server or proxy may be spoken to in clear text
    throw new TypeError(`Huawei Cloud credentials: endpoint must use https (http only for 127.0.0.1/localhost), got ${url.protocol}//${url.host}.`);
  }
  return {
    accessKey,
    secretKey,
    region,
    projectId,
    endpoint,
    requestTimeoutMs: whole('requestTimeoutMs', settings.requestTimeoutMs, 30_000, 1),
    retries: whole('retries', settings.retries, 2, 0),
    retryDelayMs: whole('retryDelayMs', settings.retryDelayMs, 500, 0),
  };
}

/** Removes the keys from any text that may reach a log, an error or a result. */
export function redact(text: string, settings: Pick<ResolvedCloudSettings, 'accessKey' | 'secretKey'>): string {
  let out = text;
  for (const secret of [settings.secretKey, settings.accessKey]) if (secret) out = out.split(secret).join('***');
  return out;
}

function whole(name: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined || value === null) return fallback;
  if (!Number.isInteger(value) || value < min)
    throw new TypeError(`Huawei Cloud settings: ${name} must be a whole number of at least ${min}, got ${String(value)}.`);
  return value;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}
