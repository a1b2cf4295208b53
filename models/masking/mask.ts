/**
 * A mask is plain data: which tokens the context encoder sees and which ones are predicted. One
 * mask is drawn per training step and shared by both learners (and drawn by the UI), so it holds
 * sorted index lists rather than tensors.
 */
import type { TokenGrid } from '../tubelets';
import { indexRange } from './subset';

export const MASK_STRATEGIES = ['random-patches', 'random-tubes', 'multi-block', 'vjepa-tubes', 'future-frames'] as const;
export type MaskStrategy = (typeof MASK_STRATEGIES)[number];

export interface MaskSpec {
  strategy: MaskStrategy;
  /** Fraction of tokens to hide, in [0, 0.95]; 0 means a plain autoencoder (nothing hidden). */
  ratio: number;
}

export interface Mask {
  strategy: MaskStrategy;
  requestedRatio: number;
  /** Actual fraction of tokens hidden from the context (0 when nothing is hidden). */
  ratio: number;
  /** Sorted token indices the encoder sees. */
  context: Int32Array;
  /** Sorted token indices to predict. */
  target: Int32Array;
  grid: { nt: number; nh: number; nw: number };
  /** Which family a mixed strategy drew, e.g. 'short-range' or 'long-range' for vjepa-tubes. */
  variant?: string;
}

/**
 * Builds a mask from per-token hidden flags (1 = hidden). With nothing hidden the target is every
 * token, like the context: the learner reconstructs the whole clip it sees.
 */
export function maskFromHidden(spec: MaskSpec, grid: TokenGrid, hidden: Uint8Array, variant?: string): Mask {
  let hiddenCount = 0;
  for (let i = 0; i < hidden.length; i++) hiddenCount += hidden[i]!;
  const context = hiddenCount > 0 ? new Int32Array(grid.count - hiddenCount) : indexRange(grid.count);
  const target = hiddenCount > 0 ? new Int32Array(hiddenCount) : indexRange(grid.count);
  if (hiddenCount > 0) {
    let c = 0;
    let t = 0;
    for (let i = 0; i < grid.count; i++) {
      if (hidden[i]) target[t++] = i;
      else context[c++] = i;
    }
  }
  const mask: Mask = {
    strategy: spec.strategy,
    requestedRatio: spec.ratio,
    ratio: hiddenCount / grid.count,
    context,
    target,
    grid: { nt: grid.nt, nh: grid.nh, nw: grid.nw },
  };
  if (variant !== undefined) mask.variant = variant;
  return mask;
}

/** Per token, in token order: 1 = hidden (target), 0 = seen (context). All 0 when nothing is hidden. */
export function maskToGrid(mask: Mask): Uint8Array {
  const { nt, nh, nw } = mask.grid;
  const cells = new Uint8Array(nt * nh * nw);
  if (mask.ratio > 0) for (const i of mask.target) cells[i] = 1;
  return cells;
}
