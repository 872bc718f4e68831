import type { FieldValue } from '../../result';
import type { Extraction, ExtractorDefinition } from '../registry';
import { chineseDate } from '../form';
import { textLines, type TextLine } from '../text';
import { readCard, type CardField } from './cardForm';
import { findVin, readVin, type VinReading } from './vinReading';
import { linesWithoutSeal, takeUnsealed } from './withoutSeal';

/**
 * 机动车行驶证: fields by their labels, as the card lays them out (`cardForm.ts`: subtitles such as `Model` are not
 * values, the address continues on its next line). The VIN is checked, and repaired where one character is in
 * doubt, by its ISO 3779 check digit; when its label lies under the seal, the one 17-character run on the card
 * that passes the check is the VIN. A card with a seal is read again without its red ink (withoutSeal.ts): what
 * the seal hid from the first reading (a value, characters of one, the VIN's first letters) comes from the second.
 */
const FIELDS: CardField[] = [
  { name: 'plateNumber', labels: ['号牌号码'], parse: plateNumber },
  { name: 'vehicleType', labels: ['车辆类型'], parse: (t) => /[\u3400-\u9fff]{2,}/.exec(t)?.[0] ?? null },
  { name: 'owner', labels: ['所有人'] },
  { name: 'address', labels: ['住址'], wraps: true, parse: (t) => (/[\u3400-\u9fff]/.test(t) ? t : null) },
  { name: 'useCharacter', labels: ['使用性质'], parse: useCharacter },
  { name: 'model', labels: ['品牌型号'], parse: (t) => (/[\u3400-\u9fff]/.test(t) ? t : null) },
  { name: 'vin', labels: ['车辆识别代号', '车辆识别代码', '车架号'] },
  { name: 'engineNumber', labels: ['发动机号码', '发动机号'], parse: (t) => /[A-Z0-9]{4,}/.exec(t.toUpperCase().replace(/[^A-Z0-9]/g, ''))?.[0] ?? null },
  { name: 'registerDate', labels: ['注册日期', '注册登记日期'], parse: chineseDate },
  { name: 'issueDate', labels: ['发证日期'], parse: chineseDate },
];

/**
 * A plate as GA 36 makes them: the province's character, the issuing office's letter, five serial characters (six
 * on new-energy plates). Plates use neither I nor O, so in the serial they are the 1 and 0 read as letters; a
 * stroke read as I before the office's letter (the plate's dot) is dropped.
 */
function plateNumber(text: string): FieldValue {
  const m = /([\u4e00-\u9fff])[·•.\s]*[I1|]?([A-HJ-NP-Z])[·•.\s]*([A-Z0-9]{5,6})(?![A-Z0-9])/.exec(text.toUpperCase());
  return m ? `${m[1]}${m[2]}${m[3].replace(/O/g, '0').replace(/I/g, '1')}` : null;
}

/**
 * The use characters of GA 801 (and the older 营运 / 非营运 pair): the longest one in the value, so a seal's
 * character read into it (局非营运) or a subtitle's remains do not stay; an unknown one as its Chinese run.
 */
const USE_CHARACTERS = [
  '非营运',
  '营运',
  '公路客运',
  '公交客运',
  '出租客运',
  '旅游客运',
  '预约出租客运',
  '货运',
  '危化品运输',
  '租赁',
  '教练',
  '警用',
  '消防',
  '救护',
  '工程救险',
  '营转非',
  '出租转非',
  '预约出租转非',
  '幼儿校车',
  '小学生校车',
  '初中生校车',
  '中小学生校车',
  '其他校车',
  '校车',
].sort((a, b) => b.length - a.length);

function useCharacter(text: string): FieldValue {
  return USE_CHARACTERS.find((u) => text.includes(u)) ?? /[\u3400-\u9fff]{2,}/.exec(text)?.[0] ?? null;
}

interface Reading {
  values: Record<string, FieldValue>;
  confidence: Record<string, number>;
  /** the VIN as read by its label, or found anywhere on the card when that one fails its check */
  vin: VinReading | null;
}

function readLicence(lines: readonly TextLine[]): Reading {
  const { values, confidence } = readCard(lines, FIELDS);
  const labelled = values.vin ? readVin(String(values.vin)) : null;
  const anywhere = labelled?.checkDigit ? null : findVin(lines.map((l) => l.text));
  if (anywhere) confidence.vin = 0.99;
  return { values, confidence, vin: anywhere ? { value: anywhere, checkDigit: true } : labelled };
}

export const vehicleLicense: ExtractorDefinition = {
  type: 'vehicle-license',
  needsPixels: true,
  detect(doc) {
    const text = doc.text.replace(/\s/g, '');
    return (text.includes('行驶证') ? 0.6 : 0) + (/车辆识别代[号码]/.test(text) ? 0.3 : 0) + (text.includes('号牌号码') ? 0.3 : 0);
  },
  async extract(doc): Promise<Extraction> {
    const first = readLicence(textLines(doc.pages));
    const { values, confidence } = first;
    let vin = first.vin;
    const again = await linesWithoutSeal(doc);
    if (again) {
      const second = readLicence(again);
      takeUnsealed(values, confidence, second.values, second.confidence, ['vin']);
      if (second.vin && (!vin || (second.vin.checkDigit && (!vin.checkDigit || (vin.repairedFrom && !second.vin.repairedFrom))))) {
        vin = second.vin;
        confidence.vin = second.confidence.vin;
      }
    }
    const checks: Record<string, boolean> = {};
    const warnings: string[] = [];
    if (vin) {
      values.vin = vin.value;
      checks.vinCheckDigit = vin.checkDigit;
      if (vin.repairedFrom) warnings.push(`The VIN was read as ${vin.repairedFrom} and corrected to ${vin.value} by its check digit.`);
      if (vin.checkDigit) confidence.vin = vin.repairedFrom ? 0.9 : Math.max(confidence.vin ?? 0, 0.99);
      // the position-9 digit is mandatory in China and North America only: a failure is a warning, not an error
      else warnings.push(`The VIN ${vin.value} fails its check digit (ISO 3779 position 9); check the reading.`);
    } else {
      values.vin = null;
      delete confidence.vin;
      warnings.push('The VIN (车辆识别代号) could not be read.');
    }
    return { fields: values, fieldConfidence: confidence, checks, warnings };
  },
};
