/**
 * How different two masking strategies' masks are, on a given token grid.
 *
 * `meanHiddenIou` is the mean Jaccard index J = |A ∩ B| / |A ∪ B| (Jaccard 1912) of the hidden
 * token sets of *independent* draws of two strategies at the same ratio. Read it against
 * `chanceIou`, the exact J expected when A is a uniform random set of its size, independent of B:
 * for sets of k₁ and k₂ of n tokens it is E[I / (k₁ + k₂ − I)] with I hypergeometric, ≈ r / (2 − r)
 * when both hide a fraction r. If one strategy is random patches (uniform given its size), the
 * expected J of independent draws *equals* that chance value whatever the other strategy's shape
 * (by symmetry: the intersection of a uniform set with any fixed set of size k₂ is hypergeometric),
 * so the IoU with random patches measures the ratio, not the shape, and exceeds 0.5 at every
 * ratio above 2/3 on every grid.
 *
 * What does tell the shapes apart is what a hidden token can be filled in from:
 * `visibleNeighbourShares` gives the share of hidden tokens with a visible neighbour in the same
 * time step (4-neighbourhood) and at the same position in an adjacent time step — the neighbours
 * that make scattered random patches easy to fill in (MAE, arXiv 2111.06377; VideoMAE, arXiv
 * 2203.12602, introduced tube masking to remove the temporal ones).
 */
import { deriveSeed } from '../../datasets/random';
import type { TokenGrid } from '../tubelets';
import { sampleMask } from './index';
import { maskToGrid, type Mask, type MaskStrategy } from './mask';

/** Jaccard index of the two masks' hidden token sets (same grid, each hiding at least one token). */
export function hiddenIou(a: Mask, b: Mask): number {
  const x = maskToGrid(a);
  const y = maskToGrid(b);
  if (x.length !== y.length) throw new RangeError(`hiddenIou: masks on different grids (${x.length} and ${y.length} tokens)`);
  let both = 0;
  let either = 0;
  for (let i = 0; i < x.length; i++) {
    both += x[i]! & y[i]!;
    either += x[i]! | y[i]!;
  }
  if (either === 0) throw new RangeError('hiddenIou: neither mask hides a token');
  return both / either;
}

/**
 * Exact expected Jaccard index of a uniform random k₁-subset of n items and any set of k₂ items
 * independent of it: Σᵢ P(I = i) · i / (k₁ + k₂ − i), P(I = i) = C(k₂, i) C(n − k₂, k₁ − i) / C(n, k₁).
 */
export function chanceIou(n: number, k1: number, k2: number): number {
  if (!(Number.isInteger(n) && Number.isInteger(k1) && Number.isInteger(k2) && k1 >= 1 && k2 >= 1 && k1 <= n && k2 <= n)) {
    throw new RangeError(`chanceIou: set sizes ${k1} and ${k2} of ${n} are not allowed; allowed: integers 1 … n`);
  }
  const logFactorial = new Float64Array(n + 1);
  for (let i = 2; i <= n; i++) logFactorial[i] = logFactorial[i - 1]! + Math.log(i);
  const logChoose = (m: number, k: number) => logFactorial[m]! - logFactorial[k]! - logFactorial[m - k]!;
  let expected = 0;
  for (let i = Math.max(0, k1 + k2 - n); i <= Math.min(k1, k2); i++) {
    const p = Math.exp(logChoose(k2, i) + logChoose(n - k2, k1 - i) - logChoose(n, k1));
    expected += (p * i) / (k1 + k2 - i);
  }
  return expected;
}

export interface IouEstimate {
  /** Mean Jaccard index of the hidden sets over the draws. */
  iou: number;
  /** Mean over the same draws of chanceIou for sets of the drawn sizes. */
  chance: number;
}

/**
 * Mean Jaccard index of the hidden sets of `draws` independent pairs: strategy `a`'s mask i from
 * seed deriveSeed(seed, 0, i), strategy `b`'s from deriveSeed(seed, 1, i), both at `ratio`.
 */
export function meanHiddenIou(a: MaskStrategy, b: MaskStrategy, ratio: number, grid: TokenGrid, draws: number, seed: number): IouEstimate {
  let iou = 0;
  let chance = 0;
  for (let i = 0; i < draws; i++) {
    const x = sampleMask({ strategy: a, ratio }, grid, deriveSeed(seed, 0, i));
    const y = sampleMask({ strategy: b, ratio }, grid, deriveSeed(seed, 1, i));
    iou += hiddenIou(x, y);
    chance += chanceIou(grid.count, x.target.length, y.target.length);
  }
  return { iou: iou / draws, chance: chance / draws };
}

export interface NeighbourShares {
  /** Share of hidden tokens with a visible token beside them (left, right, above, below) in the same time step. */
  spatial: number;
  /** Share of hidden tokens whose position is visible in the previous or next token time step. */
  temporal: number;
}

/** What the hidden tokens of `mask` could be copied from: see NeighbourShares. */
export function visibleNeighbourShares(mask: Mask): NeighbourShares {
  const { nt, nh, nw } = mask.grid;
  const hidden = maskToGrid(mask);
  const visible = (t: number, r: number, c: number) => t >= 0 && t < nt && r >= 0 && r < nh && c >= 0 && c < nw && hidden[(t * nh + r) * nw + c] === 0;
  let spatial = 0;
  let temporal = 0;
  let count = 0;
  for (let t = 0; t < nt; t++) {
    for (let r = 0; r < nh; r++) {
      for (let c = 0; c < nw; c++) {
        if (!hidden[(t * nh + r) * nw + c]) continue;
        count += 1;
        if (visible(t, r - 1, c) || visible(t, r + 1, c) || visible(t, r, c - 1) || visible(t, r, c + 1)) spatial += 1;
        if (visible(t - 1, r, c) || visible(t + 1, r, c)) temporal += 1;
      }
    }
  }
  if (count === 0) throw new RangeError('visibleNeighbourShares: the mask hides no token');
  return { spatial: spatial / count, temporal: temporal / count };
}

/** visibleNeighbourShares averaged over `draws` masks of `strategy` at `ratio` (seeds deriveSeed(seed, i)). */
export function meanVisibleNeighbourShares(strategy: MaskStrategy, ratio: number, grid: TokenGrid, draws: number, seed: number): NeighbourShares {
  let spatial = 0;
  let temporal = 0;
  for (let i = 0; i < draws; i++) {
    const shares = visibleNeighbourShares(sampleMask({ strategy, ratio }, grid, deriveSeed(seed, i)));
    spatial += shares.spatial;
    temporal += shares.temporal;
  }
  return { spatial: spatial / draws, temporal: temporal / draws };
}
