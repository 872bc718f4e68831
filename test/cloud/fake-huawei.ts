import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for Huawei Cloud OCR on 127.0.0.1 for the tests: it checks every request's SDK-HMAC-SHA256
 * signature the way the API gateway documents it (written here on its own, not with the library's signer, so a
 * signer bug cannot hide behind itself), refuses bad ones as the gateway does, and answers each API with the
 * body the test set, in the documented shapes.
 */
export const KEYS = { accessKey: 'QTWAOYTTINDUT2QVKYUC', secretKey: 'MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc' };
export const PROJECT = '0e5b1d6a7c0080262fc2c01f4a9d2b5c';

export interface Seen {
  api: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
  signatureValid: boolean;
}

/** What the server answers for an API: a status and a JSON body, after an optional delay. */
export interface Answer {
  status?: number;
  body: unknown;
  delayMs?: number;
  headers?: Record<string, string>;
}

export class FakeHuawei {
  readonly seen: Seen[] = [];
  private readonly answers = new Map<string, Answer[]>();
  private server!: http.Server;
  endpoint = '';

  /** Answers for an API, used in order; the last one repeats. */
  on(api: string, ...answers: Answer[]): this {
    this.answers.set(api, answers);
    return this;
  }

  calls(api?: string): Seen[] {
    return api ? this.seen.filter((s) => s.api === api) : this.seen;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => void this.handle(req, Buffer.concat(chunks), res));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.endpoint = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, raw: Buffer, res: http.ServerResponse): Promise<void> {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      if (res.destroyed) return;
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    const m = /^\/v2\/([^/]+)\/ocr\/([a-z-]+)$/.exec((req.url ?? '').split('?')[0]);
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    } catch {
      /* checked below */
    }
    const signatureValid = verify(req, raw);
    const api = m?.[2] ?? '';
    this.seen.push({ api, headers: req.headers, body, signatureValid });
    if (!signatureValid) return send(401, { error_code: 'APIG.0301', error_msg: 'Incorrect IAM authentication information: verify aksk signature fail' });
    if (!m || m[1] !== PROJECT) return send(404, { error_code: 'APIG.0101', error_msg: 'The API does not exist or has not been published in the environment' });
    if (typeof body.image !== 'string' || body.image === '') return send(400, { error_code: 'AIS.0101', error_msg: 'The input parameter is invalid.' });
    const list = this.answers.get(api);
    if (!list || list.length === 0)
      return send(400, { error_code: 'ModelArts.4204', error_msg: 'Service not subscribed (no answer set for this API in the test)' });
    const answer = list.length > 1 ? list.shift()! : list[0];
    if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
    send(answer.status ?? 200, answer.body, answer.headers);
  }
}

/** The gateway's check, from the published algorithm: rebuild the canonical request from what arrived. */
function verify(req: http.IncomingMessage, body: Buffer): boolean {
  const auth = /^SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(String(req.headers.authorization ?? ''));
  const date = String(req.headers['x-sdk-date'] ?? '');
  if (!auth || auth[1] !== KEYS.accessKey) return false;
  const when = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
  if (!when) return false;
  const skew = Math.abs(Date.UTC(+when[1], +when[2] - 1, +when[3], +when[4], +when[5], +when[6]) - Date.now());
  if (skew > 15 * 60 * 1000) return false;
  const signed = auth[2].split(';');
  if (!signed.includes('host') || !signed.includes('x-sdk-date')) return false;
  const [pathname, query = ''] = (req.url ?? '/').split('?');
  const uri = pathname.endsWith('/') ? pathname : `${pathname}/`;
  const sortedQuery = query.split('&').filter(Boolean).sort().join('&');
  const headers = signed.map((h) => `${h}:${String(req.headers[h] ?? '').trim()}\n`).join('');
  const canonical = `${req.method}\n${uri}\n${sortedQuery}\n${headers}\n${signed.join(';')}\n${createHash('sha256').update(body).digest('hex')}`;
  const toSign = `SDK-HMAC-SHA256\n${date}\n${createHash('sha256').update(canonical).digest('hex')}`;
  const expected = createHmac('sha256', KEYS.secretKey).update(toSign).digest();
  return timingSafeEqual(expected, Buffer.from(auth[3], 'hex'));
}

/** A general-text answer: one block per line, 4-point locations, as the API reference shows. */
export function generalText(lines: Array<{ words: string; x: number; y: number; w: number; h: number; confidence?: number }>): unknown {
  return {
    result: {
      direction: 0,
      words_block_count: lines.length,
      words_block_list: lines.map((l) => ({
        words: l.words,
        confidence: l.confidence ?? 0.99,
        location: [
          [l.x, l.y],
          [l.x + l.w, l.y],
          [l.x + l.w, l.y + l.h],
          [l.x, l.y + l.h],
        ],
      })),
    },
  };
}
