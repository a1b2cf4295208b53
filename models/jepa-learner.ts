/**
 * JEPA learner (I-JEPA, Assran et al. 2023; V-JEPA 2024; LeJEPA, Balestriero & LeCun 2025): the
 * same encoder sees the visible tokens, a predictor of the same shape as the pixel learner's
 * predicts the target encoder's embeddings of the hidden tokens, and an anti-collapse term keeps
 * the embeddings informative:
 * - 'sigreg' (default, LeJEPA): loss = (1 − λ)·prediction + λ·SIGReg; the target encoder is the
 *   encoder itself, no EMA and no stop-gradient;
 * - 'none': prediction only (λ = 0), which collapses;
 * - 'ema': prediction against an EMA copy of the encoder with stop-gradient (momentum 0.996 → 1);
 * - 'vicreg': 25·prediction + 25·variance + 1·covariance (Bardes et al. 2022).
 * SIGReg acts on the token embeddings (the targets themselves), by default per token position
 * across the batch (`sigregScope: 'per-position'`): SIGReg over all B·N tokens together is met by
 * the spread of the position embeddings alone, and the encoder then drops the content, so that the
 * predictor can reach its lowest loss from the mask token's position without reading its context
 * (the positional shortcut; README, "Does it predict?"). VICReg, and SIGReg with 'tokens', see a
 * strided subset of about `regularizedTokens` of the B·N tokens (a different offset every step).
 * Pooling tokens before the regulariser is not enough: the encoder can then zero the pooled means
 * while every token stays uninformative.
 */
import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../datasets/random';
import { emaMomentum, emaUpdate } from './ema';
import { addEncoder, encode, encodeEachToken, ENCODER } from './encoder';
import { perHypothesisMse, type Learner, type LossTerms } from './learner';
import { ParamSet } from './params';
import { addPredictor, predict, type PredictorShape } from './predictor';
import { selectTokens } from './select-tokens';
import { sigreg, sigregAcrossBatch, sigregDirections } from './sigreg';
import type { StepInputs } from './step-inputs';
import type { TransformerSize } from './transformer';
import type { TokenGrid } from './tubelets';
import { VICREG_WEIGHTS, vicregTerms } from './vicreg';
import { winnerTakesAll, wtaRelaxAt, type WtaRelaxSchedule } from './winner-takes-all';

export const ANTI_COLLAPSE_METHODS = ['sigreg', 'none', 'ema', 'vicreg'] as const;
export type AntiCollapse = (typeof ANTI_COLLAPSE_METHODS)[number];

/**
 * What SIGReg tests for normality: 'tokens' — a strided subset of all B·N token embeddings
 * (a spread made of position offsets passes); 'per-position' — each token position's B embeddings
 * across the batch (sigregAcrossBatch: position alone counts as collapse).
 */
/**
 * What the JEPA predicts for a hidden token: 'clip' — the target encoder's embedding of it within
 * the whole clip (I-JEPA, V-JEPA, LeJEPA); 'token' — the same encoder on that token alone, so a
 * target holds what its own pixels show and cannot carry a summary of the rest of the clip.
 */
export const JEPA_TARGETS = ['clip', 'token'] as const;
export type JepaTargets = (typeof JEPA_TARGETS)[number];

export const SIGREG_SCOPES = ['tokens', 'per-position'] as const;
export type SigregScope = (typeof SIGREG_SCOPES)[number];

export interface JepaLearnerConfig {
  encoder: TransformerSize;
  predictor: TransformerSize;
  hypotheses: number;
  /** Relaxed winner-takes-all weight ε for the non-winning hypotheses at step 1 (0 = pure minimum). */
  wtaRelax: number;
  /** How ε moves from `wtaRelax` over the `totalSteps` steps. */
  wtaRelaxSchedule: WtaRelaxSchedule;
  antiCollapse: AntiCollapse;
  /** SIGReg weight λ in (1 − λ)·prediction + λ·SIGReg. */
  lambda: number;
  /** SIGReg slices M (random directions per step). */
  slices: number;
  /** About how many token embeddings per step SIGReg/VICReg see (a strided subset of B·N). */
  regularizedTokens: number;
  /** What SIGReg sees (the training loss only; the held-out gauge always reads tokens). */
  sigregScope: SigregScope;
  /** What a hidden token's target embedding is computed from. */
  targets: JepaTargets;
  /** Steps of the run, for the EMA momentum and ε schedules. */
  totalSteps: number;
  seed: number;
}

/** Seed-stream tag for SIGReg directions ("SIGR"). */
export const SIGREG_STREAM = 0x53494752;

/** Largest stride k dividing N with B·N/k ≥ rows (k = 1 keeps every token). */
export function tokenStride(batch: number, tokens: number, rows: number): number {
  let best = 1;
  for (let k = 1; k <= tokens; k++) if (tokens % k === 0 && (batch * tokens) / k >= rows) best = k;
  return best;
}

/**
 * Tokens n ≡ offset (mod k) of every clip: z [B, N, D] → [B·N/k, D], by reshape and slice so the
 * gradient works on every backend (tf.gather has none on wasm).
 */
export function strideTokens(z: tf.Tensor3D, stride: number, offset: number): tf.Tensor2D {
  return tf.tidy(() => {
    const [batch, count, width] = z.shape;
    if (stride === 1) return z.reshape([batch * count, width]) as tf.Tensor2D;
    return z
      .reshape([batch, count / stride, stride, width])
      .slice([0, 0, offset % stride, 0], [batch, count / stride, 1, width])
      .reshape([(batch * count) / stride, width]) as tf.Tensor2D;
  });
}

/** z: [B, N, D] → per-clip embeddings [B, D] (mean over all tokens), used for collapse metrics. */
export function clipEmbeddings(z: tf.Tensor3D): tf.Tensor2D {
  return tf.tidy(() => z.mean(1) as tf.Tensor2D);
}

export class JepaLearner implements Learner {
  readonly kind = 'jepa' as const;
  readonly params: ParamSet;
  readonly predictorShape: PredictorShape;
  /** EMA target encoder ('ema' only). */
  readonly target: ParamSet | null;

  constructor(readonly config: JepaLearnerConfig, readonly grid: TokenGrid, private readonly encoderPositions: tf.Tensor2D) {
    this.params = new ParamSet(config.seed);
    this.predictorShape = {
      size: config.predictor,
      inWidth: config.encoder.width,
      outDim: config.encoder.width,
      hypotheses: config.hypotheses,
      bottleneck: null,
    };
    addEncoder(this.params, grid.patchSize, config.encoder);
    addPredictor(this.params, this.predictorShape);
    this.target = config.antiCollapse === 'ema' ? this.params.frozenCopy(`${ENCODER}/`) : null;
  }

  /** Embeddings of every token [B, N, D] by the online encoder. */
  encodeAll(tokens: tf.Tensor3D, params: ParamSet = this.params): tf.Tensor3D {
    return encode(params, this.config.encoder, tokens, this.encoderPositions);
  }

  /** Target embeddings of every token [B, N, D] (EMA encoder for 'ema'), as `targets` says. */
  targetEmbeddings(tokens: tf.Tensor3D): tf.Tensor3D {
    const params = this.target ?? this.params;
    if (this.config.targets === 'token') return encodeEachToken(params, this.config.encoder, tokens, this.encoderPositions);
    return this.encodeAll(tokens, params);
  }

  /** Predicted target embeddings [B, nt, K, D]. */
  predictEmbeddings(inputs: StepInputs): tf.Tensor4D {
    return tf.tidy(() => {
      const context = encode(this.params, this.config.encoder, inputs.context, inputs.encoderContextPositions);
      return predict(this.params, this.predictorShape, context, inputs.predictorContextPositions, inputs.predictorTargetPositions);
    });
  }

  /** The token embeddings the regulariser sees at `step`: [≈regularizedTokens, D]. */
  regularizedRows(z: tf.Tensor3D, step: number): tf.Tensor2D {
    const stride = tokenStride(z.shape[0], z.shape[1], this.config.regularizedTokens);
    return strideTokens(z, stride, step);
  }

  /** This step's M random unit directions [D, M]. */
  private directions(width: number, step: number): tf.Tensor2D {
    return tf.tensor2d(sigregDirections(width, this.config.slices, deriveSeed(this.config.seed, SIGREG_STREAM, step)), [width, this.config.slices]);
  }

  /** SIGReg of `rows` with this step's M random directions. */
  sigregOf(rows: tf.Tensor2D, step: number): tf.Scalar {
    return tf.tidy(() => sigreg(rows, this.directions(rows.shape[1], step)));
  }

  /** SIGReg of each token position across the batch (z [B, N, D]), with this step's directions. */
  sigregAcrossBatchOf(z: tf.Tensor3D, step: number): tf.Scalar {
    return tf.tidy(() => sigregAcrossBatch(z, this.directions(z.shape[2], step)));
  }

  losses(inputs: StepInputs, step: number, withParts: boolean): LossTerms {
    return tf.tidy(() => {
      const z = this.targetEmbeddings(inputs.tokens);
      const targets = selectTokens(z, inputs.targetSelector);
      const perHypothesis = perHypothesisMse(this.predictEmbeddings(inputs), targets);
      const { wtaRelaxSchedule, wtaRelax, totalSteps } = this.config;
      const prediction = winnerTakesAll(perHypothesis, wtaRelaxAt(wtaRelaxSchedule, wtaRelax, step, totalSteps));
      const { antiCollapse, lambda } = this.config;
      let rows: tf.Tensor2D | null = null;
      const regularized = () => (rows ??= this.regularizedRows(z, step)); // built only if a term needs it
      const sigregValue = () => (this.config.sigregScope === 'per-position' ? this.sigregAcrossBatchOf(z, step) : this.sigregOf(regularized(), step));
      const parts: Record<string, tf.Scalar> = {};
      let total: tf.Scalar;
      let sig: tf.Scalar | null = null;
      if (antiCollapse === 'sigreg' && lambda > 0) {
        sig = sigregValue();
        total = prediction.mul(1 - lambda).add(sig.mul(lambda));
      } else if (antiCollapse === 'vicreg') {
        const { variance, covariance } = vicregTerms(regularized());
        total = prediction.mul(VICREG_WEIGHTS.invariance).add(variance.mul(VICREG_WEIGHTS.variance)).add(covariance.mul(VICREG_WEIGHTS.covariance));
        if (withParts) Object.assign(parts, { variance, covariance });
      } else {
        total = prediction;
      }
      if (withParts) {
        parts.prediction = winnerTakesAll(perHypothesis);
        // SIGReg is charted for every method (a collapse gauge), computed only at readouts.
        parts.sigreg = sig ?? sigregValue();
      }
      return { total, parts };
    });
  }

  afterUpdate(step: number): void {
    if (this.target) emaUpdate(this.target, this.params, emaMomentum(step, this.config.totalSteps));
  }

  extraState(): Map<string, tf.Variable> {
    const state = new Map<string, tf.Variable>();
    if (this.target) for (const [name, v] of this.target.entries()) state.set(`ema/${name}`, v);
    return state;
  }

  dispose(): void {
    this.params.dispose();
    this.target?.dispose();
  }
}
