/**
 * Winner-takes-all over K hypotheses (multiple-choice learning, Guzman-Rivera et al. 2012;
 * Rupprecht et al. 2017): each sample's loss is the minimum over its K hypotheses, so each
 * hypothesis can specialise on one mode of an uncertain future instead of averaging them.
 */
import * as tf from '@tensorflow/tfjs';

/**
 * perHypothesis: [B, K] losses → scalar mean over the batch of the per-sample minimum. With
 * `relax` = ε > 0 (relaxed WTA, Rupprecht et al. 2017) the winner gets weight 1 − ε and every other
 * hypothesis ε/(K − 1), so a hypothesis that never wins still learns instead of starving.
 */
export function winnerTakesAll(perHypothesis: tf.Tensor2D, relax = 0): tf.Scalar {
  return tf.tidy(() => {
    const k = perHypothesis.shape[1];
    const best = tf.mean(tf.min(perHypothesis, 1)) as tf.Scalar;
    if (k === 1 || relax === 0) return best;
    const others = relax / (k - 1);
    return best.mul(1 - relax - others).add(tf.mean(tf.sum(perHypothesis, 1)).mul(others)) as tf.Scalar;
  });
}
