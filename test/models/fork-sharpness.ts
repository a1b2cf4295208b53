/** Sharpness of the pixel learner's future-frame predictions on held-out `fork` clips. */
import { BatchSampler } from '../../datasets/batch-sampler';
import { createScene } from '../../datasets/registry';
import type { RaceTrainer } from '../../models/race-trainer';
import { blurMetrics } from '../../src/lab/blur-evaluation';
import { pixelPredictions } from '../../src/lab/pixel-predictions';

/**
 * Sharpness ratio of the predicted hidden frames over one batch of validation clips, for the
 * hypothesis closest (MSE) to each clip's true future ("best hypothesis"; with K = 1 the only
 * prediction). Hidden tokens must be whole time steps (future-frames masking).
 */
export async function forkBestHypothesisSharpness(trainer: RaceTrainer, params: Record<string, unknown> = {}): Promise<number> {
  const { batch } = trainer.config;
  const grid = trainer.grid;
  const frames = new BatchSampler(createScene('fork', params, trainer.config.seed), 'validation', batch).sample(0).frames;
  const mask = trainer.maskFor(1);
  const predictions = await pixelPredictions(trainer, frames, batch, mask);
  const firstHidden = (mask.target[0]! / (grid.nh * grid.nw)) * grid.tubelet.t;
  return blurMetrics(predictions, frames, grid, firstHidden)['blur.sharpness']!;
}
