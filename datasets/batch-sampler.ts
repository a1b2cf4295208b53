/**
 * Batches of clips in one preallocated buffer: `sample(step)` writes clips step·B … step·B + B − 1
 * of the split into the same [B, T, H, W] Float32Array (and their labels into the same [B, L]
 * array) every call, ready to become one tensor. The batch is a pure function of (scene, seed,
 * split, step); consecutive steps see fresh clips.
 */
import { SceneParamError } from './params';
import type { Scene } from './scene';
import { checkSplit, MAX_CLIP_INDEX, type Split } from './splits';

export interface Batch {
  readonly step: number;
  /** [B, T, H, W], reused: overwritten by the next sample(). */
  readonly frames: Float32Array;
  /** [B, labelSize], laid out per clip as scene.labelSchema says; reused. */
  readonly labels: Float32Array;
  /** Clip index of each batch entry; reused. */
  readonly clipIndices: Uint32Array;
}

/** Largest batch: 4096 clips. */
export const MAX_BATCH = 4096;

export class BatchSampler {
  readonly frames: Float32Array;
  readonly labels: Float32Array;
  readonly clipIndices: Uint32Array;
  /** [B, T, H, W]. */
  readonly shape: readonly [number, number, number, number];
  /** Largest step whose clips all have valid indices. */
  readonly maxStep: number;

  constructor(readonly scene: Scene, readonly split: Split, readonly batchSize: number) {
    checkSplit(scene.name, split);
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH) {
      throw new SceneParamError(scene.name, 'batchSize', batchSize, `an integer from 1 to ${MAX_BATCH}`);
    }
    const { T, H, W } = scene.shape;
    this.shape = [batchSize, T, H, W];
    this.frames = new Float32Array(batchSize * scene.clipSize);
    this.labels = new Float32Array(batchSize * scene.labelSize);
    this.clipIndices = new Uint32Array(batchSize);
    this.maxStep = Math.floor((MAX_CLIP_INDEX + 1) / batchSize) - 1;
  }

  /** Writes batch `step` into the shared buffers and returns views of them. */
  sample(step: number): Batch {
    if (!Number.isInteger(step) || step < 0 || step > this.maxStep) {
      throw new SceneParamError(this.scene.name, 'step', step, `an integer from 0 to ${this.maxStep}`);
    }
    const { scene, batchSize } = this;
    for (let b = 0; b < batchSize; b++) {
      const index = step * batchSize + b;
      this.clipIndices[b] = index;
      scene.clipInto(this.split, index, this.frames, b * scene.clipSize, this.labels, b * scene.labelSize);
    }
    return { step, frames: this.frames, labels: this.labels, clipIndices: this.clipIndices };
  }
}
