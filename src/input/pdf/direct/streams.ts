import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, type PDFContext, type PDFObject } from 'pdf-lib';
import { NotDirect } from './contentLexer';

/**
 * Decoded bytes of a content stream, unfiltered or Flate-compressed (what every writer uses for page content).
 * Other filters, predictors, and output past the page's budget are left to pdf.js, which already bounds
 * content-stream bombs its own way; a broken Flate stream is too, since pdf.js reads what it can of it.
 */
export function streamBytes(stream: PDFObject | undefined, budget: { bytes: number }): Uint8Array {
  if (!(stream instanceof PDFRawStream)) throw new NotDirect('not a stream');
  const filters = filterNames(stream.dict);
  if (filters.length > 1 || (filters.length === 1 && filters[0] !== 'FlateDecode')) throw new NotDirect(`filter ${filters.join(' ')}`);
  let out: Uint8Array = stream.contents;
  if (filters.length === 1) {
    const parms = stream.dict.context.lookup(stream.dict.get(PDFName.of('DecodeParms')));
    const predictor = parms instanceof PDFDict ? stream.dict.context.lookup(parms.get(PDFName.of('Predictor'))) : undefined;
    if (predictor instanceof PDFNumber && predictor.asNumber() > 1) throw new NotDirect('predictor');
    try {
      out = inflateSync(stream.contents, { maxOutputLength: Math.max(1, budget.bytes) });
    } catch {
      throw new NotDirect('Flate stream broken or over budget');
    }
  }
  budget.bytes -= out.length;
  if (budget.bytes < 0) throw new NotDirect('content over budget');
  return out;
}

/** A page's Contents: one stream or an array of them, joined at token boundaries. */
export function pageContent(contents: PDFObject | undefined, context: PDFContext, budget: { bytes: number }): Uint8Array {
  if (contents === undefined) return new Uint8Array(0);
  const resolved = context.lookup(contents);
  if (!(resolved instanceof PDFArray)) return streamBytes(resolved, budget);
  const parts = resolved.asArray().map((ref) => streamBytes(context.lookup(ref), budget));
  const joined = new Uint8Array(parts.reduce((n, p) => n + p.length + 1, 0));
  let at = 0;
  for (const p of parts) {
    joined.set(p, at);
    joined[at + p.length] = 0x0a;
    at += p.length + 1;
  }
  return joined;
}

function filterNames(dict: PDFDict): string[] {
  const f = dict.context.lookup(dict.get(PDFName.of('Filter')));
  if (f === undefined) return [];
  if (f instanceof PDFName) return [f.decodeText()];
  if (f instanceof PDFArray)
    return f.asArray().map((x) => {
      const n = dict.context.lookup(x);
      return n instanceof PDFName ? n.decodeText() : '?';
    });
  return ['?'];
}
