import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ICredentialTestFunctions } from 'n8n-workflow';
import { OcrCard } from '../../nodes/n8n/OcrCard/OcrCard.node';
import { OcrGeneral } from '../../nodes/n8n/OcrGeneral/OcrGeneral.node';
import { HuaweiCloudOcrApi } from '../../credentials/HuaweiCloudOcrApi.credentials';
import { shutdown } from '../../src';
import { ROOT, fixture } from '../helpers/paths';
import { FakeHuawei, KEYS, PROJECT } from '../cloud/fake-huawei';
import { binaryItem, executeContext } from './n8n-context';

const NODE_RED = process.env.LOCAL_OCR_NODE_RED ?? require.resolve('node-red');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const helper = require('node-red-node-test-helper');
helper.init(NODE_RED);
const DIST_NODES = path.join(ROOT, 'dist', 'nodes', 'node-red');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ocrNodes = require(path.join(DIST_NODES, 'ocr.js'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ocrEngine = require(path.join(DIST_NODES, 'ocr-engine.js'));

const ID_ANSWER = {
  result: { name: '张伟明', sex: '男', birth: '1987-06-15', ethnicity: '汉', address: '广东省深圳市南山区科技园', number: '440305198706151238' },
};
const card = () => binaryItem({ data: { bytes: readFileSync(fixture('idcard-1-front.png')), fileName: 'id.png' } });

let cloud: FakeHuawei;
beforeEach(async () => {
  cloud = await new FakeHuawei().start();
});
afterEach(() => cloud.stop());
afterAll(() => shutdown());

const credential = () => ({ ...KEYS, region: 'cn-north-4', projectId: PROJECT, endpoint: cloud.endpoint });

describe('n8n: the Huawei Cloud OCR API credential', () => {
  test('is registered with the package and asks for AK, SK, region, project and an optional endpoint', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.n8n.credentials).toEqual(['dist/credentials/HuaweiCloudOcrApi.credentials.js']);
    const type = new HuaweiCloudOcrApi();
    expect(type.name).toBe('huaweiCloudOcrApi');
    expect(type.properties.map((p) => p.name)).toEqual(['accessKey', 'secretKey', 'region', 'projectId', 'endpoint']);
    expect(type.properties.find((p) => p.name === 'secretKey')!.typeOptions).toEqual({ password: true });
  });

  test('every OCR node asks for it only when it uses the cloud, and tests it with a signed request', async () => {
    for (const node of [new OcrGeneral(), new OcrCard()]) {
      expect(node.description.credentials).toEqual([
        { name: 'huaweiCloudOcrApi', required: true, displayOptions: { show: { cloudMode: ['local-first', 'always'] } }, testedBy: 'huaweiCloudOcrApiTest' },
      ]);
      expect(node.description.properties.find((p) => p.name === 'cloudMode')!.default).toBe('off');
    }
    const test = new OcrCard().methods.credentialTest.huaweiCloudOcrApiTest;
    const ctx = {} as ICredentialTestFunctions;
    const ok = await test.call(ctx, { id: '1', name: 'c', type: 'huaweiCloudOcrApi', data: credential() });
    expect(ok.status).toBe('OK');
    const bad = await test.call(ctx, { id: '1', name: 'c', type: 'huaweiCloudOcrApi', data: { ...credential(), secretKey: 'wrong-secret-key-value' } });
    expect(bad.status).toBe('Error');
    expect(bad.message).toContain('APIG.0301');
    expect(bad.message).not.toContain('wrong-secret-key-value');
  });
});

describe('n8n: OCR Card with Huawei Cloud', () => {
  const params = { binaryPropertyName: 'data', documentType: 'id-card', outputMode: 'document', needsReviewOutput: false, options: {} };

  test('Always: the card goes to the id-card API; the item has the contract fields and its pairedItem', async () => {
    cloud.on('id-card', { body: ID_ANSWER });
    const [out] = await new OcrCard().execute.call(
      executeContext([card()], { ...params, cloudMode: 'always' }, { credentials: { huaweiCloudOcrApi: credential() } }),
    );
    expect(out).toHaveLength(1);
    expect(out[0].json).toMatchObject({
      type: 'id-card',
      engine: 'huawei-cloud',
      fields: { idNumber: '440305198706151238', birthDate: '1987-06-15' },
      checks: { idNumberChecksum: true },
    });
    expect(out[0].pairedItem).toEqual({ item: 0 });
    expect(cloud.calls('id-card')).toHaveLength(1);
    expect(JSON.stringify(out)).not.toContain(KEYS.secretKey);
  });

  test('Off sends nothing and needs no credential', async () => {
    const [out] = await new OcrCard().execute.call(executeContext([card()], { ...params, cloudMode: 'off' }));
    expect(out[0].json).toMatchObject({ type: 'id-card', engine: 'paddle' });
    expect(cloud.seen).toHaveLength(0);
  });

  test('a cloud failure is a per-item error under Continue On Fail', async () => {
    cloud.on('id-card', { status: 400, body: { error_code: 'AIS.0104', error_msg: 'The image is not supported or the image quality is poor.' } });
    const ctx = executeContext(
      [card(), card()],
      { ...params, cloudMode: 'always' },
      { continueOnFail: true, credentials: { huaweiCloudOcrApi: credential() } },
    );
    const [out] = await new OcrCard().execute.call(ctx);
    expect(out.map((o) => (o.json.error as { code: string }).code)).toEqual(['NO_TEXT_FOUND', 'NO_TEXT_FOUND']);
    expect(out.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
  });
});

describe('Node-RED: ocr-engine credentials', () => {
  beforeEach(() => new Promise<void>((resolve) => helper.startServer(resolve)));
  afterEach(async () => {
    await helper.unload();
    await new Promise<void>((resolve) => helper.stopServer(resolve));
  });

  test('the config node keeps AK/SK as credentials; an ocr-card using it reads through the cloud on Local First', async () => {
    cloud.on('id-card', { body: ID_ANSWER });
    const flow = [
      { id: 'eng', type: 'ocr-engine', engine: 'auto', languages: 'chi_sim+eng', poolSize: '', timeoutSeconds: 60, cloudMode: 'local-first' },
      // a threshold of 1 sends the card to review locally, so the cloud is asked
      { id: 'card', type: 'ocr-card', engine: 'eng', docType: 'id-card', outputMode: 'document', minConfidence: 1, wires: [['out']] },
      { id: 'out', type: 'helper' },
    ];
    await helper.load([ocrEngine, ocrNodes], flow, { eng: credential() });
    expect(JSON.stringify(flow)).not.toContain(KEYS.secretKey);
    expect(helper.getNode('eng').credentials.secretKey).toBe(KEYS.secretKey);
    const got = new Promise<{ payload: Record<string, unknown> }>((resolve) => helper.getNode('out').on('input', resolve));
    helper.getNode('card').receive({ payload: readFileSync(fixture('idcard-1-front.png')) });
    const msg = await got;
    expect(msg.payload.engine).toBe('paddle+huawei-cloud');
    // the ID number reads at 0.99 locally (under the threshold of 1): that field is the cloud's
    expect((msg.payload.fieldEngines as Record<string, string>).idNumber).toBe('huawei-cloud');
    expect(cloud.calls('id-card')).toHaveLength(1);
  });
});
