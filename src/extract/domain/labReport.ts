import type { Extraction, ExtractorDefinition } from '../registry';
import { chineseDate, readForm, type FormField } from '../form';
import { readTables } from '../table';
import { textLines, textWords } from '../text';

/**
 * Medical lab reports (检验报告单): the patient block by its labels, every result row by the table's header
 * columns (项目, 结果, 单位, 参考范围, 提示). A row's flag is the printed ↑/↓ (or H/L); where none is printed it is
 * derived by comparing the result with the reference range, and a warning says so.
 */
const PATIENT: FormField[] = [
  { name: 'patientName', labels: ['姓名', '病人姓名', '患者姓名'], parse: (t) => /[\u3400-\u9fff·]{1,10}/.exec(t)?.[0] ?? null },
  { name: 'sex', labels: ['性别'], parse: (t) => /[男女]/.exec(t)?.[0] ?? null },
  { name: 'age', labels: ['年龄'], parse: (t) => (/(\d{1,3})\s*岁?/.exec(t) ? Number(/(\d{1,3})/.exec(t)![1]) : null) },
  { name: 'sampleDate', labels: ['采样时间', '采样日期', '采集时间', '送检日期', '接收时间'], parse: chineseDate },
];

const COLUMNS = [
  { key: 'seq', labels: ['序号', 'No', 'NO'] },
  { key: 'name', labels: ['项目', '项目名称', '检验项目', '检测项目', '中文名称'] },
  { key: 'code', labels: ['代号', '英文缩写', '缩写'] },
  { key: 'result', labels: ['结果', '检验结果', '检测结果'] },
  { key: 'flag', labels: ['提示', '标志', '异常提示'] },
  { key: 'unit', labels: ['单位'] },
  { key: 'referenceRange', labels: ['参考范围', '参考值', '参考区间', '生物参考区间'] },
];

export const labReport: ExtractorDefinition = {
  type: 'lab-report',
  detect(doc) {
    const text = doc.text.replace(/\s/g, '');
    return (
      (/检验报告|化验单|检验单|检测报告/.test(text) ? 0.5 : 0) +
      (/参考范围|参考值|参考区间/.test(text) ? 0.3 : 0) +
      (/结果/.test(text) && /单位/.test(text) ? 0.2 : 0)
    );
  },
  extract(doc): Extraction {
    const { values, confidence } = readForm(textLines(doc.pages), PATIENT);
    const warnings: string[] = [];
    const derived: string[] = [];
    const rows = readTables(textWords(doc.pages), COLUMNS, { end: /^(报告|检验者|检验医师|审核|备注|送检医生|说明)/, required: ['name', 'result'] });
    const items = rows
      .filter((r) => r.name && r.result)
      .map((r) => {
        let result = r.result;
        let flag = normalizeFlag(r.flag ?? '');
        const inline = /^(.*?)\s*([↑↓]|(?<=\d)\s*[HL])$/.exec(result);
        if (inline && !flag) {
          result = inline[1].trim();
          flag = normalizeFlag(inline[2]);
        }
        const range = (r.referenceRange ?? '').replace(/\s/g, '').replace(/[~～—–]/g, '-');
        if (!flag && !r.flag) {
          const computed = compare(result, range);
          if (computed) {
            flag = computed;
            derived.push(r.name);
          }
        }
        return { name: r.name.replace(/^\d+\s*/, ''), result, unit: unit(r.unit ?? ''), referenceRange: range, flag };
      });
    if (derived.length) warnings.push(`No flag was printed for ${derived.join(', ')}: it was derived by comparing the result with the reference range.`);
    if (items.length === 0) warnings.push('No result rows were found.');
    const fieldConfidence: Record<string, number> = { ...confidence };
    fieldConfidence.items = items.length ? 0.9 : 0;
    return { fields: { ...values, items }, fieldConfidence, checks: {}, warnings };
  },
};

/** Count units as printed in reports: 10^9/L, which OCR reads as 10~9/L, 10*9/L or 109/L. */
function unit(text: string): string {
  return text.replace(/\s/g, '').replace(/^10[~*×xX^]?(9|12)\/L$/, '10^$1/L');
}

function normalizeFlag(text: string): string {
  const t = text.trim().toUpperCase();
  if (/↑|^H$|偏高|高/.test(t)) return '↑';
  if (/↓|^L$|偏低|低/.test(t)) return '↓';
  return '';
}

/** ↑ or ↓ when a numeric result lies outside a `low-high` (or `<x`, `>x`) range; '' inside it or when unknowable. */
function compare(result: string, range: string): string {
  const value = Number(result);
  if (!Number.isFinite(value) || result.trim() === '') return '';
  const between = /^(-?\d+(?:\.\d+)?)-(-?\d+(?:\.\d+)?)$/.exec(range);
  if (between) return value < Number(between[1]) ? '↓' : value > Number(between[2]) ? '↑' : '';
  const below = /^[<≤](\d+(?:\.\d+)?)$/.exec(range);
  if (below) return value > Number(below[1]) ? '↑' : '';
  const above = /^[>≥](\d+(?:\.\d+)?)$/.exec(range);
  if (above) return value < Number(above[1]) ? '↓' : '';
  return '';
}
