/**
 * Winner-takes-all over K hypotheses (multiple-choice learning, Guzman-Rivera et al. 2012;
 * Rupprecht et al. 2017): each sample's loss is the minimum over its K hypotheses, so each
 * hypothesis can specialise on one mode of an uncertain future instead of averaging them.
 */
import * as tf from '@tensorflow/tfjs';

/** perHypothesis: [B, K] losses → scalar mean over the batch of the per-sample minimum. */
export function winnerTakesAll(perHypothesis: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.min(perHypothesis, 1)) as tf.Scalar);
}

/** Index of the winning hypothesis per sample, [B] int32 (no gradient). */
export function winners(perHypothesis: tf.Tensor2D): tf.Tensor1D {
  return tf.argMin(perHypothesis, 1) as tf.Tensor1D;
}
