/** Splits never share a clip: distinct (split, index) get distinct seeds, and no clip's bytes appear in two splits. */
import { describe, expect, it } from 'vitest';
import { loadScene, SCENE_NAMES } from '../../datasets/registry';
import { clipSeed, MAX_CLIP_INDEX, SPLITS } from '../../datasets/splits';
import { clipBytes } from './bytes';

describe('splits', () => {
  it('give every (split, index) of a scene its own seed', () => {
    for (const sceneSeed of [0, 1, 0xffffffff]) {
      const seeds = new Set<number>();
      for (const split of SPLITS) {
        for (let i = 0; i < 100_000; i++) seeds.add(clipSeed(sceneSeed, split, i));
        for (let i = MAX_CLIP_INDEX - 1000; i <= MAX_CLIP_INDEX; i++) seeds.add(clipSeed(sceneSeed, split, i));
      }
      expect(seeds.size).toBe(3 * 101_001);
    }
  });

  it.each(SCENE_NAMES)('%s: 500 clips of each split, no clip in two splits', async (name) => {
    const scene = await loadScene(name, {}, 31);
    const owner = new Map<string, string>();
    for (const split of SPLITS) {
      for (let i = 0; i < 500; i++) {
        const key = Buffer.from(clipBytes(scene.clip(split, i))).toString('base64');
        const previous = owner.get(key);
        if (previous !== undefined) expect.fail(`${split} clip ${i} equals ${previous}`);
        owner.set(key, `${split} clip ${i}`);
      }
    }
  });
});
