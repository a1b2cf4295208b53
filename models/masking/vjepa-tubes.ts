/**
 * V-JEPA multi-mask (arXiv 2404.08471): each step draws, with probability 1/2 each, a short-range
 * mask (the union of 8 blocks at spatial scale 0.15) or a long-range mask (2 blocks at scale 0.7),
 * aspect ratio 0.75–1.5, every block spanning all frames. Here the variant fixes the block
 * distribution, and blocks are added until exactly `count` spatial positions are hidden (the last
 * one trimmed), so every ratio, including V-JEPA's ≈ 90 %, is met exactly.
 */
import type { Random } from '../../datasets/random';
import type { TokenGrid } from '../tubelets';
import { extendThroughTime, fillWithBlocks, type BlockDistribution } from './blocks';

export const VJEPA_VARIANTS = {
  'short-range': { scale: [0.15, 0.15], aspect: [0.75, 1.5] },
  'long-range': { scale: [0.7, 0.7], aspect: [0.75, 1.5] },
} as const satisfies Record<string, BlockDistribution>;

export type VjepaVariant = keyof typeof VJEPA_VARIANTS;

/** Draws the variant (1/2 each), then per-token hidden flags with exactly `count` tubes hidden. */
export function hideVjepaTubes(
  rng: Random,
  grid: TokenGrid,
  count: number,
): { hidden: Uint8Array; variant: VjepaVariant } {
  const variant: VjepaVariant = rng.next() < 0.5 ? 'short-range' : 'long-range';
  const cells = fillWithBlocks(rng, grid.nh, grid.nw, count, VJEPA_VARIANTS[variant]);
  return { hidden: extendThroughTime(cells, grid.nt), variant };
}
