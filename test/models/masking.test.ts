/** Unit layer: every masking strategy at every ratio gives a valid, exact, deterministic mask. */
import { describe, expect, test } from 'vitest';
import {
  MASK_STRATEGIES,
  defaultMaskRatio,
  maskToGrid,
  sampleMask,
  type Mask,
  type MaskStrategy,
} from '../../models/masking';
import { tokenCoordinates, tokenGrid, type TokenGrid } from '../../models/tubelets';

const RATIOS = [0, 0.1, 0.25, 0.5, 0.75, 0.9];
const GRIDS = [tokenGrid({ T: 8, H: 32, W: 32 }), tokenGrid({ T: 16, H: 64, W: 64 })];
const TUBES: readonly MaskStrategy[] = ['random-tubes', 'multi-block', 'vjepa-tubes'];

/** Hidden units promised for a ratio > 0: round(ratio · units) within [1, units − 1]. */
function promised(ratio: number, units: number): number {
  return Math.min(units - 1, Math.max(1, Math.round(ratio * units)));
}

function isStrictlySorted(a: Int32Array): boolean {
  for (let i = 1; i < a.length; i++) if (a[i - 1]! >= a[i]!) return false;
  return true;
}

const cases = GRIDS.flatMap((grid) =>
  MASK_STRATEGIES.flatMap((strategy) => RATIOS.map((ratio) => ({ grid, strategy, ratio }))),
);
const label = (g: TokenGrid) => `${g.nt}×${g.nh}×${g.nw}`;

describe.each(cases)('$strategy at ratio $ratio', ({ grid, strategy, ratio }) => {
  const N = grid.count;
  const S = grid.nh * grid.nw;
  const masks = [1, 2, 3, 4, 5, 6].map((seed) => sampleMask({ strategy, ratio }, grid, seed));
  const mask = masks[0]!;

  test(`${label(grid)}: sorted lists, shape and labels`, () => {
    for (const m of masks) {
      expect(isStrictlySorted(m.context)).toBe(true);
      expect(isStrictlySorted(m.target)).toBe(true);
      expect(m.strategy).toBe(strategy);
      expect(m.requestedRatio).toBe(ratio);
      expect(m.grid).toEqual({ nt: grid.nt, nh: grid.nh, nw: grid.nw });
      expect('variant' in m).toBe(strategy === 'vjepa-tubes');
    }
  });

  if (ratio === 0) {
    test(`${label(grid)}: ratio 0 is an autoencoder: context = target = all tokens, nothing drawn hidden`, () => {
      const all = Int32Array.from({ length: N }, (_, i) => i);
      expect(mask.context).toEqual(all);
      expect(mask.target).toEqual(all);
      expect(mask.ratio).toBe(0);
      expect(maskToGrid(mask)).toEqual(new Uint8Array(N));
    });
    return;
  }

  test(`${label(grid)}: disjoint, union is all tokens, neither empty, ratio is the hidden fraction`, () => {
    for (const m of masks) {
      const seen = new Uint8Array(N);
      for (const i of m.context) seen[i]! += 1;
      for (const i of m.target) seen[i]! += 1;
      expect(seen.every((v) => v === 1)).toBe(true);
      expect(m.context.length).toBeGreaterThan(0);
      expect(m.target.length).toBeGreaterThan(0);
      expect(m.ratio).toBe(m.target.length / N);
    }
  });

  test(`${label(grid)}: hides exactly the promised count`, () => {
    const expected =
      strategy === 'random-patches'
        ? promised(ratio, N)
        : strategy === 'future-frames'
          ? promised(ratio, grid.nt) * S
          : promised(ratio, S) * grid.nt;
    for (const m of masks) expect(m.target.length).toBe(expected);
  });

  if (TUBES.includes(strategy)) {
    test(`${label(grid)}: every hidden position is hidden in all time steps (tubes)`, () => {
      for (const m of masks) {
        const cells = maskToGrid(m);
        for (let s = 0; s < S; s++) {
          const column = Array.from({ length: grid.nt }, (_, ti) => cells[ti * S + s]);
          expect(new Set(column).size).toBe(1);
        }
      }
    });
  }

  if (strategy === 'future-frames') {
    test(`${label(grid)}: hides whole time steps, the last ones`, () => {
      const k = promised(ratio, grid.nt);
      for (const i of mask.target) expect(tokenCoordinates(grid, i).ti).toBeGreaterThanOrEqual(grid.nt - k);
      for (const i of mask.context) expect(tokenCoordinates(grid, i).ti).toBeLessThan(grid.nt - k);
    });
  }

  test(`${label(grid)}: deterministic for a seed${strategy === 'future-frames' ? '' : ', different for other seeds'}`, () => {
    const again = sampleMask({ strategy, ratio }, grid, 1);
    expect(again).toEqual(mask);
    const distinct = new Set(masks.map((m) => m.target.join(','))).size;
    if (strategy === 'future-frames') expect(distinct).toBe(1);
    else expect(distinct).toBeGreaterThan(1);
  });

  test(`${label(grid)}: maskToGrid marks exactly the target`, () => {
    for (const m of masks) {
      const cells = maskToGrid(m);
      expect(cells.length).toBe(N);
      const marked = cells.reduce<number[]>((acc, v, i) => (v ? [...acc, i] : acc), []);
      expect(marked).toEqual([...m.target]);
    }
  });
});

describe('ratio edge cases', () => {
  const grid = tokenGrid({ T: 8, H: 32, W: 32 });

  test('a tiny positive ratio still hides one unit; 0.95 always leaves one visible', () => {
    expect(sampleMask({ strategy: 'random-patches', ratio: 0.001 }, grid, 1).target.length).toBe(1);
    expect(sampleMask({ strategy: 'random-tubes', ratio: 0.001 }, grid, 1).target.length).toBe(4);
    expect(sampleMask({ strategy: 'future-frames', ratio: 0.001 }, grid, 1).target.length).toBe(16);
    expect(sampleMask({ strategy: 'future-frames', ratio: 0.95 }, grid, 1).context.length).toBe(16);
    const small = tokenGrid({ T: 4, H: 16, W: 16 }); // 2×2×2 tokens
    for (const strategy of MASK_STRATEGIES) {
      const m = sampleMask({ strategy, ratio: 0.95 }, small, 3);
      expect(m.context.length).toBeGreaterThan(0);
    }
  });

  test('literal counts on the default 4×4×4 grid', () => {
    const count = (strategy: MaskStrategy, ratio: number) => sampleMask({ strategy, ratio }, grid, 7).target.length;
    expect(count('random-patches', 0.75)).toBe(48);
    expect(count('random-tubes', 0.75)).toBe(48);
    expect(count('random-tubes', 0.1)).toBe(8); // round(1.6) = 2 tubes
    expect(count('multi-block', defaultMaskRatio('multi-block'))).toBe(36); // round(0.56·16) = 9 tubes
    expect(count('vjepa-tubes', 0.9)).toBe(56); // round(14.4) = 14 tubes
    expect(count('future-frames', 0.5)).toBe(32);
    expect(count('future-frames', 0.1)).toBe(16); // k = round(0.4) clamped to 1
  });

  test('a non-integer seed is refused', () => {
    expect(() => sampleMask({ strategy: 'random-patches', ratio: 0.5 }, grid, 1.5)).toThrow(/seed 1\.5/);
  });
});

describe("hidden ratio on the 8 × 8 spatial grids (the masking preset's 4 × 4 × 4 tubelets, and 2 × 4 × 4)", () => {
  const fine = [tokenGrid({ T: 8, H: 32, W: 32 }, { t: 4, h: 4, w: 4 }), tokenGrid({ T: 8, H: 32, W: 32 }, { t: 2, h: 4, w: 4 })];

  test.each(fine.map((g) => [label(g), g] as const))('%s: every strategy hides the requested ratio to within half a unit', (_name, grid) => {
    for (const strategy of ['random-patches', 'random-tubes', 'multi-block', 'vjepa-tubes'] as const) {
      const units = strategy === 'random-patches' ? grid.count : grid.nh * grid.nw;
      for (const ratio of [0.5, 0.75, 0.9]) {
        for (const seed of [1, 2, 3]) {
          const m = sampleMask({ strategy, ratio }, grid, seed);
          expect(Math.abs(m.ratio - ratio), `${strategy} ${ratio} seed ${seed}`).toBeLessThanOrEqual(0.5 / units);
        }
      }
    }
  });

  test('literal counts on 2 × 8 × 8 tokens: round(ratio · 128) tokens, or round(ratio · 64) tubes of 2', () => {
    const grid = fine[0]!;
    const count = (strategy: MaskStrategy, ratio: number) => sampleMask({ strategy, ratio }, grid, 5).target.length;
    expect([0.5, 0.75, 0.9].map((r) => count('random-patches', r))).toEqual([64, 96, 115]);
    for (const strategy of TUBES) expect([0.5, 0.75, 0.9].map((r) => count(strategy, r)), strategy).toEqual([64, 96, 116]);
  });
});

describe('masks across seeds', () => {
  test('the default multi-block mask is more clustered than random tubes of the same count', () => {
    const grid = tokenGrid({ T: 16, H: 64, W: 64 });
    const ratio = defaultMaskRatio('multi-block');
    // Fraction of horizontally or vertically adjacent hidden-position pairs that are both hidden.
    const clustering = (m: Mask) => {
      const cells = maskToGrid(m).subarray(0, grid.nh * grid.nw);
      let both = 0;
      let pairs = 0;
      for (let r = 0; r < grid.nh; r++)
        for (let c = 0; c < grid.nw; c++) {
          if (!cells[r * grid.nw + c]) continue;
          if (c + 1 < grid.nw) (pairs++, (both += cells[r * grid.nw + c + 1]!));
          if (r + 1 < grid.nh) (pairs++, (both += cells[(r + 1) * grid.nw + c]!));
        }
      return both / pairs;
    };
    const mean = (strategy: MaskStrategy) => {
      let sum = 0;
      for (let seed = 0; seed < 200; seed++) sum += clustering(sampleMask({ strategy, ratio }, grid, seed));
      return sum / 200;
    };
    expect(mean('multi-block')).toBeGreaterThan(mean('random-tubes') + 0.15);
  });

  test('vjepa-tubes draws both variants, about half each', () => {
    const grid = tokenGrid({ T: 8, H: 32, W: 32 });
    const variants = Array.from(
      { length: 400 },
      (_, seed) => sampleMask({ strategy: 'vjepa-tubes', ratio: 0.9 }, grid, seed).variant,
    );
    expect(new Set(variants)).toEqual(new Set(['short-range', 'long-range']));
    const short = variants.filter((v) => v === 'short-range').length / variants.length;
    expect(short).toBeGreaterThan(0.4);
    expect(short).toBeLessThan(0.6);
  });
});
