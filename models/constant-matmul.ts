/**
 * Products with a constant operand (a one-hot selector, SIGReg's directions) whose gradient flows
 * to the other operand only, through an explicitly transposed copy of the constant: tfjs's own
 * gradient of matMul uses transposeA/transposeB, which on tfjs-wasm leaves XNNPACK for a scalar
 * loop (measured 2.1 ms instead of ~0.1 ms for the [64, 36]·[36, 1024] selection gradient).
 * The constant is saved for the backward pass (callers may dispose it after the forward pass).
 * Parity with tf.matMul's gradient: test/models/constant-matmul.test.ts.
 */
import * as tf from '@tensorflow/tfjs';

/** c·x for a constant c [m, k] and x [k, n]; gradient dx = cᵀ·dy. */
export function matMulConstantLeft(c: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor2D {
  const product = tf.customGrad((...args) => {
    const [input, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
    save([c]);
    return { value: tf.matMul(c, input), gradFunc: (dy: tf.Tensor, [kept]: tf.Tensor[]) => tf.matMul(tf.transpose(kept!), dy as tf.Tensor2D) };
  }) as (x: tf.Tensor2D) => tf.Tensor2D;
  return product(x);
}

/** x·c for x [m, k] and a constant c [k, n]; gradient dx = dy·cᵀ. */
export function matMulConstantRight(x: tf.Tensor2D, c: tf.Tensor2D): tf.Tensor2D {
  const product = tf.customGrad((...args) => {
    const [input, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
    save([c]);
    return { value: tf.matMul(input, c), gradFunc: (dy: tf.Tensor, [kept]: tf.Tensor[]) => tf.matMul(dy as tf.Tensor2D, tf.transpose(kept!)) };
  }) as (x: tf.Tensor2D) => tf.Tensor2D;
  return product(x);
}
