/**
 * A reader thread: opens one PDF or OFD document at a time and loads its pages, off the host's main thread.
 * Parsing a file is the one stage whose cost the file decides (a content stream that inflates to 400 MB, a
 * 120 MB XML part, a font's 300,000 widths): here the deadline can stop it, by terminating the thread, and V8's
 * heap limit for the thread turns a runaway allocation into a failed document instead of a dead host.
 */
import { parentPort } from 'node:worker_threads';
import { isOcrError } from '../../errors';
import type { OpenDocument, LoadedPage } from '../types';
import type { ResolvedOptions } from '../../options';
import { openPdf } from '../pdf/document';
import { openOfd } from '../ofd/document';
import type { ReaderReply, ReaderRequest } from './protocol';

const port = parentPort!;
let doc: OpenDocument | null = null;

port.on('message', async (msg: ReaderRequest) => {
  try {
    if (msg.op === 'open') {
      const bytes = Buffer.from(msg.bytes.buffer, msg.bytes.byteOffset, msg.bytes.byteLength);
      const options = msg.options as ResolvedOptions;
      doc = msg.format === 'pdf' ? await openPdf(bytes, options) : await openOfd(bytes, options);
      reply({
        id: msg.id,
        ok: true,
        opened: {
          pageCount: doc.pageCount,
          ...(doc.warnings ? { warnings: doc.warnings } : {}),
          ...(doc.embeddedInvoice ? { embeddedInvoice: doc.embeddedInvoice } : {}),
        },
      });
    } else if (msg.op === 'load') {
      if (!doc) throw new Error('no document is open');
      const page = await doc.loadPage(msg.index);
      reply({ id: msg.id, ok: true, page }, transferables(page));
    } else {
      const closing = doc;
      doc = null;
      await closing?.close().catch(() => undefined);
      reply({ id: msg.id, ok: true, closed: true });
    }
  } catch (err) {
    const e = err as { message?: string };
    reply({ id: msg.id, ok: false, error: { code: isOcrError(err) ? err.code : undefined, message: e?.message ?? String(err) } });
  }
});

function reply(message: ReaderReply, transfer: ArrayBuffer[] = []): void {
  try {
    port.postMessage(message, transfer);
  } catch {
    // a buffer that cannot be moved (memory a native library owns): sent as a copy
    port.postMessage(message);
  }
}

/**
 * A page's pixel buffers, moved rather than copied where they own their memory alone (a rendered page's 26 MB);
 * a buffer that shares its memory (a slice of Node's pool) is copied by postMessage instead.
 */
function transferables(page: LoadedPage): ArrayBuffer[] {
  const images = page.kind === 'image' ? [page.image] : page.drawing ? [page.drawing] : [];
  const out: ArrayBuffer[] = [];
  for (const image of images) {
    const data = image.data;
    if (data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer) out.push(data.buffer);
  }
  return out;
}
