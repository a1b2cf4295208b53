/**
 * Future frames: the last `count` token time steps are hidden and predicted from the earlier ones
 * (next-frame prediction). No randomness: only the ratio decides.
 */
import type { TokenGrid } from '../tubelets';

/** Per-token hidden flags: every token of the last `count` time steps. */
export function hideFutureFrames(grid: TokenGrid, count: number): Uint8Array {
  const hidden = new Uint8Array(grid.count);
  hidden.fill(1, (grid.nt - count) * grid.nh * grid.nw);
  return hidden;
}
