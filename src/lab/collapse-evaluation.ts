/**
 * Collapse gauges of an encoder on held-out clips (DESIGN §5): RankMe effective rank of the token
 * embeddings and of the clip embeddings (mean over tokens), mean per-dimension std, mean pairwise
 * cosine, and the SIGReg statistic of a fixed subset of the tokens that covers every token
 * position (gaugeRows) with fixed directions, so it reads against ≈ 1.05 for Gaussian embeddings.
 */
import * as tf from '@tensorflow/tfjs';
import { effectiveRank, meanPairwiseCosine, perDimensionStd } from '../../models/effective-rank';
import type { JepaLearner } from '../../models/jepa-learner';

/** Directions seed of the held-out SIGReg (fixed: the gauge is the same measurement at every evaluation). */
const HELD_OUT_SIGREG_STEP = 0;

/**
 * Rows (flat indices c·N + n into [count, N] tokens) of the held-out SIGReg: every token position
 * n appears P = min(count, ⌈rows/N⌉) times, in the clips c = (⌊j·count/P⌋ + n) mod count for
 * j = 0 … P − 1 — distinct clips per position, and consecutive positions step to the next clip,
 * so the clips are used about equally (P·N/count rows each). A fixed lattice, not a random draw:
 * the same rows at every evaluation. Why not all count·N rows: EP = N·∫|φ̂ − φ|²w grows ∝ N for
 * non-Gaussian embeddings, so with about `rows` = the regulariser's regularizedTokens rows (rounded
 * up to a multiple of N) the gauge reads on the scale of the training curve's SIGReg and does not
 * move with heldOutClips or the grid (for Gaussian embeddings E[EP] ≈ 1.052 for any N). Why not
 * the training subset (one token n ≡ offset mod k per stride): the sin-cos position code rides
 * the embeddings, so one spatial tube is one narrow slice of the distribution (it read 68–119
 * depending on the offset, for the same encoder).
 */
export function gaugeRows(count: number, tokens: number, rows: number): Int32Array {
  const perPosition = Math.min(count, Math.max(1, Math.ceil(rows / tokens)));
  const out = new Int32Array(perPosition * tokens);
  for (let j = 0; j < perPosition; j++) {
    const base = Math.floor((j * count) / perPosition);
    for (let n = 0; n < tokens; n++) out[j * tokens + n] = ((base + n) % count) * tokens + n;
  }
  return out;
}

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
  const picked = gaugeRows(count, tokens, jepa.config.regularizedTokens);
  const gauge = new Float32Array(picked.length * width);
  picked.forEach((row, r) => gauge.set(features.subarray(row * width, (row + 1) * width), r * width));
  const sig = tf.tidy(() => jepa.sigregOf(tf.tensor2d(gauge, [picked.length, width]), HELD_OUT_SIGREG_STEP));
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
