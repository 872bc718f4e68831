import type { Extraction, ExtractorDefinition } from '../registry';
import { chineseDate, readForm, type FormField } from '../form';
import { textLines } from '../text';
import { birthDateOf, checkIdNumber, sexOf } from '../validators';
import { correctIdNumber } from './idNumberReading';

/**
 * 机动车驾驶证: fields by their labels. The licence number is the holder's ID number, so its check character,
 * birth date and sex digit confirm (and correct) the printed ones, as on the ID card.
 */
const FIELDS: FormField[] = [
  { name: 'licenseNumber', labels: ['证号'], parse: (t) => /[1-9]\d{16}[\dXx]/.exec(t.replace(/[Oo]/g, '0'))?.[0].toUpperCase() ?? null },
  { name: 'name', labels: ['姓名'], parse: (t) => /[\u3400-\u9fff·]+/.exec(t)?.[0] ?? null },
  { name: 'sex', labels: ['性别'], parse: (t) => /[男女]/.exec(t)?.[0] ?? null },
  { name: 'nationality', labels: ['国籍'] },
  { name: 'address', labels: ['住址'] },
  { name: 'birthDate', labels: ['出生日期'], parse: chineseDate },
  { name: 'firstIssueDate', labels: ['初次领证日期'], parse: chineseDate },
  { name: 'vehicleClass', labels: ['准驾车型'], parse: (t) => /[A-DMNP][1-3]?(?:[A-DMNP][1-3]?)*/.exec(t.toUpperCase())?.[0] ?? null },
  { name: 'validity', labels: ['有效期限', '有效期至'] },
];

export const driverLicense: ExtractorDefinition = {
  type: 'driver-license',
  detect(doc) {
    const text = doc.text.replace(/\s/g, '');
    return (text.includes('驾驶证') ? 0.6 : 0) + (text.includes('准驾车型') ? 0.3 : 0) + (text.includes('初次领证日期') ? 0.3 : 0);
  },
  extract(doc): Extraction {
    const { values, confidence } = readForm(textLines(doc.pages), FIELDS);
    const checks: Record<string, boolean> = {};
    const warnings: string[] = [];
    const period = /(\d{4}\D{1,2}\d{1,2}\D{1,2}\d{1,2})\D*(?:至|-|—|~)+\D*(\d{4}\D{1,2}\d{1,2}\D{1,2}\d{1,2}|长期)/.exec(String(values.validity ?? ''));
    const validityConfidence = confidence.validity;
    delete values.validity;
    delete confidence.validity;
    values.validFrom = period ? chineseDate(period[1]) : null;
    values.validTo = period ? (period[2] === '长期' ? '长期' : chineseDate(period[2])) : null;
    if (period) confidence.validFrom = confidence.validTo = validityConfidence;

    if (values.licenseNumber) {
      const id = correctIdNumber(values.licenseNumber as string);
      if (id.corrected) warnings.push(`The licence number was read as ${values.licenseNumber} and corrected to ${id.value} by its check character.`);
      values.licenseNumber = id.value;
      const check = checkIdNumber(id.value);
      checks.licenseNumberChecksum = check.checksum;
      if (check.checksum) {
        confidence.licenseNumber = Math.max(confidence.licenseNumber, 0.99);
        for (const [field, fromId, name] of [['birthDate', birthDateOf(id.value), 'birthDateMatchesLicenseNumber'], ['sex', sexOf(id.value), 'sexMatchesLicenseNumber']] as const) {
          if (fromId === null) continue;
          if (values[field] !== null) checks[name] = values[field] === fromId;
          if (values[field] !== fromId) {
            if (values[field] !== null) warnings.push(`${field} was read as ${values[field]}, but the licence number says ${fromId}: the number's value is used.`);
            values[field] = fromId;
            confidence[field] = 0.95;
          }
        }
      } else warnings.push(`The licence number ${id.value} fails its check character; check the reading.`);
    } else warnings.push('The licence number (证号) could not be read.');
    return { fields: values, fieldConfidence: confidence, checks, warnings };
  },
};
