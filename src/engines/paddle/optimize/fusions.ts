import { onnx } from 'onnx-proto';
import { attribute, floats, otherInput, setFloats, type Graph } from './graph';

type Node = onnx.INodeProto;

/**
 * Rewrites of the PP-OCRv4 graphs that leave the arithmetic the same. Paddle2ONNX spells out PP-LCNetV3's
 * learnable affine blocks (a scalar Mul and Add after each convolution and each activation) and every hard-swish
 * (Add, Clip, Mul, Div) node by node; onnxruntime fuses none of these, so each is a pass over a large tensor.
 * On a 1500-px text line that was over a third of the recognizer's time.
 */

/** Conv → Mul(s) → Add(b)  ⇒  Conv with weights s·W and bias s·B + b. */
export function foldAffineIntoConv(g: Graph): number {
  return rewriteEach(g, 'Conv', (conv) => {
    if (!ownsParameters(g, conv)) return null;
    const mul = g.soleReader(conv.output![0], 'Mul');
    const s = mul && g.scalar(otherInput(mul, conv.output![0]));
    const add = mul && g.soleReader(mul.output![0], 'Add');
    const b = add && g.scalar(otherInput(add, mul.output![0]));
    if (s == null || b == null || !add) return null;

    const w = g.constants.get(conv.input![1])!;
    setFloats(
      w,
      floats(w).map((v) => v * s),
    );
    setBias(g, conv, Number(w.dims![0]), (_, old) => old * s + b);
    conv.output![0] = add.output![0];
    return [mul!, add];
  });
}

/** x · Clip(x + 3, 0, 6) / 6  ⇒  x · HardSigmoid(x), α = 1/6, β = ½: two passes instead of four. */
export function hardSwishAsHardSigmoid(g: Graph): number {
  return rewriteEach(g, 'Add', (add) => {
    const x = g.scalar(add.input![1]) === 3 ? add.input![0] : g.scalar(add.input![0]) === 3 ? add.input![1] : null;
    const clip = x && g.soleReader(add.output![0], 'Clip');
    if (!x || !clip || !clipsTo(g, clip, 0, 6)) return null;
    const mul = g.soleReader(clip.output![0], 'Mul');
    if (!mul || otherInput(mul, clip.output![0]) !== x) return null;
    const div = g.soleReader(mul.output![0], 'Div');
    if (!div || div.input![0] !== mul.output![0] || g.scalar(div.input![1]) !== 6) return null;

    add.opType = 'HardSigmoid';
    add.input = [x];
    add.attribute = [
      onnx.AttributeProto.create({ name: 'alpha', type: onnx.AttributeProto.AttributeType.FLOAT, f: 1 / 6 }),
      onnx.AttributeProto.create({ name: 'beta', type: onnx.AttributeProto.AttributeType.FLOAT, f: 0.5 }),
    ];
    div.opType = 'Mul';
    div.input = [x, add.output![0]];
    div.attribute = [];
    return [clip, mul];
  });
}

/**
 * Mul(s) → Add(b) → Conv without padding  ⇒  Conv with weights s·W and bias B + b·ΣW. Only without padding:
 * a padded convolution sees zeros at the border where the affine block would have given it b.
 */
export function foldAffineIntoNextConv(g: Graph): number {
  return rewriteEach(g, 'Mul', (mul) => {
    const block = affineBlock(g, mul);
    const conv = block && g.soleReader(block.add.output![0], 'Conv');
    if (!block || !conv || conv.input![0] !== block.add.output![0] || !unpadded(conv) || !ownsParameters(g, conv)) return null;
    const { x, s, b, add } = block;

    const w = g.constants.get(conv.input![1])!;
    const weights = floats(w);
    const outChannels = Number(w.dims![0]);
    const perOutput = weights.length / outChannels;
    const shift = new Float32Array(outChannels);
    for (let o = 0; o < outChannels; o++) {
      let sum = 0;
      for (let j = 0; j < perOutput; j++) sum += weights[o * perOutput + j];
      shift[o] = b * sum;
    }
    setFloats(
      w,
      weights.map((v) => v * s),
    );
    setBias(g, conv, outChannels, (o, old) => old + shift[o]);
    conv.input![0] = x;
    return [mul, add];
  });
}

/**
 * Mul(s) → Add(b) on a convolution's feature map, where no fold is exact  ⇒  one depthwise 1×1 convolution with
 * weight s and bias b per channel. Same arithmetic, but onnxruntime keeps a convolution in its blocked (NCHWc)
 * layout, while a scalar Mul or Add makes it convert the whole map out of that layout and back: four passes
 * over the tensor instead of one. These blocks sit before padded depthwise convolutions in PP-LCNetV3.
 */
export function affineAsChannelConv(g: Graph): number {
  return rewriteEach(g, 'Mul', (mul) => {
    const block = affineBlock(g, mul);
    const channels = block && channelsOf(g, block.x);
    if (!block || !channels) return null;
    const { x, s, b, add } = block;

    const weight = `${add.output![0]}::channel_scale`;
    const bias = `${add.output![0]}::channel_shift`;
    g.addFloats(weight, [channels, 1, 1, 1], new Float32Array(channels).fill(s));
    g.addFloats(bias, [channels], new Float32Array(channels).fill(b));
    add.opType = 'Conv';
    add.input = [x, weight, bias];
    add.attribute = [
      onnx.AttributeProto.create({ name: 'group', type: onnx.AttributeProto.AttributeType.INT, i: channels }),
      onnx.AttributeProto.create({ name: 'kernel_shape', type: onnx.AttributeProto.AttributeType.INTS, ints: [1, 1] }),
    ];
    return [mul];
  });
}

/** `mul` as the start of an affine block x·s + b (s, b scalars), with the Add that finishes it. */
function affineBlock(g: Graph, mul: Node): { x: string; s: number; b: number; add: Node } | null {
  const x = g.scalar(mul.input![1]) != null ? mul.input![0] : mul.input![1];
  const s = g.scalar(otherInput(mul, x));
  const add = s != null ? g.soleReader(mul.output![0], 'Add') : null;
  const b = add && g.scalar(otherInput(add, mul.output![0]));
  return s != null && b != null && add ? { x: x!, s, b, add } : null;
}

/** Element-wise steps that keep a feature map's shape (the other input of Mul/Add a scalar or the same map). */
const SHAPE_KEEPING = new Set(['HardSigmoid', 'Relu', 'Sigmoid', 'Clip', 'Mul', 'Add']);

/**
 * The channel count of a 2-D convolution's feature map `value`, found by walking back through shape-keeping
 * steps to the convolution (its weights are [out, in/group, kh, kw]); null where the value is anything else.
 */
function channelsOf(g: Graph, value: string): number | null {
  let node = g.producer(value);
  for (let steps = 0; node && steps < 8; steps++) {
    if (node.opType === 'Conv') {
      const dims = g.constants.get(node.input![1])?.dims;
      return dims && dims.length === 4 ? Number(dims[0]) : null;
    }
    if (!SHAPE_KEEPING.has(node.opType!)) return null;
    const inputs = node.input!.filter((i) => i && !g.constants.has(i));
    if (inputs.length === 0) return null;
    // a binary step between two maps keeps the shape only when both come from the same map (x · HardSigmoid(x))
    const binary = node.opType === 'Mul' || node.opType === 'Add';
    if (binary && !sameSource(g, node, inputs)) return null;
    node = g.producer(inputs[0]);
  }
  return null;
}

function sameSource(g: Graph, node: Node, inputs: string[]): boolean {
  if (inputs.length === 1) return node.input!.some((i) => g.scalar(i) != null);
  const [a, b] = inputs;
  const through = (v: string) => {
    const p = g.producer(v);
    return p && p.opType !== 'Conv' && p.input!.length === 1 ? p.input![0] : v;
  };
  return through(a) === through(b);
}

/**
 * Offers each node of the type to `rewrite`, which changes the graph around it and returns the nodes that made
 * redundant, or null where the pattern is not there; answers how many places were rewritten.
 */
function rewriteEach(g: Graph, opType: string, rewrite: (node: Node) => Node[] | null): number {
  const dropped = new Set<Node>();
  let count = 0;
  for (const node of g.nodes) {
    if (node.opType !== opType || dropped.has(node)) continue;
    const redundant = rewrite(node);
    if (!redundant) continue;
    for (const n of redundant) dropped.add(n);
    count++;
  }
  g.remove(dropped);
  return count;
}

/** The bias becomes `value(channel, old bias)`; a convolution without one gets one (its old bias is 0). */
function setBias(g: Graph, conv: Node, outChannels: number, value: (channel: number, old: number) => number): void {
  const name = conv.input![2];
  if (name) {
    const bias = g.constants.get(name)!;
    setFloats(
      bias,
      floats(bias).map((v, o) => value(o, v)),
    );
    return;
  }
  const added = `${conv.output![0]}::folded_bias`;
  g.addFloats(
    added,
    [outChannels],
    Float32Array.from({ length: outChannels }, (_, o) => value(o, 0)),
  );
  conv.input!.push(added);
}

/** Weights (and bias) are constants read by this convolution alone, so changing them changes nothing else. */
function ownsParameters(g: Graph, conv: Node): boolean {
  const [, w, b] = conv.input!;
  return g.constants.has(w) && g.readerCount(w) === 1 && (!b || (g.constants.has(b) && g.readerCount(b) === 1));
}

function unpadded(conv: Node): boolean {
  const pads = attribute(conv, 'pads')?.ints ?? [];
  const autoPad = attribute(conv, 'auto_pad')?.s;
  const autoPadName = autoPad ? Buffer.from(autoPad).toString() : 'NOTSET';
  return pads.every((p) => Number(p) === 0) && (autoPadName === 'NOTSET' || autoPadName === 'VALID');
}

/** Clip's bounds are attributes up to opset 10 and inputs from opset 11. */
function clipsTo(g: Graph, clip: Node, min: number, max: number): boolean {
  const lo = clip.input![1] ? g.scalar(clip.input![1]) : attribute(clip, 'min')?.f;
  const hi = clip.input![2] ? g.scalar(clip.input![2]) : attribute(clip, 'max')?.f;
  return lo === min && hi === max;
}
