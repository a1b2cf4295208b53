/**
 * Multi-block masking (I-JEPA, arXiv 2301.08243): target blocks of scale 0.15–0.2 of the image and
 * aspect ratio 0.75–1.5, here extended through all frames as tubes. I-JEPA predicts 4 such blocks;
 * the default ratio is their mean union on the grid (`ijepaUnionFraction`), and any ratio is met
 * exactly by adding blocks from the same distribution and trimming the last one.
 */
import type { Random } from '../../datasets/random';
import type { TokenGrid } from '../tubelets';
import { extendThroughTime, fillWithBlocks, type BlockDistribution } from './blocks';

/** I-JEPA's target-block distribution (its `pred_mask_scale` and `aspect_ratio`). */
export const IJEPA_TARGET_BLOCKS: BlockDistribution = { scale: [0.15, 0.2], aspect: [0.75, 1.5] };

/** I-JEPA's number of target blocks per image (`npred`). */
export const IJEPA_TARGET_COUNT = 4;

/** Knots per axis of the midpoint rule over (scale, aspect) in ijepaUnionFraction. */
const QUADRATURE_KNOTS = 400;

/** Per-token hidden flags: I-JEPA blocks covering exactly `count` spatial positions, through all frames. */
export function hideMultiBlock(rng: Random, grid: TokenGrid, count: number): Uint8Array {
  return extendThroughTime(fillWithBlocks(rng, grid.nh, grid.nw, count, IJEPA_TARGET_BLOCKS), grid.nt);
}

/**
 * Expected fraction of the nh × nw cells covered by the union of I-JEPA's 4 independent target
 * blocks, as `sampleBlock` draws them (no Monte Carlo): a cell stays free with probability
 * (1 − q)⁴, where q = Σ_{h,w} P(h, w) · P(a uniformly placed h × w block covers the cell), and P(h, w)
 * — block sides after rounding — comes from the midpoint rule on a 400 × 400 grid over the uniform
 * (scale, aspect) ranges. It depends on the grid through the rounding to whole cells and the edges
 * (a block never hangs over one): 0.559 on 4 × 4, 0.498 on 8 × 8, 0.480 on 16 × 16.
 */
export function ijepaUnionFraction(nh: number, nw: number): number {
  const sizes = new Float64Array((nh + 1) * (nw + 1));
  const { scale, aspect } = IJEPA_TARGET_BLOCKS;
  const weight = 1 / (QUADRATURE_KNOTS * QUADRATURE_KNOTS);
  for (let i = 0; i < QUADRATURE_KNOTS; i++) {
    const area = (scale[0] + ((i + 0.5) / QUADRATURE_KNOTS) * (scale[1] - scale[0])) * nh * nw;
    for (let j = 0; j < QUADRATURE_KNOTS; j++) {
      const a = aspect[0] + ((j + 0.5) / QUADRATURE_KNOTS) * (aspect[1] - aspect[0]);
      const h = Math.min(nh, Math.max(1, Math.round(Math.sqrt(area * a))));
      const w = Math.min(nw, Math.max(1, Math.round(Math.sqrt(area / a))));
      sizes[h * (nw + 1) + w]! += weight;
    }
  }
  // Placements of a block of side `side` on `n` cells (tops 0 … n − side) that cover cell `at`, as a share.
  const cover = (at: number, side: number, n: number) => (Math.min(at, n - side) - Math.max(0, at - side + 1) + 1) / (n - side + 1);
  let covered = 0;
  for (let r = 0; r < nh; r++) {
    for (let c = 0; c < nw; c++) {
      let q = 0;
      for (let h = 1; h <= nh; h++) for (let w = 1; w <= nw; w++) q += sizes[h * (nw + 1) + w]! * cover(r, h, nh) * cover(c, w, nw);
      covered += 1 - (1 - q) ** IJEPA_TARGET_COUNT;
    }
  }
  return covered / (nh * nw);
}
