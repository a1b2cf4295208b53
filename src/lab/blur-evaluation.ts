/**
 * Blur of the pixel learner's future-frame predictions (DESIGN §5), pooled over held-out clips:
 * sharpness ratio Σ|∇Ŷ|²/Σ|∇Y|², variance-of-Laplacian ratio, Mathieu–Couprie–LeCun sharpness
 * difference (dB), and on `fork`:
 * - the mean over clips of the distance to the analytic mean of the futures divided by the
 *   distance to the nearest single future;
 * - the excess MSE over the exact mean of the futures and the unavoidable MSE (forkExcessMse),
 *   per hidden frame t (`blur.excessMse.frame<t>`, t counted from the clip's first frame) and over
 *   all hidden frames, with their ratio excess/unavoidable (ratio of the clip-pooled sums; NaN
 *   for a frame where every future is the same);
 * - with two equiprobable branches and the relaxed-WTA ε the model last trained with: that ε and
 *   the best-hypothesis sharpness ceiling it allows (wtaSharpnessCeiling), beside the score.
 * Each uses the best hypothesis of each clip (with K = 1, the prediction itself), over the hidden
 * frames only.
 */
import type { ForkScene } from '../../datasets/fork';
import type { Split } from '../../datasets/splits';
import { forkExcessMse, forkMeanDistanceRatio, laplacianVarianceRatio, sharpnessDifference } from '../../models/blur-metrics';
import { sharpnessRatio } from '../../models/sharpness';
import type { TokenGrid } from '../../models/tubelets';
import { wtaSharpnessCeiling } from '../../models/winner-takes-all';
import { predictedClip, type PixelPredictions } from './pixel-predictions';

export interface ForkReference {
  scene: ForkScene;
  split: Split;
  /** Clip index of each evaluated clip in `split`. */
  firstIndex: number;
}

/** Excess, unavoidable MSE and their ratio under `suffix` ('' pooled, '.frame<t>' per frame). */
function excessMetrics(metrics: Record<string, number>, suffix: string, excess: number, unavoidable: number): void {
  metrics[`blur.excessMse${suffix}`] = excess;
  metrics[`blur.unavoidableMse${suffix}`] = unavoidable;
  metrics[`blur.excessRatio${suffix}`] = excess / unavoidable;
}

/**
 * Blur metrics of hidden frames `firstHidden`…T−1 (future-frames masking). `wtaRelax`: the
 * relaxed-WTA ε of the step evaluated (for the sharpness ceiling on a two-branch fork).
 */
export function blurMetrics(predictions: PixelPredictions, truth: Float32Array, grid: TokenGrid, firstHidden: number, fork?: ForkReference, wtaRelax?: number): Record<string, number> {
  const { T, H, W } = grid;
  const frameSize = H * W;
  const clipSize = T * frameSize;
  const hiddenFrames = T - firstHidden;
  const hiddenSize = hiddenFrames * frameSize;
  const predicted = new Float32Array(predictions.count * hiddenSize);
  const actual = new Float32Array(predictions.count * hiddenSize);
  const excess = new Float64Array(hiddenFrames);
  const unavoidable = new Float64Array(hiddenFrames);
  let meanRatio = 0;
  for (let b = 0; b < predictions.count; b++) {
    const clip = predictedClip(predictions, clipSize, b, predictions.best[b]!).subarray(firstHidden * frameSize);
    const clipTruth = truth.subarray(b * clipSize + firstHidden * frameSize, (b + 1) * clipSize);
    predicted.set(clip, b * hiddenSize);
    actual.set(clipTruth, b * hiddenSize);
    if (fork) {
      const index = fork.firstIndex + b;
      const futures = fork.scene.futures(fork.split, index);
      const mean = fork.scene.meanClip(fork.split, index, futures).subarray(firstHidden * frameSize);
      const possible = futures.filter((f) => f.probability > 0).map((f) => f.frames.subarray(firstHidden * frameSize));
      meanRatio += forkMeanDistanceRatio(clip, possible, mean) / predictions.count;
      const perFrame = forkExcessMse(clip, mean, clipTruth, frameSize);
      for (let f = 0; f < hiddenFrames; f++) {
        excess[f] = excess[f]! + perFrame.excess[f]! / predictions.count;
        unavoidable[f] = unavoidable[f]! + perFrame.unavoidable[f]! / predictions.count;
      }
    }
  }
  const metrics: Record<string, number> = {
    'blur.sharpness': sharpnessRatio(predicted, actual, H, W),
    'blur.laplacian': laplacianVarianceRatio(predicted, actual, H, W),
    'blur.sharpnessDb': sharpnessDifference(predicted, actual, H, W),
    'blur.mse': predictions.bestMse.reduce((s, v) => s + v, 0) / predictions.count,
  };
  if (fork) {
    metrics['blur.meanDistanceRatio'] = meanRatio;
    const mean = (values: Float64Array) => values.reduce((s, v) => s + v, 0) / hiddenFrames;
    excessMetrics(metrics, '', mean(excess), mean(unavoidable));
    for (let f = 0; f < hiddenFrames; f++) excessMetrics(metrics, `.frame${firstHidden + f}`, excess[f]!, unavoidable[f]!);
    const [p, q] = fork.scene.probabilities;
    if (wtaRelax !== undefined && fork.scene.branches === 2 && p === q) {
      metrics['blur.wtaRelax'] = wtaRelax;
      metrics['blur.sharpnessCeiling'] = wtaSharpnessCeiling(wtaRelax, predictions.hypotheses);
    }
  }
  return metrics;
}
