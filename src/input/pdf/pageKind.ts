import type { PdfMode } from '../../options';

export interface TextLayerFacts {
  /** non-space characters of the page's text layer */
  chars: number;
  /** share of them that are letters, digits, CJK or common punctuation (not U+FFFD, private use, controls) */
  readable: number;
  /** share of Latin tokens that look like words or numbers (0..1; 1 when there are none) */
  wordLike: number;
  /** every text-drawing operator ran in an invisible render mode (3 or 7): an OCR layer laid over a scan */
  invisibleOnly: boolean;
  /** the page paints at least one image */
  hasImage: boolean;
}

/**
 * Whether a PDF page is read from its text layer or rendered and recognized (pdfMode `auto`):
 * - no text at all → OCR;
 * - text whose characters are mostly unreadable (fonts without a Unicode map give U+FFFD or private-use
 *   codes) → OCR;
 * - only an invisible text layer (a scan someone OCR'd before) → its text is used when it reads like text
 *   (≥ 95% readable characters and ≥ 60% of Latin tokens word-like), otherwise OCR;
 * - a little visible text (under 20 characters) on a page with an image: a scan with a stamped page number or
 *   header → OCR;
 * - otherwise the text layer: exact, and a hundred times faster than OCR.
 */
export function pageSource(mode: PdfMode, f: TextLayerFacts): 'text-layer' | 'ocr' {
  if (mode === 'text') return 'text-layer';
  if (mode === 'ocr') return 'ocr';
  if (f.chars === 0) return 'ocr';
  if (f.readable < 0.9) return 'ocr';
  if (f.invisibleOnly) return f.readable >= 0.95 && f.wordLike >= 0.6 ? 'text-layer' : 'ocr';
  if (f.chars < 20 && f.hasImage) return 'ocr';
  return 'text-layer';
}

/**
 * Whether the drawing facts (invisible text, images) can change the outcome for this text: they cannot for a
 * page with plenty of text that reads like text, which spares parsing the page's operators.
 */
export function needsDrawingFacts(mode: PdfMode, f: Pick<TextLayerFacts, 'chars' | 'readable' | 'wordLike'>): boolean {
  if (mode !== 'auto' || f.chars === 0 || f.readable < 0.9) return false;
  return f.chars < 20 || f.readable < 0.95 || f.wordLike < 0.6;
}

const READABLE = /[\p{L}\p{N}\p{P}\p{Sc}\p{Sm}]/u;
// eslint-disable-next-line no-control-regex -- control characters are what makes extracted text unreadable
const UNREADABLE = /[\ufffd\ue000-\uf8ff\u0000-\u001f]/;

export function textFacts(text: string): Pick<TextLayerFacts, 'chars' | 'readable' | 'wordLike'> {
  const chars = [...text].filter((c) => c.trim() !== '');
  const readable = chars.filter((c) => READABLE.test(c) && !UNREADABLE.test(c)).length;
  const tokens = text.split(/\s+/).filter((t) => /[A-Za-z]/.test(t));
  const wordLike = tokens.filter((t) => /^[("'“]?[A-Za-z][a-z'’-]*[A-Za-z]?[.,:;!?)"'”]?$|^[A-Z0-9][A-Z0-9./:-]*$/.test(t)).length;
  return {
    chars: chars.length,
    readable: chars.length ? readable / chars.length : 0,
    wordLike: tokens.length ? wordLike / tokens.length : 1,
  };
}
