/** Sharpness of the pixel learner's future-frame predictions on held-out `fork` clips. */
import { createScene } from '../../datasets/registry';
import type { RaceTrainer } from '../../models/race-trainer';
import { sceneBatchSource } from '../../models/scene-source';
import { sharpnessRatio } from '../../models/sharpness';
import { disposeStepInputs, StepInputBuilder } from '../../models/step-inputs';
import { tokenize, untokenize } from '../../models/tubelets';

/**
 * Mean over held-out clips of the sharpness ratio of the predicted hidden frames, for the
 * hypothesis closest (MSE) to the true future of each clip ("best hypothesis"; with K = 1 the
 * only prediction). Hidden tokens must be whole time steps (future-frames masking).
 */
export async function forkBestHypothesisSharpness(trainer: RaceTrainer, params: Record<string, unknown> = {}): Promise<number> {
  const { batch } = trainer.config;
  const grid = trainer.grid;
  const { T, H, W } = grid;
  const source = sceneBatchSource(createScene('fork', params, trainer.config.seed), 'validation', batch);
  const frames = source.sample(0).slice();
  const mask = trainer.maskFor(1);
  const inputs = new StepInputBuilder(trainer.tables, batch).build(frames, mask);
  const prediction = trainer.pixel.predictPixels(inputs); // [B, nt, K, P]
  const values = await prediction.data();
  prediction.dispose();
  disposeStepInputs(inputs);
  const [, nt, k, p] = prediction.shape;
  const truthTokens = tokenize(frames, batch, grid);
  const firstHidden = (mask.target[0]! / (grid.nh * grid.nw)) * grid.tubelet.t;
  const frameSize = H * W;
  let total = 0;
  for (let b = 0; b < batch; b++) {
    let best = { mse: Infinity, sharpness: Number.NaN };
    for (let h = 0; h < k; h++) {
      const tokens = truthTokens.slice(b * grid.count * p, (b + 1) * grid.count * p);
      let mse = 0;
      mask.target.forEach((token, i) => {
        for (let q = 0; q < p; q++) {
          const v = values[((b * nt + i) * k + h) * p + q]!;
          mse += (v - tokens[token * p + q]!) ** 2;
          tokens[token * p + q] = v;
        }
      });
      const predicted = untokenize(tokens, 1, grid).subarray(firstHidden * frameSize, T * frameSize);
      const truth = frames.subarray(b * T * frameSize + firstHidden * frameSize, (b + 1) * T * frameSize);
      if (mse < best.mse) best = { mse, sharpness: sharpnessRatio(predicted, truth, H, W) };
    }
    total += best.sharpness;
  }
  return total / batch;
}
