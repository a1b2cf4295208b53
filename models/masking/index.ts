/**
 * Masking strategies for tubelet tokens. `sampleMask` draws one mask per training step, shared by
 * both learners; the result is plain data (sorted index lists) that the UI can draw.
 */
import { Random } from '../../datasets/random';
import type { TokenGrid } from '../tubelets';
import { hideFutureFrames } from './future-frames';
import { maskFromHidden, type Mask, type MaskSpec } from './mask';
import { hideMultiBlock } from './multi-block';
import { hideRandomPatches } from './random-patches';
import { hideRandomTubes } from './random-tubes';
import { hiddenUnits, maskUnits, validateMaskSpec } from './spec';
import { hideVjepaTubes } from './vjepa-tubes';

export { MASK_STRATEGIES, maskToGrid, type Mask, type MaskSpec, type MaskStrategy } from './mask';
export { defaultMaskRatio, MAX_MASK_RATIO, validateMaskSpec } from './spec';

/**
 * Draws a mask; deterministic in (spec, grid, seed). Ratio 0 hides nothing (context = target =
 * all tokens). Otherwise context and target split the tokens, neither empty, and the number of
 * hidden units — tokens (random-patches), spatial positions hidden through all frames
 * (random-tubes, multi-block, vjepa-tubes) or token time steps (future-frames) — is exactly
 * round(ratio · units), kept within [1, units − 1]. Validates `spec` first.
 */
export function sampleMask(spec: MaskSpec, grid: TokenGrid, seed: number): Mask {
  const valid = validateMaskSpec(spec, grid);
  const count = hiddenUnits(valid.ratio, maskUnits(valid.strategy, grid).units);
  const rng = new Random(seed);
  switch (valid.strategy) {
    case 'random-patches':
      return maskFromHidden(valid, grid, hideRandomPatches(rng, grid, count));
    case 'random-tubes':
      return maskFromHidden(valid, grid, hideRandomTubes(rng, grid, count));
    case 'multi-block':
      return maskFromHidden(valid, grid, hideMultiBlock(rng, grid, count));
    case 'vjepa-tubes': {
      const { hidden, variant } = hideVjepaTubes(rng, grid, count);
      return maskFromHidden(valid, grid, hidden, variant);
    }
    case 'future-frames':
      return maskFromHidden(valid, grid, hideFutureFrames(grid, count));
  }
}
