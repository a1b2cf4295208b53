/**
 * Multi-block masking (I-JEPA, arXiv 2301.08243): target blocks of scale 0.15–0.2 of the image and
 * aspect ratio 0.75–1.5, here extended through all frames as tubes. I-JEPA predicts 4 such blocks;
 * the default ratio is their mean union (see `defaultMaskRatio`), and any ratio is met exactly by
 * adding blocks from the same distribution and trimming the last one.
 */
import type { Random } from '../../datasets/random';
import type { TokenGrid } from '../tubelets';
import { extendThroughTime, fillWithBlocks, type BlockDistribution } from './blocks';

/** I-JEPA's target-block distribution (its `pred_mask_scale` and `aspect_ratio`). */
export const IJEPA_TARGET_BLOCKS: BlockDistribution = { scale: [0.15, 0.2], aspect: [0.75, 1.5] };

/** Per-token hidden flags: I-JEPA blocks covering exactly `count` spatial positions, through all frames. */
export function hideMultiBlock(rng: Random, grid: TokenGrid, count: number): Uint8Array {
  return extendThroughTime(fillWithBlocks(rng, grid.nh, grid.nw, count, IJEPA_TARGET_BLOCKS), grid.nt);
}
