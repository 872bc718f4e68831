/** Error codes of the result contract (../shared/spec/RESULT.md, "Errors"). */
export const OCR_ERROR_CODES = [
  'UNSUPPORTED_FORMAT',
  'CORRUPT_INPUT',
  'ENCRYPTED_PDF',
  'TOO_LARGE',
  'EMPTY_INPUT',
  'TIMEOUT',
  'ENGINE_FAILED',
  'NO_TEXT_FOUND',
] as const;

export type OcrErrorCode = (typeof OCR_ERROR_CODES)[number];

/**
 * The only error the library throws on purpose. `message` always says what the user can do about it,
 * because it ends up verbatim in an n8n error item or a Node-RED Catch node.
 */
export class OcrError extends Error {
  readonly code: OcrErrorCode;

  constructor(code: OcrErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OcrError';
    this.code = code;
  }

  toJSON(): { code: OcrErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

export function isOcrError(err: unknown): err is OcrError {
  return (
    err instanceof OcrError ||
    (typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'OcrError' && typeof (err as { code?: unknown }).code === 'string')
  );
}

/**
 * `{ code, message }` as every surface reports an error (the CLI's JSON, n8n's error items, Node-RED's Catch
 * node): an OcrError as it is, a settings mistake (TypeError) as INVALID_OPTION, anything else as ENGINE_FAILED.
 */
export function describeError(err: unknown): { code: string; message: string } {
  if (isOcrError(err)) return { code: err.code, message: err.message };
  if (err instanceof TypeError) return { code: 'INVALID_OPTION', message: err.message };
  return { code: 'ENGINE_FAILED', message: err instanceof Error ? err.message : String(err) };
}

/** Wraps anything thrown by a dependency so callers only ever see an OcrError. */
export function toOcrError(err: unknown, fallback: OcrErrorCode = 'ENGINE_FAILED'): OcrError {
  if (isOcrError(err)) return err as OcrError;
  const detail = err instanceof Error ? err.message : String(err);
  return new OcrError(fallback, `${fallbackMessage(fallback)} (${detail})`, { cause: err });
}

function fallbackMessage(code: OcrErrorCode): string {
  switch (code) {
    case 'CORRUPT_INPUT':
      return 'The file could not be decoded; it is damaged or truncated. Re-export or re-download it.';
    case 'ENGINE_FAILED':
      return 'The OCR engine failed on this document. Try again, or try another engine.';
    default:
      return 'Recognition failed.';
  }
}
