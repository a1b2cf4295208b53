/**
 * Mask specifications: default ratios, validation with messages that name the field, and the
 * rule that turns a ratio into a whole number of hidden units (tokens, tubes or time steps).
 */
import type { TokenGrid } from '../tubelets';
import { MASK_STRATEGIES, type MaskSpec, type MaskStrategy } from './mask';
import { ijepaUnionFraction } from './multi-block';

/** The largest ratio accepted: at least one unit always stays visible. */
export const MAX_MASK_RATIO = 0.95;

/** The spatial token grid of the default clip: 32 × 32 frames in 8 × 8 tubelets (DEFAULT_TUBELET). */
export const DEFAULT_SPATIAL_GRID: Readonly<{ nh: number; nw: number }> = { nh: 4, nw: 4 };

/**
 * Default fraction hidden per strategy: 0.75 for random patches and tubes (MAE's 0.75; VideoMAE,
 * arXiv 2203.12602, goes up to 0.9), 0.9 for V-JEPA tubes (arXiv 2404.08471: ≈ 90 %), 0.5 for
 * future frames (predict the second half). Multi-block: the expected union of I-JEPA's 4 target
 * blocks (arXiv 2301.08243) on the spatial grid `spatial`, rounded to 0.01 — it depends on the
 * grid (`ijepaUnionFraction`): 0.56 on the default 4 × 4 grid, 0.50 on 8 × 8 (a test re-measures
 * both by drawing blocks).
 */
export function defaultMaskRatio(strategy: MaskStrategy, spatial: { nh: number; nw: number } = DEFAULT_SPATIAL_GRID): number {
  switch (strategy) {
    case 'random-patches':
    case 'random-tubes':
      return 0.75;
    case 'multi-block':
      return Math.round(ijepaUnionFraction(spatial.nh, spatial.nw) * 100) / 100;
    case 'vjepa-tubes':
      return 0.9;
    case 'future-frames':
      return 0.5;
  }
}

/** What a strategy hides whole: single tokens, spatial positions (tubes), or token time steps. */
export function maskUnits(strategy: MaskStrategy, grid: TokenGrid): { units: number; name: string } {
  switch (strategy) {
    case 'random-patches':
      return { units: grid.count, name: 'tokens' };
    case 'future-frames':
      return { units: grid.nt, name: 'token time steps (nt)' };
    default:
      return { units: grid.nh * grid.nw, name: 'spatial positions (nh·nw)' };
  }
}

/**
 * Units to hide for a ratio: round(ratio · units), kept within [1, units − 1] when ratio > 0 so
 * that both the target and the context are non-empty; 0 for ratio 0.
 */
export function hiddenUnits(ratio: number, units: number): number {
  if (ratio === 0) return 0;
  return Math.min(units - 1, Math.max(1, Math.round(ratio * units)));
}

function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

/**
 * Checks an untrusted mask spec (from the URL, a config file, a slider) against a token grid;
 * throws a RangeError naming the field ('strategy' or 'ratio'), the value and what is allowed.
 */
export function validateMaskSpec(spec: unknown, grid: TokenGrid): MaskSpec {
  if (typeof spec !== 'object' || spec === null) {
    throw new RangeError(`mask spec: ${show(spec)} is not allowed; allowed: an object { strategy, ratio }`);
  }
  const { strategy, ratio } = spec as { strategy?: unknown; ratio?: unknown };
  if (!(MASK_STRATEGIES as readonly unknown[]).includes(strategy)) {
    throw new RangeError(`strategy: ${show(strategy)} is not allowed; allowed: ${MASK_STRATEGIES.join(', ')}`);
  }
  if (typeof ratio !== 'number' || !(ratio >= 0 && ratio <= MAX_MASK_RATIO)) {
    throw new RangeError(`ratio: ${show(ratio)} is not allowed; allowed: a number from 0 to ${MAX_MASK_RATIO}`);
  }
  const valid: MaskSpec = { strategy: strategy as MaskStrategy, ratio };
  const { units, name } = maskUnits(valid.strategy, grid);
  if (ratio > 0 && units < 2) {
    const shape = `${grid.nt}×${grid.nh}×${grid.nw} tokens`;
    throw new RangeError(
      `strategy: '${valid.strategy}' is not allowed with ratio ${ratio} on this grid (${shape}): ` +
        `it needs at least 2 ${name}, the grid has ${units}; allowed: ratio 0 or a larger clip`,
    );
  }
  return valid;
}
