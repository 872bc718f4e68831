import { firstPageBarcode, type Document, type Extraction, type ExtractorDefinition } from '../registry';
import { textLines, type TextLine } from '../text';

/**
 * Logistics waybills (快递面单): the carrier from its name on the label and the shape of its tracking numbers, the
 * tracking number by its label or shape, sender and receiver blocks by 寄/收 labels (name and phone on the label's
 * line, the address on it or below). Masked phones (138****5678) are kept as printed. The label's barcode
 * (Code 128 and kin) is decoded from the pixels: when it decodes it is the tracking number, and a printed
 * number that differs is reported.
 */
interface Carrier {
  code: string;
  names: RegExp;
  number: RegExp;
}

const CARRIERS: Carrier[] = [
  { code: 'SF', names: /顺丰|SF\s?EXPRESS/i, number: /\bSF\d{12,13}\b/ },
  { code: 'JD', names: /京东/, number: /\bJD[A-Z]{0,2}\d{12,15}\b/ },
  { code: 'YTO', names: /圆通/, number: /\bYT\d{13}\b/ },
  { code: 'ZTO', names: /中通/, number: /\b7[3-9]\d{10,13}\b/ },
  { code: 'Yunda', names: /韵达/, number: /\b(?:3|4|5)\d{12,14}\b/ },
  { code: 'STO', names: /申通/, number: /\b(?:77|268|368|468|568|668|768|868|968)\d{9,13}\b/ },
  { code: 'EMS', names: /EMS|邮政|中国邮政/, number: /\b(?:[A-Z]{2}\d{9}CN|1\d{12})\b/ },
  { code: 'J&T', names: /极兔|J&T/i, number: /\bJT\d{13}\b/ },
];

/** The carrier whose tracking numbers have this shape (the first that fits), e.g. for a number read by a cloud service. */
export function carrierOfTrackingNumber(tracking: string): string | null {
  return CARRIERS.find((c) => c.number.test(tracking))?.code ?? null;
}

/** Whether a tracking number has the shape of the carrier's numbers; null for a carrier we do not know. */
export function trackingNumberFitsCarrier(tracking: string, code: string): boolean | null {
  const carrier = CARRIERS.find((c) => c.code === code);
  return carrier ? carrier.number.test(tracking) : null;
}

const PHONE = /1[3-9]\d[\d*]{4}\d{4}|0\d{2,3}-?\d{7,8}/;

export const waybill: ExtractorDefinition = {
  type: 'waybill',
  needsPixels: true,
  detect(doc) {
    const text = doc.text;
    const carrier = CARRIERS.some((c) => c.names.test(text)) ? 0.4 : 0;
    const parties = /收件人|寄件人|收方|寄方/.test(text) ? 0.4 : /(^|\n)[收寄][\s:：]/.test(text) ? 0.2 : 0;
    const number = /运单号|快递单号|单号/.test(text) || CARRIERS.some((c) => c.number.test(text)) ? 0.2 : 0;
    return carrier + parties + number;
  },
  async extract(doc): Promise<Extraction> {
    const lines = textLines(doc.pages);
    const text = lines.map((l) => l.raw).join('\n');
    const fields: Record<string, string | null> = {
      carrier: null,
      trackingNumber: null,
      senderName: null,
      senderPhone: null,
      senderAddress: null,
      receiverName: null,
      receiverPhone: null,
      receiverAddress: null,
    };
    const fieldConfidence: Record<string, number> = {};
    const checks: Record<string, boolean> = {};
    const warnings: string[] = [];

    const byName = CARRIERS.find((c) => c.names.test(text));
    const labelled = lines.map((l) => ({ m: /(?:运单号|快递单号|单号)[:：]?([A-Z]{0,4}\d{9,15}[A-Z]{0,2})/.exec(l.text), c: l.confidence })).find((x) => x.m);
    const byNumber = CARRIERS.map((c) => ({ c, m: c.number.exec(text.replace(/\s/g, (s) => (s === '\n' ? '\n' : ''))) })).find((x) => x.m);
    const printed = labelled?.m?.[1] ?? byNumber?.m?.[0] ?? null;
    const barcode = await trackingBarcode(doc);
    const tracking = barcode ?? printed;
    const carrier = byName ?? (tracking ? CARRIERS.find((c) => c.number.test(tracking)) : undefined);
    if (carrier) {
      fields.carrier = carrier.code;
      fieldConfidence.carrier = byName ? 0.95 : 0.7;
    }
    if (barcode && printed) {
      checks.trackingNumberMatchesBarcode = barcode === printed;
      if (barcode !== printed) warnings.push(`The printed tracking number reads ${printed} but the barcode says ${barcode}: the barcode's is kept.`);
    }
    if (tracking) {
      fields.trackingNumber = tracking;
      fieldConfidence.trackingNumber = barcode ? 0.99 : (labelled?.c ?? 0.8);
      if (carrier) {
        checks.trackingNumberMatchesCarrier = carrier.number.test(tracking);
        if (!checks.trackingNumberMatchesCarrier)
          warnings.push(`The tracking number ${tracking} does not have the shape of a ${carrier.code} number; check the reading.`);
      }
    } else warnings.push('No tracking number was found.');

    for (const [role, labels] of [
      ['sender', ['寄件人', '寄方', '寄件', '寄']],
      ['receiver', ['收件人', '收方', '收件', '收']],
    ] as const) {
      const party = partyBlock(lines, labels as unknown as string[]);
      if (!party) {
        warnings.push(`The ${role} (${labels[0]}) could not be found.`);
        continue;
      }
      for (const [key, value] of Object.entries(party.values)) {
        if (!value) continue;
        const field = `${role}${key}`;
        fields[field] = value;
        fieldConfidence[field] = party.confidence;
      }
    }
    return { fields, fieldConfidence, checks, warnings };
  },
};

/** The first page's barcode when it holds a tracking number (letters and digits, 8 to 20 of them). */
async function trackingBarcode(doc: Document): Promise<string | null> {
  const found = await firstPageBarcode(doc, ['code128', 'code39', 'itf']);
  const text = found?.text.trim().toUpperCase() ?? '';
  return /^[A-Z0-9]{8,20}$/.test(text) ? text : null;
}

/**
 * An address runs on in the same block: the next line starts under the one before (within two line heights of
 * its left edge) and at most a line's height below it. The next line in reading order can be the top of the
 * block beside (the tracking number's line in the next column).
 */
function continuesBelow(prev: TextLine, next: TextLine): boolean {
  const h = Math.max(prev.bbox.height, next.bbox.height);
  const gap = next.bbox.y - (prev.bbox.y + prev.bbox.height);
  return gap > -0.5 * h && gap <= 1.5 * h && Math.abs(next.bbox.x - prev.bbox.x) <= 2 * h;
}

/** Name and phone on the label's line; the address after them or on the next lines, up to the other party's label. */
function partyBlock(
  lines: TextLine[],
  labels: string[],
): { values: { Name: string | null; Phone: string | null; Address: string | null }; confidence: number } | null {
  const stop = /^(寄件人|寄方|寄件|寄|收件人|收方|收件|收)[:：]?/;
  for (let i = 0; i < lines.length; i++) {
    const label = labels.find((l) => new RegExp(`^${l}(人)?[:：]?`).test(lines[i].text));
    if (!label) continue;
    let rest = lines[i].raw.replace(new RegExp(`^\\s*${label}(人)?\\s*[:：]?\\s*`), '');
    const phone = PHONE.exec(rest.replace(/\s/g, ''))?.[0] ?? null;
    const compact = rest.replace(/\s/g, '');
    const beforePhone = phone ? compact.slice(0, compact.indexOf(phone)) : compact;
    const afterPhone = phone ? compact.slice(compact.indexOf(phone) + phone.length) : '';
    const name = /^[\u3400-\u9fff·A-Za-z]{1,12}/.exec(beforePhone)?.[0] ?? null;
    const address: string[] = [];
    if (afterPhone) address.push(afterPhone);
    else if (name && beforePhone.length > name.length + 6) address.push(beforePhone.slice(name.length));
    const confidences = [lines[i].confidence];
    for (let j = i + 1; j < lines.length && j <= i + 2; j++) {
      if (stop.test(lines[j].text) || lines[j].page !== lines[i].page || !/[省市区县路街道号镇村楼室]/.test(lines[j].text)) break;
      if (!continuesBelow(lines[j - 1], lines[j])) break;
      address.push(lines[j].text);
      confidences.push(lines[j].confidence);
    }
    rest = address.join('');
    return { values: { Name: name, Phone: phone, Address: rest || null }, confidence: Math.min(...confidences) };
  }
  return null;
}
