import { XMLParser } from 'fast-xml-parser';
import { OcrError } from '../../errors';

/** Elements that may repeat: always arrays, so one page or one TextCode reads like many. */
const REPEATED = new Set([
  'DocBody',
  'Page',
  'TemplatePage',
  'Template',
  'Layer',
  'PageBlock',
  'TextObject',
  'TextCode',
  'PathObject',
  'ImageObject',
  'CompositeObject',
  'Font',
  'MultiMedia',
  'Signature',
  'CustomTag',
  'ColorSpace',
  'DrawParam',
  'CustomData',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  // entity expansion off: no "billion laughs", no external entities (documents with a DTD are refused below)
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name) => REPEATED.has(name),
});

export type XmlNode = Record<string, unknown>;

/**
 * The most an XML part of a package may hold. A real invoice's page is 10–100 KB; parsed, XML costs ~15×
 * its size in objects, so a 120 MB page (inside every zip limit) took 1.9 GB and overflowed the stack.
 */
export const XML_MAX_BYTES = 16 * 1024 * 1024;

/**
 * An XML part's bytes as text, in the encoding it says it is in: a byte-order mark (UTF-8, UTF-16 LE/BE), or
 * UTF-16 without one (its first character `<` is then 3C 00 or 00 3C), or the encoding its declaration names
 * (GB18030 and its subsets, which Chinese software writes); UTF-8 otherwise.
 */
export function decodeXml(bytes: Uint8Array, name: string): string {
  const b = bytes;
  let encoding = 'utf-8';
  let start = 0;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) start = 3;
  else if (b[0] === 0xff && b[1] === 0xfe) {
    encoding = 'utf-16le';
    start = 2;
  } else if (b[0] === 0xfe && b[1] === 0xff) {
    encoding = 'utf-16be';
    start = 2;
  } else if (b[0] === 0x3c && b[1] === 0x00) encoding = 'utf-16le';
  else if (b[0] === 0x00 && b[1] === 0x3c) encoding = 'utf-16be';
  else {
    const head = Buffer.from(b.buffer, b.byteOffset, Math.min(b.byteLength, 200)).toString('latin1');
    const declared = /^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_-]+)["']/.exec(head)?.[1]?.toLowerCase();
    if (declared && /^(gb18030|gbk|gb2312|big5)$/.test(declared)) encoding = declared;
  }
  try {
    return new TextDecoder(encoding).decode(b.subarray(start));
  } catch (err) {
    throw new OcrError('CORRUPT_INPUT', `"${name}" in the OFD package is not text in ${encoding} (${(err as Error).message}).`, { cause: err });
  }
}

export function parseXml(text: string, name: string): XmlNode {
  // OFD never uses a DTD; one here can only be an entity attack or a mistake.
  if (/<!DOCTYPE/i.test(text)) throw new OcrError('CORRUPT_INPUT', `"${name}" in the OFD package declares a DTD, which OFD does not use; refused.`);
  try {
    return parser.parse(text) as XmlNode;
  } catch (err) {
    throw new OcrError('CORRUPT_INPUT', `"${name}" in the OFD package is not well-formed XML (${(err as Error).message}).`, { cause: err });
  }
}

/** The five predefined XML entities and character references: all a DTD-free document can contain. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, e: string) => {
    const lower = e.toLowerCase();
    if (lower === 'lt') return '<';
    if (lower === 'gt') return '>';
    if (lower === 'amp') return '&';
    if (lower === 'quot') return '"';
    if (lower === 'apos') return "'";
    const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

export function child(node: unknown, name: string): XmlNode | undefined {
  const v = (node as XmlNode | undefined)?.[name];
  return (Array.isArray(v) ? v[0] : v) as XmlNode | undefined;
}

export function children(node: unknown, name: string): XmlNode[] {
  const v = (node as XmlNode | undefined)?.[name];
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]) as XmlNode[];
}

export function attr(node: unknown, name: string): string | undefined {
  const v = (node as XmlNode | undefined)?.[`@${name}`];
  return typeof v === 'string' ? v : undefined;
}

/** Text content of an element (fast-xml-parser puts it in "#text" when the element has attributes). */
export function text(node: unknown): string {
  if (typeof node === 'string') return decodeEntities(node);
  const t = (node as XmlNode | undefined)?.['#text'];
  return typeof t === 'string' ? decodeEntities(t) : typeof t === 'number' ? String(t) : '';
}

export function numbers(s: string | undefined): number[] {
  if (!s) return [];
  return s
    .trim()
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);
}
