/**
 * Blur of the pixel learner's future-frame predictions (DESIGN §5), pooled over held-out clips:
 * sharpness ratio Σ|∇Ŷ|²/Σ|∇Y|², variance-of-Laplacian ratio, Mathieu–Couprie–LeCun sharpness
 * difference (dB), and on `fork` the mean over clips of the distance to the analytic mean of the
 * futures divided by the distance to the nearest single future. Each uses the best hypothesis of
 * each clip (with K = 1, the prediction itself), over the hidden frames only.
 */
import type { ForkScene } from '../../datasets/fork';
import type { Split } from '../../datasets/splits';
import { forkMeanDistanceRatio, laplacianVarianceRatio, sharpnessDifference } from '../../models/blur-metrics';
import { sharpnessRatio } from '../../models/sharpness';
import type { TokenGrid } from '../../models/tubelets';
import { predictedClip, type PixelPredictions } from './pixel-predictions';

export interface ForkReference {
  scene: ForkScene;
  split: Split;
  /** Clip index of each evaluated clip in `split`. */
  firstIndex: number;
}

/** Blur metrics of hidden frames `firstHidden`…T−1 (future-frames masking). */
export function blurMetrics(predictions: PixelPredictions, truth: Float32Array, grid: TokenGrid, firstHidden: number, fork?: ForkReference): Record<string, number> {
  const { T, H, W } = grid;
  const frameSize = H * W;
  const clipSize = T * frameSize;
  const hiddenSize = (T - firstHidden) * frameSize;
  const predicted = new Float32Array(predictions.count * hiddenSize);
  const actual = new Float32Array(predictions.count * hiddenSize);
  let meanRatio = 0;
  for (let b = 0; b < predictions.count; b++) {
    const clip = predictedClip(predictions, clipSize, b, predictions.best[b]!).subarray(firstHidden * frameSize);
    predicted.set(clip, b * hiddenSize);
    actual.set(truth.subarray(b * clipSize + firstHidden * frameSize, (b + 1) * clipSize), b * hiddenSize);
    if (fork) {
      const index = fork.firstIndex + b;
      const futures = fork.scene.futures(fork.split, index);
      const mean = fork.scene.meanClip(fork.split, index, futures).subarray(firstHidden * frameSize);
      const possible = futures.filter((f) => f.probability > 0).map((f) => f.frames.subarray(firstHidden * frameSize));
      meanRatio += forkMeanDistanceRatio(clip, possible, mean) / predictions.count;
    }
  }
  const metrics: Record<string, number> = {
    'blur.sharpness': sharpnessRatio(predicted, actual, H, W),
    'blur.laplacian': laplacianVarianceRatio(predicted, actual, H, W),
    'blur.sharpnessDb': sharpnessDifference(predicted, actual, H, W),
    'blur.mse': predictions.bestMse.reduce((s, v) => s + v, 0) / predictions.count,
  };
  if (fork) metrics['blur.meanDistanceRatio'] = meanRatio;
  return metrics;
}
