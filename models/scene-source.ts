/** Adapts a dataset scene's batch sampler to the race trainer's BatchSource. */
import { BatchSampler } from '../datasets/batch-sampler';
import type { Scene } from '../datasets/scene';
import type { Split } from '../datasets/splits';
import type { BatchSource } from './race-trainer';

export function sceneBatchSource(scene: Scene, split: Split, batch: number): BatchSource {
  const sampler = new BatchSampler(scene, split, batch);
  return { shape: scene.shape, batch, sample: (step: number) => sampler.sample(step).frames };
}
