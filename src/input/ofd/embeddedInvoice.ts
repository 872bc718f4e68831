/**
 * The invoice's own data inside an OFD e-invoice (GB/T 33190 with the e-invoice profile): the issuer's XML attached
 * to the document (Attachs/original_invoice.xml, root `eInvoice`), else the custom tags (Tags/CustomTags.xml) that
 * name which of the page's text objects is the invoice number, the buyer, each amount. Read by the VAT invoice
 * extractor in preference to the printed text: it is what the tax system issued, not a reading of its drawing.
 */
import { OcrError } from '../../errors';
import { resolve, type ZipArchive } from './zip';
import { attr, child, children, text, type XmlNode } from './xml';

/** Field names as the VAT invoice extractor returns them; absent where the embedded data is silent. */
export interface EmbeddedInvoice {
  /** `attachment`: the issuer's XML; `custom-tags`: the page's text objects the tags point at */
  source: 'attachment' | 'custom-tags';
  fields: Partial<Record<EmbeddedField, string>>;
  items?: Array<Partial<Record<EmbeddedItemField, string>>>;
}

type EmbeddedField =
  | 'invoiceCode'
  | 'invoiceNumber'
  | 'issueDate'
  | 'checkCode'
  | 'buyerName'
  | 'buyerTaxId'
  | 'sellerName'
  | 'sellerTaxId'
  | 'amount'
  | 'taxAmount'
  | 'totalAmount';
type EmbeddedItemField = 'name' | 'specification' | 'unit' | 'quantity' | 'unitPrice' | 'amount' | 'taxRate' | 'tax';

/** Where each field sits in the eInvoice schema (paths under the root, elements without their `fp:` prefix). */
const FIELD_PATHS: Record<EmbeddedField, string[]> = {
  invoiceCode: ['InvoiceCode'],
  invoiceNumber: ['InvoiceNo'],
  issueDate: ['IssueDate'],
  checkCode: ['InvoiceCheckCode'],
  buyerName: ['Buyer', 'BuyerName'],
  buyerTaxId: ['Buyer', 'BuyerTaxID'],
  sellerName: ['Seller', 'SellerName'],
  sellerTaxId: ['Seller', 'SellerTaxID'],
  amount: ['TaxExclusiveTotalAmount'],
  taxAmount: ['TaxTotalAmount'],
  totalAmount: ['TaxInclusiveTotalAmount'],
};

const ITEM_PATHS: Record<EmbeddedItemField, string> = {
  name: 'Item',
  specification: 'Specification',
  unit: 'MeasurementDimension',
  quantity: 'Quantity',
  unitPrice: 'Price',
  amount: 'Amount',
  taxRate: 'TaxScheme',
  tax: 'TaxAmount',
};

/** An invoice has a few hundred items at most; a file claiming more is not read for them. */
const MAX_ITEMS = 2000;

/**
 * The embedded invoice of the document whose Document.xml is `doc` at `docPath`: from its attachment, else its
 * custom tags; null when it has neither. `xml` reads a part with the reader's limits; `textObjects` gives the text
 * of a page's object by page ID and object ID (for the tags). `unreadable` is true when a source was present but
 * could not be parsed (then the next one, or the print, is used).
 */
export function readEmbeddedInvoice(
  zip: ZipArchive,
  xml: (path: string) => XmlNode,
  docPath: string,
  doc: XmlNode | undefined,
  textObjects: () => Map<string, string>,
): { invoice: EmbeddedInvoice | null; unreadable: boolean } {
  let unreadable = false;
  for (const read of [() => fromAttachments(zip, xml, docPath, doc), () => fromCustomTags(zip, xml, docPath, doc, textObjects)]) {
    try {
      const invoice = read();
      if (invoice) return { invoice, unreadable };
    } catch (err) {
      // a part past the reader's limits stops the document; a malformed one only this source
      if (err instanceof OcrError && err.code === 'TOO_LARGE') throw err;
      unreadable = true;
    }
  }
  return { invoice: null, unreadable };
}

function fromAttachments(zip: ZipArchive, xml: (path: string) => XmlNode, docPath: string, doc: XmlNode | undefined): EmbeddedInvoice | null {
  const listPath = partPath(zip, docPath, text(child(doc, 'Attachments')));
  if (!listPath) return null;
  for (const a of children(child(xml(listPath), 'Attachments'), 'Attachment')) {
    if ((attr(a, 'Format') ?? 'xml').toLowerCase() !== 'xml') continue;
    const path = partPath(zip, listPath, text(child(a, 'FileLoc')));
    const root = path ? child(xml(path), 'eInvoice') : undefined;
    const invoice = root ? invoiceFrom(root, (node) => text(node), 'attachment') : null;
    if (invoice) return invoice;
  }
  return null;
}

function fromCustomTags(
  zip: ZipArchive,
  xml: (path: string) => XmlNode,
  docPath: string,
  doc: XmlNode | undefined,
  textObjects: () => Map<string, string>,
): EmbeddedInvoice | null {
  const listPath = partPath(zip, docPath, text(child(doc, 'CustomTags')));
  if (!listPath) return null;
  for (const tag of children(child(xml(listPath), 'CustomTags'), 'CustomTag')) {
    const path = partPath(zip, listPath, text(child(tag, 'FileLoc')));
    const root = path ? child(xml(path), 'eInvoice') : undefined;
    if (!root) continue;
    const objects = textObjects();
    // a tag holds ObjectRefs (PageRef = the page's ID, the element's text = the text object's ID)
    const refText = (node: XmlNode | undefined) =>
      children(node, 'ObjectRef')
        .map((r) => objects.get(`${attr(r, 'PageRef') ?? ''}/${text(r).trim()}`) ?? '')
        .join('');
    const invoice = invoiceFrom(root, refText, 'custom-tags');
    if (invoice) return invoice;
  }
  return null;
}

/** The fields and items of an eInvoice tree, each element's value read by `valueOf`; null when it gives no field. */
function invoiceFrom(root: XmlNode, valueOf: (node: XmlNode | undefined) => string, source: EmbeddedInvoice['source']): EmbeddedInvoice | null {
  const fields = pick(FIELD_PATHS, (p) => valueOf(walk(root, p)));
  const goods = children(child(root, 'GoodsInfos'), 'GoodsInfo').slice(0, MAX_ITEMS);
  const items = goods.map((g) => pickItem((name) => valueOf(child(g, name))));
  return Object.keys(fields).length ? { source, fields, ...(items.length ? { items } : {}) } : null;
}

function walk(root: XmlNode, path: readonly string[]): XmlNode | undefined {
  let node: XmlNode | undefined = root;
  for (const name of path) node = child(node, name);
  return node;
}

function pick(paths: Record<EmbeddedField, string[]>, read: (path: string[]) => string): Partial<Record<EmbeddedField, string>> {
  const out: Partial<Record<EmbeddedField, string>> = {};
  for (const [field, path] of Object.entries(paths) as Array<[EmbeddedField, string[]]>) {
    const value = read(path).trim();
    if (value) out[field] = value;
  }
  return out;
}

function pickItem(read: (name: string) => string): Partial<Record<EmbeddedItemField, string>> {
  const out: Partial<Record<EmbeddedItemField, string>> = {};
  for (const [field, name] of Object.entries(ITEM_PATHS) as Array<[EmbeddedItemField, string]>) out[field] = read(name).trim();
  return out;
}

function partPath(zip: ZipArchive, base: string, loc: string): string | null {
  const trimmed = loc.trim();
  if (!trimmed) return null;
  const path = trimmed.startsWith('/') ? resolve('', trimmed) : resolve(base, trimmed);
  return zip.has(path) ? path : null;
}
