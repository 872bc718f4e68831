import type { Extraction, ExtractorDefinition } from '../registry';
import { chineseDate, readForm, type FormField } from '../form';
import { textLines } from '../text';
import { checkVin } from '../validators';

/** 机动车行驶证: fields by their labels; the VIN checked by its ISO 3779 check digit. */
const FIELDS: FormField[] = [
  { name: 'plateNumber', labels: ['号牌号码'], parse: (t) => /[\u4e00-\u9fff][A-Z][A-Z0-9]{5,6}/.exec(t.toUpperCase())?.[0] ?? null },
  { name: 'vehicleType', labels: ['车辆类型'] },
  { name: 'owner', labels: ['所有人'] },
  { name: 'address', labels: ['住址'] },
  { name: 'useCharacter', labels: ['使用性质'] },
  { name: 'model', labels: ['品牌型号'] },
  { name: 'vin', labels: ['车辆识别代号', '车辆识别代码'], parse: (t) => /[A-HJ-NPR-Z0-9]{17}/.exec(t.toUpperCase().replace(/O/g, '0').replace(/[IQ]/g, (c) => (c === 'I' ? '1' : '0')))?.[0] ?? null },
  { name: 'engineNumber', labels: ['发动机号码', '发动机号'] },
  { name: 'registerDate', labels: ['注册日期'], parse: chineseDate },
  { name: 'issueDate', labels: ['发证日期'], parse: chineseDate },
];

export const vehicleLicense: ExtractorDefinition = {
  type: 'vehicle-license',
  detect(doc) {
    const text = doc.text.replace(/\s/g, '');
    return (text.includes('行驶证') ? 0.6 : 0) + (text.includes('车辆识别代号') ? 0.3 : 0) + (text.includes('号牌号码') ? 0.3 : 0);
  },
  extract(doc): Extraction {
    const { values, confidence } = readForm(textLines(doc.pages), FIELDS);
    const checks: Record<string, boolean> = {};
    const warnings: string[] = [];
    if (values.vin) {
      checks.vinCheckDigit = checkVin(values.vin as string);
      if (checks.vinCheckDigit) confidence.vin = Math.max(confidence.vin, 0.99);
      // the position-9 digit is mandatory in China and North America only: a failure is a warning, not an error
      else warnings.push(`The VIN ${values.vin} fails its check digit (ISO 3779 position 9); check the reading.`);
    } else warnings.push('The VIN (车辆识别代号) could not be read.');
    return { fields: values, fieldConfidence: confidence, checks, warnings };
  },
};
