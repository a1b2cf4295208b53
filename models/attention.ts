/**
 * Multi-head self-attention (Vaswani et al. 2017): softmax(QKᵀ/√d_h)V per head, from matMul,
 * softmax, reshape and transpose only.
 */
import * as tf from '@tensorflow/tfjs';
import { batchedMatMul } from './batched-matmul';
import { addLinear, linear } from './layers';
import { softmax } from './softmax';
import type { ParamSet } from './params';

export function addSelfAttention(params: ParamSet, name: string, width: number): void {
  addLinear(params, `${name}/q`, width, width);
  // No key bias: q·(k + b) adds the same q·b to every score of a query, which softmax ignores,
  // so a key bias would only ever receive a zero gradient.
  addLinear(params, `${name}/k`, width, width, false);
  addLinear(params, `${name}/v`, width, width);
  addLinear(params, `${name}/out`, width, width);
}

/** x: [B, n, width] → [B, n, width]. */
export function selfAttention(params: ParamSet, name: string, x: tf.Tensor3D, heads: number): tf.Tensor3D {
  const [batch, n, width] = x.shape;
  const headDim = width / heads;
  // Separate q, k, v projections: splitting one fused [width, 3·width] output along its last
  // axis is a strided copy that costs more than the two extra matMul launches on wasm.
  const toHeads = (t: tf.Tensor, order: number[]) =>
    t.reshape([batch, n, heads, headDim]).transpose(order).reshape(order[2] === 1 ? [batch * heads, n, headDim] : [batch * heads, headDim, n]) as tf.Tensor3D;
  // 1/√d_h applied to q ([.., n, d_h]) rather than to the scores ([.., n, n]): same result, fewer values.
  const q = toHeads(tf.mul(linear(params, `${name}/q`, x), 1 / Math.sqrt(headDim)), [0, 2, 1, 3]);
  const kT = toHeads(linear(params, `${name}/k`, x), [0, 2, 3, 1]);
  const v = toHeads(linear(params, `${name}/v`, x), [0, 2, 1, 3]);
  const scores = batchedMatMul(q, kT);
  const mixed = batchedMatMul(softmax(scores), v); // [B·heads, n, headDim]
  const merged = mixed.reshape([batch, heads, n, headDim]).transpose([0, 2, 1, 3]).reshape([batch, n, width]);
  return linear(params, `${name}/out`, merged) as tf.Tensor3D;
}
