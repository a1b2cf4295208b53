/** Unit layer: mask specs — defaults, and bad input refused with a message naming field, value and range. */
import { describe, expect, test } from 'vitest';
import {
  MASK_STRATEGIES,
  MAX_MASK_RATIO,
  defaultMaskRatio,
  sampleMask,
  validateMaskSpec,
  type MaskSpec,
} from '../../models/masking';
import { DEFAULT_SPATIAL_GRID } from '../../models/masking/spec';
import { tokenGrid } from '../../models/tubelets';

const grid = tokenGrid({ T: 8, H: 32, W: 32 });
const ALLOWED = 'allowed: random-patches, random-tubes, multi-block, vjepa-tubes, future-frames';

describe('defaultMaskRatio', () => {
  test('per strategy', () => {
    expect(MASK_STRATEGIES.map((s) => defaultMaskRatio(s))).toEqual([0.75, 0.75, 0.56, 0.9, 0.5]);
  });

  test('the default spatial grid is the default clip in the default tubelets', () => {
    expect(DEFAULT_SPATIAL_GRID).toEqual({ nh: grid.nh, nw: grid.nw });
  });

  test('every default is a valid spec on the default grid', () => {
    for (const strategy of MASK_STRATEGIES) {
      expect(validateMaskSpec({ strategy, ratio: defaultMaskRatio(strategy) }, grid)).toEqual({
        strategy,
        ratio: defaultMaskRatio(strategy),
      });
    }
  });
});

describe('validateMaskSpec', () => {
  test('accepts the range ends and returns a clean copy', () => {
    expect(MAX_MASK_RATIO).toBe(0.95);
    expect(validateMaskSpec({ strategy: 'multi-block', ratio: 0 }, grid)).toEqual({ strategy: 'multi-block', ratio: 0 });
    const input = { strategy: 'random-tubes', ratio: 0.95, extra: true };
    const out = validateMaskSpec(input, grid);
    expect(out).toEqual({ strategy: 'random-tubes', ratio: 0.95 });
    expect(out).not.toBe(input);
  });

  test.each([
    [{ strategy: 'checkerboard', ratio: 0.5 }, `strategy: 'checkerboard' is not allowed; ${ALLOWED}`],
    [{ strategy: 'Random-Patches', ratio: 0.5 }, `strategy: 'Random-Patches' is not allowed; ${ALLOWED}`],
    [{ strategy: 3, ratio: 0.5 }, `strategy: 3 is not allowed; ${ALLOWED}`],
    [{ ratio: 0.5 }, `strategy: undefined is not allowed; ${ALLOWED}`],
  ])('%o: refused, naming the strategy and the allowed values', (spec, message) => {
    expect(() => validateMaskSpec(spec, grid)).toThrow(RangeError);
    expect(() => validateMaskSpec(spec, grid)).toThrow(message);
  });

  test.each([NaN, -0.1, 0.96, 1, Infinity, '0.5', null, undefined])('ratio %s: refused, naming ratio and the range', (ratio) => {
    const shown = typeof ratio === 'string' ? `'${ratio}'` : String(ratio);
    const message = `ratio: ${shown} is not allowed; allowed: a number from 0 to 0.95`;
    expect(() => validateMaskSpec({ strategy: 'random-patches', ratio }, grid)).toThrow(message);
  });

  test('a missing ratio field is refused', () => {
    expect(() => validateMaskSpec({ strategy: 'future-frames' }, grid)).toThrow(/^ratio: undefined .*from 0 to 0\.95/);
  });

  test.each([null, undefined, 'multi-block', 0.5, []])('spec %o that is not an object is refused', (spec) => {
    expect(() => validateMaskSpec(spec, grid)).toThrow(/^(mask spec: .*an object \{ strategy, ratio \}|strategy: )/);
  });

  test('a grid too small for the strategy is refused unless the ratio is 0', () => {
    const oneStep = tokenGrid({ T: 2, H: 32, W: 32 }); // 1×4×4
    expect(() => validateMaskSpec({ strategy: 'future-frames', ratio: 0.5 }, oneStep)).toThrow(
      /^strategy: 'future-frames' .*ratio 0\.5 .*1×4×4 .*at least 2 token time steps \(nt\), the grid has 1/,
    );
    expect(validateMaskSpec({ strategy: 'future-frames', ratio: 0 }, oneStep).ratio).toBe(0);
    expect(validateMaskSpec({ strategy: 'random-tubes', ratio: 0.5 }, oneStep).ratio).toBe(0.5);

    const onePosition = tokenGrid({ T: 8, H: 8, W: 8 }); // 4×1×1
    for (const strategy of ['random-tubes', 'multi-block', 'vjepa-tubes'] as const) {
      expect(() => validateMaskSpec({ strategy, ratio: 0.5 }, onePosition)).toThrow(/spatial positions \(nh·nw\), the grid has 1/);
    }
    expect(validateMaskSpec({ strategy: 'random-patches', ratio: 0.5 }, onePosition).ratio).toBe(0.5);

    const oneToken = tokenGrid({ T: 2, H: 8, W: 8 });
    expect(() => validateMaskSpec({ strategy: 'random-patches', ratio: 0.1 }, oneToken)).toThrow(/at least 2 tokens/);
    expect(sampleMask({ strategy: 'random-patches', ratio: 0 }, oneToken, 1).target).toEqual(Int32Array.of(0));
  });

  test('sampleMask validates its spec too', () => {
    const bad = { strategy: 'random-patches', ratio: 2 } as MaskSpec;
    expect(() => sampleMask(bad, grid, 1)).toThrow(/^ratio: 2 /);
    expect(() => sampleMask({ strategy: 'nope' } as unknown as MaskSpec, grid, 1)).toThrow(/^strategy: 'nope' /);
  });
});
