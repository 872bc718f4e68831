import type { Document, Extraction, ExtractorDefinition } from '../registry';
import { chineseDate, readFormFields, type FormField } from '../form';
import { rowsOf, rowWith } from '../rows';
import { textLines, type TextLine } from '../text';
import { parseAmount, parseChineseAmount } from './money';

/**
 * 医疗门诊/住院收费票据 (paper and the electronic 医疗收费电子票据): number, patient, date and hospital by their labels;
 * the total from 合计 (the figure, or the amount in capitals); items as (name, amount) pairs along the rows of the
 * charges table, which is often printed as two or three name/amount column pairs side by side.
 */
const FIELDS: FormField[] = [
  { name: 'invoiceNumber', labels: ['票据号码', '票据号', '发票号码', 'NO.', 'No.', 'NO:'], parse: (t) => /\d{6,20}/.exec(t)?.[0] ?? null },
  { name: 'patientName', labels: ['患者姓名', '病人姓名', '交款人', '姓名'], parse: (t) => /^[\u4e00-\u9fff·]{2,8}/.exec(t)?.[0] ?? null },
  { name: 'issueDate', labels: ['开票日期', '收费日期', '结算日期', '日期'], parse: chineseDate },
  {
    name: 'hospitalName',
    labels: ['医疗机构名称', '医疗机构', '收款单位(章)', '收款单位（章）', '收款单位', '医院名称', '开票单位'],
    parse: (t) => t.replace(/[(（]章[)）]/, '').trim() || null,
  },
];

const KEYS = ['invoiceNumber', 'patientName', 'issueDate', 'hospitalName', 'totalAmount', 'items'];
const HEADER = /^(项目名称|项目|收费项目|名称)$/;
const END = /^(合计|金额合计|合计金额|总计|大写|预缴|医保|个人|收款人|备注)/;

export const medicalInvoice: ExtractorDefinition = {
  type: 'medical-invoice',
  detect(doc) {
    const text = doc.text.replace(/\s/g, '');
    // one slip allowed in the title's middle (门诊 read as 内诊)
    const title = /医疗.{0,3}收费.{0,2}票据|(门诊|住院)收费|医疗收费/.test(text) ? 0.6 : 0;
    const labels = ['医疗机构', '医保', '门诊', '住院', '西药费', '检查费', '诊察费', '治疗费', '化验费'].filter((l) => text.includes(l)).length;
    return Math.min(1, title + labels * 0.1);
  },
  extract(doc) {
    return extractMedicalInvoice(doc);
  },
};

function extractMedicalInvoice(doc: Document): Extraction {
  const lines = textLines(doc.pages);
  const { fields, fieldConfidence } = readFormFields(lines, FIELDS, KEYS);
  const checks: Record<string, boolean> = {};
  const warnings: string[] = [];
  if (!fields.hospitalName) {
    // the electronic receipt names the hospital only in its title or seal: 某某医院门诊收费票据
    const title = lines.find((l) => /(医院|卫生院|诊所|医疗中心|保健院)/.test(l.text));
    const m = title && /^(.*?(?:医院|卫生院|诊所|医疗中心|保健院))/.exec(title.text);
    if (m && title) {
      fields.hospitalName = m[1];
      fieldConfidence.hospitalName = title.confidence * 0.9;
    }
  }
  const total = totalOf(lines);
  if (total) {
    fields.totalAmount = total.value;
    fieldConfidence.totalAmount = total.confidence;
    if (total.words !== undefined) {
      checks.totalAmountInWords = total.words;
      if (!total.words) warnings.push('The total in capitals does not spell the total figure.');
    }
  }
  const items = chargeItems(lines);
  fields.items = items.map((i) => ({ name: i.name, amount: i.amount }));
  if (items.length) {
    fieldConfidence.items = Math.round(Math.min(...items.map((i) => i.confidence)) * 1000) / 1000;
    if (typeof fields.totalAmount === 'number') {
      const sum = items.reduce((s, i) => s + i.amount, 0);
      checks.itemsSumMatches = Math.round(sum * 100) === Math.round(fields.totalAmount * 100);
      if (!checks.itemsSumMatches) warnings.push(`The items add up to ${Math.round(sum * 100) / 100}, not the total ${fields.totalAmount}.`);
    }
  } else warnings.push('No charge items were found.');
  for (const key of ['invoiceNumber', 'totalAmount'] as const) if (fields[key] === null) warnings.push(`${key} could not be read.`);
  return { fields, fieldConfidence, checks, warnings };
}

/** 合计: the figure (小写 or on its row), and whether the capitals (大写) on that row spell it. */
function totalOf(lines: readonly TextLine[]): { value: number; confidence: number; words?: boolean } | null {
  const label = lines.find((l) => /^(合计|金额合计|合计金额)/.test(l.text));
  if (!label) return null;
  const row = rowWith(label, lines);
  const text = row.map((l) => l.text).join(' ');
  const figure = /小写[)）]?[:：]?\s*[¥￥]?\s*(\d[\d,]*\.\d{2})/.exec(text) ?? /[¥￥]?\s*(\d[\d,]*\.\d{2})/.exec(text);
  const value = figure ? parseAmount(figure[1]) : null;
  if (value === null) return null;
  const capitals = /[零壹贰叁肆伍陆柒捌玖拾佰仟万亿圆元角分整]{2,}/.exec(text.replace(/[(（]?大写[)）]?/, ''));
  const spelled = capitals ? parseChineseAmount(capitals[0]) : null;
  return {
    value,
    confidence: Math.min(...row.map((l) => l.confidence)),
    words: capitals ? spelled !== null && Math.round(spelled * 100) === Math.round(value * 100) : undefined,
  };
}

/** (name, amount) pairs along each row of the charges table, between its header row and the totals. */
function chargeItems(lines: readonly TextLine[]): Array<{ name: string; amount: number; confidence: number }> {
  const rows = [...new Set(lines.map((l) => l.page))].flatMap((p) => rowsOf(lines.filter((l) => l.page === p)));
  const start = rows.findIndex((r) => r.some((l) => HEADER.test(l.text)) && r.some((l) => /金额/.test(l.text)));
  if (start < 0) return [];
  const items: Array<{ name: string; amount: number; confidence: number }> = [];
  for (const row of rows.slice(start + 1)) {
    if (row.some((l) => END.test(l.text))) break;
    let name: TextLine | null = null;
    for (const cell of row) {
      const amount = /^[¥￥]?(\d[\d,]*\.\d{2})$/.exec(cell.text);
      if (amount && name) {
        items.push({ name: name.text, amount: parseAmount(amount[1])!, confidence: Math.min(name.confidence, cell.confidence) });
        name = null;
      } else if (!amount && /[\u4e00-\u9fff]{2,}/.test(cell.text)) {
        // a name with its amount in the same piece: 西药费 120.50
        const joined = /^([\u4e00-\u9fff（）()A-Za-z]{2,})[:：]?[¥￥]?(\d[\d,]*\.\d{2})$/.exec(cell.text);
        if (joined) items.push({ name: joined[1], amount: parseAmount(joined[2])!, confidence: cell.confidence });
        else name = cell;
      }
    }
  }
  return items;
}
