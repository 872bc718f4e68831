import { isSubtitle, readCard, type CardField } from '../../src/extract/cards/cardForm';
import { validityOf } from '../../src/extract/cards/validity';
import { findVin, readVin } from '../../src/extract/cards/vinReading';
import { asMrz, isMrzLike } from '../../src/extract/cards/mrz/candidates';
import { checkVin } from '../../src/extract/validators/vin';
import { normalize, type TextLine } from '../../src/extract/text';
import { takeUnsealed } from '../../src/extract/cards/withoutSeal';
import { redInkShare, withoutRedInk } from '../../src/input/pixels';

/**
 * The licence reader on recognized lines placed as a card prints them (30 px text, labels in a column at x = 40):
 * the geometry is what the reader goes by, so every case here is a layout, not a file.
 */
function line(raw: string, x: number, y: number, width = raw.length * 30, height = 30, confidence = 0.95): TextLine {
  return { text: normalize(raw), raw, confidence, page: 1, bbox: { x, y, width, height } };
}

const NAME: CardField = { name: 'name', labels: ['姓名'] };
const ADDRESS: CardField = { name: 'address', labels: ['住址'], wraps: true };
const SEX: CardField = { name: 'sex', labels: ['性别'] };
const NATIONALITY: CardField = { name: 'nationality', labels: ['国籍'] };
const MODEL: CardField = { name: 'model', labels: ['品牌型号'] };
const USE: CardField = { name: 'useCharacter', labels: ['使用性质'] };

describe('readCard: values by their labels, the way licence layouts print them', () => {
  test('value inline, value as a piece of its own on the row, value under a lone label', () => {
    const r = readCard(
      [line('姓名王建国', 40, 100), line('性别', 40, 160, 60), line('男', 200, 160, 30), line('国籍', 40, 220, 60), line('中国', 44, 262, 60)],
      [NAME, SEX, NATIONALITY],
    );
    expect(r.values).toEqual({ name: '王建国', sex: '男', nationality: '中国' });
    expect(r.confidence.name).toBe(0.95);
  });

  test('the English subtitle under a label is never its value (Model, Use Character)', () => {
    const lines = [
      line('品牌型号', 40, 100, 120),
      line('解放牌CA4250P66K24T1A1E5', 220, 100, 500),
      line('Model', 40, 132, 70, 16),
      line('使用性质', 40, 180, 120),
      line('Use Character', 40, 212, 130, 16),
      line('货运', 220, 180, 60),
    ];
    expect(readCard(lines, [MODEL, USE]).values).toEqual({ model: '解放牌CA4250P66K24T1A1E5', useCharacter: '货运' });
    expect(isSubtitle('Use Character')).toBe(true);
    expect(isSubtitle("Model'")).toBe(true);
    expect(isSubtitle('CA4250P66K24T1A1E5')).toBe(false);
    expect(isSubtitle('WANG JIANGUO')).toBe(false);
  });

  test('a subtitle glued before the value on one recognized line is cut off', () => {
    expect(readCard([line('使用性质', 40, 180, 120), line('Use Character 非营运', 200, 180, 330)], [USE]).values.useCharacter).toBe('非营运');
  });

  test('an address wraps onto the lines aligned under its first, until the next labelled row', () => {
    const lines = [
      line('住址', 40, 100, 60),
      line('浙江省杭州市西湖区文三路', 200, 100, 360),
      line('478号华星时代广场', 200, 140, 270),
      line('2幢1801室', 200, 180, 150),
      line('国籍', 40, 240, 60),
      line('中国', 200, 240, 60),
    ];
    const r = readCard(lines, [ADDRESS, NATIONALITY]);
    expect(r.values).toEqual({ address: '浙江省杭州市西湖区文三路478号华星时代广场2幢1801室', nationality: '中国' });
  });

  test('a wrapped value stops at the next row of its own column, not at a label of the column to its right', () => {
    // two-column business licence: 住所 wraps; 注册资本 stands in the right column on the wrap's row
    const FIELDS: CardField[] = [
      { name: 'address', labels: ['住所'], wraps: true },
      { name: 'capital', labels: ['注册资本'] },
      { name: 'type', labels: ['类型'] },
    ];
    const lines = [
      line('住所', 40, 100, 60),
      line('江苏省南京市鼓楼区中山北路', 160, 100, 390),
      line('注册资本', 700, 100, 120),
      line('伍佰万元整', 840, 100, 150),
      line('88号1201室', 160, 140, 160),
      line('类型', 40, 180, 60),
      line('有限责任公司', 160, 180, 180),
    ];
    expect(readCard(lines, FIELDS).values).toEqual({ address: '江苏省南京市鼓楼区中山北路88号1201室', capital: '伍佰万元整', type: '有限责任公司' });
  });

  test('a label with a character lost or misread under the seal is still found (one slip in three, two in six)', () => {
    const VIN: CardField = { name: 'vin', labels: ['车辆识别代号'] };
    const ENGINE: CardField = { name: 'engine', labels: ['发动机号码'] };
    expect(readCard([line('车辆识刖代号LFV2A21K6F4012345', 40, 100, 700)], [VIN]).values.vin).toBe('LFV2A21K6F4012345');
    expect(readCard([line('发动机号吗4G15S123456', 40, 100, 500)], [ENGINE]).values.engine).toBe('4G15S123456');
    // a two-character label with a slip only where the card's labels begin
    const lines = [line('焦址北京市东城区', 40, 100), line('姓名李娜', 40, 160), line('性别女', 40, 220)];
    expect(readCard(lines, [NAME, ADDRESS, SEX]).values).toMatchObject({ name: '李娜', sex: '女', address: '北京市东城区' });
    // the same slip in the middle of a value is not a label
    expect(readCard([line('姓名李焦址', 40, 100), line('性别女', 40, 160)], [NAME, ADDRESS, SEX]).values.address).toBeNull();
  });

  test('a parse that refuses a value moves on to the next sighting of the label', () => {
    const DATE: CardField = { name: 'issueDate', labels: ['发证日期'], parse: (t) => (/^\d{4}-\d{2}-\d{2}$/.test(t) ? t : null) };
    expect(readCard([line('发证日期', 40, 100, 120), line('发证日期2019-03-08', 40, 300, 300)], [DATE]).values.issueDate).toBe('2019-03-08');
  });
});

describe('validity: a range or a duration', () => {
  test('ranges with every joiner, glued dates and 长期', () => {
    expect(validityOf('2016-05-12至2026-05-12', null)).toEqual({ from: '2016-05-12', to: '2026-05-12' });
    expect(validityOf('2016.05.12-2026.05.12', null)).toEqual({ from: '2016-05-12', to: '2026-05-12' });
    expect(validityOf('2016-05-122026-05-12', null)).toEqual({ from: '2016-05-12', to: '2026-05-12' });
    expect(validityOf('2020年1月3日~2030年1月3日', null)).toEqual({ from: '2020-01-03', to: '2030-01-03' });
    expect(validityOf('2021-09-01至长期', null)).toEqual({ from: '2021-09-01', to: '长期' });
  });

  test('a duration counted from the start date, in digits or words; 29 February lands on the 28th', () => {
    expect(validityOf('6年', '2020-12-17')).toEqual({ from: '2020-12-17', to: '2026-12-17', years: 6 });
    expect(validityOf('十年', '2019-03-08')).toEqual({ from: '2019-03-08', to: '2029-03-08', years: 10 });
    expect(validityOf('6年', '2024-02-29')).toEqual({ from: '2024-02-29', to: '2030-02-28', years: 6 });
    expect(validityOf('6年', null)).toBeNull();
    expect(validityOf('长期', null)).toBeNull();
  });
});

describe('VIN: validated by its check digit and repaired by it', () => {
  const VIN = '1M8GDM9AXKP042788'; // the check digit (X, 9th) of the ISO 3779 worked example

  test('a reading that passes; I, O and Q read back as 1 and 0', () => {
    expect(checkVin(VIN)).toBe(true);
    expect(readVin(VIN)).toEqual({ value: VIN, checkDigit: true });
    expect(readVin('1M8GDM9AXKP O42788')).toEqual({ value: VIN, checkDigit: true });
  });

  test('one look-alike slip repaired when exactly one swap passes; an ambiguous or hopeless reading kept and flagged', () => {
    // B for 8 in the serial: the serial's digits say where the slip is, and one swap there passes
    expect(readVin('1M8GDM9AXKP04278B')).toEqual({ value: VIN, checkDigit: true, repairedFrom: '1M8GDM9AXKP04278B' });
    // 6 for G: both 1M8G… and LM86… pass, so the reading cannot be repaired by the check digit alone
    expect(readVin('1M86DM9AXKP042788')).toEqual({ value: '1M86DM9AXKP042788', checkDigit: false });
    expect(readVin('1M8GDM9A7KP042788')?.checkDigit).toBe(false);
    expect(readVin('1M8GDM9A')).toBeNull();
  });

  test('found anywhere in the text when its label was lost, only when it passes as read', () => {
    expect(findVin(['品牌型号 大众', `XX ${VIN} 2015`])).toBe(VIN);
    expect(findVin(['1M8GDM9AYKP042788'])).toBeNull();
  });
});

describe('MRZ lines as engines read them', () => {
  test('fillers in every look, × as X, stray signs kept in place as fillers', () => {
    expect(asMrz('P<CHNZHANG«SAN<<‹<<<')).toBe('P<CHNZHANG<SAN<<<<<<');
    expect(asMrz('E12345678<0CHN8506×51M3001017')).toBe('E12345678<0CHN8506X51M3001017');
    expect(asMrz('I<UTOD23145890>7349<<<<<<<<<<<')).toHaveLength(30);
    expect(isMrzLike('I<UTOD23145890>7349<<<<<<<<<<<')).toBe(true);
    expect(isMrzLike('姓名 张三 性别 男 民族 汉 出生 1985年')).toBe(false);
    expect(isMrzLike('P<CHN>>ZHANG>SAN>>>>>>>>>>>>>>>>')).toBe(false);
    expect(isMrzLike('Facture n°562044387 du 02 Juillet 2015')).toBe(false);
  });
});

describe('the seal taken out: red ink to paper, black print kept', () => {
  /** One row of pixels: paper, black print, red ink on paper, red ink blended over black print, pale red edge. */
  const row: Array<[number, number, number]> = [
    [236, 233, 226],
    [20, 20, 22],
    [200, 40, 45],
    [110, 18, 20],
    [238, 200, 200],
  ];
  const image = { data: Buffer.from(row.flat()), width: row.length, height: 1, channels: 3 as const };

  test('red ink on paper and its pale edge become paper; black print, also under the red, stays dark', () => {
    const out = withoutRedInk(image);
    expect(out.channels).toBe(1);
    const [paper, black, red, redOverBlack, edge] = [...out.data];
    expect(Math.abs(red - paper)).toBeLessThan(25);
    expect(Math.abs(edge - paper)).toBeLessThan(25);
    expect(black).toBeLessThan(40);
    expect(redOverBlack).toBeLessThan(paper - 90);
  });

  test('the share of red pixels tells a sealed card from one without', () => {
    expect(redInkShare(image)).toBeCloseTo(2 / 5);
    expect(redInkShare({ ...image, data: Buffer.from([236, 233, 226, 20, 20, 22, 250, 220, 190]), width: 3 })).toBe(0);
  });

  test('lost characters: only a reading with characters left out gives way', () => {
    const first: Record<string, string | null> = { engine: '0GM45', vin: null, owner: '林海' };
    const confidence: Record<string, number> = { engine: 0.9, owner: 0.99 };
    const taken = takeUnsealed(first, confidence, { engine: '50GM345', vin: 'LNB0G03G1G1269927', owner: '林诲' }, { engine: 0.98, vin: 0.97, owner: 0.9 });
    expect(taken).toEqual(['engine', 'vin']);
    expect(first).toEqual({ engine: '50GM345', vin: 'LNB0G03G1G1269927', owner: '林海' });
    expect(confidence.engine).toBe(0.98);
  });
});
