/** Unit layer: block masks follow I-JEPA's and V-JEPA's statistics, on tiny grids too. */
import { describe, expect, test } from 'vitest';
import { Random } from '../../datasets/random';
import { extendThroughTime, fillWithBlocks, sampleBlock } from '../../models/masking/blocks';
import { IJEPA_TARGET_BLOCKS, ijepaUnionFraction } from '../../models/masking/multi-block';
import { defaultMaskRatio } from '../../models/masking/spec';
import { VJEPA_VARIANTS } from '../../models/masking/vjepa-tubes';

describe('sampleBlock', () => {
  test.each([
    [4, 4],
    [8, 8],
    [14, 14],
    [3, 9],
  ])('I-JEPA blocks on %i×%i: scale in [0.15, 0.2], aspect in [0.75, 1.5], area = scale·nh·nw up to rounding', (nh, nw) => {
    const rng = new Random(11);
    let scaleSum = 0;
    let aspectSum = 0;
    const draws = 5000;
    for (let i = 0; i < draws; i++) {
      const b = sampleBlock(rng, nh, nw, IJEPA_TARGET_BLOCKS);
      expect(b.scale).toBeGreaterThanOrEqual(0.15);
      expect(b.scale).toBeLessThan(0.2);
      expect(b.aspect).toBeGreaterThanOrEqual(0.75);
      expect(b.aspect).toBeLessThan(1.5);
      const area = b.scale * nh * nw;
      const h = Math.sqrt(area * b.aspect);
      const w = Math.sqrt(area / b.aspect);
      expect(b.h).toBe(Math.min(nh, Math.max(1, Math.round(h))));
      expect(b.w).toBe(Math.min(nw, Math.max(1, Math.round(w))));
      if (b.h === Math.round(h) && b.w === Math.round(w)) {
        expect(Math.abs(b.h * b.w - area)).toBeLessThanOrEqual(0.5 * (h + w) + 0.25);
      }
      expect(b.top >= 0 && b.top + b.h <= nh && b.left >= 0 && b.left + b.w <= nw).toBe(true);
      scaleSum += b.scale;
      aspectSum += b.aspect;
    }
    expect(scaleSum / draws).toBeCloseTo(0.175, 2);
    expect(aspectSum / draws).toBeCloseTo(1.125, 1);
  });

  test('on tiny grids a block is at least 1×1 and fits; every position can be reached', () => {
    for (const [nh, nw] of [
      [1, 1],
      [1, 3],
      [2, 2],
      [4, 4],
    ] as const) {
      const rng = new Random(5);
      const covered = new Uint8Array(nh * nw);
      for (let i = 0; i < 500; i++) {
        const b = sampleBlock(rng, nh, nw, IJEPA_TARGET_BLOCKS);
        expect(b.h).toBeGreaterThanOrEqual(1);
        expect(b.w).toBeGreaterThanOrEqual(1);
        expect(b.top + b.h <= nh && b.left + b.w <= nw).toBe(true);
        for (let r = b.top; r < b.top + b.h; r++) for (let c = b.left; c < b.left + b.w; c++) covered[r * nw + c] = 1;
      }
      expect(covered.every((v) => v === 1)).toBe(true);
    }
  });

  test('long-range V-JEPA blocks are clamped to the grid: 0.7 of a 4×4 grid is 3×4 or 4×3 or smaller', () => {
    const rng = new Random(2);
    for (let i = 0; i < 500; i++) {
      const b = sampleBlock(rng, 4, 4, VJEPA_VARIANTS['long-range']);
      expect(b.scale).toBe(0.7);
      expect(b.h * b.w).toBeGreaterThanOrEqual(9);
      expect(b.h <= 4 && b.w <= 4).toBe(true);
    }
  });
});

describe('fillWithBlocks', () => {
  test('hides exactly the requested number of cells, from 0 to all', () => {
    const rng = new Random(3);
    for (const count of [0, 1, 5, 9, 15, 16]) {
      const cells = fillWithBlocks(rng, 4, 4, count, IJEPA_TARGET_BLOCKS);
      expect(cells.reduce((a, v) => a + v, 0)).toBe(count);
    }
  });

  test('a count one block covers stays inside one block: I-JEPA blocks on 8×8 are 3×3 to 4×4', () => {
    const rng = new Random(4);
    for (let i = 0; i < 200; i++) {
      const cells = fillWithBlocks(rng, 8, 8, 9, IJEPA_TARGET_BLOCKS);
      const hidden = [...cells.keys()].filter((k) => cells[k]);
      const rows = hidden.map((k) => Math.floor(k / 8));
      const cols = hidden.map((k) => k % 8);
      expect(Math.max(...rows) - Math.min(...rows)).toBeLessThan(4);
      expect(Math.max(...cols) - Math.min(...cols)).toBeLessThan(4);
    }
  });
});

describe('extendThroughTime', () => {
  test('repeats the spatial cells in every time step, in token order', () => {
    expect([...extendThroughTime(Uint8Array.of(1, 0, 0, 1), 3)]).toEqual([1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1]);
  });
});

describe('default multi-block ratio', () => {
  /** Mean fraction of an nh × nw grid covered by the union of 4 I-JEPA blocks, by drawing them. */
  function drawnUnion(nh: number, nw: number, draws: number): number {
    const rng = new Random(2301);
    let covered = 0;
    for (let i = 0; i < draws; i++) {
      const cells = new Uint8Array(nh * nw);
      for (let k = 0; k < 4; k++) {
        const b = sampleBlock(rng, nh, nw, IJEPA_TARGET_BLOCKS);
        for (let r = b.top; r < b.top + b.h; r++) for (let c = b.left; c < b.left + b.w; c++) cells[r * nw + c] = 1;
      }
      covered += cells.reduce((a, v) => a + v, 0) / (nh * nw);
    }
    return covered / draws;
  }

  test('hand case on 2×2: every block is 1 × 1 (area 0.6–0.8 cells), so a cell stays free with (3/4)⁴: union 175/256', () => {
    expect(ijepaUnionFraction(2, 2)).toBeCloseTo(175 / 256, 10); // up to the rounding of 160,000 summed weights
  });

  test.each([
    [4, 4, 0.56],
    [8, 8, 0.5],
  ])('on %i×%i it is the mean union of 4 I-JEPA blocks (re-measured by drawing them): %f', (nh, nw, expected) => {
    const drawn = drawnUnion(nh, nw, 20000);
    expect(Math.abs(ijepaUnionFraction(nh, nw) - drawn)).toBeLessThan(0.003);
    expect(defaultMaskRatio('multi-block', { nh, nw })).toBe(expected);
    expect(Math.abs(drawn - expected)).toBeLessThan(0.01);
  });
});
