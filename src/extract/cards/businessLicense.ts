import type { Extraction, ExtractorDefinition } from '../registry';
import { chineseDate } from '../form';
import { textLines } from '../text';
import { checkUscc, repairUscc } from '../validators';
import { readCard, type CardField } from './cardForm';

/**
 * 营业执照: fields by their labels, as the licence lays them out (`cardForm.ts`: a name, type or address that wraps
 * continues on the lines below it, in its own column); the unified social credit code checked by its GB 32100
 * check character, O and I read for 0 and 1 repaired by it.
 */
const FIELDS: CardField[] = [
  {
    name: 'creditCode',
    labels: ['统一社会信用代码'],
    parse: (t) =>
      /[0-9A-HJ-NPQRTUWXY]{18}/.exec(
        repairUscc(
          t
            .toUpperCase()
            .replace(/[^0-9A-Z]/g, '')
            .slice(0, 18),
        ),
      )?.[0] ?? null,
  },
  { name: 'companyName', labels: ['名称'], wraps: true },
  // 丶 (a radical no type is written with) is the enumeration comma 、 as recognizers read it
  { name: 'companyType', labels: ['类型', '组成形式'], wraps: true, parse: (t) => t.replace(/丶/g, '、') },
  {
    name: 'legalRepresentative',
    labels: ['法定代表人', '负责人', '经营者', '执行事务合伙人', '投资人'],
    parse: (t) => /[\u3400-\u9fff·]{2,}/.exec(t)?.[0] ?? null,
  },
  { name: 'registeredCapital', labels: ['注册资本', '出资额', '出资数额'] },
  { name: 'establishedDate', labels: ['成立日期', '注册日期'], parse: chineseDate },
  { name: 'address', labels: ['住所', '经营场所', '主要经营场所'], wraps: true },
  // read so that the scope's long text is known as a value and never taken for another field's continuation
  { name: 'scope', labels: ['经营范围'] },
  { name: 'term', labels: ['营业期限', '合伙期限'] },
];

export const businessLicense: ExtractorDefinition = {
  type: 'business-license',
  detect(doc) {
    const text = doc.text.replace(/\s/g, '');
    return (text.includes('营业执照') ? 0.6 : 0) + (text.includes('统一社会信用代码') ? 0.3 : 0) + (/法定代表人|注册资本|成立日期/.test(text) ? 0.3 : 0);
  },
  extract(doc): Extraction {
    const { values, confidence } = readCard(textLines(doc.pages), FIELDS);
    for (const extra of ['scope', 'term']) {
      delete values[extra];
      delete confidence[extra];
    }
    const checks: Record<string, boolean> = {};
    const warnings: string[] = [];
    if (values.creditCode) {
      checks.creditCodeChecksum = checkUscc(values.creditCode as string);
      if (checks.creditCodeChecksum) confidence.creditCode = Math.max(confidence.creditCode, 0.99);
      else warnings.push(`The credit code ${values.creditCode} fails its check character (GB 32100); check the reading.`);
    } else warnings.push('The unified social credit code (统一社会信用代码) could not be read.');
    return { fields: values, fieldConfidence: confidence, checks, warnings };
  },
};
