/**
 * What the pixel learner predicts for held-out clips: every hypothesis pasted into the clip's
 * hidden tokens (context tokens keep the true pixels), and which hypothesis is closest (MSE over
 * the hidden tokens) to the truth — the "best hypothesis" of a latent-variable predictor; with
 * K = 1 the only one.
 */
import * as tf from '@tensorflow/tfjs';
import type { Mask } from '../../models/masking';
import type { RaceTrainer } from '../../models/race-trainer';
import { disposeStepInputs, StepInputBuilder } from '../../models/step-inputs';
import { tokenize, untokenize } from '../../models/tubelets';

export interface PixelPredictions {
  count: number;
  hypotheses: number;
  /** [count, K, T, H, W]: each clip with hypothesis k in its hidden tokens. */
  clips: Float32Array;
  /** Best hypothesis of each clip. */
  best: Int32Array;
  /** Mean squared error over hidden pixels of each clip's best hypothesis. */
  bestMse: Float64Array;
}

/** Predictions for clips `frames` [count, T, H, W] under `mask` (one forward pass, no gradient). */
export async function pixelPredictions(trainer: RaceTrainer, frames: Float32Array, count: number, mask: Mask): Promise<PixelPredictions> {
  const grid = trainer.grid;
  const inputs = new StepInputBuilder(trainer.tables, count).build(frames, mask);
  const prediction = trainer.pixel.predictPixels(inputs); // [B, nt, K, P]
  const values = await prediction.data();
  const [, nt, k, p] = prediction.shape;
  tf.dispose(prediction);
  disposeStepInputs(inputs);
  const clipSize = grid.T * grid.H * grid.W;
  const truthTokens = tokenize(frames.subarray(0, count * clipSize), count, grid);
  const clips = new Float32Array(count * k * clipSize);
  const best = new Int32Array(count);
  const bestMse = new Float64Array(count).fill(Infinity);
  const tokens = new Float32Array(grid.count * p);
  for (let b = 0; b < count; b++) {
    for (let h = 0; h < k; h++) {
      tokens.set(truthTokens.subarray(b * grid.count * p, (b + 1) * grid.count * p));
      let sse = 0;
      for (let i = 0; i < nt; i++) {
        const token = mask.target[i]!;
        for (let q = 0; q < p; q++) {
          const v = values[((b * nt + i) * k + h) * p + q]!;
          sse += (v - tokens[token * p + q]!) ** 2;
          tokens[token * p + q] = v;
        }
      }
      untokenize(tokens, 1, grid, clips.subarray((b * k + h) * clipSize, (b * k + h + 1) * clipSize));
      const mse = sse / (nt * p);
      if (mse < bestMse[b]!) {
        bestMse[b] = mse;
        best[b] = h;
      }
    }
  }
  return { count, hypotheses: k, clips, best, bestMse };
}

/** Clip b's hypothesis h: [T, H, W] (a view). */
export function predictedClip(predictions: PixelPredictions, clipSize: number, b: number, h: number): Float32Array {
  const at = (b * predictions.hypotheses + h) * clipSize;
  return predictions.clips.subarray(at, at + clipSize);
}
