import fs from 'node:fs';
import { OcrError, type InputSource } from '../../../src';

/**
 * `msg.payload` → library input: a Buffer, a file path, or a base64 string (a `data:` URL too). A string is a
 * path when such a file exists; otherwise it must be base64, so a mistyped path fails with a clear message
 * instead of being decoded into garbage.
 */
export function payloadToInput(payload: unknown): InputSource {
  if (Buffer.isBuffer(payload) || payload instanceof Uint8Array) return payload;
  if (typeof payload === 'string') {
    const text = payload.trim();
    if (text === '') throw new OcrError('EMPTY_INPUT', 'msg.payload is an empty string: send a Buffer, a file path or base64 data.');
    const dataUrl = /^data:[^;,]*;base64,/i.exec(text);
    if (dataUrl) return decodeBase64(text.slice(dataUrl[0].length));
    if (text.length < 4096 && !text.includes('\n') && fs.existsSync(text)) return text;
    // the smallest real document is far longer than 64 base64 characters; shorter is a mistyped path
    if (text.length >= 64 && /^[A-Za-z0-9+/=_\-\s]+$/.test(text)) return decodeBase64(text);
    throw new OcrError(
      'EMPTY_INPUT',
      `msg.payload "${text.slice(0, 80)}" is neither an existing file nor base64 data: check the path, or send the file's contents as a Buffer.`,
    );
  }
  if (payload === undefined || payload === null)
    throw new OcrError(
      'EMPTY_INPUT',
      'msg.payload is empty: send a Buffer, a file path or base64 data (e.g. from a file-in node set to "a single Buffer object").',
    );
  throw new OcrError(
    'UNSUPPORTED_FORMAT',
    `msg.payload is ${Array.isArray(payload) ? 'an array' : `a ${typeof payload}`}: send a Buffer, a file path or base64 data.`,
  );
}

function decodeBase64(text: string): Buffer {
  const bytes = Buffer.from(text.replace(/\s+/g, ''), /[-_]/.test(text) ? 'base64url' : 'base64');
  if (bytes.length === 0) throw new OcrError('EMPTY_INPUT', 'msg.payload holds no base64 data.');
  return bytes;
}
