/**
 * Pixel learner (masked autoencoder / next-frame predictor; He et al. 2022, VideoMAE 2022): the
 * encoder sees the visible tokens, the predictor fills every hidden position with pixels, and the
 * loss is the MSE on hidden tokens only. With masking ratio 0 it reconstructs the whole clip (a
 * plain autoencoder; add a bottleneck to stop the identity shortcut). Optional MAE per-patch
 * normalisation of targets, off by default so blur stays visible in raw pixels.
 */
import * as tf from '@tensorflow/tfjs';
import { addEncoder, encode } from './encoder';
import { perHypothesisMse, type Learner, type LossTerms } from './learner';
import { ParamSet } from './params';
import { addPredictor, predict, type PredictorShape } from './predictor';
import type { StepInputs } from './step-inputs';
import type { TransformerSize } from './transformer';
import { winnerTakesAll, wtaRelaxAt, type WtaRelaxSchedule } from './winner-takes-all';

export interface PixelLearnerConfig {
  encoder: TransformerSize;
  predictor: TransformerSize;
  hypotheses: number;
  /** Relaxed winner-takes-all weight ε for the non-winning hypotheses at step 1 (0 = pure minimum). */
  wtaRelax: number;
  /** How ε moves from `wtaRelax` over the `totalSteps` steps. */
  wtaRelaxSchedule: WtaRelaxSchedule;
  /** Steps of the run, for the ε schedule. */
  totalSteps: number;
  bottleneck: number | null;
  normalizePatches: boolean;
  seed: number;
}

export const PATCH_NORM_EPSILON = 1e-6;

/** Each token's pixel mean and std √(var + ε), both [B, n, 1]. */
function patchStats(pixels: tf.Tensor3D): { mean: tf.Tensor3D; std: tf.Tensor3D } {
  const mean = pixels.mean(2, true) as tf.Tensor3D;
  const std = pixels.sub(mean).square().mean(2, true).add(PATCH_NORM_EPSILON).sqrt() as tf.Tensor3D;
  return { mean, std };
}

/** MAE target normalisation: each token's pixels to zero mean, unit variance. */
export function normalizePatches(pixels: tf.Tensor3D): tf.Tensor3D {
  return tf.tidy(() => {
    const { mean, std } = patchStats(pixels);
    return pixels.sub(mean).div(std) as tf.Tensor3D;
  });
}

export class PixelLearner implements Learner {
  readonly kind = 'pixel' as const;
  readonly params: ParamSet;
  readonly predictorShape: PredictorShape;

  constructor(readonly config: PixelLearnerConfig, readonly patchSize: number) {
    this.params = new ParamSet(config.seed);
    this.predictorShape = {
      size: config.predictor,
      inWidth: config.encoder.width,
      outDim: patchSize,
      hypotheses: config.hypotheses,
      bottleneck: config.bottleneck,
    };
    addEncoder(this.params, patchSize, config.encoder);
    addPredictor(this.params, this.predictorShape);
  }

  /** Predicted pixels of the hidden tokens [B, nt, K, P] (in normalised units when normalizePatches). */
  predictRaw(inputs: StepInputs): tf.Tensor4D {
    return tf.tidy(() => {
      const context = encode(this.params, this.config.encoder, inputs.context, inputs.encoderContextPositions);
      return predict(this.params, this.predictorShape, context, inputs.predictorContextPositions, inputs.predictorTargetPositions);
    });
  }

  /** Per-sample, per-hypothesis loss [B, K]. */
  perHypothesisLoss(inputs: StepInputs): tf.Tensor2D {
    return tf.tidy(() => {
      const target = this.config.normalizePatches ? normalizePatches(inputs.targetPixels) : inputs.targetPixels;
      return perHypothesisMse(this.predictRaw(inputs), target);
    });
  }

  losses(inputs: StepInputs, step: number, withParts: boolean): LossTerms {
    return tf.tidy(() => {
      const perHypothesis = this.perHypothesisLoss(inputs);
      const { wtaRelaxSchedule, wtaRelax, totalSteps } = this.config;
      const total = winnerTakesAll(perHypothesis, wtaRelaxAt(wtaRelaxSchedule, wtaRelax, step, totalSteps));
      // 'mse' is the best hypothesis's MSE (the plain MSE when K = 1), whatever ε is.
      const parts: Record<string, tf.Scalar> = withParts ? { mse: winnerTakesAll(perHypothesis) } : {};
      return { total, parts };
    });
  }

  /**
   * Predicted pixels [B, nt, K, P] in pixel units: with per-patch normalisation the prediction is
   * mapped back with each target token's own mean and std (as MAE's visualisation does).
   */
  predictPixels(inputs: StepInputs): tf.Tensor4D {
    return tf.tidy(() => {
      const raw = this.predictRaw(inputs);
      if (!this.config.normalizePatches) return raw;
      const { mean, std } = patchStats(inputs.targetPixels);
      return raw.mul(std.expandDims(2)).add(mean.expandDims(2)) as tf.Tensor4D;
    });
  }

  afterUpdate(): void {}

  extraState(): Map<string, tf.Variable> {
    return new Map();
  }

  dispose(): void {
    this.params.dispose();
  }
}
