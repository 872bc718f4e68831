import { onnx } from 'onnx-proto';

type Node = onnx.INodeProto;
type Tensor = onnx.ITensorProto;

const FLOAT = onnx.TensorProto.DataType.FLOAT;

/**
 * A decoded ONNX graph with the look-ups the rewrites need: constant tensors by name (from Constant nodes
 * and initializers alike) and who reads each value. The rewrites change nodes in place; who reads what is
 * counted again when nodes are removed, after each rewrite's pass.
 */
export class Graph {
  readonly constants = new Map<string, Tensor>();
  private readers = new Map<string, Node[]>();
  private producers = new Map<string, Node>();
  private readonly outputs: Set<string>;

  constructor(readonly graph: onnx.IGraphProto) {
    this.outputs = new Set((graph.output ?? []).map((o) => o.name!));
    for (const t of graph.initializer ?? []) this.constants.set(t.name!, t);
    for (const n of this.nodes) {
      if (n.opType === 'Constant' && n.output!.length === 1) {
        const value = n.attribute?.find((a) => a.name === 'value' && a.t);
        if (value) this.constants.set(n.output![0], value.t!);
      }
    }
    this.refresh();
  }

  get nodes(): Node[] {
    return this.graph.node!;
  }

  private refresh(): void {
    this.readers = new Map();
    this.producers = new Map();
    for (const n of this.nodes) {
      for (const o of n.output ?? []) this.producers.set(o, n);
      for (const i of n.input ?? []) {
        if (!i) continue;
        const list = this.readers.get(i);
        if (list) list.push(n);
        else this.readers.set(i, [n]);
      }
    }
  }

  /** The one node reading `value`, if exactly one does and the value is not a graph output. */
  soleReader(value: string, opType: string): Node | null {
    const r = this.readers.get(value) ?? [];
    return r.length === 1 && r[0].opType === opType && !this.outputs.has(value) ? r[0] : null;
  }

  /** The node that computes `value`; undefined for graph inputs and initializers. */
  producer(value: string): Node | undefined {
    return this.producers.get(value);
  }

  readerCount(value: string): number {
    return (this.readers.get(value) ?? []).length;
  }

  /** A constant holding one float, e.g. the learnable scale of an affine block. */
  scalar(name: string | undefined): number | null {
    const t = name ? this.constants.get(name) : undefined;
    if (!t || t.dataType !== FLOAT) return null;
    const v = floats(t);
    return v.length === 1 ? v[0] : null;
  }

  /**
   * A new float constant, as an initializer: it needs no place in the node list, which the rewrites are walking
   * while they add constants.
   */
  addFloats(name: string, dims: number[], values: Float32Array): void {
    const t = onnx.TensorProto.create({ name, dims, dataType: FLOAT });
    setFloats(t, values);
    (this.graph.initializer ??= []).push(t);
    this.constants.set(name, t);
  }

  remove(dropped: Set<Node>): void {
    this.graph.node = this.nodes.filter((n) => !dropped.has(n));
    this.refresh();
  }

  /** Constants nobody reads any more (folded away), so onnxruntime has nothing to warn about. */
  pruneConstants(): void {
    const used = (name: string) => this.readerCount(name) > 0 || this.outputs.has(name);
    this.graph.node = this.nodes.filter((n) => n.opType !== 'Constant' || n.output!.some(used));
    this.graph.initializer = (this.graph.initializer ?? []).filter((t) => used(t.name!));
    this.refresh();
  }
}

export function floats(t: Tensor): Float32Array {
  if (t.rawData && t.rawData.length) {
    const raw = t.rawData;
    // copied: rawData may be an unaligned view into the model file
    return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  }
  return Float32Array.from(t.floatData ?? []);
}

export function setFloats(t: Tensor, values: Float32Array): void {
  t.rawData = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  t.floatData = [];
}

export function attribute(n: Node, name: string): onnx.IAttributeProto | undefined {
  return n.attribute?.find((a) => a.name === name);
}

/** The input of a binary node that is not `value`. */
export function otherInput(n: Node, value: string): string | undefined {
  return n.input![0] === value ? n.input![1] : n.input![0];
}
