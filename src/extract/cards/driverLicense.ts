import type { FieldValue } from '../../result';
import type { Extraction, ExtractorDefinition } from '../registry';
import { chineseDate } from '../form';
import { textLines, type TextLine } from '../text';
import { birthDateOf, checkIdNumber, sexOf } from '../validators';
import { readCard, type CardField } from './cardForm';
import { correctIdNumber } from './idNumberReading';
import { validityOf, type Validity } from './validity';
import { linesWithoutSeal, takeUnsealed } from './withoutSeal';

/**
 * 机动车驾驶证: fields by their labels, as the card lays them out (`cardForm.ts`). The licence number is the
 * holder's ID number, so its check character, birth date and sex digit confirm (and correct) the printed ones, as
 * on the ID card. Validity is printed as a range (有效期限 2016-05-12至2026-05-12) or, on older cards, as a start and
 * a duration (有效起始日期 2020-12-17, 有效期限 6年): the end is then computed. The card is read again without its
 * red seal (withoutSeal.ts) for what the seal hid: the class code and the validity lie under it on most cards.
 */
const CLASS = /(?:A[1-3]|B[12]|C[1-6]|[DEFMNP])+/;
const FIELDS: CardField[] = [
  { name: 'licenseNumber', labels: ['证号'], parse: (t) => /[1-9]\d{16}[\dXx]/.exec(t.replace(/[Oo]/g, '0'))?.[0].toUpperCase() ?? null },
  { name: 'name', labels: ['姓名'], parse: (t) => /[\u3400-\u9fff·]{2,}/.exec(t)?.[0] ?? null },
  { name: 'sex', labels: ['性别'], parse: (t) => /[男女]/.exec(t)?.[0] ?? null },
  { name: 'nationality', labels: ['国籍'], parse: (t) => /[\u3400-\u9fff]{2,}/.exec(t)?.[0] ?? null },
  { name: 'address', labels: ['住址'], wraps: true, parse: (t) => (/[\u3400-\u9fff]/.test(t) ? t : null) },
  { name: 'birthDate', labels: ['出生日期'], parse: chineseDate },
  { name: 'firstIssueDate', labels: ['初次领证日期'], parse: chineseDate },
  { name: 'vehicleClass', labels: ['准驾车型'], parse: (t) => CLASS.exec(t.toUpperCase().replace(/\s/g, ''))?.[0] ?? null },
  { name: 'validFrom', labels: ['有效起始日期', '起始日期'], parse: chineseDate },
  { name: 'validity', labels: ['有效期限', '有效期至'] },
];

export const driverLicense: ExtractorDefinition = {
  type: 'driver-license',
  detect(doc) {
    const text = doc.text.replace(/\s/g, '');
    return (text.includes('驾驶证') ? 0.6 : 0) + (text.includes('准驾车型') ? 0.3 : 0) + (text.includes('初次领证日期') ? 0.3 : 0);
  },
  needsPixels: true,
  async extract(doc): Promise<Extraction> {
    const lines = textLines(doc.pages);
    const { values, confidence } = readLicence(lines);
    const again = await linesWithoutSeal(doc);
    if (again) {
      const second = readLicence(again);
      // a licence number that fails its check gives way to one that passes
      const passes = (v: FieldValue) => typeof v === 'string' && checkIdNumber(correctIdNumber(v).value).checksum;
      if (!passes(values.licenseNumber) && passes(second.values.licenseNumber)) values.licenseNumber = null;
      takeUnsealed(values, confidence, second.values, second.confidence);
      lines.push(...again);
    }
    const checks: Record<string, boolean> = {};
    const warnings: string[] = [];
    const validity = validityOf(String(values.validity ?? ''), values.validFrom as string | null) ?? rangeAnywhere(lines, values);
    delete values.validity;
    const validityConfidence = Math.min(confidence.validity ?? 0.8, confidence.validFrom ?? 1);
    delete confidence.validity;
    values.validFrom = validity?.from ?? null;
    values.validTo = validity?.to ?? null;
    if (validity) {
      confidence.validFrom = confidence.validTo = validityConfidence;
      checks.validityPeriod = validity.to === '长期' || validity.to > validity.from;
      if (validity.years) warnings.push(`validTo computed as validFrom + ${validity.years} years (the card prints the duration).`);
    } else delete confidence.validFrom;

    if (values.licenseNumber) {
      const id = correctIdNumber(values.licenseNumber as string);
      if (id.corrected) warnings.push(`The licence number was read as ${values.licenseNumber} and corrected to ${id.value} by its check character.`);
      values.licenseNumber = id.value;
      const check = checkIdNumber(id.value);
      checks.licenseNumberChecksum = check.checksum;
      if (check.checksum) {
        confidence.licenseNumber = Math.max(confidence.licenseNumber, 0.99);
        for (const [field, fromId, name] of [
          ['birthDate', birthDateOf(id.value), 'birthDateMatchesLicenseNumber'],
          ['sex', sexOf(id.value), 'sexMatchesLicenseNumber'],
        ] as const) {
          if (fromId === null) continue;
          if (values[field] !== null) checks[name] = values[field] === fromId;
          if (values[field] !== fromId) {
            if (values[field] !== null)
              warnings.push(`${field} was read as ${values[field]}, but the licence number says ${fromId}: the number's value is used.`);
            values[field] = fromId;
            confidence[field] = 0.95;
          }
        }
      } else warnings.push(`The licence number ${id.value} fails its check character; check the reading.`);
    } else warnings.push('The licence number (证号) could not be read.');
    return { fields: values, fieldConfidence: confidence, checks, warnings };
  },
};

/** The card's fields by their labels; the class code also where its label was lost under the seal. */
function readLicence(lines: readonly TextLine[]): { values: Record<string, FieldValue>; confidence: Record<string, number> } {
  const { values, confidence } = readCard(lines, FIELDS);
  if (values.vehicleClass === null) {
    // the class is the only line that is a class code and nothing else
    const alone = lines.find((l) => new RegExp(`^${CLASS.source}$`).test(l.text.toUpperCase()));
    if (alone) {
      values.vehicleClass = alone.text.toUpperCase();
      confidence.vehicleClass = Math.min(alone.confidence, 0.8);
    }
  }
  return { values, confidence };
}

/** The validity range where its label was lost: the one line holding two dates, neither the birth nor first issue. */
function rangeAnywhere(lines: readonly TextLine[], values: Record<string, unknown>): Validity | null {
  for (const line of lines) {
    const v = validityOf(line.text, null);
    if (v && !v.years && v.from !== values.birthDate) return v;
  }
  return null;
}
