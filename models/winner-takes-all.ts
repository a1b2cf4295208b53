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

/** How ε changes over a run: held at its start value, or annealed linearly to 0 at the last step. */
export const WTA_RELAX_SCHEDULES = ['linear-to-zero', 'constant'] as const;
export type WtaRelaxSchedule = (typeof WTA_RELAX_SCHEDULES)[number];

/**
 * The relaxed-WTA ε of training step `step` (1 … totalSteps) for start value ε₀:
 * 'constant' → ε₀; 'linear-to-zero' → ε₀·(T − s)/(T − 1), ε₀ at step 1 and 0 at the last step T
 * (ε₀ when T = 1). Steps outside [1, T] are clamped, so step 0 (the untrained model) reads ε₀.
 * A pure function of the step: a resumed run recomputes the same ε.
 */
export function wtaRelaxAt(schedule: WtaRelaxSchedule, start: number, step: number, totalSteps: number): number {
  if (schedule === 'constant' || totalSteps <= 1) return start;
  const s = Math.min(Math.max(step, 1), totalSteps);
  return (start * (totalSteps - s)) / (totalSteps - 1);
}

/**
 * Best-hypothesis sharpness ratio Σ|∇ĥ|²/Σ|∇Y|² at the stationary point of relaxed WTA with
 * ε = `epsilon` and K = `hypotheses`, on a fork with two equiprobable futures A and B whose image
 * gradients do not overlap and have equal energy E = Σ|∇A|² = Σ|∇B|² (mirror-image branches):
 * the sharpest a perfect learner of this loss gets (K ≥ 2).
 *
 * K ≥ 2, hypothesis a winning on A-samples and b on B-samples: winnerTakesAll weights a's loss by
 * 1 − ε on A-samples (a wins) and by ε/(K − 1) on B-samples (b wins), so a's expected loss is
 *   ½(1 − ε)‖h − A‖² + ½·ε/(K − 1)·‖h − B‖²,
 * minimised at the convex mix h* = α·A + β·B with
 *   α = (1 − ε) / (1 − ε + ε/(K − 1)),   β = 1 − α   (K = 2: α = 1 − ε, β = ε).
 * Disjoint gradients kill the cross term of |α∇A + β∇B|², so Σ|∇h*|² = (α² + β²)·E and the
 * ceiling is α² + β² (ε = 0.05, K = 2: 0.905; ε = 0 → 1). The K − 2 hypotheses that never win get
 * ε/(K − 1) from both futures and sit at the mean, but are never the best. K = 1: the single
 * hypothesis wins on both futures and converges to the mean (α = β = ½), so ½ whatever ε (the
 * stationary value of plain MSE, not a bound set by ε).
 * Needs ε ≤ (K − 1)/K: at the bound α = ½ (every hypothesis at the mean, ½); beyond it h* would be
 * nearer B than A, contradicting the assumption that it wins on A.
 */
export function wtaSharpnessCeiling(epsilon: number, hypotheses: number): number {
  if (!Number.isInteger(hypotheses) || hypotheses < 1) throw new RangeError(`wtaSharpnessCeiling: hypotheses must be a positive integer, got ${hypotheses}`);
  if (hypotheses === 1) return 0.5;
  const others = epsilon / (hypotheses - 1);
  if (!(epsilon >= 0 && 1 - epsilon >= others)) {
    throw new RangeError(`wtaSharpnessCeiling: epsilon must be in [0, (K − 1)/K] = [0, ${(hypotheses - 1) / hypotheses}] for K = ${hypotheses}, got ${epsilon}`);
  }
  const alpha = (1 - epsilon) / (1 - epsilon + others);
  return alpha ** 2 + (1 - alpha) ** 2;
}
