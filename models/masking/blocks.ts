/**
 * Rectangular target blocks on the spatial token grid, as in I-JEPA's multi-block masking
 * (arXiv 2301.08243, `MaskCollator._sample_block_size`) and V-JEPA's 3D multi-block masks
 * (arXiv 2404.08471): a block covers a fraction `scale` of the nh × nw cells with aspect ratio
 * height/width `aspect`; both are drawn uniformly from their ranges (as in the reference code),
 * the block is placed uniformly at random and the tube strategies extend it through all frames.
 */
import type { Random } from '../../datasets/random';
import { markRandomSubset } from './subset';

export interface BlockDistribution {
  /** Range of the block's area as a fraction of nh · nw. */
  scale: readonly [number, number];
  /** Range of the block's height / width. */
  aspect: readonly [number, number];
}

export interface Block {
  top: number;
  left: number;
  h: number;
  w: number;
  /** The drawn scale and aspect, before rounding to whole cells. */
  scale: number;
  aspect: number;
}

/**
 * Draws one block: h = round(√(scale·nh·nw·aspect)), w = round(√(scale·nh·nw/aspect)), each clamped
 * to [1, grid side] so that tiny grids still get at least a 1 × 1 block.
 */
export function sampleBlock(rng: Random, nh: number, nw: number, dist: BlockDistribution): Block {
  const scale = rng.uniform(dist.scale[0], dist.scale[1]);
  const aspect = rng.uniform(dist.aspect[0], dist.aspect[1]);
  const area = scale * nh * nw;
  const h = Math.min(nh, Math.max(1, Math.round(Math.sqrt(area * aspect))));
  const w = Math.min(nw, Math.max(1, Math.round(Math.sqrt(area / aspect))));
  return { top: rng.int(nh - h + 1), left: rng.int(nw - w + 1), h, w, scale, aspect };
}

/**
 * Hides exactly `count` of the nh × nw cells (1 = hidden) by adding blocks one after another;
 * the block that would overshoot contributes a random subset of its new cells. `count` must be
 * at most nh · nw.
 */
export function fillWithBlocks(rng: Random, nh: number, nw: number, count: number, dist: BlockDistribution): Uint8Array {
  const cells = new Uint8Array(nh * nw);
  const fresh = new Int32Array(nh * nw);
  let hidden = 0;
  while (hidden < count) {
    const block = sampleBlock(rng, nh, nw, dist);
    let n = 0;
    for (let r = block.top; r < block.top + block.h; r++) {
      for (let c = block.left; c < block.left + block.w; c++) {
        if (!cells[r * nw + c]) fresh[n++] = r * nw + c;
      }
    }
    const take = Math.min(n, count - hidden);
    markRandomSubset(rng, fresh.subarray(0, n), take, cells);
    hidden += take;
  }
  return cells;
}

/** Extends hidden spatial cells (nh · nw) through all nt time steps: per-token flags. */
export function extendThroughTime(cells: Uint8Array, nt: number): Uint8Array {
  const hidden = new Uint8Array(nt * cells.length);
  for (let ti = 0; ti < nt; ti++) hidden.set(cells, ti * cells.length);
  return hidden;
}
