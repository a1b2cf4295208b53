/**
 * Tube masking (VideoMAE, arXiv 2203.12602): the same random spatial positions are hidden in every
 * time step, so a hidden patch cannot be copied from the same place in a neighbouring frame.
 */
import type { Random } from '../../datasets/random';
import type { TokenGrid } from '../tubelets';
import { extendThroughTime } from './blocks';
import { indexRange, markRandomSubset } from './subset';

/** Per-token hidden flags: `count` spatial positions, drawn uniformly, hidden through all frames. */
export function hideRandomTubes(rng: Random, grid: TokenGrid, count: number): Uint8Array {
  const cells = new Uint8Array(grid.nh * grid.nw);
  markRandomSubset(rng, indexRange(cells.length), count, cells);
  return extendThroughTime(cells, grid.nt);
}
