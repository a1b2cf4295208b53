/**
 * Train / validation / test splits. A clip is named by (scene seed, split, index) and its seed is
 * an injective function of (split, index) for a fixed scene seed, so two different clips never
 * share a random stream: the splits are disjoint by construction, and any clip can be regenerated
 * alone, in any order.
 */
import { deriveSeed, stringSeed } from './random';
import { SceneParamError } from './params';

export type Split = 'train' | 'validation' | 'test';
export const SPLITS: readonly Split[] = ['train', 'validation', 'test'];

/** Clip indices are integers in [0, MAX_CLIP_INDEX]: 2^30 − 1, two bits of the seed name the split. */
export const MAX_CLIP_INDEX = 2 ** 30 - 1;

const SPLIT_CODE: Readonly<Record<Split, number>> = { train: 0, validation: 1, test: 2 };
const CLIP_KEY = stringSeed('clip');

/** Throws unless `split` is one of SPLITS. */
export function checkSplit(scene: string, split: unknown): asserts split is Split {
  if (typeof split !== 'string' || !(split in SPLIT_CODE)) {
    throw new SceneParamError(scene, 'split', split, SPLITS.join(', '));
  }
}

/** Throws unless `index` is an integer in [0, MAX_CLIP_INDEX]. */
export function checkClipIndex(scene: string, index: number, name = 'index'): void {
  if (!Number.isInteger(index) || index < 0 || index > MAX_CLIP_INDEX) {
    throw new SceneParamError(scene, name, index, `an integer from 0 to ${MAX_CLIP_INDEX}`);
  }
}

/**
 * The 32-bit seed of clip `index` of `split`. (split, index) packs into 32 bits without loss
 * (split · 2^30 + index); XOR with a per-scene key and deriveSeed's mixer are both bijections, so
 * distinct clips of one scene always get distinct seeds.
 */
export function clipSeed(sceneSeed: number, split: Split, index: number): number {
  const packed = SPLIT_CODE[split] * 2 ** 30 + index;
  return deriveSeed((packed ^ deriveSeed(sceneSeed, CLIP_KEY)) >>> 0);
}
