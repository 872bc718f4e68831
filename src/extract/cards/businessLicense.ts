import type { Extraction, ExtractorDefinition } from '../registry';
import { chineseDate, readForm, type FormField } from '../form';
import { textLines } from '../text';
import { checkUscc } from '../validators';

/** 营业执照: fields by their labels; the unified social credit code checked by its GB 32100 check character. */
const FIELDS: FormField[] = [
  { name: 'creditCode', labels: ['统一社会信用代码'], parse: (t) => /[0-9A-HJ-NPQRTUWXY]{18}/.exec(t.replace(/O/g, '0'))?.[0] ?? null },
  { name: 'companyName', labels: ['名称'] },
  { name: 'companyType', labels: ['类型'] },
  { name: 'legalRepresentative', labels: ['法定代表人', '负责人', '经营者', '执行事务合伙人'] },
  { name: 'registeredCapital', labels: ['注册资本', '出资额'] },
  { name: 'establishedDate', labels: ['成立日期', '注册日期'], parse: chineseDate },
  { name: 'address', labels: ['住所', '经营场所', '主要经营场所'] },
];

export const businessLicense: ExtractorDefinition = {
  type: 'business-license',
  detect(doc) {
    const text = doc.text.replace(/\s/g, '');
    return (text.includes('营业执照') ? 0.6 : 0) + (text.includes('统一社会信用代码') ? 0.3 : 0) + (/法定代表人|注册资本|成立日期/.test(text) ? 0.3 : 0);
  },
  extract(doc): Extraction {
    const { values, confidence } = readForm(textLines(doc.pages), FIELDS);
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
