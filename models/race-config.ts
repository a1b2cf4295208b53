/**
 * Configuration of a race: both learners, one data stream, one mask per step, one optimiser
 * setting. Defaults keep the two learners' parameter counts within 10% of each other and a race
 * step at batch 32 within the wasm budget (see bench/race-step.bench.ts).
 */
import { ANTI_COLLAPSE_METHODS, type AntiCollapse } from './jepa-learner';
import type { LearnerKind } from './learner';
import { defaultMaskRatio, MASK_STRATEGIES, MAX_MASK_RATIO, type MaskSpec } from './masking';
import { OPTIMIZER_DEFAULTS, type OptimizerConfig } from './adamw';
import { validateTransformerSize, type TransformerSize } from './transformer';
import { DEFAULT_TUBELET, type TubeletSize } from './tubelets';

export interface RaceConfig {
  /** Which learners train (both for a race; one for single-learner studies such as collapse). */
  learners: LearnerKind[];
  batch: number;
  steps: number;
  seed: number;
  tubelet: TubeletSize;
  mask: MaskSpec;
  encoder: TransformerSize;
  predictor: TransformerSize;
  /** Latent hypotheses K for both predictors (1 = a single deterministic prediction). */
  hypotheses: number;
  /**
   * Relaxed WTA ε (0 = the loss is exactly the minimum over the K hypotheses). Default 0.05: with
   * pure WTA the second hypothesis never won on `fork` and stayed a blurred copy (measured: best-
   * hypothesis sharpness 0.45 vs 0.77 with ε = 0.05, 3,000 steps, 16×16 fork).
   */
  wtaRelax: number;
  pixel: { normalizePatches: boolean; bottleneck: number | null };
  jepa: { antiCollapse: AntiCollapse; lambda: number; slices: number; regularizedTokens: number };
  optimizer: OptimizerConfig;
}

export const RACE_DEFAULTS: RaceConfig = {
  learners: ['pixel', 'jepa'],
  batch: 32,
  steps: 1000,
  seed: 1,
  tubelet: DEFAULT_TUBELET,
  mask: { strategy: 'multi-block', ratio: defaultMaskRatio('multi-block') },
  encoder: { width: 32, depth: 2, heads: 2, mlpRatio: 2 },
  predictor: { width: 32, depth: 1, heads: 2, mlpRatio: 2 },
  hypotheses: 1,
  wtaRelax: 0.05,
  pixel: { normalizePatches: false, bottleneck: null },
  jepa: { antiCollapse: 'sigreg', lambda: 0.05, slices: 256, regularizedTokens: 256 },
  optimizer: OPTIMIZER_DEFAULTS,
};

function integerIn(field: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${field}: ${String(value)} is out of range; allowed integers from ${min} to ${max}`);
  }
}

function numberIn(field: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(`${field}: ${String(value)} is out of range; allowed numbers from ${min} to ${max}`);
  }
}

function oneOf(field: string, value: unknown, allowed: readonly string[]): void {
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw new RangeError(`${field}: '${String(value)}' is not allowed; allowed: ${allowed.join(', ')}`);
  }
}

/** Throws a RangeError naming the first bad field, its value and the allowed range. */
export function validateRaceConfig(c: RaceConfig): void {
  if (!Array.isArray(c.learners) || c.learners.length === 0 || c.learners.some((l) => l !== 'pixel' && l !== 'jepa') || new Set(c.learners).size !== c.learners.length) {
    throw new RangeError(`learners: ${JSON.stringify(c.learners)} is not allowed; allowed: a non-empty list of distinct 'pixel', 'jepa'`);
  }
  integerIn('batch', c.batch, 2, 1024);
  integerIn('steps', c.steps, 1, 10_000_000);
  integerIn('seed', c.seed, 0, 2 ** 31 - 1);
  oneOf('mask.strategy', c.mask.strategy, MASK_STRATEGIES);
  numberIn('mask.ratio', c.mask.ratio, 0, MAX_MASK_RATIO);
  validateTransformerSize(c.encoder, 'encoder');
  validateTransformerSize(c.predictor, 'predictor');
  integerIn('hypotheses', c.hypotheses, 1, 16);
  numberIn('wtaRelax', c.wtaRelax, 0, 0.5);
  if (c.pixel.bottleneck !== null) integerIn('pixel.bottleneck', c.pixel.bottleneck, 1, 1024);
  oneOf('jepa.antiCollapse', c.jepa.antiCollapse, ANTI_COLLAPSE_METHODS);
  numberIn('jepa.lambda', c.jepa.lambda, 0, 1);
  integerIn('jepa.slices', c.jepa.slices, 1, 4096);
  integerIn('jepa.regularizedTokens', c.jepa.regularizedTokens, 2, 65536);
  oneOf('optimizer.kind', c.optimizer.kind, ['adam', 'adamw']);
  numberIn('optimizer.learningRate', c.optimizer.learningRate, 1e-7, 1);
  numberIn('optimizer.weightDecay', c.optimizer.weightDecay, 0, 1);
  numberIn('optimizer.beta1', c.optimizer.beta1, 0, 0.9999);
  numberIn('optimizer.beta2', c.optimizer.beta2, 0, 0.999999);
  numberIn('optimizer.epsilon', c.optimizer.epsilon, 1e-12, 1e-3);
}
