import { promises as fs } from 'node:fs';
import { OcrError } from '../errors';

export type InputSource = Buffer | Uint8Array | ArrayBuffer | string;

/** Reads the caller's input into memory, refusing what is larger than `maxBytes` before reading it. */
export async function readInput(input: InputSource, maxBytes: number): Promise<Buffer> {
  let bytes: Buffer;
  if (typeof input === 'string') {
    let size: number;
    try {
      const stat = await fs.stat(input);
      if (!stat.isFile()) throw new OcrError('EMPTY_INPUT', `"${input}" is not a file.`);
      size = stat.size;
    } catch (err) {
      if (err instanceof OcrError) throw err;
      throw new OcrError(
        'EMPTY_INPUT',
        `Nothing could be read from "${input}": ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}.`,
      );
    }
    if (size > maxBytes) throw tooLarge(size, maxBytes);
    bytes = await fs.readFile(input);
  } else if (Buffer.isBuffer(input)) {
    bytes = input;
  } else if (input instanceof Uint8Array) {
    bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  } else if (input instanceof ArrayBuffer) {
    bytes = Buffer.from(input);
  } else {
    throw new TypeError('Input must be a Buffer, a Uint8Array, an ArrayBuffer or a file path.');
  }
  if (bytes.length === 0) throw new OcrError('EMPTY_INPUT', 'The input is empty (0 bytes). Check that the attachment or file was passed through.');
  if (bytes.length > maxBytes) throw tooLarge(bytes.length, maxBytes);
  return bytes;
}

function tooLarge(size: number, max: number): OcrError {
  const mib = (n: number) => (n / 1048576).toFixed(1);
  return new OcrError('TOO_LARGE', `The input is ${mib(size)} MiB, above the ${mib(max)} MiB limit. Raise maxBytes or split the document.`);
}
