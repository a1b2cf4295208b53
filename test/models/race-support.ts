/** Small race configs and synthetic batch sources for tests. */
import { Random } from '../../datasets/random';
import { RACE_DEFAULTS, type RaceConfig } from '../../models/race-config';
import type { BatchSource } from '../../models/race-trainer';

export const SMALL_RACE: RaceConfig = {
  ...RACE_DEFAULTS,
  batch: 4,
  steps: 20,
  encoder: { width: 16, depth: 1, heads: 2, mlpRatio: 2 },
  predictor: { width: 8, depth: 1, heads: 2, mlpRatio: 2 },
  jepa: { antiCollapse: 'sigreg', lambda: 0.05, slices: 16, regularizedTokens: 64, sigregScope: 'tokens', targets: 'clip' },
};

/**
 * A tiny race on `fork` 16 × 16 (batch 4, future frames hidden, width-16 encoder and predictor,
 * 16 SIGReg slices) for evaluation tests; spread it and override what a test varies.
 */
export const TINY_FORK_RACE: RaceConfig = {
  ...RACE_DEFAULTS,
  batch: 4,
  mask: { strategy: 'future-frames', ratio: 0.5 },
  encoder: { width: 16, depth: 1, heads: 2, mlpRatio: 2 },
  predictor: { width: 16, depth: 1, heads: 2, mlpRatio: 2 },
  jepa: { ...RACE_DEFAULTS.jepa, slices: 16 },
};

/** Random frames in [0, 1], deterministic in the step; `poison(step)` makes a step's frames NaN. */
export function noiseSource(batch: number, poison: (step: number) => boolean = () => false): BatchSource {
  const shape = { T: 8, H: 32, W: 32 };
  const buffer = new Float32Array(batch * 8 * 32 * 32);
  return {
    shape,
    batch,
    sample(step: number) {
      const rng = new Random(step);
      for (let i = 0; i < buffer.length; i++) buffer[i] = poison(step) ? Number.NaN : rng.next();
      return buffer;
    },
  };
}
