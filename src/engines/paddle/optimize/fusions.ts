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
  const dropped = new Set<Node>();
  let folded = 0;
  for (const conv of g.nodes) {
    if (conv.opType !== 'Conv' || !ownsParameters(g, conv)) continue;
    const mul = g.soleReader(conv.output![0], 'Mul');
    const s = mul && g.scalar(otherInput(mul, conv.output![0]));
    const add = mul && g.soleReader(mul.output![0], 'Add');
    const b = add && g.scalar(otherInput(add, mul.output![0]));
    if (s == null || b == null || !add) continue;

    const w = g.constants.get(conv.input![1])!;
    setFloats(w, floats(w).map((v) => v * s));
    const outChannels = Number(w.dims![0]);
    const bias = conv.input![2] ? g.constants.get(conv.input![2])! : null;
    const newBias = bias ? floats(bias).map((v) => v * s + b) : new Float32Array(outChannels).fill(b);
    if (bias) setFloats(bias, newBias);
    else {
      const name = `${conv.output![0]}::folded_bias`;
      g.addFloats(name, [outChannels], newBias);
      conv.input!.push(name);
    }
    conv.output![0] = add.output![0];
    dropped.add(mul).add(add);
    folded++;
  }
  g.remove(dropped);
  return folded;
}

/** x · Clip(x + 3, 0, 6) / 6  ⇒  x · HardSigmoid(x), α = 1/6, β = ½: two passes instead of four. */
export function hardSwishAsHardSigmoid(g: Graph): number {
  const dropped = new Set<Node>();
  let rewritten = 0;
  for (const add of g.nodes) {
    if (add.opType !== 'Add' || dropped.has(add)) continue;
    const x = g.scalar(add.input![1]) === 3 ? add.input![0] : g.scalar(add.input![0]) === 3 ? add.input![1] : null;
    const clip = x && g.soleReader(add.output![0], 'Clip');
    if (!x || !clip || !clipsTo(g, clip, 0, 6)) continue;
    const mul = g.soleReader(clip.output![0], 'Mul');
    if (!mul || otherInput(mul, clip.output![0]) !== x) continue;
    const div = g.soleReader(mul.output![0], 'Div');
    if (!div || div.input![0] !== mul.output![0] || g.scalar(div.input![1]) !== 6) continue;

    add.opType = 'HardSigmoid';
    add.input = [x];
    add.attribute = [
      onnx.AttributeProto.create({ name: 'alpha', type: onnx.AttributeProto.AttributeType.FLOAT, f: 1 / 6 }),
      onnx.AttributeProto.create({ name: 'beta', type: onnx.AttributeProto.AttributeType.FLOAT, f: 0.5 }),
    ];
    div.opType = 'Mul';
    div.input = [x, add.output![0]];
    div.attribute = [];
    dropped.add(clip).add(mul);
    rewritten++;
  }
  g.remove(dropped);
  return rewritten;
}

/**
 * Mul(s) → Add(b) → Conv without padding  ⇒  Conv with weights s·W and bias B + b·ΣW. Only without padding:
 * a padded convolution sees zeros at the border where the affine block would have given it b.
 */
export function foldAffineIntoNextConv(g: Graph): number {
  const dropped = new Set<Node>();
  let folded = 0;
  for (const mul of g.nodes) {
    if (mul.opType !== 'Mul' || dropped.has(mul)) continue;
    const x = g.scalar(mul.input![1]) != null ? mul.input![0] : mul.input![1];
    const s = g.scalar(otherInput(mul, x));
    const add = s != null ? g.soleReader(mul.output![0], 'Add') : null;
    const b = add && g.scalar(otherInput(add, mul.output![0]));
    const conv = add && g.soleReader(add.output![0], 'Conv');
    if (s == null || b == null || !conv || conv.input![0] !== add!.output![0] || !unpadded(conv) || !ownsParameters(g, conv)) continue;

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
    setFloats(w, weights.map((v) => v * s));
    const bias = conv.input![2] ? g.constants.get(conv.input![2])! : null;
    if (bias) setFloats(bias, floats(bias).map((v, o) => v + shift[o]));
    else {
      const name = `${conv.output![0]}::folded_bias`;
      g.addFloats(name, [outChannels], shift);
      conv.input!.push(name);
    }
    conv.input![0] = x;
    dropped.add(mul).add(add!);
    folded++;
  }
  g.remove(dropped);
  return folded;
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
