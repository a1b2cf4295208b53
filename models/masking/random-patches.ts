/**
 * Random patches (MAE, arXiv 2111.06377): `count` tokens hidden uniformly at random, scattered in
 * space and time — the easy case, since a hidden token can be filled in from its neighbours.
 */
import type { Random } from '../../datasets/random';
import type { TokenGrid } from '../tubelets';
import { indexRange, markRandomSubset } from './subset';

/** Per-token hidden flags with exactly `count` tokens hidden uniformly at random. */
export function hideRandomPatches(rng: Random, grid: TokenGrid, count: number): Uint8Array {
  const hidden = new Uint8Array(grid.count);
  markRandomSubset(rng, indexRange(grid.count), count, hidden);
  return hidden;
}
