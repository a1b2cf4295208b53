/**
 * Collapse gauges of an encoder on held-out clips (DESIGN §5): RankMe effective rank of the token
 * embeddings and of the clip embeddings (mean over tokens), mean per-dimension std, mean pairwise
 * cosine, and the SIGReg statistic of a fixed strided subset of the tokens with fixed directions
 * (the same estimator the JEPA trains with, so its scale matches the training curve).
 */
import * as tf from '@tensorflow/tfjs';
import { effectiveRank, meanPairwiseCosine, perDimensionStd } from '../../models/effective-rank';
import type { JepaLearner } from '../../models/jepa-learner';

/** Directions seed and token offset of the held-out SIGReg (fixed: the gauge is the same measurement at every evaluation). */
const HELD_OUT_SIGREG_STEP = 0;

/** Metrics of token features [count, N, D] (from frozenTokenFeatures). */
export async function collapseMetrics(features: Float32Array, count: number, tokens: number, width: number, jepa: JepaLearner): Promise<Record<string, number>> {
  const rows = count * tokens;
  const clips = new Float32Array(count * width);
  for (let c = 0; c < count; c++) {
    for (let n = 0; n < tokens; n++) {
      const at = (c * tokens + n) * width;
      for (let i = 0; i < width; i++) clips[c * width + i] = clips[c * width + i]! + features[at + i]! / tokens;
    }
  }
  const std = perDimensionStd(features, rows, width);
  const sig = tf.tidy(() => jepa.sigregOf(jepa.regularizedRows(tf.tensor3d(features, [count, tokens, width]), HELD_OUT_SIGREG_STEP), HELD_OUT_SIGREG_STEP));
  const sigreg = (await sig.data())[0]!;
  sig.dispose();
  return {
    'collapse.rank': effectiveRank(features, rows, width),
    'collapse.clipRank': effectiveRank(clips, count, width),
    'collapse.std': std.reduce((s, v) => s + v, 0) / width,
    'collapse.cosine': meanPairwiseCosine(features, rows, width),
    'collapse.sigreg': sigreg,
    'collapse.width': width,
  };
}
