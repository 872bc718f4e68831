import { createHash, createHmac } from 'node:crypto';

/**
 * Huawei Cloud API Gateway request signing, "SDK-HMAC-SHA256", written from the published algorithm
 * (devg-apisign, "AK/SK signing and authentication algorithm"): a canonical request of the method, the path
 * with a trailing slash, the sorted query, the signed headers and the body's SHA-256; a string to sign of the
 * algorithm, the X-Sdk-Date and that request's SHA-256; the HMAC-SHA256 of it keyed by the secret key.
 * Unlike AWS SigV4 there is no derived key and no credential scope.
 */
export const ALGORITHM = 'SDK-HMAC-SHA256';

export interface SignableRequest {
  method: string;
  url: URL;
  /** Headers to send, any case; `host` is taken from the URL when absent. */
  headers: Record<string, string>;
  body: string | Buffer;
}

export interface AccessKeys {
  accessKey: string;
  secretKey: string;
}

/** `YYYYMMDDTHHMMSSZ` in UTC, the X-Sdk-Date format. */
export function sdkDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** RFC 3986 percent-encoding: everything but unreserved characters (encodeURIComponent leaves !'()* alone). */
export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The path with each segment encoded and a trailing slash, as the gateway canonicalizes it. */
export function canonicalUri(pathname: string): string {
  const segments = pathname.split('/').map((s) => uriEncode(safeDecode(s)));
  const path = segments.join('/');
  return path.endsWith('/') ? path : `${path}/`;
}

export function canonicalQuery(params: URLSearchParams): string {
  return [...params.entries()]
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? compare(av, bv) : compare(a, b)))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/** The headers that are signed: every header given, lower-cased and sorted (host included). */
export function signedHeaderNames(request: SignableRequest): string[] {
  const names = new Set(Object.keys(request.headers).map((h) => h.toLowerCase()));
  names.add('host');
  return [...names].sort(compare);
}

export function canonicalRequest(request: SignableRequest, signedHeaders: string[]): string {
  const lower = lowerCaseHeaders(request);
  const headerBlock = signedHeaders.map((name) => `${name}:${(lower[name] ?? '').trim()}\n`).join('');
  return [
    request.method.toUpperCase(),
    canonicalUri(request.url.pathname),
    canonicalQuery(request.url.searchParams),
    headerBlock,
    signedHeaders.join(';'),
    sha256Hex(request.body),
  ].join('\n');
}

export function stringToSign(canonical: string, date: string): string {
  return `${ALGORITHM}\n${date}\n${sha256Hex(canonical)}`;
}

export function signature(secretKey: string, toSign: string): string {
  return createHmac('sha256', secretKey).update(toSign, 'utf8').digest('hex');
}

/**
 * The headers that make a request authentic: X-Sdk-Date and Authorization. The request's own headers are
 * signed as given; send them unchanged (the HTTP client adds Host from the URL, which is what is signed).
 */
export function signRequest(request: SignableRequest, keys: AccessKeys, now: Date = new Date()): { 'X-Sdk-Date': string; Authorization: string } {
  const date = sdkDate(now);
  const dated: SignableRequest = { ...request, headers: { ...request.headers, 'X-Sdk-Date': date } };
  const signed = signedHeaderNames(dated);
  const sig = signature(keys.secretKey, stringToSign(canonicalRequest(dated, signed), date));
  return { 'X-Sdk-Date': date, Authorization: `${ALGORITHM} Access=${keys.accessKey}, SignedHeaders=${signed.join(';')}, Signature=${sig}` };
}

function lowerCaseHeaders(request: SignableRequest): Record<string, string> {
  const out: Record<string, string> = { host: request.url.host };
  for (const [k, v] of Object.entries(request.headers)) out[k.toLowerCase()] = v;
  return out;
}

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
