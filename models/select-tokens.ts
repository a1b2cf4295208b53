/**
 * Differentiable token selection by a one-hot matMul. tf.gather has no gradient on the wasm
 * backend (no UnsortedSegmentSum kernel), so embeddings that need gradients are selected as
 * S·Z with S[i, j] = 1 when row i picks token j (S is constant: the gradient goes to Z only). Parity with tf.gather: test/models/select-tokens.
 */
import * as tf from '@tensorflow/tfjs';
import { matMulConstantLeft } from './constant-matmul';

/** One-hot selector [indices.length, count]. */
export function oneHotSelector(indices: Int32Array, count: number): tf.Tensor2D {
  const values = new Float32Array(indices.length * count);
  indices.forEach((index, row) => {
    if (index < 0 || index >= count) throw new RangeError(`token index ${index} is outside 0..${count - 1}`);
    values[row * count + index] = 1;
  });
  return tf.tensor2d(values, [indices.length, count]);
}

/** z: [B, N, D], selector: [n, N] → [B, n, D] (rows of each batch item picked by the selector). */
export function selectTokens(z: tf.Tensor3D, selector: tf.Tensor2D): tf.Tensor3D {
  return tf.tidy(() => {
    const [batch, count, width] = z.shape;
    const n = selector.shape[0];
    const byToken = z.transpose([1, 0, 2]).reshape([count, batch * width]) as tf.Tensor2D;
    return matMulConstantLeft(selector, byToken).reshape([n, batch, width]).transpose([1, 0, 2]) as tf.Tensor3D;
  });
}
