import type { LoadedPage } from '../types';
import type { EmbeddedInvoice } from '../ofd/embeddedInvoice';
import type { ResolvedOptions } from '../../options';

/** What a reader thread needs of the options: plain data, no signals or callbacks. */
export type ReaderOptions = Pick<ResolvedOptions, 'maxPixels' | 'maxPages' | 'pdfMode' | 'password' | 'tables'>;

export type ReaderCall = { op: 'open'; format: 'pdf' | 'zip'; bytes: Uint8Array; options: ReaderOptions } | { op: 'load'; index: number } | { op: 'close' };

export type ReaderRequest = ReaderCall & { id: number };

export type ReaderReply =
  | { id: number; ok: true; opened: { pageCount: number; warnings?: string[]; embeddedInvoice?: EmbeddedInvoice } }
  | { id: number; ok: true; page: LoadedPage }
  | { id: number; ok: true; closed: true }
  | { id: number; ok: false; error: { code?: string; message: string } };
