import { XMLParser } from 'fast-xml-parser';
import { OcrError } from '../../errors';

/** Elements that may repeat: always arrays, so one page or one TextCode reads like many. */
const REPEATED = new Set([
  'DocBody', 'Page', 'TemplatePage', 'Template', 'Layer', 'PageBlock', 'TextObject', 'TextCode', 'PathObject', 'ImageObject',
  'CompositeObject', 'Font', 'MultiMedia', 'Signature', 'CustomTag', 'ColorSpace', 'DrawParam', 'CustomData',
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
  return s.trim().split(/[\s,]+/).filter(Boolean).map(Number);
}
