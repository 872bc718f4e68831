import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { OcrError, recognize, shutdown, testCloudConnection, type RecognizeOptions } from '../../src';
import { HuaweiOcrClient } from '../../src/cloud/huawei/client';
import { resolveCloudSettings } from '../../src/cloud/settings';
import { linesFromBlocks } from '../../src/cloud/huawei/text';
import { ROOT, fixture } from '../helpers/paths';
import { FakeHuawei, KEYS, PROJECT, generalText } from './fake-huawei';

let cloud: FakeHuawei;
beforeEach(async () => {
  cloud = await new FakeHuawei().start();
});
afterEach(() => cloud.stop());
afterAll(() => shutdown());

function settings(extra: Partial<NonNullable<RecognizeOptions['cloud']>> = {}): NonNullable<RecognizeOptions['cloud']> {
  return { ...KEYS, region: 'cn-north-4', projectId: PROJECT, endpoint: cloud.endpoint, retryDelayMs: 5, ...extra };
}
const viaCloud = (extra: RecognizeOptions = {}): RecognizeOptions => ({ engine: 'huawei-cloud', cloud: settings(), ...extra });
const card = fixture('idcard-1-front.png');

/** The OcrError a call must fail with. */
async function failure(call: Promise<unknown>): Promise<OcrError> {
  try {
    await call;
  } catch (err) {
    return err as OcrError;
  }
  throw new Error('expected the call to fail');
}

describe('huawei-cloud engine: general-text and general-table', () => {
  test("a page goes out signed as a JPEG and comes back as lines in reading order, with the service's boxes and confidence", async () => {
    cloud.on('general-text', {
      body: generalText([
        { words: 'second line', x: 40, y: 120, w: 300, h: 30, confidence: 0.97 },
        { words: 'First line here', x: 40, y: 40, w: 420, h: 32, confidence: 0.91 },
      ]),
    });
    const r = await recognize(fixture('en-sans-30.png'), viaCloud());
    expect(r.engine).toBe('huawei-cloud');
    expect(r.text).toBe('First line here\nsecond line');
    expect(r.pages[0].source).toBe('ocr');
    expect(r.pages[0].lines[0]).toMatchObject({ text: 'First line here', confidence: 0.91, bbox: { x: 40, y: 40, width: 420, height: 32 } });
    expect(r.pages[0].lines[0].words.map((w) => w.text)).toEqual(['First', 'line', 'here']);
    const [call] = cloud.calls('general-text');
    expect(call.signatureValid).toBe(true);
    expect(call.headers['x-project-id']).toBe(PROJECT);
    expect(Buffer.from(call.body.image as string, 'base64').subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(call.body.detect_direction).toBe(true);
    const sent = await sharp(Buffer.from(call.body.image as string, 'base64')).metadata();
    const page = await sharp(fixture('en-sans-30.png')).metadata();
    expect([sent.width, sent.height]).toEqual([page.width, page.height]);
  });

  test("boxes of a downscaled upload are mapped back to the page's pixels", () => {
    const [line] = linesFromBlocks(
      [
        {
          words: '你好 世界',
          confidence: 0.8,
          location: [
            [10, 20],
            [110, 22],
            [110, 52],
            [10, 50],
          ],
        },
      ],
      0.5,
    );
    expect(line.bbox).toEqual({ x: 20, y: 40, width: 200, height: 64 });
    expect(line.words.map((w) => [w.text, w.bbox.x, w.bbox.width])).toEqual([
      ['你好', 20, 80],
      ['世界', 140, 80],
    ]);
  });

  test('with tables asked for, general-table gives the lines and a table of cells with spans', async () => {
    const cell = (words: string, rows: number[], columns: number[], x: number, y: number, w: number, h: number) => ({
      words,
      rows,
      columns,
      confidence: 0.95,
      location: [
        [x + 4, y + 4],
        [x + w - 4, y + 4],
        [x + w - 4, y + h - 4],
        [x + 4, y + h - 4],
      ],
      cell_location: [
        [x, y],
        [x + w, y],
        [x + w, y + h],
        [x, y + h],
      ],
    });
    cloud.on('general-table', {
      body: {
        result: {
          words_region_count: 2,
          words_region_list: [
            {
              type: 'text',
              words_block_count: 1,
              words_block_list: [
                {
                  words: '2024 年度汇总',
                  confidence: 0.99,
                  location: [
                    [10, 5],
                    [200, 5],
                    [200, 30],
                    [10, 30],
                  ],
                },
              ],
            },
            {
              type: 'table',
              words_block_count: 5,
              words_block_list: [
                cell('项目', [0], [0], 10, 40, 100, 30),
                cell('金额', [0], [1, 2], 110, 40, 200, 30),
                cell('服务费', [1], [0], 10, 70, 100, 30),
                cell('100.00', [1], [1], 110, 70, 100, 30),
                cell('6%', [1], [2], 210, 70, 100, 30),
              ],
            },
          ],
        },
      },
    });
    const r = await recognize(fixture('table-ruled-zh.png'), viaCloud({ tables: true }));
    expect(cloud.calls('general-text')).toHaveLength(0);
    const [table] = r.pages[0].tables;
    expect(table.rows).toEqual([
      ['项目', '金额', ''],
      ['服务费', '100.00', '6%'],
    ]);
    expect(table.cells.find((c) => c.text === '金额')).toMatchObject({
      row: 0,
      col: 1,
      rowSpan: 1,
      colSpan: 2,
      bbox: { x: 110, y: 40, width: 200, height: 30 },
    });
    expect(table.bbox).toEqual({ x: 10, y: 40, width: 300, height: 60 });
    expect(r.text.split('\n')[0]).toBe('2024 年度汇总');
  });

  test('a PDF page with a real text layer is read here: nothing is sent', async () => {
    const r = await recognize(fixture('vat-digital.pdf'), viaCloud({ type: 'vat-invoice' }));
    expect(cloud.seen).toHaveLength(0);
    expect(r.engine).toBe('text-layer');
    expect(r.fields.invoiceNumber).toBe('24112000000123456789');
  });
});

describe('huawei-cloud engine: typed APIs mapped into the contract', () => {
  const cases: Array<[string, string, Record<string, unknown>, Record<string, unknown>, Record<string, boolean>]> = [
    [
      'id-card',
      'id-card',
      {
        name: '张伟明',
        sex: '男',
        birth: '1987年6月15日',
        ethnicity: '汉',
        address: '广东省深圳市南山区科技园南区深南大道10000号18层',
        number: '440305198706151238',
      },
      {
        side: 'front',
        name: '张伟明',
        sex: '男',
        ethnicity: '汉',
        birthDate: '1987-06-15',
        address: '广东省深圳市南山区科技园南区深南大道10000号18层',
        idNumber: '440305198706151238',
        issuingAuthority: null,
        validFrom: null,
        validTo: null,
      },
      { idNumberChecksum: true, idNumberBirthDate: true, idNumberRegion: true, birthDateMatchesIdNumber: true, sexMatchesIdNumber: true },
    ],
    [
      'id-card',
      'id-card',
      { issue: '深圳市公安局南山分局', valid_from: '2015.08.20', valid_to: '长期' },
      {
        side: 'back',
        name: null,
        sex: null,
        ethnicity: null,
        birthDate: null,
        address: null,
        idNumber: null,
        issuingAuthority: '深圳市公安局南山分局',
        validFrom: '2015-08-20',
        validTo: '长期',
      },
      { validityPeriod: true },
    ],
    [
      'driver-license',
      'driver-license',
      {
        number: '110105199003071239',
        name: '王建国',
        sex: '男',
        nationality: '中国',
        address: '北京市朝阳区建国路88号院3号楼',
        birth: '1990-03-07',
        issue_date: '2010-05-12',
        class: 'C1',
        valid_from: '2016-05-12',
        valid_to: '2026-05-12',
      },
      {
        licenseNumber: '110105199003071239',
        name: '王建国',
        sex: '男',
        nationality: '中国',
        address: '北京市朝阳区建国路88号院3号楼',
        birthDate: '1990-03-07',
        firstIssueDate: '2010-05-12',
        vehicleClass: 'C1',
        validFrom: '2016-05-12',
        validTo: '2026-05-12',
      },
      { licenseNumberChecksum: true, birthDateMatchesLicenseNumber: true, sexMatchesLicenseNumber: true },
    ],
    [
      'vehicle-license',
      'vehicle-license',
      {
        number: '京A12345',
        vehicle_type: '小型普通客车',
        name: '王建国',
        address: '北京市朝阳区建国路88号院3号楼',
        use_character: '非营运',
        model: '大众汽车牌SVW7152',
        vin: 'LSVAB2BR4DN123456',
        engine_no: '123456A',
        register_date: '2013-06-18',
        issue_date: '2013-06-20',
        file_no: '110000123456',
      },
      {
        plateNumber: '京A12345',
        vehicleType: '小型普通客车',
        owner: '王建国',
        address: '北京市朝阳区建国路88号院3号楼',
        useCharacter: '非营运',
        model: '大众汽车牌SVW7152',
        vin: 'LSVAB2BR4DN123456',
        engineNumber: '123456A',
        registerDate: '2013-06-18',
        issueDate: '2013-06-20',
      },
      { vinCheckDigit: true },
    ],
    [
      'passport',
      'passport',
      {
        passport_type: 'P',
        country_code: 'CHN',
        passport_number: 'E12345678',
        nationality: 'CHN',
        surname: 'ZHANG',
        given_name: 'WEIMING',
        sex: 'M',
        date_of_birth: '1987-06-15',
        date_of_expiry: '15 JUN 2030',
        confidence: { surname: 0.97, passport_number: 0.99 },
      },
      {
        documentCode: 'P',
        sex: 'M',
        issuingCountry: 'CHN',
        surname: 'ZHANG',
        givenNames: 'WEIMING',
        passportNumber: 'E12345678',
        nationality: 'CHN',
        birthDate: '1987-06-15',
        expiryDate: '2030-06-15',
        personalNumber: null,
        mrz: null,
      },
      {},
    ],
    [
      'bank-card',
      'bankcard',
      { bank_name: '招商银行', card_number: '6225 8802 1234 5673', issue_date: '', expiry_date: '2028/09', type: '借记卡' },
      { cardNumber: '6225880212345673', validThru: '09/28', cardholder: null },
      { luhn: true },
    ],
    [
      'business-license',
      'business-license',
      {
        registration_number: '91310115MA1K4B7H34',
        name: '上海云帆信息技术有限公司',
        type: '有限责任公司（自然人投资或控股）',
        address: '上海市浦东新区张江路123号',
        legal_representative: '李云帆',
        registered_capital: '壹佰万元整',
        found_date: '2016年08月01日',
        business_term: '2016年08月01日至长期',
      },
      {
        creditCode: '91310115MA1K4B7H34',
        companyName: '上海云帆信息技术有限公司',
        companyType: '有限责任公司（自然人投资或控股）',
        legalRepresentative: '李云帆',
        registeredCapital: '壹佰万元整',
        establishedDate: '2016-08-01',
        address: '上海市浦东新区张江路123号',
      },
      { creditCodeChecksum: true },
    ],
    [
      'vat-invoice',
      'vat-invoice',
      {
        type: 'special',
        code: '3100192130',
        number: '01234567',
        issue_date: '2019年12月31日',
        check_code: '',
        buyer_name: '北京星辰科技有限公司',
        buyer_id: '91110108MA01ABCD2H',
        seller_name: '上海云帆信息技术有限公司',
        seller_id: '91310115MA1K4B7H34',
        subtotal_amount: '¥9000.00',
        subtotal_tax: '¥610.00',
        total: '¥9,610.00',
        total_in_words: '玖仟陆佰壹拾元整',
        item_list: [
          {
            name: '*信息技术服务*软件开发服务',
            specification: 'V2.0',
            unit: '项',
            quantity: '1',
            unit_price: '8000',
            amount: '8000.00',
            tax_rate: '6%',
            tax: '480.00',
          },
          { name: '*办公用品*硒鼓', specification: 'HP-88A', unit: '个', quantity: '4', unit_price: '250', amount: '1000.00', tax_rate: '13%', tax: '130.00' },
        ],
      },
      {
        invoiceType: '增值税专用发票',
        invoiceCode: '3100192130',
        invoiceNumber: '01234567',
        issueDate: '2019-12-31',
        checkCode: null,
        buyerName: '北京星辰科技有限公司',
        buyerTaxId: '91110108MA01ABCD2H',
        sellerName: '上海云帆信息技术有限公司',
        sellerTaxId: '91310115MA1K4B7H34',
        amount: 9000,
        taxAmount: 610,
        totalAmount: 9610,
        totalAmountInWords: '玖仟陆佰壹拾元整',
        items: [
          { name: '*信息技术服务*软件开发服务', specification: 'V2.0', unit: '项', quantity: 1, unitPrice: 8000, amount: 8000, taxRate: '6%', tax: 480 },
          { name: '*办公用品*硒鼓', specification: 'HP-88A', unit: '个', quantity: 4, unitPrice: 250, amount: 1000, taxRate: '13%', tax: 130 },
        ],
      },
      { amountsConsistent: true, totalAmountInWords: true, itemsSumMatches: true, sellerTaxIdValid: true, buyerTaxIdValid: true },
    ],
    [
      'vehicle-sales-invoice',
      'mvs-invoice',
      {
        code: '144001901220',
        number: '00352168',
        issue_date: '2024-03-05',
        buyer_name: '王建国',
        buyer_organization_number: '110105199003071239',
        vehicle_type: '轿车',
        brand_model: '大众汽车牌SVW7152',
        vehicle_identification_number: 'LSVAB2BR4DN123456',
        engine_number: '123456A',
        total: '¥123,400.00',
        seller_name: '北京某某汽车销售服务有限公司',
        seller_id: '91310115MA1K4B7H34',
      },
      {
        invoiceCode: '144001901220',
        invoiceNumber: '00352168',
        issueDate: '2024-03-05',
        buyerName: '王建国',
        buyerIdNumber: '110105199003071239',
        vehicleType: '轿车',
        brandModel: '大众汽车牌SVW7152',
        vin: 'LSVAB2BR4DN123456',
        engineNumber: '123456A',
        totalAmount: 123400,
        sellerName: '北京某某汽车销售服务有限公司',
        sellerTaxId: '91310115MA1K4B7H34',
      },
      { vinCheckDigit: true },
    ],
    [
      'waybill',
      'waybill-electronic',
      {
        waybill_number: 'SF1234567890123',
        receiver_name: '李四',
        receiver_phone: '138****5678',
        receiver_address: '上海市浦东新区张江路123号',
        sender_name: '张三',
        sender_phone: '13912345678',
        sender_address: '北京市朝阳区建国路88号',
        code: '021-A 12',
      },
      {
        carrier: 'SF',
        trackingNumber: 'SF1234567890123',
        senderName: '张三',
        senderPhone: '13912345678',
        senderAddress: '北京市朝阳区建国路88号',
        receiverName: '李四',
        receiverPhone: '138****5678',
        receiverAddress: '上海市浦东新区张江路123号',
      },
      { trackingNumberMatchesCarrier: true },
    ],
  ];

  test.each(cases)('%s via /ocr/%s: fields normalized, our checks computed', async (type, api, answer, fields, checks) => {
    cloud.on(api, { body: { result: answer } });
    const r = await recognize(card, viaCloud({ type: type as RecognizeOptions['type'] }));
    expect(r.type).toBe(type);
    expect(r.engine).toBe('huawei-cloud');
    expect(r.fields).toEqual(fields);
    expect(r.checks).toEqual(checks);
    expect(cloud.calls(api)).toHaveLength(1);
    expect(cloud.calls('general-text')).toHaveLength(0);
    for (const [name, value] of Object.entries(fields)) {
      if (value === null) expect(r.fieldConfidence[name]).toBeUndefined();
      else
        expect(r.fieldConfidence[name]).toBeCloseTo(
          (answer.confidence as Record<string, number> | undefined)?.[{ surname: 'surname', passportNumber: 'passport_number' }[name] ?? ''] ?? 0.9,
          3,
        );
    }
    expect(r.pages).toHaveLength(1);
    expect(r.pages[0].lines).toEqual([]);
  });

  test('the vat-invoice API is asked for its advanced fields (amount in words, confidences)', async () => {
    cloud.on('vat-invoice', { body: { result: { number: '01234567', total: '100.00' } } });
    await recognize(card, viaCloud({ type: 'vat-invoice' }));
    expect(cloud.calls('vat-invoice')[0].body.advanced_mode).toBe(true);
  });

  test('a bad reading fails its checks as our own extractors would', async () => {
    cloud.on('id-card', { body: { result: { name: '张伟明', sex: '女', birth: '1987-06-15', number: '440305198706151239' } } });
    const r = await recognize(card, viaCloud({ type: 'id-card' }));
    expect(r.checks).toMatchObject({ idNumberChecksum: false });
    cloud.on('bankcard', { body: { result: { card_number: '6225880212345674' } } });
    const b = await recognize(card, viaCloud({ type: 'bank-card' }));
    expect(b.checks).toEqual({ luhn: false });
    expect(b.warnings.join(' ')).toContain('Luhn');
  });

  test("type auto: the page is read by general-text, classified here, then sent to the type's API", async () => {
    cloud.on('general-text', {
      body: generalText([
        { words: '姓名 张伟明', x: 50, y: 40, w: 300, h: 40 },
        { words: '性别 男 民族 汉', x: 50, y: 100, w: 300, h: 40 },
        { words: '出生 1987年6月15日', x: 50, y: 160, w: 360, h: 40 },
        { words: '住址 广东省深圳市南山区科技园', x: 50, y: 220, w: 500, h: 40 },
        { words: '公民身份号码 440305198706151238', x: 50, y: 400, w: 700, h: 40 },
      ]),
    });
    cloud.on('id-card', {
      body: { result: { name: '张伟明', sex: '男', birth: '1987-06-15', ethnicity: '汉', address: '广东省深圳市南山区科技园', number: '440305198706151238' } },
    });
    const r = await recognize(card, viaCloud({ type: 'auto' }));
    expect(r.type).toBe('id-card');
    expect(r.fields.idNumber).toBe('440305198706151238');
    expect(cloud.calls().map((c) => c.api)).toEqual(['general-text', 'id-card']);
    expect(r.text).toContain('公民身份号码 440305198706151238');
  });

  test('a type without its own API (lab report) is read by our extractor over general-text lines', async () => {
    cloud.on('general-text', { body: generalText([{ words: '检验报告单', x: 300, y: 20, w: 200, h: 40 }]) });
    const r = await recognize(card, viaCloud({ type: 'lab-report' }));
    expect(r.type).toBe('lab-report');
    expect(cloud.calls().map((c) => c.api)).toEqual(['general-text']);
  });
});

describe('huawei-cloud engine: retries, timeouts, limits and errors', () => {
  test('503, 503, then 200: retried with backoff and answered', async () => {
    cloud.on(
      'bankcard',
      { status: 503, body: { error_code: 'APIG.0201', error_msg: 'Backend unavailable' } },
      { status: 503, body: {} },
      { body: { result: { card_number: '6225880212345673' } } },
    );
    const r = await recognize(card, viaCloud({ type: 'bank-card' }));
    expect(r.fields.cardNumber).toBe('6225880212345673');
    expect(cloud.calls('bankcard')).toHaveLength(3);
    expect(cloud.calls().every((c) => c.signatureValid)).toBe(true);
  });

  test('429 honours Retry-After; after the retries run out it is ENGINE_FAILED', async () => {
    cloud.on('bankcard', { status: 429, headers: { 'Retry-After': '0' }, body: { error_code: 'APIG.0308', error_msg: 'The request is throttled.' } });
    const started = Date.now();
    const err = await failure(recognize(card, { ...viaCloud({ type: 'bank-card' }), cloud: settings({ retries: 2, retryDelayMs: 5000 }) }));
    expect(Date.now() - started).toBeLessThan(4000);
    expect(err).toMatchObject({ code: 'ENGINE_FAILED' });
    expect(err.message).toContain('APIG.0308');
    expect(cloud.calls('bankcard')).toHaveLength(3);
  });

  test('client errors are not retried and map to the contract codes', async () => {
    const expectations: Array<[Record<string, unknown>, string]> = [
      [{ error_code: 'AIS.0104', error_msg: 'The image is not supported or the image quality is poor.' }, 'NO_TEXT_FOUND'],
      [{ error_code: 'AIS.0102', error_msg: 'The image format is not supported.' }, 'UNSUPPORTED_FORMAT'],
      [{ error_code: 'AIS.0103', error_msg: 'The image size does not meet the requirements.' }, 'TOO_LARGE'],
      [{ error_code: 'ModelArts.4204', error_msg: 'Service not subscribed' }, 'ENGINE_FAILED'],
    ];
    for (const [body, code] of expectations) {
      const calls = cloud.calls('id-card').length;
      cloud.on('id-card', { status: 400, body });
      await expect(recognize(card, viaCloud({ type: 'id-card' }))).rejects.toMatchObject({ code });
      expect(cloud.calls('id-card').length - calls).toBe(1);
    }
  });

  test('a wrong secret key is refused by the gateway, not retried, and never echoed', async () => {
    const wrong = 'WRONG-SECRET-0123456789abcdef';
    const err = await failure(recognize(card, { ...viaCloud({ type: 'id-card' }), cloud: settings({ secretKey: wrong }) }));
    expect(err).toMatchObject({ code: 'ENGINE_FAILED' });
    expect(err.message).toContain('APIG.0301');
    expect(err.message).toContain('access key, secret key');
    expect(cloud.seen).toHaveLength(1);
    expect(cloud.seen[0].signatureValid).toBe(false);
    expect(JSON.stringify({ message: err.message, stack: err.stack })).not.toContain(wrong);
  });

  test('keys the service echoes back are masked in the error', async () => {
    cloud.on('id-card', { status: 400, body: { error_code: 'AIS.0101', error_msg: `bad request from ${KEYS.accessKey} signed with ${KEYS.secretKey}` } });
    const err = await failure(recognize(card, viaCloud({ type: 'id-card' })));
    expect(err.message).not.toContain(KEYS.secretKey);
    expect(err.message).not.toContain(KEYS.accessKey);
    expect(err.message).toContain('***');
  });

  test('a request that hangs times out per request, is retried, then fails with TIMEOUT', async () => {
    cloud.on('id-card', { delayMs: 3000, body: { result: {} } });
    const started = Date.now();
    const err = await failure(recognize(card, { ...viaCloud({ type: 'id-card' }), cloud: settings({ requestTimeoutMs: 300, retries: 1 }) }));
    expect(err).toMatchObject({ code: 'TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(2500);
    expect(cloud.calls('id-card')).toHaveLength(2);
  });

  test('the document deadline bounds the cloud as well', async () => {
    cloud.on('id-card', { delayMs: 5000, body: { result: {} } });
    await expect(recognize(card, { ...viaCloud({ type: 'id-card' }), timeoutMs: 800 })).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  test('an unreachable endpoint is ENGINE_FAILED naming the host, after the retries', async () => {
    const err = await failure(recognize(card, { ...viaCloud({ type: 'id-card' }), cloud: settings({ endpoint: 'http://127.0.0.1:9', retries: 1 }) }));
    expect(err).toMatchObject({ code: 'ENGINE_FAILED' });
    expect(err.message).toContain('127.0.0.1:9');
  });

  test('limits are checked before sending: a body over 10 MB, a page under 15 px', async () => {
    const client = new HuaweiOcrClient(resolveCloudSettings(settings()));
    await expect(client.call('general-text', { image: 'A'.repeat(11 * 1024 * 1024) })).rejects.toMatchObject({ code: 'TOO_LARGE' });
    const tiny = await sharp({ create: { width: 12, height: 40, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    await expect(recognize(tiny, viaCloud())).rejects.toMatchObject({ code: 'TOO_LARGE' });
    expect(cloud.seen).toHaveLength(0);
  });

  test('settings are checked: missing keys, a bad region, clear-text endpoints other than loopback', async () => {
    await expect(recognize(card, { engine: 'huawei-cloud' })).rejects.toThrow(/needs credentials/);
    await expect(recognize(card, { engine: 'huawei-cloud', cloud: { ...settings(), secretKey: '' } })).rejects.toThrow(/secretKey is missing/);
    await expect(recognize(card, { engine: 'huawei-cloud', cloud: { ...settings(), endpoint: undefined, region: 'north' } })).rejects.toThrow(/not a region/);
    await expect(recognize(card, { engine: 'huawei-cloud', cloud: { ...settings(), endpoint: 'http://ocr.example.com' } })).rejects.toThrow(/must use https/);
    expect(resolveCloudSettings({ ...KEYS, region: 'cn-north-4', projectId: 'p' }).endpoint).toBe('https://ocr.cn-north-4.myhuaweicloud.com');
  });

  test('testCloudConnection: right keys are accepted without recognizing anything; wrong ones are named, not shown', async () => {
    expect(await testCloudConnection(settings())).toMatchObject({ ok: true });
    expect(cloud.calls('general-text')[0].body).toEqual({ image: '' });
    const bad = await testCloudConnection(settings({ secretKey: 'not-the-secret-key-1234' }));
    expect(bad.ok).toBe(false);
    expect(bad.message).toContain('APIG.0301');
    expect(bad.message).not.toContain('not-the-secret-key-1234');
    expect((await testCloudConnection({ ...settings(), projectId: '' })).message).toContain('projectId is missing');
  });
});

describe('local-first: the cloud only for what needs review', () => {
  const front = JSON.parse(readFileSync(fixture('card-manifest.json'), 'utf8'))[0] as { fields: Record<string, unknown> };
  const hybrid = (extra: RecognizeOptions = {}): RecognizeOptions => ({ engine: 'local-first', cloud: settings(), type: 'id-card', ...extra });

  test('a clean local reading sends nothing; every field is marked as read locally', async () => {
    const r = await recognize(card, hybrid());
    expect(cloud.seen).toHaveLength(0);
    expect(r.fields).toEqual(front.fields);
    expect(r.engine).toBe('paddle');
    expect(Object.keys(r.fieldEngines!).sort()).toEqual(
      Object.keys(front.fields)
        .filter((k) => front.fields[k] !== null)
        .sort(),
    );
    expect(new Set(Object.values(r.fieldEngines!))).toEqual(new Set(['paddle']));
  });

  test('a reading that needs review goes to the cloud; only its doubtful fields are replaced, and each field names its engine', async () => {
    // the cloud reads every text field differently ("(云)" added); with a threshold of 1, exactly the fields the
    // local engine read with less than full confidence must take the cloud's value
    const local = await recognize(card, { type: 'id-card' });
    const text = { name: 'name', ethnicity: 'ethnicity', address: 'address' } as const;
    const cloudValue = (f: keyof typeof text) => `${String(local.fields[f])}(云)`;
    cloud.on('id-card', {
      body: {
        result: {
          name: cloudValue('name'),
          sex: '男',
          birth: '1987-06-15',
          ethnicity: cloudValue('ethnicity'),
          address: cloudValue('address'),
          number: '440305198706151238',
        },
      },
    });
    const r = await recognize(card, hybrid({ minConfidence: 1 }));
    expect(cloud.calls('id-card')).toHaveLength(1);
    expect(r.engine).toBe('paddle+huawei-cloud');
    for (const f of Object.keys(text) as Array<keyof typeof text>) {
      const doubtful = (local.fieldConfidence[f] ?? 0) < 1;
      expect([f, r.fields[f], r.fieldEngines![f]]).toEqual([f, doubtful ? cloudValue(f) : local.fields[f], doubtful ? 'huawei-cloud' : 'paddle']);
    }
    // the ID number reads at 0.99 locally: doubtful, so the cloud's (the same number) is taken
    expect(local.fieldConfidence.idNumber).toBeLessThan(1);
    expect(r.fieldEngines!.idNumber).toBe('huawei-cloud');
    expect(r.fieldEngines!.side).toBe('paddle');
    expect(r.checks).toMatchObject({ idNumberChecksum: true, birthDateMatchesIdNumber: true });
    expect(r.warnings.at(-1)).toMatch(/^Read again by Huawei Cloud OCR because /);
    expect(r.timings.cloud).toBeGreaterThanOrEqual(0);
  });

  test('when the cloud fails, the local reading stands with a warning', async () => {
    cloud.on('id-card', { status: 500, body: { error_code: 'AIS.0105', error_msg: 'Recognition failed.' } });
    const r = await recognize(card, hybrid({ minConfidence: 1, cloud: settings({ retries: 0 }) }));
    expect(r.fields).toEqual(front.fields);
    expect(r.engine).toBe('paddle');
    expect(r.warnings.at(-1)).toMatch(/but failed, so the local reading stands: ENGINE_FAILED/);
  });

  test('fields the local reading lacks come from the cloud; a local NO_TEXT_FOUND is retried there', async () => {
    // an ID card read as a vehicle sales invoice: nothing local to keep, everything from the cloud
    cloud.on('mvs-invoice', { body: { result: { number: '00352168', vehicle_identification_number: 'LSVAB2BR4DN123456', total: '123400.00' } } });
    const r = await recognize(card, hybrid({ type: 'vehicle-sales-invoice' }));
    expect(r.fields).toMatchObject({ invoiceNumber: '00352168', vin: 'LSVAB2BR4DN123456', totalAmount: 123400 });
    expect(r.fieldEngines).toMatchObject({ invoiceNumber: 'huawei-cloud', vin: 'huawei-cloud', totalAmount: 'huawei-cloud' });
    expect(r.checks.vinCheckDigit).toBe(true);

    const blank = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    cloud.on('id-card', { status: 400, body: { error_code: 'AIS.0104', error_msg: 'The image is not supported or the image quality is poor.' } });
    await expect(recognize(blank, hybrid())).rejects.toMatchObject({ code: 'NO_TEXT_FOUND' });
    expect(cloud.calls('id-card')).toHaveLength(1);
  });

  test('broken input is refused here, never sent', async () => {
    await expect(recognize(Buffer.from('%PDF-1.7\n broken'), hybrid())).rejects.toMatchObject({ code: 'CORRUPT_INPUT' });
    expect(cloud.seen).toHaveLength(0);
  });
});

describe('CLI with Huawei Cloud', () => {
  test('--engine huawei-cloud takes its keys from the environment; missing keys are INVALID_OPTION', async () => {
    const run = (env: Record<string, string>) =>
      new Promise<{ code: number; stdout: string }>((resolve) => {
        execFile(
          process.execPath,
          [path.join(ROOT, 'dist', 'src', 'cli.js'), card, '--engine', 'huawei-cloud', '--type', 'bank-card'],
          { env: { ...process.env, ...env } },
          (err, stdout) => resolve({ code: err ? Number((err as { code?: number }).code) : 0, stdout }),
        );
      });
    cloud.on('bankcard', { body: { result: { card_number: '6225880212345673', expiry_date: '09/28' } } });
    const ok = await run({
      HUAWEICLOUD_SDK_AK: KEYS.accessKey,
      HUAWEICLOUD_SDK_SK: KEYS.secretKey,
      HUAWEICLOUD_SDK_REGION: 'cn-north-4',
      HUAWEICLOUD_SDK_PROJECT_ID: PROJECT,
      HUAWEICLOUD_OCR_ENDPOINT: cloud.endpoint,
    });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      type: 'bank-card',
      engine: 'huawei-cloud',
      fields: { cardNumber: '6225880212345673', validThru: '09/28' },
      checks: { luhn: true },
    });
    const missing = await run({ HUAWEICLOUD_SDK_AK: '', HUAWEICLOUD_SDK_SK: '' });
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout).error).toMatchObject({ code: 'INVALID_OPTION' });
  });
});
