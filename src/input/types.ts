import type { Page } from '../result';
import type { PageImage } from '../types/pageImage';
import type { EmbeddedInvoice } from './ofd/embeddedInvoice';

// What a document reader gives the pipeline, on a floor of its own: the dispatcher (document.ts) and the readers
// it dispatches to (pdf/, ofd/, isolated/) both use these, so neither imports the other for them.

/** A page either carries its own text (PDF/OFD text layer) or pixels for an engine. */
export type LoadedPage =
  | { kind: 'image'; image: PageImage; scale: number; rotation: number }
  | {
      kind: 'text';
      page: Omit<Page, 'page'>;
      /** The page drawn at a lower resolution, when tables are asked for: its ruling lines are found on it. */
      drawing?: PageImage;
    };

export interface OpenDocument {
  pageCount: number;
  /** what the reader noticed about the whole document (e.g. signatures present) */
  warnings?: string[];
  /** an OFD e-invoice's own data (its attached XML or custom tags), for the VAT invoice extractor */
  embeddedInvoice?: EmbeddedInvoice;
  loadPage(index: number): Promise<LoadedPage>;
  close(): Promise<void>;
}
