/**
 * y = x·W + b for x [rows, in], with a hand-written gradient that uses only non-transposed
 * matMuls on explicitly transposed operands: dx = dy·(Wᵀ), dW = (xᵀ)·dy, db = Σ_rows dy.
 * On tfjs-wasm a matMul with transposeA/transposeB leaves XNNPACK for a scalar loop (measured
 * ~10× slower), and on WebGPU it avoids the transposed-operand path entirely. Parity with
 * tfjs's own gradient: test/models/dense.test.ts and the browser ViT parity test.
 */
import * as tf from '@tensorflow/tfjs';

const denseWithGrad = tf.customGrad((...args) => {
  const [x, w, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
  save([x, w]);
  return {
    value: tf.add(tf.matMul(x, w), b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ws] = saved as [tf.Tensor2D, tf.Tensor2D];
      const dy2 = dy as tf.Tensor2D;
      return [tf.matMul(dy2, tf.transpose(ws)), tf.matMul(tf.transpose(xs), dy2), tf.sum(dy2, 0)];
    },
  };
});

const denseNoBiasWithGrad = tf.customGrad((...args) => {
  const [x, w, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([x, w]);
  return {
    value: tf.matMul(x, w),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ws] = saved as [tf.Tensor2D, tf.Tensor2D];
      const dy2 = dy as tf.Tensor2D;
      return [tf.matMul(dy2, tf.transpose(ws)), tf.matMul(tf.transpose(xs), dy2)];
    },
  };
});

/** x: [rows, in], w: [in, out], b: [out] or null → [rows, out]. */
export function dense(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D | null): tf.Tensor2D {
  return (b ? denseWithGrad(x, w, b) : denseNoBiasWithGrad(x, w)) as tf.Tensor2D;
}
