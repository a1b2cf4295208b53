/**
 * The text of `npx tsx src/cli/mask-overlap.ts`: per token grid, a Markdown table of each masking
 * strategy at each ratio (src/lab/mask-overlap-table.ts) and multi-block's default ratio there.
 */
import { defaultMaskRatio, type MaskStrategy } from '../../models/masking';
import type { TokenGrid } from '../../models/tubelets';
import { overlapTable } from '../lab/mask-overlap-table';
import { markdownTable } from './markdown';

const HEADERS = ['strategy', 'ratio', 'hidden ratio', 'IoU with random patches', 'chance IoU', 'hidden with a visible neighbour in its frame', 'hidden, visible in the adjacent time step'];

/** One section per grid: a heading naming the grid and tubelet, the table, multi-block's default ratio. */
export function overlapReport(grids: readonly TokenGrid[], strategies: readonly MaskStrategy[], ratios: readonly number[]): string {
  return grids
    .map((grid) => {
      const { t, h, w } = grid.tubelet;
      const heading = `### ${grid.nt} × ${grid.nh} × ${grid.nw} tokens (${grid.T} × ${grid.H} × ${grid.W} clip, tubelet ${t} × ${h} × ${w})`;
      const rows = overlapTable(grid, strategies, ratios).map((r) => [
        r.strategy,
        r.ratio,
        r.hiddenRatio.toFixed(3),
        r.iouWithRandomPatches.toFixed(3),
        r.chanceIou.toFixed(3),
        r.spatialNeighbourVisible.toFixed(2),
        r.temporalNeighbourVisible.toFixed(2),
      ]);
      const union = `multi-block's default ratio on this grid (mean union of I-JEPA's 4 target blocks): ${defaultMaskRatio('multi-block', grid)}`;
      return `${heading}\n\n${markdownTable(HEADERS, rows)}\n${union}\n`;
    })
    .join('\n');
}
