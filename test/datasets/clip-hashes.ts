/**
 * SHA-256 digests of a fixed set of clips (every scene configuration, seeds, splits and indices,
 * fork futures and means, sampler batches). Computed in Node by the browser project's global
 * setup (node-clip-hashes.ts) and again in Chromium (cross-platform.browser.test.ts): equal
 * digests mean bit-identical clips on both engines, without hard-coding any hash.
 */
import { BatchSampler } from '../../datasets/batch-sampler';
import { ForkScene } from '../../datasets/fork';
import { loadScene, SCENE_NAMES } from '../../datasets/registry';
import { MAX_CLIP_INDEX, SPLITS } from '../../datasets/splits';
import { clipBytes } from './bytes';
import { SCENE_CONFIGS } from './configs';

declare module 'vitest' {
  export interface ProvidedContext {
    nodeClipHashes: Record<string, string>;
  }
}

const SEEDS = [0, 123_456_789];
const INDICES = [0, 1, 977, MAX_CLIP_INDEX];

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes.slice()));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Digest per named case, e.g. "fork defaults / seed 0 / test 977". */
export async function computeClipHashes(): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const { label, name, params } of SCENE_CONFIGS) {
    for (const seed of SEEDS) {
      const scene = await loadScene(name, params, seed);
      for (const split of SPLITS) {
        for (const index of INDICES) hashes[`${label} / seed ${seed} / ${split} ${index}`] = await sha256(clipBytes(scene.clip(split, index)));
      }
      if (scene instanceof ForkScene) {
        for (const f of scene.futures('test', 5)) hashes[`${label} / seed ${seed} / future ${f.branch}`] = await sha256(clipBytes(f));
        const mean = scene.meanClip('test', 5);
        hashes[`${label} / seed ${seed} / mean`] = await sha256(new Uint8Array(mean.buffer));
      }
    }
  }
  for (const name of SCENE_NAMES) {
    const batch = new BatchSampler(await loadScene(name, {}, 7), 'validation', 3).sample(2);
    hashes[`${name} / sampler batch`] = await sha256(clipBytes(batch));
  }
  return hashes;
}
