/**
 * The business that issued a receipt and its address, from the header's structure: the issuer is the line with a
 * legal form or a registration number beside it (SRI MAJU RESTAURANTS SDN BHD / (12345-K)), else a trading
 * name (… ENTERPRISE, … HARDWARE), else the header's first name-like line; a name wrapped over two lines is joined.
 * Its address is the block of address-shaped lines under it, labelled or not, up to the telephone, tax number or
 * date that follows.
 */
import { findDates } from './dates';
import { moneyIn } from './money';
import {
  ADDRESS_LABEL,
  BUSINESS_WORD,
  CONTACT,
  CUSTOMER_BLOCK,
  DOCUMENT_WORD,
  LEGAL_FORM,
  MERCHANT_LABEL,
  NOT_A_NAME,
  OWNER_PREFIX,
  POSTCODE,
  REGISTRATION,
  STREET_WORD,
  TITLE_LINE,
  itemHeaderWords,
} from './receiptLabels';
import { centerY, sameRowAs } from '../rows';
import { latinPunctuation, repairLetters } from './misreads';
import type { TextLine } from '../text';

export interface Found<T> {
  value: T;
  confidence: number;
  line: TextLine;
}

/** A header is read this far at most: a receipt's merchant and address come before its items. */
const HEADER_LINES = 16;
/** Lines under the merchant that may stand between it and its address (a registration number, "formerly known as …"). */
const BEFORE_ADDRESS = 5;
const ADDRESS_LINES = 6;
/** Every legal form or trade word of a text, to take them all off it or find the last. */
const EVERY_LEGAL_FORM = new RegExp(LEGAL_FORM.source, 'gi');
const EVERY_BUSINESS_WORD = new RegExp(BUSINESS_WORD.source, 'gi');
/** "Warehouse Address:", "Head office address:": a label naming which address follows, left out of the value. */
const NAMED_ADDRESS = /^[\p{L} ]{0,24}?(?:address|adresse|adres|anschrift|direcci[óo]n|indirizzo|alamat)\s*[:：]\s*/iu;

export function findMerchant(lines: readonly TextLine[]): Found<string> | null {
  for (const line of lines) {
    const m = MERCHANT_LABEL.exec(line.raw);
    if (m && line.raw.length > m[0].length + 1) return { value: cleanName(line.raw.slice(m[0].length)), confidence: line.confidence, line };
  }
  const ours = notCustomer(lines);
  const header = headerOf(ours);
  // "Amazon Web Services Invoice": the issuer's name before or after the document's title
  const titled = header
    .slice(0, 3)
    .find(
      (l) =>
        DOCUMENT_WORD.test(l.raw) && !TITLE_LINE.test(l.raw) && /\p{Lu}\p{L}+\s+\p{L}/u.test(l.raw.replace(DOCUMENT_WORD, '').trim()) && !/[:/#]/.test(l.raw),
    );
  if (titled) return { value: cleanName(titled.raw.replace(DOCUMENT_WORD, '')), confidence: titled.confidence * 0.9, line: titled };
  const chosen = bestNameLine(header);
  // how sure each rule is of having found the merchant's line, not how well the line was read
  if (chosen && chosen.tier >= 2)
    return { value: nameFrom(chosen.line, header), confidence: chosen.line.confidence * (chosen.tier === 3 ? 0.95 : 0.9), line: chosen.line };
  // an invoice may print its issuer's legal name only further down (a footer with the company's details)
  const legal = ours.find((l) => l.raw.split(/\s[-–−|·•]\s/).some((p) => LEGAL_FORM.test(p) && plausibleName(p, true)));
  if (legal) return { value: nameFrom(legal, ours), confidence: legal.confidence * 0.85, line: legal };
  return chosen ? { value: nameFrom(chosen.line, header), confidence: chosen.line.confidence * 0.85, line: chosen.line } : null;
}

/** The header's first line of the highest tier (nameTier); a bare name only where it stands alone on its row. */
function bestNameLine(header: readonly TextLine[]): { line: TextLine; tier: number } | null {
  let best: { line: TextLine; tier: number } | null = null;
  for (let i = 0; i < header.length; i++) {
    const line = header[i];
    if (!plausibleName(line.raw)) continue;
    const tier = nameTier(line, header[i + 1]);
    // one among others on its row is a column's heading (Klant  Order  Factuur), not a name
    if (tier === 1 && sameRowAs(line, header).length) continue;
    if (!best || tier > best.tier) best = { line, tier };
  }
  return best;
}

/** 3: a legal form, or a registration number on the line or the next; 2: a trading name's word; 1: any name. */
function nameTier(line: TextLine, next: TextLine | undefined): number {
  const text = line.raw.replace(OWNER_PREFIX, '');
  if (LEGAL_FORM.test(text) || registrationAt(text) > 2) return 3;
  if (next && registrationOnly(next.raw)) return 3;
  return BUSINESS_WORD.test(text) ? 2 : 1;
}

/**
 * The first page's lines down to the end of its header: the document's title once a name was seen, the items'
 * header, the first amount, or HEADER_LINES lines.
 */
function headerOf(lines: readonly TextLine[]): TextLine[] {
  const page = lines.filter((l) => l.page === lines[0]?.page);
  const out: TextLine[] = [];
  let named = false;
  for (const line of page) {
    if (out.length >= HEADER_LINES) break;
    const amount = moneyIn(line.raw).length > 0 && /\d[.,]\d{2}/.test(line.raw);
    if (named && (TITLE_LINE.test(line.raw) || amount || itemHeaderWords(line.raw) >= 2)) break;
    out.push(line);
    named ||= plausibleName(line.raw);
  }
  return out;
}

/** A line that could be a business's name: letters, and none of a date, an amount, contact details, an address. */
function plausibleName(text: string, anywhere = false): boolean {
  const t = text.replace(OWNER_PREFIX, '');
  if (!/\p{L}{2}/u.test(t) || findDates(t).length || moneyIn(t).length) return false;
  if ((!anywhere && TITLE_LINE.test(t)) || DOCUMENT_WORD.test(t) || NOT_A_NAME.test(t) || CONTACT.test(t) || /\.com\b|\.[a-z]{2,3}\/|[:：]\s*\S/i.test(t))
    return false;
  if (registrationOnly(t) || ADDRESS_LABEL.test(t) || CUSTOMER_BLOCK.test(t)) return false;
  // 78 Market Way is an address, though a market's; 88 MINI MART S/B is a name, though it starts with a number
  if (addressShaped(t) && !LEGAL_FORM.test(t)) return false;
  return t.length <= 80;
}

/** The name on `line`: before its registration number, up to its last legal form, wrapped lines joined. */
function nameFrom(line: TextLine, pool: readonly TextLine[]): string {
  const part = line.raw.split(/\s[-–−|·•]\s/).find((p) => LEGAL_FORM.test(p) && plausibleName(p, true)) ?? line.raw;
  let name = companyName(part.replace(OWNER_PREFIX, ''));
  const i = pool.indexOf(line);
  const next = pool[i + 1];
  const previous = pool[i - 1];
  // KIM HUAT HARDWARE / TRADING: the second line is only the name's last words
  if (next && !LEGAL_FORM.test(name) && onlyBusinessWords(next.raw) && wrapsOnto(line, next)) name = `${name} ${companyName(next.raw)}`;
  else if (previous && onlyBusinessWords(name) && plausibleName(previous.raw) && wrapsOnto(previous, line)) name = `${companyName(previous.raw)} ${name}`;
  return repairLetters(cleanName(name));
}

function onlyBusinessWords(text: string): boolean {
  if (registrationOnly(text) || !(LEGAL_FORM.test(text) || BUSINESS_WORD.test(text))) return false;
  const rest = companyName(text).replace(EVERY_LEGAL_FORM, ' ').replace(EVERY_BUSINESS_WORD, ' ');
  return !/\p{L}{2}/u.test(rest.replace(/[()&.,]/g, ' ')) && text.trim().split(/\s+/).length <= 3;
}

/** Two lines of one name: the second directly under the first, about as tall. */
function wrapsOnto(a: TextLine, b: TextLine): boolean {
  const gap = b.bbox.y - (a.bbox.y + a.bbox.height);
  return a.page === b.page && gap < Math.max(a.bbox.height, b.bbox.height) * 0.8 && b.bbox.height < a.bbox.height * 1.5 && a.bbox.height < b.bbox.height * 1.5;
}

/** Where a registration number starts in `text` (its characters before it), or -1. */
function registrationAt(text: string): number {
  const m = REGISTRATION.exec(text);
  return m ? m.index : -1;
}

/** A line that is a registration or tax number and little else: (65351-M), Co-REG:860671-D, 002065464-X. */
function registrationOnly(text: string): boolean {
  const m = REGISTRATION.exec(text);
  if (!m) return false;
  const rest = text.replace(REGISTRATION, ' ').replace(/\b(?:no|nr|number|reg|id|co|company|[(){}[\]:.#-])\b/gi, ' ');
  return !/\p{L}{3}/u.test(rest.replace(/\d[\dA-Z-]*/g, ' '));
}

/** A Latin company name ends with its legal form and starts after any registration number: TAN & CO. (M) BHD (123456-H). */
function companyName(text: string): string {
  let name = text;
  const reg = registrationAt(name);
  if (reg > 2) name = name.slice(0, reg);
  if (/\p{Script=Han}/u.test(name)) return cleanName(name);
  let end = -1;
  for (const m of name.matchAll(EVERY_LEGAL_FORM)) if ((m.index ?? 0) > 0) end = (m.index ?? 0) + m[0].length;
  // cut only a tail of words (Free SAS au capital de …), never inside a bracket (MR.D.I.Y.(M) SDN BHD)
  if (end > 0 && /\p{L}{2}.*\s/u.test(name.slice(end)) && !/\)/.test(name.slice(end))) name = name.slice(0, end);
  return cleanName(name);
}

function cleanName(text: string): string {
  return latinPunctuation(text)
    .replace(/^[\s,.:;–-]+|[\s,;:–-]+$/g, '')
    .replace(/\s+/g, ' ');
}

/** The lines outside the customer's blocks: a "Bill to" or "Factuuradres" heading and the lines under it. */
function notCustomer(lines: readonly TextLine[]): TextLine[] {
  const skip = new Set<TextLine>();
  for (const line of lines) {
    if (!CUSTOMER_BLOCK.test(line.raw)) continue;
    skip.add(line);
    const bottom = line.bbox.y + line.bbox.height;
    for (const l of lines) {
      const below = l.page === line.page && l.bbox.y >= line.bbox.y && l.bbox.y - bottom < line.bbox.height * 6;
      if (below && l.bbox.x < line.bbox.x + Math.max(line.bbox.width, l.bbox.width) && line.bbox.x <= l.bbox.x + l.bbox.width) skip.add(l);
    }
  }
  return lines.filter((l) => !skip.has(l));
}

/** A street, a postcode, a house or lot number: the shape of an address line, in any of the languages read. */
function addressShaped(text: string, streetThenNumber = false): boolean {
  if (!/\d/.test(text) || /^[\p{L} .]{3,30}[:：]\s*\S/u.test(text)) return false;
  const spaced = unglued(text);
  // a house number first (12 Elm Street, NO.50, JALAN …) or after the street's name (Kirchgasse 62, Hauptstrale 5)
  // (the second only where an address is expected: PetroMaju Taman Jaya 2 is a name)
  const houseNumber =
    /^\s*(?:no\.?\s*)?\d+[A-Z]?(?:\s*[&,.-]|\s)/i.test(text) || (streetThenNumber && /^\p{L}[\p{L}.'’ -]{2,40}\s\d{1,4}\s?[a-zA-Z]?$/u.test(text.trim()));
  return STREET_WORD.test(spaced) || POSTCODE.test(spaced) || houseNumber;
}

/** Words recognition ran together with their numbers (LOT1234-A, 12jalanMawar) apart again, for matching. */
function unglued(text: string): string {
  return text
    .replace(/(\p{L})(\d)/gu, '$1 $2')
    .replace(/(\d)(\p{L}{2})/gu, '$1 $2')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2');
}

/** A line that ends an address block: contact details, a tax number, a date, an amount, a phone number, the title. */
function endsAddress(text: string): boolean {
  if (CONTACT.test(text) || registrationOnly(text) || findDates(text).length || moneyIn(text).some((m) => m.marked || /\d[.,]\d{2}\b/.test(text))) return true;
  if (TITLE_LINE.test(text) || NOT_A_NAME.test(text) || (/^[\s()+\d/.-]+$/.test(text) && (text.match(/\d/g) ?? []).length >= 7)) return true;
  return !/\p{L}/u.test(text) && !POSTCODE.test(text);
}

export function findAddress(lines: readonly TextLine[], merchant: TextLine | undefined): Found<string> | null {
  const pool = notCustomer(lines);
  for (const line of pool) {
    const m = ADDRESS_LABEL.exec(line.raw);
    const value = m ? cleanName(line.raw.slice(m[0].length)) : '';
    if (m && /\d/.test(value) && /\p{L}{2}/u.test(value)) {
      const rest = addressBlock(pool, pool.indexOf(line) + 1, true);
      return { value: repairLetters(cleanName([value, ...rest.map((l) => l.raw)].join(' '))), confidence: line.confidence, line };
    }
  }
  if (!merchant) return null;
  // the merchant's own line may carry it (QualityHosting AG - Uferweg 40-42 - D-63571 Gelnhausen)
  const parts = merchant.raw.split(/\s[-–−|·•]\s/);
  if (parts.length > 1) {
    const rest = parts.filter((p) => !LEGAL_FORM.test(p)).join(', ');
    if (addressShaped(rest)) return { value: rest, confidence: merchant.confidence * 0.8, line: merchant };
  }
  const at = pool.indexOf(merchant);
  if (at < 0) return null;
  // under the merchant, else (a station's address over its operator's name) in the lines above it
  const starts = [...range(at + 1, Math.min(pool.length, at + 2 + BEFORE_ADDRESS)), ...range(Math.max(0, at - BEFORE_ADDRESS), at)];
  for (const i of starts) {
    const line = pool[i];
    if (line.page !== merchant.page || !addressShaped(line.raw, i > at) || endsAddress(line.raw)) continue;
    const block = [line, ...addressBlock(pool, i + 1, false, merchant)];
    const value = repairLetters(
      cleanName(
        block
          .map((l) => l.raw)
          .join(' ')
          .replace(NAMED_ADDRESS, ''),
      ),
    );
    return { value, confidence: Math.min(...block.map((l) => l.confidence)) * 0.85, line };
  }
  return null;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);
}

/**
 * The address's further lines from `from` on: until a line that ends it, a gap wider than two lines, or
 * ADDRESS_LINES lines in all. After a label, only lines that look like an address continue it.
 */
function addressBlock(lines: readonly TextLine[], from: number, shapedOnly: boolean, stop?: TextLine): TextLine[] {
  const out: TextLine[] = [];
  let previous = lines[from - 1];
  // past the postcode only the state or country follows, set close under it
  let afterPostcode = previous !== undefined && POSTCODE.test(unglued(previous.raw));
  for (let i = from; i < lines.length && out.length < ADDRESS_LINES - 1; i++) {
    const line = lines[i];
    if (!previous || line.page !== previous.page || endsAddress(line.raw)) break;
    const gap = line.bbox.y - (previous.bbox.y + previous.bbox.height);
    if (gap > (afterPostcode ? 1 : 2) * Math.max(line.bbox.height, previous.bbox.height) || centerY(line) < centerY(previous)) break;
    if (line === stop) break;
    if (shapedOnly && !addressShaped(line.raw) && !/^[\p{L} .,'-]+$/u.test(line.raw)) break;
    if (shapedOnly && ADDRESS_LABEL.test(line.raw)) break;
    out.push(line);
    previous = line;
    afterPostcode ||= POSTCODE.test(unglued(line.raw));
  }
  return out;
}
