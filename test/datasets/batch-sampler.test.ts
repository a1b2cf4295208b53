/** BatchSampler: one reused buffer, equal to stacking clip() results, deterministic in (seed, split, step). */
import { describe, expect, it } from 'vitest';
import { BatchSampler } from '../../datasets/batch-sampler';
import { loadScene, SCENE_NAMES } from '../../datasets/registry';
import { firstDifference } from './bytes';

describe.each(SCENE_NAMES)('BatchSampler on %s', (name) => {
  it('writes clips step·B … step·B + B − 1 into the same buffers every call, equal to stacked clip() results', async () => {
    const scene = await loadScene(name, {}, 12);
    const B = 5;
    const sampler = new BatchSampler(scene, 'train', B);
    expect(sampler.shape).toEqual([B, scene.shape.T, scene.shape.H, scene.shape.W]);
    const first = sampler.sample(0);
    const { frames, labels, clipIndices } = first;
    for (const step of [3, 0, 7]) {
      const batch = sampler.sample(step);
      expect(batch.frames).toBe(frames);
      expect(batch.labels).toBe(labels);
      expect(batch.clipIndices).toBe(clipIndices);
      expect(batch.frames.length).toBe(B * scene.clipSize);
      expect(Array.from(batch.clipIndices)).toEqual([0, 1, 2, 3, 4].map((b) => step * B + b));
      for (let b = 0; b < B; b++) {
        const clip = scene.clip('train', step * B + b);
        expect(firstDifference(batch.frames.subarray(b * scene.clipSize, (b + 1) * scene.clipSize), clip.frames)).toBe(-1);
        expect(firstDifference(batch.labels.subarray(b * scene.labelSize, (b + 1) * scene.labelSize), clip.labels)).toBe(-1);
      }
    }
  });

  it('is deterministic across samplers and differs across steps and splits', async () => {
    const a = new BatchSampler(await loadScene(name, {}, 12), 'validation', 4);
    const b = new BatchSampler(await loadScene(name, {}, 12), 'validation', 4);
    const c = new BatchSampler(await loadScene(name, {}, 12), 'test', 4);
    const copy = Float32Array.from(a.sample(9).frames);
    expect(firstDifference(b.sample(9).frames, copy)).toBe(-1);
    expect(firstDifference(a.sample(10).frames, copy)).not.toBe(-1);
    expect(firstDifference(c.sample(9).frames, copy)).not.toBe(-1);
  });
});

it('refuses a step whose clips would run past the last clip index', async () => {
  const sampler = new BatchSampler(await loadScene('bouncing'), 'train', 64);
  expect(sampler.maxStep).toBe(2 ** 30 / 64 - 1);
  expect(() => sampler.sample(sampler.maxStep)).not.toThrow();
  expect(() => sampler.sample(sampler.maxStep + 1)).toThrow(/step = 16777216 is not allowed; allowed: an integer from 0 to 16777215/);
});
