/** Unit layer: IoU of hidden sets, its chance value, and what hidden tokens can be filled in from. */
import { describe, expect, test } from 'vitest';
import { sampleMask } from '../../models/masking';
import { maskFromHidden } from '../../models/masking/mask';
import { chanceIou, hiddenIou, meanHiddenIou, meanVisibleNeighbourShares, visibleNeighbourShares } from '../../models/masking/mask-overlap';
import { tokenGrid } from '../../models/tubelets';

const tiny = tokenGrid({ T: 4, H: 16, W: 16 }); // 2 × 2 × 2 tokens
const fine = tokenGrid({ T: 8, H: 32, W: 32 }, { t: 4, h: 4, w: 4 }); // 2 × 8 × 8
const spec = { strategy: 'random-patches' as const, ratio: 0.5 };
const masked = (...hidden: number[]) => maskFromHidden(spec, tiny, Uint8Array.from(hidden));

describe('hiddenIou', () => {
  test('|A ∩ B| / |A ∪ B| of the hidden tokens', () => {
    expect(hiddenIou(masked(1, 1, 0, 0, 0, 0, 0, 0), masked(0, 1, 1, 0, 0, 0, 0, 0))).toBeCloseTo(1 / 3, 12);
    expect(hiddenIou(masked(1, 0, 0, 0, 0, 0, 0, 1), masked(1, 0, 0, 0, 0, 0, 0, 1))).toBe(1);
    expect(hiddenIou(masked(1, 0, 0, 0, 0, 0, 0, 0), masked(0, 0, 0, 0, 0, 0, 0, 1))).toBe(0);
  });

  test('masks on different grids, or hiding nothing, are refused', () => {
    expect(() => hiddenIou(masked(1, 0, 0, 0, 0, 0, 0, 0), sampleMask(spec, fine, 1))).toThrow(/different grids \(8 and 128 tokens\)/);
    expect(() => hiddenIou(masked(0, 0, 0, 0, 0, 0, 0, 0), masked(0, 0, 0, 0, 0, 0, 0, 0))).toThrow(/neither mask hides a token/);
  });
});

describe('chanceIou', () => {
  test('hand case: 2 of 4 against 2 of 4 — P(I = 0, 1, 2) = 1/6, 4/6, 1/6, so E[J] = 4/6 · 1/3 + 1/6 · 1 = 7/18', () => {
    expect(chanceIou(4, 2, 2)).toBeCloseTo(7 / 18, 12);
  });

  test('≈ r / (2 − r) for large sets at ratio r; 1 when both sets are everything', () => {
    for (const r of [0.5, 0.75, 0.9]) expect(chanceIou(10000, r * 10000, r * 10000)).toBeCloseTo(r / (2 - r), 3);
    expect(chanceIou(5, 5, 5)).toBe(1);
  });

  test('sizes outside 1 … n are refused, naming them', () => {
    expect(() => chanceIou(4, 0, 2)).toThrow('chanceIou: set sizes 0 and 2 of 4 are not allowed');
    expect(() => chanceIou(4, 2, 5)).toThrow(/sizes 2 and 5 of 4/);
  });
});

describe('meanHiddenIou', () => {
  test('random patches against any strategy: independent draws overlap exactly as chance predicts, on the 8 × 8 grid', () => {
    for (const other of ['random-tubes', 'multi-block', 'vjepa-tubes'] as const) {
      for (const ratio of [0.5, 0.9]) {
        const { iou, chance } = meanHiddenIou('random-patches', other, ratio, fine, 400, 3);
        expect(Math.abs(iou - chance), `${other} ${ratio}`).toBeLessThan(0.01);
      }
    }
  });

  test('a strategy that always hides the same tokens overlaps itself fully, far above chance', () => {
    const { iou, chance } = meanHiddenIou('future-frames', 'future-frames', 0.5, fine, 5, 1);
    expect(iou).toBe(1);
    expect(chance).toBeCloseTo(chanceIou(128, 64, 64), 12);
    expect(chance).toBeLessThan(0.4);
  });
});

describe('visibleNeighbourShares', () => {
  test('hand case on 2 × 2 × 2 tokens', () => {
    // Time step 0 hides tokens 0 and 1 (the top row), step 1 hides token 4 (top left).
    const shares = visibleNeighbourShares(masked(1, 1, 0, 0, 1, 0, 0, 0));
    // Each hidden token has a visible token below it: spatial 3/3. Token 1 is visible at step 1: temporal 1/3.
    expect(shares).toEqual({ spatial: 1, temporal: 1 / 3 });
    // Everything hidden but one token: only the tokens beside it, and the one above or below it in time, see it.
    expect(visibleNeighbourShares(masked(1, 1, 1, 1, 1, 1, 1, 0))).toEqual({ spatial: 2 / 7, temporal: 1 / 7 });
  });

  test('on the 8 × 8 grid tubes hide no token whose position is visible in time, and blocks leave fewer visible neighbours than random tubes', () => {
    const patches = meanVisibleNeighbourShares('random-patches', 0.75, fine, 100, 1);
    const tubes = meanVisibleNeighbourShares('random-tubes', 0.75, fine, 100, 1);
    const blocks = meanVisibleNeighbourShares('multi-block', 0.75, fine, 100, 1);
    expect(patches.temporal).toBeGreaterThan(0.2);
    expect(tubes.temporal).toBe(0);
    expect(blocks.temporal).toBe(0);
    expect(blocks.spatial).toBeLessThan(tubes.spatial - 0.2);
  });

  test('a mask that hides nothing is refused', () => {
    expect(() => visibleNeighbourShares(masked(0, 0, 0, 0, 0, 0, 0, 0))).toThrow(/hides no token/);
  });
});
