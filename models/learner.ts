/** What the race trainer needs from a learner (pixel predictor or JEPA). */
import type * as tf from '@tensorflow/tfjs';
import type { ParamSet } from './params';
import type { StepInputs } from './step-inputs';

export type LearnerKind = 'pixel' | 'jepa';

export interface LossTerms {
  /** The objective that is differentiated. */
  total: tf.Scalar;
  /** Named parts for charts (only filled when metrics are asked for). */
  parts: Record<string, tf.Scalar>;
}

export interface Learner {
  readonly kind: LearnerKind;
  /** Trainable parameters (an EMA copy, if any, is not among them). */
  readonly params: ParamSet;
  losses(inputs: StepInputs, step: number, withParts: boolean): LossTerms;
  /** Called after each optimiser update (EMA target update). */
  afterUpdate(step: number): void;
  /** Extra non-trainable state to checkpoint (EMA weights), by name. */
  extraState(): Map<string, tf.Variable>;
  dispose(): void;
}

/** Per-sample, per-hypothesis mean squared error: pred [B, nt, K, d], target [B, nt, d] → [B, K]. */
export function perHypothesisMse(prediction: tf.Tensor4D, target: tf.Tensor3D): tf.Tensor2D {
  return prediction.sub(target.expandDims(2)).square().mean([1, 3]) as tf.Tensor2D;
}
