import type { BBox } from '../../../result';
import type { Document } from '../../registry';
import { readZone } from './reader';
import { trimFillers } from './geometry';
import { countryCodes } from './parse';

/** Line lengths of the ICAO 9303 formats: TD1 (3 × 30), TD2 (2 × 36), TD3 passports (2 × 44). */
const FORMATS = [
  { lines: 3, length: 30 },
  { lines: 2, length: 36 },
  { lines: 2, length: 44 },
];

/** An engine's reading of a line as MRZ characters: `«`, `く`, `‹` and the like are fillers, `×` is an X. */
export function asMrz(text: string): string {
  return (
    text
      .toUpperCase()
      .replace(/[«‹〈くＫ<＜]/g, '<')
      .replace(/[×✕]/g, 'X')
      .replace(/\s+/g, '')
      // anything else is a filler or a character misread as a sign (`>`, `《`): a filler keeps the line's positions
      .replace(/[^A-Z0-9<]/g, '<')
  );
}

/**
 * Whether a recognized line looks like an MRZ line: long, MRZ characters but for one or two misread as signs, and
 * fillers or many digits.
 */
export function isMrzLike(text: string): boolean {
  const t = asMrz(text);
  const strays = (
    text
      .toUpperCase()
      .replace(/[«‹〈くＫ<＜×✕\s]/g, '')
      .match(/[^A-Z0-9]/g) ?? []
  ).length;
  // an MRZ is printed in capitals: a line of lower-case words with a long number in it (Facture n°562044387 du
  // 02 Juillet 2015) is prose
  const lowerCase = (text.match(/[a-z]/g) ?? []).length;
  return t.length >= 28 && strays <= 2 && lowerCase <= 2 && (/<</.test(t) || (t.match(/\d/g) ?? []).length >= 8);
}

export interface MrzCandidate {
  lines: string[];
  source: 'cells' | 'reread' | 'page';
  /** For the cell reader: the lowest template score of a character a check digit covers. */
  weakest?: number;
}

/**
 * The MRZ lines as the page's engine read them and, where the pixels are at hand, as the OCR-B cell reader reads
 * the band (reader.ts) and, when that does not pass its check digits, as tesseract reads it with the MRZ
 * characters only: all go to the parser, and the check digits choose.
 */
export async function mrzCandidates(doc: Document): Promise<MrzCandidate[]> {
  const candidates: MrzCandidate[] = [];
  for (const page of doc.pages) {
    const lines = page.lines.filter((l) => isMrzLike(l.text));
    if (lines.length === 0) continue;
    let band = lines.slice(-3);
    // two lines of a TD1 card's length (30): the zone is three lines, not a TD2's two, and the third was read too
    // damaged to look like an MRZ (glare took characters): the first (document code and number) when the two
    // found begin with the birth date, else the last (the names)
    const td1 = band.length === 2 && band.every((l) => Math.abs(asMrz(l.text).length - 30) <= 3);
    const missing = !td1 ? null : /^\d{6}/.test(asMrz(band[0].text)) ? 'above' : 'below';
    if (missing) {
      const h = band[0].bbox.height;
      const near = page.lines.filter(
        (l) =>
          !band.includes(l) &&
          /<</.test(asMrz(l.text)) &&
          (missing === 'above'
            ? l.bbox.y < band[0].bbox.y && band[0].bbox.y - l.bbox.y < 3 * h
            : l.bbox.y > band[1].bbox.y && l.bbox.y - band[1].bbox.y < 3 * h),
      );
      const line = near.sort((a, b) => Math.abs(a.bbox.y - band[0].bbox.y) - Math.abs(b.bbox.y - band[0].bbox.y))[0];
      if (line) band = missing === 'above' ? [line, ...band] : [...band, line];
    }
    if (band.length >= 2) candidates.push({ lines: band.map((l) => asMrz(l.text)), source: 'page' });
    // lines not found are near the ones found (the engine missed them), so the band reaches out for them: one line
    // found, the others are above it
    const reach =
      band.length === 1
        ? { above: 3, below: 1 }
        : missing === 'above' && band.length === 2
          ? { above: 2, below: 1 }
          : missing === 'below' && band.length === 2
            ? { above: 1, below: 2 }
            : { above: 1, below: 1 };
    const zoneBox = around(
      band.map((l) => l.bbox),
      page.width,
      reach.above,
      reach.below,
    );
    const image = doc.crop ? await doc.crop(page.page, zoneBox) : null;
    if (image) {
      const zone = readZone(
        image,
        await countryCodes(),
        lines.map((l) => asMrz(l.text)),
      );
      if (zone) candidates.unshift({ lines: zone.lines, source: 'cells', weakest: zone.weakest });
      if (zone?.checked) continue; // every check digit passes: tesseract's reading could not do better
      const reread = (await doc.reread?.(page.page, zoneBox, { mrz: true })) ?? [];
      if (reread.length >= 2) candidates.push({ lines: reread.slice(-3).map((l) => l.text), source: 'reread' });
    }
  }
  return candidates.map((c) => ({ ...c, lines: cleanNames(fitFormat(c.lines)) }));
}

/**
 * Fillers misread as letters in the name line (`<` as K or L): the run after the names becomes fillers again,
 * and a name field with no `<<` between surname and given names gets it back from a lone `<K<`. Check digits do
 * not cover names, so this is the only guard they have.
 */
function cleanNames(lines: string[]): string[] {
  const nameLine = lines.length === 3 ? 2 : 0;
  const start = lines.length === 3 ? 0 : 5;
  const line = lines[nameLine];
  if (!line) return lines;
  let names = line.slice(start);
  const length = names.length;
  names = names.replace(/<<[<KLC]{3,}$/, (tail) => '<'.repeat(tail.length));
  names = names.replace(/(?<=<)[KLC]{1,2}(?=<*$)/, (m) => '<'.repeat(m.length));
  const body = names.replace(/<+$/, '');
  // a K read inside the surname/given-name separator: LIN<K<MEI is LIN<<MEI
  if (!body.includes('<<')) names = names.replace(/<[KL]</, '<<').padEnd(length, '<');
  const out = [...lines];
  out[nameLine] = line.slice(0, start) + names;
  // TD3/TD2: the second character of the document code is a filler or a letter, never a misread filler K
  if (lines.length === 2 && /^P[KL]/.test(out[0])) out[0] = 'P<' + out[0].slice(2);
  return out;
}

/** The band around the MRZ lines, with `above` and `below` lines' height of margin, a little to the sides. */
function around(boxes: BBox[], pageWidth: number, above: number, below: number): BBox {
  const top = Math.min(...boxes.map((b) => b.y));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  const lineHeight = boxes.reduce((s, b) => s + b.height, 0) / boxes.length;
  const left = Math.min(...boxes.map((b) => b.x));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const x = Math.max(0, left - 2 * lineHeight);
  const y = Math.max(0, top - above * lineHeight);
  return { x, y, width: Math.min(pageWidth - x, right - left + 4 * lineHeight), height: bottom - y + below * lineHeight };
}

/** Lines brought to the nearest format's length: trailing fillers are what readers drop or add. */
function fitFormat(lines: string[]): string[] {
  const usable = lines.filter((l) => l.length >= 25);
  const mean = usable.reduce((s, l) => s + l.length, 0) / Math.max(1, usable.length);
  const format = FORMATS.filter((f) => f.lines <= usable.length).sort((a, b) => Math.abs(a.length - mean) - Math.abs(b.length - mean))[0] ?? FORMATS[2];
  return usable.slice(-format.lines).map((l) => (l.length > format.length ? trimFillers(l, format.length) : l.padEnd(format.length, '<')));
}
