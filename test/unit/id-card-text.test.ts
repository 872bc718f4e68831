import { idCard } from '../../src/extract/cards/idCard';
import { idCheckChar } from '../../src/extract/validators';
import type { Page } from '../../src';

/** Pages as an engine would return them, from text lines (the geometry does not matter to the extractor). */
function doc(lines: string[], confidence = 0.95) {
  const box = { x: 0, y: 0, width: 1, height: 1 };
  const pages: Page[] = [
    { page: 1, width: 100, height: 100, rotation: 0, source: 'ocr', tables: [], lines: lines.map((text) => ({ text, confidence, bbox: box, words: [] })) },
  ];
  return { pages, text: lines.join('\n') };
}

const FIRST17 = '44030519870615123';
const ID = FIRST17 + idCheckChar(FIRST17); // 男, 1987-06-15

describe('ID card extractor on recognized text', () => {
  test('labels and values on one line, the address wrapping onto the next', async () => {
    const r = await idCard.extract(
      doc([
        '姓名 张伟明',
        '性别 男 民族 汉',
        '出生 1987 年 6 月 15 日',
        '住址 广东省深圳市南山区科技园',
        '南区深南大道10000号18层',
        `公民身份号码 ${ID.split('').join(' ')}`,
      ]),
    );
    expect(r.fields).toEqual({
      side: 'front',
      name: '张伟明',
      sex: '男',
      ethnicity: '汉',
      birthDate: '1987-06-15',
      address: '广东省深圳市南山区科技园南区深南大道10000号18层',
      idNumber: ID,
      issuingAuthority: null,
      validFrom: null,
      validTo: null,
    });
    expect(r.checks).toEqual({
      idNumberChecksum: true,
      idNumberBirthDate: true,
      idNumberRegion: true,
      birthDateMatchesIdNumber: true,
      sexMatchesIdNumber: true,
    });
    expect(r.warnings).toEqual([]);
    expect(r.fieldConfidence.idNumber).toBe(0.99);
  });

  test('labels on their own lines and OCR slips in labels (娃名, 公民身分号码)', async () => {
    const r = await idCard.extract(
      doc([
        '娃名',
        '李娜',
        '性别',
        '女',
        '民族',
        '回',
        '出生',
        '1990年2月3日',
        '住址',
        '北京市东城区',
        `公民身分号码${'11010119900203004'}${idCheckChar('11010119900203004')}`,
      ]),
    );
    expect(r.fields).toMatchObject({ name: '李娜', sex: '女', ethnicity: '回', birthDate: '1990-02-03', address: '北京市东城区' });
    expect(r.checks.idNumberChecksum).toBe(true);
  });

  test('a misread digit is corrected by the check character; letters read for digits are mapped back', async () => {
    const misread = ID.slice(0, 10) + '8' + ID.slice(11); // 0 read as 8 in the month
    const r = await idCard.extract(doc(['姓名张伟明', '性别男民族汉', '出生1987年6月15日', `公民身份号码${misread.replace('0', 'O')}`]));
    expect(r.fields.idNumber).toBe(ID);
    expect(r.warnings[0]).toMatch(/corrected to/);
  });

  test('printed birth date and sex that disagree with a valid number: the number wins, with a warning', async () => {
    const r = await idCard.extract(doc(['姓名张伟明', '性别女民族汉', '出生1987年8月15日', `公民身份号码${ID}`]));
    expect(r.fields).toMatchObject({ sex: '男', birthDate: '1987-06-15' });
    expect(r.checks).toMatchObject({ birthDateMatchesIdNumber: false, sexMatchesIdNumber: false });
    expect(r.warnings).toHaveLength(2);
  });

  test('an unreadable number is reported, never guessed', async () => {
    const r = await idCard.extract(doc(['姓名张伟明', '性别男民族汉', '公民身份号码 4403051987']));
    expect(r.fields.idNumber).toBeNull();
    expect(r.fields.sex).toBe('男');
    expect(r.warnings).toContain('The ID number (公民身份号码) could not be read.');
  });

  test('back side: authority and validity period, 长期 kept as printed', async () => {
    const r = await idCard.extract(doc(['中华人民共和国', '居民身份证', '签发机关 北京市公安局东城分局', '有效期限 2012.03.01-长期']));
    expect(r.fields).toMatchObject({ side: 'back', issuingAuthority: '北京市公安局东城分局', validFrom: '2012-03-01', validTo: '长期', name: null });
    expect(r.checks).toEqual({ validityPeriod: true });
  });

  test('detect: an ID card scores high, a receipt low', () => {
    expect(idCard.detect(doc(['姓名张伟明', '性别男民族汉', `公民身份号码${ID}`]))).toBe(1);
    expect(idCard.detect(doc(['中华人民共和国', '居民身份证', '签发机关 XX公安局', '有效期限 2012.03.01-长期']))).toBe(1);
    expect(idCard.detect(doc(['LOCAL OCR SAMPLE RECEIPT', 'Total 68.00']))).toBe(0);
  });
});
