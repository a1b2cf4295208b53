/**
 * The masking strategies side by side on one token grid: the hidden ratio each really hides, the
 * IoU of its hidden sets with random patches' (independent draws) next to the IoU expected by
 * chance, and what its hidden tokens could be filled in from (models/masking/mask-overlap.ts).
 * Read by the `masking` preset's headline and by `npx tsx src/cli/mask-overlap.ts`; memoised,
 * since the page recomputes headlines as runs finish.
 */
import { sampleMask, type MaskStrategy } from '../../models/masking';
import { meanHiddenIou, meanVisibleNeighbourShares } from '../../models/masking/mask-overlap';
import type { TokenGrid } from '../../models/tubelets';

/** Mask draws per estimate: the IoU's standard error is then below 0.003 on the grids used here. */
export const OVERLAP_DRAWS = 1000;
const OVERLAP_SEED = 2024;

export interface OverlapRow {
  strategy: MaskStrategy;
  ratio: number;
  /** Fraction of the tokens this strategy hides at `ratio` (whole units: round(ratio · units) / units). */
  hiddenRatio: number;
  /** Mean IoU of its hidden set with an independent random-patches mask at the same ratio. */
  iouWithRandomPatches: number;
  /** The IoU expected by chance for sets of those sizes (a uniform set against any other). */
  chanceIou: number;
  /** Share of hidden tokens with a visible token beside them in the same time step. */
  spatialNeighbourVisible: number;
  /** Share of hidden tokens visible at the same position in an adjacent time step. */
  temporalNeighbourVisible: number;
}

const cache = new Map<string, OverlapRow>();

/** One row per strategy and ratio, strategies varying slowest. */
export function overlapTable(grid: TokenGrid, strategies: readonly MaskStrategy[], ratios: readonly number[]): OverlapRow[] {
  return strategies.flatMap((strategy) =>
    ratios.map((ratio) => {
      const key = `${grid.nt}×${grid.nh}×${grid.nw} ${strategy} ${ratio}`;
      const known = cache.get(key);
      if (known) return known;
      const overlap = meanHiddenIou(strategy, 'random-patches', ratio, grid, OVERLAP_DRAWS, OVERLAP_SEED);
      const shares = meanVisibleNeighbourShares(strategy, ratio, grid, OVERLAP_DRAWS, OVERLAP_SEED);
      const row: OverlapRow = {
        strategy,
        ratio,
        hiddenRatio: sampleMask({ strategy, ratio }, grid, OVERLAP_SEED).ratio,
        iouWithRandomPatches: overlap.iou,
        chanceIou: overlap.chance,
        spatialNeighbourVisible: shares.spatial,
        temporalNeighbourVisible: shares.temporal,
      };
      cache.set(key, row);
      return row;
    }),
  );
}
