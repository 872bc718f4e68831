import { OcrError, type OcrErrorCode } from '../../errors';
import { redact, type ResolvedCloudSettings } from '../settings';
import { signRequest } from './signer';

/** The service refuses bodies whose image is over 10 MB of base64; the JSON around it is small. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024 + 64 * 1024;

/** A refusal by the service, with its HTTP status and its own error code (AIS.0101, APIG.0301 …). */
export class CloudServiceError extends OcrError {
  constructor(
    code: OcrErrorCode,
    message: string,
    readonly status: number,
    readonly serviceCode: string,
  ) {
    super(code, message);
  }
}

type Outcome = { ok: true; result: unknown } | { ok: false; error: OcrError; retry: boolean; retryAfterMs?: number };

/** What the service says on failure: `{ error_code, error_msg }`. */
interface ServiceError {
  error_code?: string;
  error_msg?: string;
}

/**
 * One call of a Huawei Cloud OCR API: `POST /v2/{project_id}/ocr/<api>` with a JSON body, signed with the
 * AK/SK, retried with backoff on 429, 5xx, a dropped connection or a request timeout. Every failure is an
 * OcrError whose message says what to do; the keys never appear in one.
 */
export class HuaweiOcrClient {
  constructor(private readonly settings: ResolvedCloudSettings) {}

  get endpoint(): string {
    return this.settings.endpoint;
  }

  /** The `result` object of the service's answer. */
  async call(api: string, body: Record<string, unknown>, signal?: AbortSignal): Promise<unknown> {
    const url = new URL(`${this.settings.endpoint}/v2/${encodeURIComponent(this.settings.projectId)}/ocr/${api}`);
    const payload = JSON.stringify(body);
    const bytes = Buffer.byteLength(payload);
    if (bytes > MAX_BODY_BYTES) {
      throw new OcrError(
        'TOO_LARGE',
        `The page is ${(bytes / 1048576).toFixed(1)} MB as sent to Huawei Cloud OCR, above its 10 MB limit. Send a smaller scan or fewer pages.`,
      );
    }
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.once(url, api, payload, signal);
      if (outcome.ok) return outcome.result;
      if (!outcome.retry || attempt >= this.settings.retries) throw outcome.error;
      // the server's Retry-After wins (capped); otherwise exponential backoff with a little jitter
      const wait = outcome.retryAfterMs ?? this.settings.retryDelayMs * 2 ** attempt * (1 + Math.random() * 0.2);
      await sleep(Math.min(wait, 10_000), signal);
    }
  }

  private async once(url: URL, api: string, payload: string, signal?: AbortSignal): Promise<Outcome> {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json;charset=UTF-8',
      'X-Project-Id': this.settings.projectId,
    };
    Object.assign(headers, signRequest({ method: 'POST', url, headers, body: payload }, this.settings));
    const timeout = AbortSignal.timeout(this.settings.requestTimeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, { method: 'POST', headers, body: payload, signal: combined, redirect: 'error' });
      text = await response.text();
    } catch (err) {
      if (signal?.aborted)
        throw signal.reason instanceof Error
          ? signal.reason
          : new OcrError('TIMEOUT', 'The document was cancelled or ran out of time while Huawei Cloud OCR was answering.');
      if (timeout.aborted) {
        return {
          ok: false,
          retry: true,
          error: new OcrError(
            'TIMEOUT',
            `Huawei Cloud OCR (${api}) did not answer within ${this.settings.requestTimeoutMs} ms. Try again later, or raise the request timeout.`,
          ),
        };
      }
      const why = this.clean(err instanceof Error ? causeOf(err) : String(err));
      return {
        ok: false,
        retry: true,
        error: new OcrError('ENGINE_FAILED', `Huawei Cloud OCR at ${url.host} could not be reached (${why}). Check the network, the region and the endpoint.`),
      };
    }
    if (response.ok) {
      const parsed = parseJson(text);
      if (parsed && typeof parsed === 'object' && 'result' in parsed) return { ok: true, result: (parsed as { result: unknown }).result };
      return {
        ok: false,
        retry: false,
        error: new OcrError(
          'ENGINE_FAILED',
          `Huawei Cloud OCR (${api}) answered without a result. Check the endpoint: it should be the OCR service of your region.`,
        ),
      };
    }
    const service = (parseJson(text) ?? {}) as ServiceError;
    const retry = response.status === 429 || response.status >= 500;
    return {
      ok: false,
      retry,
      retryAfterMs: retry ? retryAfter(response.headers.get('retry-after')) : undefined,
      error: this.toError(api, response.status, service),
    };
  }

  private toError(api: string, status: number, service: ServiceError): OcrError {
    const code = typeof service.error_code === 'string' ? service.error_code : '';
    const said = this.clean([code, typeof service.error_msg === 'string' ? service.error_msg : ''].filter(Boolean).join(': ') || `HTTP ${status}`);
    const [ocrCode, advice] = classify(status, code);
    return new CloudServiceError(ocrCode, `Huawei Cloud OCR (${api}) refused the document: ${said}. ${advice}`, status, code);
  }

  private clean(text: string): string {
    return redact(text, this.settings);
  }
}

/** The contract's code for a service error, and what the user can do about it. */
function classify(status: number, code: string): [OcrErrorCode, string] {
  switch (code) {
    case 'AIS.0102':
      return ['UNSUPPORTED_FORMAT', 'The service does not take this image format.'];
    case 'AIS.0103':
    case 'ModelArts.4104':
      return ['TOO_LARGE', 'The image is too large or too small for this API; send a scan of 15 to 4096 pixels a side.'];
    case 'AIS.0104':
      return ['NO_TEXT_FOUND', 'The image is not this kind of document, or it is too poor to read; check the document type and the scan.'];
    case 'ModelArts.4204':
      return ['ENGINE_FAILED', 'Subscribe to this OCR API in the Huawei Cloud console, in the same region.'];
  }
  if (status === 401 || status === 403 || code.startsWith('APIG')) {
    return [
      'ENGINE_FAILED',
      'Check the access key, secret key, project ID and region of the credentials, and the machine clock (signatures expire after 15 minutes).',
    ];
  }
  if (status === 429) return ['ENGINE_FAILED', 'The service is rate-limiting this account; lower the number of documents sent at once or try again later.'];
  if (status >= 500) return ['ENGINE_FAILED', 'The service failed; try again later.'];
  return ['ENGINE_FAILED', 'Check the document and the node settings.'];
}

function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const when = Date.parse(header);
  return Number.isNaN(when) ? undefined : Math.max(0, when - Date.now());
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** fetch wraps the socket error ("fetch failed"); the cause says what happened (ECONNREFUSED …). */
function causeOf(err: Error): string {
  const cause = (err as { cause?: unknown }).cause;
  if (cause instanceof Error) return (cause as { code?: string }).code ?? cause.message;
  return err.message;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
