/**
 * VICReg's anti-collapse terms (Bardes, Ponce & LeCun, "VICReg: Variance-Invariance-Covariance
 * Regularization for Self-Supervised Learning", ICLR 2022, arXiv 2105.04906), for embeddings
 * Z ∈ R^{N×D} with per-dimension statistics over the N rows (denominator N − 1):
 *   variance   = (1/D) Σ_d relu(1 − sqrt(Var(z_d) + 1e-4))      (hinge on the std at 1)
 *   covariance = (1/D) Σ_{i≠j} C_ij²,  C = (Z − Z̄)ᵀ(Z − Z̄)/(N − 1)
 */
import * as tf from '@tensorflow/tfjs';

/** The paper's loss weights: λ (invariance) = μ (variance) = 25, ν (covariance) = 1. */
export const VICREG_WEIGHTS = { invariance: 25, variance: 25, covariance: 1 } as const;

const STD_EPS = 1e-4;

/** Variance and covariance terms of VICReg for z [N ≥ 2, D]; differentiable, tidy. */
export function vicregTerms(z: tf.Tensor2D): { variance: tf.Scalar; covariance: tf.Scalar } {
  if (z.rank !== 2 || z.shape[0] < 2) throw new Error(`vicregTerms: expected embeddings [N ≥ 2, D], got shape [${z.shape}]`);
  const [n, d] = z.shape;
  return tf.tidy(() => {
    const centered = tf.sub(z, tf.mean(z, 0, true));
    const variances = tf.div(tf.sum(tf.square(centered), 0), n - 1);
    const variance = tf.mean(tf.relu(tf.sub(1, tf.sqrt(tf.add(variances, STD_EPS))))) as tf.Scalar;
    const cov = tf.div(tf.matMul(centered, centered, true, false), n - 1);
    const offDiagonal = tf.sub(1, tf.eye(d));
    const covariance = tf.div(tf.sum(tf.mul(tf.square(cov), offDiagonal)), d) as tf.Scalar;
    return { variance, covariance };
  });
}
