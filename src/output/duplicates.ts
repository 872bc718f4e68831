import { promises as fs } from 'node:fs';
import path from 'node:path';
import { OcrError } from '../errors';
import type { RecognitionResult } from '../result';

/**
 * Documents already seen, so a re-sent email or a file dropped twice does not make a second row. The store is a
 * JSON-lines file the user points to (one record a line: key, sha256, type, invoice code and number, name, seenAt),
 * appended to, never rewritten; any tool can read it, and deleting a line forgets a document. A document is a
 * duplicate when its bytes (sha256) were seen, or, for an invoice, its code and number (the same invoice
 * re-exported or scanned again). Appends of one short line are atomic on local filesystems, so several processes
 * (n8n queue-mode workers on one host) can share the file.
 */
export interface DuplicateRecord {
  keys: string[];
  sha256: string;
  type: string;
  invoiceCode: string | null;
  invoiceNumber: string | null;
  name: string | null;
  seenAt: string;
}

export interface DuplicateOf {
  /** what matched: the same file, or the same invoice */
  by: 'sha256' | 'invoice';
  name: string | null;
  seenAt: string;
}

interface Loaded {
  offset: number;
  byKey: Map<string, DuplicateRecord>;
}

const stores = new Map<string, Loaded>();
const locks = new Map<string, Promise<unknown>>();

/** The keys a result is known by. */
export function duplicateKeys(result: Pick<RecognitionResult, 'type' | 'fields' | 'source'>): string[] {
  const keys = [`sha256:${result.source.sha256}`];
  const number = result.fields.invoiceNumber;
  if (typeof number === 'string' && number && ['vat-invoice', 'vehicle-sales-invoice', 'medical-invoice'].includes(result.type)) {
    const code = typeof result.fields.invoiceCode === 'string' ? result.fields.invoiceCode : '';
    keys.push(`invoice:${result.type}:${code}:${number}`);
  }
  return keys;
}

/**
 * Looks the result up in the store and records it when new. A duplicate gets `checks.notDuplicate: false`, a
 * warning naming the first one and `duplicateOf`; a new document `checks.notDuplicate: true`.
 */
export async function markDuplicate(result: RecognitionResult, storePath: string, name?: string): Promise<RecognitionResult> {
  const file = path.resolve(storePath);
  // one document at a time per store in this process: two copies arriving together are still told apart
  const previous = locks.get(file) ?? Promise.resolve();
  const run = previous.then(() => lookupAndRecord(result, file, name));
  locks.set(
    file,
    run.catch(() => undefined),
  );
  return run;
}

async function lookupAndRecord(result: RecognitionResult, file: string, name?: string): Promise<RecognitionResult> {
  const store = await load(file);
  const keys = duplicateKeys(result);
  const hit = keys.map((k) => ({ key: k, record: store.byKey.get(k) })).find((h) => h.record);
  if (hit?.record) {
    const by = hit.key.startsWith('sha256:') ? 'sha256' : 'invoice';
    const what = by === 'sha256' ? 'the same file' : `the same invoice (${String(result.fields.invoiceNumber)})`;
    const seen = hit.record.name ? `${hit.record.name}, ` : '';
    return {
      ...result,
      checks: { ...result.checks, notDuplicate: false },
      warnings: [...result.warnings, `Already seen: ${what} as ${seen}recorded ${hit.record.seenAt}.`],
      duplicateOf: { by, name: hit.record.name, seenAt: hit.record.seenAt },
    };
  }
  const record: DuplicateRecord = {
    keys,
    sha256: result.source.sha256,
    type: result.type,
    invoiceCode: typeof result.fields.invoiceCode === 'string' ? result.fields.invoiceCode : null,
    invoiceNumber: typeof result.fields.invoiceNumber === 'string' ? result.fields.invoiceNumber : null,
    name: name ?? null,
    seenAt: new Date().toISOString(),
  };
  const line = JSON.stringify(record) + '\n';
  try {
    // the file's own folder is made if missing, not a whole path (a typo should fail, not build a tree)
    await fs.mkdir(path.dirname(file)).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
    await fs.appendFile(file, line, 'utf8');
  } catch (err) {
    throw new OcrError(
      'ENGINE_FAILED',
      `The duplicates file ${file} could not be written (${(err as NodeJS.ErrnoException).code ?? String(err)}). Check the path and its permissions.`,
    );
  }
  for (const k of keys) store.byKey.set(k, record);
  store.offset += Buffer.byteLength(line);
  return { ...result, checks: { ...result.checks, notDuplicate: true } };
}

/** The store as it is on disk now: read once, then only what other processes appended since. */
async function load(file: string): Promise<Loaded> {
  let store = stores.get(file);
  let size: number;
  try {
    size = (await fs.stat(file)).size;
  } catch {
    size = 0;
  }
  if (!store || size < store.offset) {
    store = { offset: 0, byKey: new Map() };
    stores.set(file, store);
  }
  if (size > store.offset) {
    const handle = await fs.open(file, 'r');
    try {
      const buffer = Buffer.alloc(size - store.offset);
      await handle.read(buffer, 0, buffer.length, store.offset);
      const text = buffer.toString('utf8');
      // a line still being written by another process is left for the next look
      const complete = text.slice(0, text.lastIndexOf('\n') + 1);
      for (const raw of complete.split('\n')) {
        if (!raw.trim()) continue;
        try {
          const record = JSON.parse(raw) as DuplicateRecord;
          for (const k of record.keys ?? []) if (!store.byKey.has(k)) store.byKey.set(k, record);
        } catch {
          // a line damaged by hand is skipped, not fatal
        }
      }
      store.offset += Buffer.byteLength(complete);
    } finally {
      await handle.close();
    }
  }
  return store;
}
