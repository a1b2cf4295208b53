/**
 * Exponential moving average target encoder (BYOL; I-JEPA/V-JEPA): θ̄ ← m·θ̄ + (1 − m)·θ with the
 * momentum m rising linearly from 0.996 to 1 over training. The EMA copy gets no gradient.
 */
import * as tf from '@tensorflow/tfjs';
import type { ParamSet } from './params';

export const EMA_MOMENTUM_START = 0.996;
export const EMA_MOMENTUM_END = 1;

/** Momentum after `step` of `totalSteps` (linear schedule, clamped at the end value). */
export function emaMomentum(step: number, totalSteps: number, start = EMA_MOMENTUM_START, end = EMA_MOMENTUM_END): number {
  const progress = Math.min(Math.max(step / Math.max(totalSteps, 1), 0), 1);
  return start + (end - start) * progress;
}

/** target ← m·target + (1 − m)·online for every parameter the target holds. */
export function emaUpdate(target: ParamSet, online: ParamSet, momentum: number): void {
  tf.tidy(() => {
    for (const [name, t] of target.entries()) {
      t.assign(t.mul(momentum).add(online.get(name).mul(1 - momentum)));
    }
  });
}
