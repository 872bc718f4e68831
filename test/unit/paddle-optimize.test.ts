import { promises as fs } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { onnx } from 'onnx-proto';
import { MODEL_FILES, modelDir } from '../../src/engines/paddle/models';
import { optimizeModel } from '../../src/engines/paddle/optimize/optimizeModel';
import { prepareDetInput } from '../../src/engines/paddle/det';
import { paper } from '../fixtures/canvas';
import { registerFonts } from '../fixtures/fonts';
import { fixture } from '../helpers/paths';
import { runModel } from '../helpers/onnx-run';

interface Input {
  data: Float32Array;
  dims: number[];
}

function runBoth(original: Uint8Array, optimized: Uint8Array, input: Input): Promise<Float32Array[]> {
  return Promise.all([original, optimized].map((model) => runModel(model, input.data, input.dims)));
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(b.length).toBe(a.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

/** A rendered text line as the recognizer takes it: 48 px high, (v/255 − ½)/½ per channel. */
async function lineTensor(text: string, width: number): Promise<Input> {
  registerFonts();
  const { canvas, ctx } = paper(width, 48);
  ctx.fillStyle = '#111';
  ctx.font = '30px NotoSansCJK';
  ctx.fillText(text, 6, 36);
  const { data } = await sharp(canvas.toBuffer('image/png')).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const plane = 48 * width;
  const t = new Float32Array(3 * plane);
  for (let i = 0; i < plane; i++) for (let c = 0; c < 3; c++) t[c * plane + i] = (data[i * 3 + c] / 255 - 0.5) / 0.5;
  return { data: t, dims: [1, 3, 48, width] };
}

function argmaxPerStep(probs: Float32Array, classes: number): number[] {
  const out: number[] = [];
  for (let s = 0; s < probs.length / classes; s++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (probs[s * classes + c] > probs[s * classes + best]) best = c;
    out.push(best);
  }
  return out;
}

describe('PP-OCR models rewritten for the CPU', () => {
  const read = (file: string) => fs.readFile(path.join(modelDir(), file));

  test('the recognizer: every affine block and hard-swish fused, the same probabilities on a real line', async () => {
    const original = await read(MODEL_FILES.rec);
    const { bytes, rewrites } = optimizeModel(original);
    // PP-LCNetV3 as exported: 28 convolution + activation blocks, 12 of whose activations feed a 1×1 convolution;
    // the other 16 feed padded depthwise convolutions and become per-channel 1×1 convolutions
    expect(rewrites).toEqual({ affineIntoConv: 28, hardSwish: 28, affineIntoNextConv: 12, affineAsChannelConv: 16 });
    const nodes = (b: Uint8Array) => onnx.ModelProto.decode(b).graph!.node!.filter((n) => n.opType !== 'Constant');
    expect(nodes(bytes).length).toBeLessThan(nodes(original).length - 100);
    expect(nodes(bytes).some((n) => n.opType === 'Clip' || n.opType === 'Div')).toBe(true); // the SVTR neck keeps its own

    const [a, b] = await runBoth(original, bytes, await lineTensor('发票代码 044031900111 金额 ¥1,234.56 Invoice', 704));
    expect(maxAbsDiff(a, b)).toBeLessThan(1e-3);
    const classes = 6625;
    expect(argmaxPerStep(b, classes)).toEqual(argmaxPerStep(a, classes));
  }, 60_000);

  test('the detector: the same probability map on a real page', async () => {
    const original = await read(MODEL_FILES.det);
    const { bytes, rewrites } = optimizeModel(original);
    expect(rewrites.affineIntoConv).toBeGreaterThan(20);
    expect(rewrites.hardSwish).toBeGreaterThan(20);
    expect(rewrites.affineAsChannelConv).toBeGreaterThan(10);
    const { data, info } = await sharp(fixture('receipt-zh.png')).removeAlpha().resize({ width: 480 }).raw().toBuffer({ resolveWithObject: true });
    const input = (await prepareDetInput({ data, width: info.width, height: info.height, channels: 3 }))!;
    const [a, b] = await runBoth(original, bytes, { data: input.data, dims: [1, 3, input.height, input.width] });
    expect(maxAbsDiff(a, b)).toBeLessThan(1e-3);
    // the binarized map (threshold 0.3) is what becomes boxes
    let flipped = 0;
    for (let i = 0; i < a.length; i++) if (a[i] > 0.3 !== b[i] > 0.3) flipped++;
    expect(flipped / a.length).toBeLessThan(1e-4);
  }, 60_000);

  test('the direction classifier: hard-swish rewritten, the same answer', async () => {
    const original = await read(MODEL_FILES.cls);
    const { bytes, rewrites } = optimizeModel(original);
    expect(rewrites.hardSwish).toBeGreaterThan(10);
    const line = await lineTensor('Total 合计 ¥88.00', 192);
    const [a, b] = await runBoth(original, bytes, line);
    expect(maxAbsDiff(a, b)).toBeLessThan(1e-4);
  }, 60_000);
});

describe('the rewrites on a graph built for them', () => {
  // x → Conv3×3(pad 1) → ·s+b → hard-swish → ·s+b → Conv1×1 → Relu → ·s+b → Conv3×3(pad 1) → y
  const C = 4;
  const F = onnx.TensorProto.DataType.FLOAT;
  let counter = 0;
  const nodes: onnx.INodeProto[] = [];
  const constant = (values: number[], dims: number[]) => {
    const name = `c${counter++}`;
    const t = onnx.TensorProto.create({ name, dims, dataType: F, rawData: new Uint8Array(Float32Array.from(values).buffer) });
    nodes.push(
      onnx.NodeProto.create({ opType: 'Constant', output: [name], attribute: [{ name: 'value', type: onnx.AttributeProto.AttributeType.TENSOR, t }] }),
    );
    return name;
  };
  const node = (opType: string, input: string[], attribute: onnx.IAttributeProto[] = []) => {
    const out = `v${counter++}`;
    nodes.push(onnx.NodeProto.create({ opType, input, output: [out], attribute }));
    return out;
  };
  const ints = (name: string, v: number[]) => ({ name, type: onnx.AttributeProto.AttributeType.INTS, ints: v });
  const weights = (k: number) =>
    constant(
      Array.from({ length: C * C * k * k }, (_, i) => Math.sin(i * 1.7) * 0.5),
      [C, C, k, k],
    );
  const affine = (x: string, s: number, b: number) => node('Add', [node('Mul', [constant([s], [1]), x]), constant([b], [1])]);

  let v = node('Conv', ['x', weights(3)], [ints('kernel_shape', [3, 3]), ints('pads', [1, 1, 1, 1])]);
  v = affine(v, 1.3, -0.2);
  const clip = node(
    'Clip',
    [node('Add', [v, constant([3], [])])],
    [
      { name: 'min', type: onnx.AttributeProto.AttributeType.FLOAT, f: 0 },
      { name: 'max', type: onnx.AttributeProto.AttributeType.FLOAT, f: 6 },
    ],
  );
  v = node('Div', [node('Mul', [v, clip]), constant([6], [])]);
  v = affine(v, 0.8, 0.4);
  v = node('Conv', [v, weights(1), constant([0.1, -0.1, 0.2, 0], [C])], [ints('kernel_shape', [1, 1])]);
  v = affine(node('Relu', [v]), 1.5, 0.7);
  v = node('Conv', [v, weights(3)], [ints('kernel_shape', [3, 3]), ints('pads', [1, 1, 1, 1])]);
  nodes[nodes.length - 1].output = ['y'];
  const shape = (name: string) =>
    onnx.ValueInfoProto.create({
      name,
      type: { tensorType: { elemType: F, shape: { dim: [{ dimValue: 1 }, { dimValue: C }, { dimValue: 6 }, { dimValue: 7 }] } } },
    });
  const model = onnx.ModelProto.encode({
    irVersion: 7,
    opsetImport: [{ domain: '', version: 9 }],
    graph: { name: 'g', node: nodes, input: [shape('x')], output: [shape('y')] },
  }).finish();

  test('folds what is exact, turns the affine block before a padded convolution into a per-channel one, same output', async () => {
    const { bytes, rewrites } = optimizeModel(model);
    expect(rewrites).toEqual({ affineIntoConv: 1, hardSwish: 1, affineIntoNextConv: 1, affineAsChannelConv: 1 });
    const rewritten = onnx.ModelProto.decode(bytes).graph!.node!.filter((n) => n.opType !== 'Constant');
    expect(rewritten.map((n) => n.opType)).toEqual(['Conv', 'HardSigmoid', 'Mul', 'Conv', 'Relu', 'Conv', 'Conv']);
    const channelConv = rewritten[5];
    expect(Number(channelConv.attribute!.find((a) => a.name === 'group')!.i)).toBe(C);
    expect(channelConv.input![0]).toBe(rewritten[4].output![0]); // reads the Relu: still before the padded conv

    const x = { data: Float32Array.from({ length: C * 42 }, (_, i) => Math.cos(i * 0.37) * 4), dims: [1, C, 6, 7] };
    const [a, b] = await runBoth(model, bytes, x);
    expect(maxAbsDiff(a, b)).toBeLessThan(1e-4);
    expect(Math.max(...a.map(Math.abs))).toBeGreaterThan(1); // a real signal, not zeros compared with zeros
  });

  test('a graph with nothing to fuse comes back with the same nodes', () => {
    // an affine block on a map no convolution made: its channel count is not known, so it stays as it is
    const scalar = (name: string, v: number) => ({
      opType: 'Constant',
      output: [name],
      attribute: [
        {
          name: 'value',
          type: onnx.AttributeProto.AttributeType.TENSOR,
          t: { name, dims: [1], dataType: F, rawData: new Uint8Array(Float32Array.of(v).buffer) },
        },
      ],
    });
    const plain = onnx.ModelProto.encode({
      irVersion: 7,
      opsetImport: [{ domain: '', version: 9 }],
      graph: {
        name: 'g',
        node: [
          scalar('s', 2),
          scalar('b', 1),
          { opType: 'Relu', input: ['x'], output: ['r'] },
          { opType: 'Mul', input: ['r', 's'], output: ['m'] },
          { opType: 'Add', input: ['m', 'b'], output: ['y'] },
        ],
        input: [shape('x')],
        output: [shape('y')],
      },
    }).finish();
    const { bytes, rewrites } = optimizeModel(plain);
    expect(rewrites).toEqual({ affineIntoConv: 0, hardSwish: 0, affineIntoNextConv: 0, affineAsChannelConv: 0 });
    expect(onnx.ModelProto.decode(bytes).graph!.node!.map((n) => n.opType)).toEqual(['Constant', 'Constant', 'Relu', 'Mul', 'Add']);
  });
});
