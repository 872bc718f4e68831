import type { DocumentType, FieldValue } from '../result';
import { birthDateOf, checkIdNumber, checkUscc, checkVin, luhn, sexOf } from '../extract/validators';
import { vatInvoiceChecks } from '../extract/receipts/vatChecks';
import { trackingNumberFitsCarrier } from '../extract/domain/waybill';

export interface Checked {
  checks: Record<string, boolean>;
  warnings: string[];
}

/**
 * The checks of the contract computed from fields alone, for fields a cloud service read (or a mix of its and
 * ours): the same names our extractors use, so a workflow's IF node does not change with the engine. Checks
 * that need the page (an MRZ's digits, a barcode) are not among them.
 */
export function fieldChecks(type: DocumentType, fields: Record<string, FieldValue>): Checked {
  const out: Checked = { checks: {}, warnings: [] };
  const s = (name: string) => (typeof fields[name] === 'string' && fields[name] !== '' ? (fields[name] as string) : null);
  switch (type) {
    case 'id-card': {
      const id = s('idNumber');
      if (id) personalNumber(out, id, 'idNumber', fields, 'IdNumber');
      const from = s('validFrom');
      const to = s('validTo');
      if (from && to) {
        out.checks.validityPeriod = to === '长期' || to > from;
        if (!out.checks.validityPeriod) out.warnings.push(`The validity period ${from} – ${to} ends before it starts.`);
      }
      break;
    }
    case 'driver-license': {
      const id = s('licenseNumber');
      if (id && id.length === 18) personalNumber(out, id, 'licenseNumber', fields, 'LicenseNumber');
      break;
    }
    case 'vehicle-license':
    case 'vehicle-sales-invoice': {
      const vin = s('vin');
      if (vin) {
        out.checks.vinCheckDigit = checkVin(vin);
        if (!out.checks.vinCheckDigit) out.warnings.push(`The VIN ${vin} fails its check digit.`);
      }
      break;
    }
    case 'bank-card': {
      const card = s('cardNumber');
      if (card) {
        out.checks.luhn = luhn(card);
        if (!out.checks.luhn) out.warnings.push(`The card number ${card} fails its Luhn check.`);
      }
      break;
    }
    case 'business-license': {
      const code = s('creditCode');
      if (code && code.length === 18) {
        out.checks.creditCodeChecksum = checkUscc(code);
        if (!out.checks.creditCodeChecksum) out.warnings.push(`The credit code ${code} fails its check character.`);
      }
      break;
    }
    case 'vat-invoice':
      return vatInvoiceChecks(fields);
    case 'waybill': {
      const tracking = s('trackingNumber');
      const carrier = s('carrier');
      const fits = tracking && carrier ? trackingNumberFitsCarrier(tracking, carrier) : null;
      if (fits !== null) {
        out.checks.trackingNumberMatchesCarrier = fits;
        if (!fits) out.warnings.push(`The tracking number ${tracking} does not have the shape of a ${carrier} number.`);
      }
      break;
    }
    case 'passport':
      if (fields.mrz === null) out.warnings.push('The MRZ check digits were not verified: the service returned the fields without the MRZ lines.');
      break;
  }
  return out;
}

/** An 18-digit resident ID number: its check character, date and region, and the printed birth date and sex against it. */
function personalNumber(out: Checked, id: string, field: string, fields: Record<string, FieldValue>, suffix: string): void {
  const check = checkIdNumber(id);
  out.checks[`${field}Checksum`] = check.checksum;
  if (field === 'idNumber') {
    out.checks.idNumberBirthDate = check.birthDate;
    out.checks.idNumberRegion = check.region;
  }
  if (!check.valid) out.warnings.push(`The number ${id} does not pass its checks.`);
  if (!check.checksum) return;
  for (const [name, fromId] of [
    ['birthDate', birthDateOf(id)],
    ['sex', sexOf(id)],
  ] as const) {
    const printed = fields[name];
    if (fromId === null || typeof printed !== 'string') continue;
    out.checks[`${name}Matches${suffix}`] = printed === fromId;
    if (printed !== fromId) out.warnings.push(`${name} reads ${printed}, but the number says ${fromId}.`);
  }
}

/** The fields a failed check casts doubt on: those a second reading should replace. */
export const CHECK_FIELDS: Record<string, string[]> = {
  idNumberChecksum: ['idNumber'],
  idNumberBirthDate: ['idNumber'],
  idNumberRegion: ['idNumber'],
  birthDateMatchesIdNumber: ['birthDate', 'idNumber'],
  sexMatchesIdNumber: ['sex', 'idNumber'],
  validityPeriod: ['validFrom', 'validTo'],
  licenseNumberChecksum: ['licenseNumber'],
  birthDateMatchesLicenseNumber: ['birthDate', 'licenseNumber'],
  sexMatchesLicenseNumber: ['sex', 'licenseNumber'],
  vinCheckDigit: ['vin'],
  luhn: ['cardNumber'],
  creditCodeChecksum: ['creditCode'],
  amountsConsistent: ['amount', 'taxAmount', 'totalAmount'],
  totalAmountInWords: ['totalAmountInWords', 'totalAmount'],
  itemsSumMatches: ['items', 'amount', 'taxAmount'],
  sellerTaxIdValid: ['sellerTaxId'],
  buyerTaxIdValid: ['buyerTaxId'],
  trackingNumberMatchesCarrier: ['trackingNumber', 'carrier'],
  trackingNumberMatchesBarcode: ['trackingNumber'],
};
