import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, fixture, manifest } from '../helpers/paths';
import { cer } from '../helpers/cer';
import { activeEngines } from '../../src/engines/registry';
import { recognize } from '../../src';
import { engineUsers } from '../../nodes/node-red/shared/lifecycle';

// The real Node-RED runtime driven by node-red-node-test-helper: the node-red devDependency (4.x), or another
// install named by LOCAL_OCR_NODE_RED (test/runtimes/node-red5.sh runs this file under Node 22 with Node-RED 5).
const NODE_RED = process.env.LOCAL_OCR_NODE_RED ?? require.resolve('node-red');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const helper = require('node-red-node-test-helper');
helper.init(NODE_RED);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const coreNode = (file: string) => require(require.resolve(`@node-red/nodes/core/${file}`, { paths: [path.dirname(NODE_RED)] }));

const DIST_NODES = path.join(ROOT, 'dist', 'nodes', 'node-red');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ocrGeneral = require(path.join(DIST_NODES, 'ocr.js'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ocrEngine = require(path.join(DIST_NODES, 'ocr-engine.js'));
const catchNode = coreNode('common/25-catch.js');
const joinNode = coreNode('sequence/17-split.js');

interface Msg {
  payload: Record<string, unknown> & { text?: string };
  parts?: { id: string; index: number; count: number };
  error?: { message: string; code?: string; source?: { id: string } };
  [key: string]: unknown;
}

const EN = 'en-sans-30.png';
const enTruth = () =>
  manifest()
    .find((e) => e.file === EN)!
    .lines.join('\n');

function flow(node: Record<string, unknown>, extra: Array<Record<string, unknown>> = []) {
  return [
    { id: 'ocr-engine-1', type: 'ocr-engine', engine: 'tesseract', languages: 'eng', poolSize: '', timeoutSeconds: 60 },
    { id: 'ocr', type: 'ocr-general', engine: 'ocr-engine-1', outputMode: 'document', minConfidence: 0.5, wires: [['out'], ['review']], ...node },
    { id: 'out', type: 'helper' },
    { id: 'review', type: 'helper' },
    { id: 'catcher', type: 'catch', scope: null, uncaught: false, wires: [['caught']] },
    { id: 'caught', type: 'helper' },
    ...extra,
  ];
}

function next(nodeId: string, count = 1): Promise<Msg[]> {
  return new Promise((resolve) => {
    const got: Msg[] = [];
    helper.getNode(nodeId).on('input', (msg: Msg) => {
      got.push(msg);
      if (got.length === count) resolve(got);
    });
  });
}

jest.setTimeout(60_000);

describe('Node-RED ocr-general on the real runtime', () => {
  beforeEach(() => new Promise<void>((resolve) => helper.startServer(resolve)));
  afterEach(async () => {
    await helper.unload();
    await new Promise((r) => helper.stopServer(r));
  });

  test('loads with its config node and shows in the OCR palette', async () => {
    console.log(`Node-RED ${helper._RED.version()} on Node ${process.version}`);
    await helper.load([ocrEngine, ocrGeneral], flow({}));
    const node = helper.getNode('ocr');
    expect(node.type).toBe('ocr-general');
    const html = readFileSync(path.join(DIST_NODES, 'ocr.html'), 'utf8');
    expect(html).toMatch(/category: 'OCR'/);
    expect(html).toMatch(/data-help-name="ocr-general"/);
  });

  test('a Buffer payload → the document item with text, filename and mimetype passed through', async () => {
    await helper.load([ocrEngine, ocrGeneral], flow({}));
    const out = next('out');
    helper.getNode('ocr').receive({ payload: readFileSync(fixture(EN)), filename: 'scan.png', mimetype: 'image/png' });
    const [msg] = await out;
    expect(cer(enTruth(), msg.payload.text!)).toBeLessThanOrEqual(0.02);
    expect(msg.filename).toBe('scan.png');
    expect(msg.mimetype).toBe('image/png');
    expect(msg.payload.needsReview).toBe(false);
    expect(msg.payload.engine).toBe('tesseract');
    expect((msg.payload.source as { mimeType: string }).mimeType).toBe('image/png');
    // geometry is off by default: pages are summaries without lines
    expect((msg.payload.pages as Array<Record<string, unknown>>)[0].lines).toBeUndefined();
    expect(msg.document).toBeUndefined();
  });

  test('searchable PDF ticked: msg.searchablePdf is the scan as a PDF whose text layer reads back', async () => {
    await helper.load([ocrEngine, ocrGeneral], flow({ searchablePdf: true }));
    const out = next('out');
    helper.getNode('ocr').receive({ payload: readFileSync(fixture(EN)) });
    const [msg] = await out;
    const pdf = msg.searchablePdf as Buffer;
    expect(Buffer.isBuffer(pdf)).toBe(true);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // the PDF read by the library's text-layer path gives the recognized text back
    const back = await recognize(pdf, { pdfMode: 'text' });
    expect(cer(enTruth(), back.text)).toBeLessThanOrEqual(0.03);
  });

  test('the editors read their choices from the runtime: engines, languages, cloud modes, the review threshold', async () => {
    await helper.load([ocrEngine, ocrGeneral], flow({}));
    const res = await helper.request().get('/local-ocr/catalog/general').expect(200);
    const catalog = res.body as Record<string, Array<{ value: string }> | number>;
    expect((catalog.engines as Array<{ value: string }>).map((c) => c.value)).toEqual(['auto', 'paddle', 'tesseract']);
    expect((catalog.cloudModes as Array<{ value: string }>).map((c) => c.value)).toEqual(['off', 'local-first', 'always']);
    expect((catalog.languages as Array<{ value: string }>).map((c) => c.value)).toEqual(expect.arrayContaining(['eng', 'chi_sim']));
    expect(catalog.minConfidence).toBe(0.8);
    // and the editor pages hold no list of their own
    const engineHtml = readFileSync(path.join(DIST_NODES, 'ocr-engine.html'), 'utf8');
    expect(engineHtml).not.toMatch(/<option value="(paddle|tesseract|local-first|always)"/);
    expect(readFileSync(path.join(DIST_NODES, 'ocr.html'), 'utf8')).not.toMatch(/minConfidence: \{ value: 0\.8/);
  });

  test('a file path and a base64 string read the same as the Buffer', async () => {
    await helper.load([ocrEngine, ocrGeneral], flow({ keepDocument: true }));
    const out = next('out', 2);
    const node = helper.getNode('ocr');
    node.receive({ payload: fixture(EN) });
    node.receive({ payload: readFileSync(fixture(EN)).toString('base64') });
    const msgs = await out;
    for (const m of msgs) expect(cer(enTruth(), m.payload.text!)).toBeLessThanOrEqual(0.02);
    expect(msgs.map((m) => m.document).sort()).toEqual([fixture(EN), readFileSync(fixture(EN)).toString('base64')].sort());
  });

  test('bad input: the Catch node gets the error code and the flow keeps working', async () => {
    await helper.load([ocrEngine, ocrGeneral, catchNode], flow({}));
    const caught = next('caught', 3);
    const node = helper.getNode('ocr');
    node.receive({ payload: Buffer.from('%PDF-1.7\n1 0 obj <<') });
    node.receive({ payload: 'no/such/file.png' });
    node.receive({ payload: { not: 'a document' } });
    const errors = await caught;
    const byMessage = Object.fromEntries(errors.map((e) => [e.error!.code, e.error!]));
    expect(Object.keys(byMessage).sort()).toEqual(['CORRUPT_INPUT', 'EMPTY_INPUT', 'UNSUPPORTED_FORMAT']);
    expect(byMessage.EMPTY_INPUT.message).toMatch(/neither an existing file nor base64/);
    for (const e of errors) expect(e.error!.source!.id).toBe('ocr');
    const out = next('out');
    node.receive({ payload: readFileSync(fixture(EN)) });
    const [msg] = await out;
    expect(msg.payload.text).toMatch(/quick brown fox/);
  });

  test('msg.ocr overrides pages; a bad override is an INVALID_OPTION error', async () => {
    await helper.load([ocrEngine, ocrGeneral, catchNode], flow({}));
    const out = next('out');
    const caught = next('caught');
    const node = helper.getNode('ocr');
    node.receive({ payload: readFileSync(fixture('en-2pages.tiff')), ocr: { pages: '2' } });
    node.receive({ payload: readFileSync(fixture(EN)), ocr: { languages: 'klingon' } });
    const [msg] = await out;
    const pages = msg.payload.pages as Array<{ page: number }>;
    expect(pages.map((p) => p.page)).toEqual([2]);
    const [err] = await caught;
    expect(err.error!.code).toBe('INVALID_OPTION');
    expect(err.error!.message).toMatch(/klingon/);
  });

  test('split per line with msg.parts; a join node puts the document back together', async () => {
    const join = { id: 'joiner', type: 'join', mode: 'auto', build: 'array', wires: [['joined']] };
    await helper.load(
      [ocrEngine, ocrGeneral, joinNode],
      flow({ outputMode: 'line', wires: [['out', 'joiner'], ['review']] }, [join, { id: 'joined', type: 'helper' }]),
    );
    const joined = next('joined');
    helper.getNode('ocr').receive({ payload: readFileSync(fixture(EN)), filename: 'scan.png' });
    const [msg] = await joined;
    const lines = msg.payload as unknown as Array<{ text: string; line: number; page: number; sha256: string }>;
    expect(Array.isArray(lines)).toBe(true);
    expect(lines.map((l) => l.line)).toEqual(lines.map((_, i) => i + 1));
    expect(cer(enTruth(), lines.map((l) => l.text).join('\n'))).toBeLessThanOrEqual(0.02);
    expect(new Set(lines.map((l) => l.sha256)).size).toBe(1);
    expect(msg.filename).toBe('scan.png');
  });

  test('needs-review results go to the second output', async () => {
    await helper.load([ocrEngine, ocrGeneral], flow({ reviewOutput: true, minConfidence: 1 }));
    const review = next('review');
    helper.getNode('ocr').receive({ payload: readFileSync(fixture(EN)) });
    const [msg] = await review;
    expect(msg.payload.needsReview).toBe(true);
    expect((msg.payload.reviewReasons as string[])[0]).toMatch(/Low text confidence/);
  });

  test('ocr-card reads an ID card; msg.ocr.type picks the type', async () => {
    const cards = JSON.parse(readFileSync(fixture('card-manifest.json'), 'utf8')) as Array<{ file: string; fields: Record<string, unknown> }>;
    await helper.load(
      [ocrEngine, ocrGeneral],
      [
        { id: 'card', type: 'ocr-card', docType: 'auto', outputMode: 'document', wires: [['out']] },
        { id: 'out', type: 'helper' },
      ],
    );
    const out = next('out', 2);
    const node = helper.getNode('card');
    node.receive({ payload: fixture('idcard-1-back.png') });
    node.receive({ payload: readFileSync(fixture('idcard-1-front-photo.jpg')), ocr: { type: 'id-card' } });
    const msgs = await out;
    const bySide = Object.fromEntries(msgs.map((m) => [(m.payload.fields as { side: string }).side, m.payload]));
    expect(bySide.back.fields).toEqual(cards.find((c) => c.file === 'idcard-1-back.png')!.fields);
    expect(bySide.front.fields).toEqual(cards.find((c) => c.file === 'idcard-1-front-photo.jpg')!.fields);
    expect(bySide.front.checks).toMatchObject({ idNumberChecksum: true, sexMatchesIdNumber: true });
  });

  test('ocr-domain split per result row; a join node puts the report back together', async () => {
    const join = { id: 'joiner', type: 'join', mode: 'auto', build: 'array', wires: [['joined']] };
    await helper.load(
      [ocrEngine, ocrGeneral, joinNode],
      [{ id: 'lab', type: 'ocr-domain', docType: 'lab-report', outputMode: 'lineItem', wires: [['joiner']] }, join, { id: 'joined', type: 'helper' }],
    );
    const joined = next('joined');
    helper.getNode('lab').receive({ payload: fixture('lab-report.png') });
    const [msg] = await joined;
    const rows = msg.payload as unknown as Array<{ itemName: string; itemResult: string; patientName: string }>;
    expect(rows.map((r) => r.itemName)).toEqual(['白细胞计数', '红细胞计数', '血红蛋白', '血小板计数']);
    expect(rows.every((r) => r.patientName === '张三')).toBe(true);
  });

  test('redeploy: closing the nodes stops every engine worker, the next flow starts them again', async () => {
    await helper.load([ocrEngine, ocrGeneral], flow({}));
    const out = next('out');
    helper.getNode('ocr').receive({ payload: readFileSync(fixture(EN)) });
    await out;
    expect(activeEngines()).toEqual(['tesseract']);
    expect(engineUsers()).toBe(1);
    await helper.unload();
    expect(engineUsers()).toBe(0);
    expect(activeEngines()).toEqual([]);
    await helper.load([ocrEngine, ocrGeneral], flow({}));
    const again = next('out');
    helper.getNode('ocr').receive({ payload: readFileSync(fixture(EN)) });
    const [msg] = await again;
    expect(msg.payload.text).toMatch(/quick brown fox/);
  });
});
