/**
 * Configuration of a race: both learners, one data stream, one mask per step, one optimiser
 * setting. Defaults keep the two learners' parameter counts within 10% of each other and a race
 * step at batch 32 within the wasm budget (see bench/race-step.bench.ts).
 */
import { ANTI_COLLAPSE_METHODS, JEPA_TARGETS, SIGREG_SCOPES, type AntiCollapse, type JepaTargets, type SigregScope } from './jepa-learner';
import type { LearnerKind } from './learner';
import { defaultMaskRatio, MASK_STRATEGIES, MAX_MASK_RATIO, type MaskSpec } from './masking';
import { OPTIMIZER_DEFAULTS, type OptimizerConfig } from './adamw';
import { checkFields, type FieldRule } from './field-rules';
import { TRANSFORMER_SIZE_RULES, validateTransformerSize, type TransformerSize } from './transformer';
import { DEFAULT_TUBELET, type TubeletSize } from './tubelets';
import { WTA_RELAX_SCHEDULES, type WtaRelaxSchedule } from './winner-takes-all';

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
   * Relaxed WTA ε at step 1 (0 = the loss is exactly the minimum over the K hypotheses). Default
   * 0.05: with pure WTA the second hypothesis never won on `fork` and stayed a blurred copy
   * (measured: best-hypothesis sharpness 0.45 vs 0.77 with ε = 0.05, 3,000 steps, 16×16 fork).
   */
  wtaRelax: number;
  /**
   * How ε moves over the run (models/winner-takes-all.ts, wtaRelaxAt). Default 'linear-to-zero':
   * a constant ε caps the best hypothesis's sharpness below 1 (wtaSharpnessCeiling: 0.905 at
   * ε = 0.05, K = 2), so ε only serves to get every hypothesis winning early and then goes.
   */
  wtaRelaxSchedule: WtaRelaxSchedule;
  /**
   * Position information in both learners' encoders: 'sincos' adds the fixed 3-D table to every
   * token (ViT/MAE/I-JEPA), 'none' leaves the encoder position-free (a set encoder: a token's
   * embedding depends on its pixels and on the other tokens, not on where it sits), so position
   * cannot dominate the JEPA's targets; the predictors always add positions to their inputs and
   * queries (see POSITIONAL-SHORTCUT in README: the ablation that chose the default).
   */
  encoderPositions: EncoderPositions;
  pixel: { normalizePatches: boolean; bottleneck: number | null };
  jepa: { antiCollapse: AntiCollapse; lambda: number; slices: number; regularizedTokens: number; sigregScope: SigregScope; targets: JepaTargets };
  optimizer: OptimizerConfig;
}

export const ENCODER_POSITIONS = ['sincos', 'none'] as const;
export type EncoderPositions = (typeof ENCODER_POSITIONS)[number];

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
  wtaRelaxSchedule: 'linear-to-zero',
  encoderPositions: 'sincos',
  pixel: { normalizePatches: false, bottleneck: null },
  jepa: { antiCollapse: 'sigreg', lambda: 0.05, slices: 256, regularizedTokens: 256, sigregScope: 'per-position', targets: 'clip' },
  optimizer: OPTIMIZER_DEFAULTS,
};

function prefixed(prefix: string, rules: Readonly<Record<string, FieldRule>>): Record<string, FieldRule> {
  return Object.fromEntries(Object.entries(rules).map(([key, rule]) => [`${prefix}.${key}`, rule]));
}

/** Every scalar field of a race config with its allowed values (dotted paths). */
export const RACE_FIELD_RULES: Readonly<Record<string, FieldRule>> = {
  batch: { kind: 'integer', min: 2, max: 1024 },
  steps: { kind: 'integer', min: 1, max: 10_000_000 },
  seed: { kind: 'integer', min: 0, max: 2 ** 31 - 1 },
  'tubelet.t': { kind: 'integer', min: 1, max: 16 },
  'tubelet.h': { kind: 'integer', min: 1, max: 64 },
  'tubelet.w': { kind: 'integer', min: 1, max: 64 },
  'mask.strategy': { kind: 'choice', options: MASK_STRATEGIES },
  'mask.ratio': { kind: 'number', min: 0, max: MAX_MASK_RATIO },
  ...prefixed('encoder', TRANSFORMER_SIZE_RULES),
  ...prefixed('predictor', TRANSFORMER_SIZE_RULES),
  hypotheses: { kind: 'integer', min: 1, max: 16 },
  wtaRelax: { kind: 'number', min: 0, max: 0.5 },
  wtaRelaxSchedule: { kind: 'choice', options: WTA_RELAX_SCHEDULES },
  encoderPositions: { kind: 'choice', options: ENCODER_POSITIONS },
  'pixel.normalizePatches': { kind: 'boolean' },
  'pixel.bottleneck': { kind: 'integer', min: 1, max: 1024, nullable: true },
  'jepa.antiCollapse': { kind: 'choice', options: ANTI_COLLAPSE_METHODS },
  'jepa.lambda': { kind: 'number', min: 0, max: 1 },
  'jepa.slices': { kind: 'integer', min: 1, max: 4096 },
  'jepa.regularizedTokens': { kind: 'integer', min: 2, max: 65536 },
  'jepa.sigregScope': { kind: 'choice', options: SIGREG_SCOPES },
  'jepa.targets': { kind: 'choice', options: JEPA_TARGETS },
  'optimizer.kind': { kind: 'choice', options: ['adam', 'adamw'] },
  'optimizer.learningRate': { kind: 'number', min: 1e-7, max: 1 },
  'optimizer.weightDecay': { kind: 'number', min: 0, max: 1 },
  'optimizer.beta1': { kind: 'number', min: 0, max: 0.9999 },
  'optimizer.beta2': { kind: 'number', min: 0, max: 0.999999 },
  'optimizer.epsilon': { kind: 'number', min: 1e-12, max: 1e-3 },
};

export const LEARNER_KINDS: readonly LearnerKind[] = ['pixel', 'jepa'];

/** Throws a RangeError naming the first bad field, its value and the allowed range. */
export function validateRaceConfig(c: RaceConfig): void {
  if (!Array.isArray(c.learners) || c.learners.length === 0 || c.learners.some((l) => !LEARNER_KINDS.includes(l)) || new Set(c.learners).size !== c.learners.length) {
    throw new RangeError(`learners: ${JSON.stringify(c.learners)} is not allowed; allowed: a non-empty list of distinct 'pixel', 'jepa'`);
  }
  checkFields(c, RACE_FIELD_RULES);
  validateTransformerSize(c.encoder, 'encoder');
  validateTransformerSize(c.predictor, 'predictor');
}
