import { describe, expect, test } from 'vitest';
import { formatMeanSpread, summarize } from '../../src/lab/seed-stats';

describe('summarize', () => {
  test('mean, sample standard deviation (n − 1), range and count', () => {
    const s = summarize([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(s.mean).toBe(5);
    expect(s.std).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(s).toMatchObject({ min: 2, max: 9, n: 8, nonFinite: 0 });
  });
  test('one value has zero spread', () => {
    expect(summarize([0.5])).toEqual({ mean: 0.5, std: 0, min: 0.5, max: 0.5, n: 1, nonFinite: 0 });
  });
  test('non-finite values are left out and counted', () => {
    expect(summarize([1, NaN, 3, Infinity, -Infinity])).toEqual({ mean: 2, std: Math.SQRT2, min: 1, max: 3, n: 2, nonFinite: 3 });
  });
  test('no values: NaN statistics, n = 0', () => {
    const s = summarize([]);
    expect(s.n).toBe(0);
    expect(s.nonFinite).toBe(0);
    expect(s.mean).toBeNaN();
    expect(s.std).toBeNaN();
    expect(summarize([NaN]).n).toBe(0);
  });
});

describe('formatMeanSpread', () => {
  test('mean ± std with the seed count', () => {
    expect(formatMeanSpread({ mean: 0.7341, std: 0.0208, min: 0.71, max: 0.75, n: 3, nonFinite: 0 }, 3)).toBe('0.734 ± 0.021 (n = 3)');
    expect(formatMeanSpread(summarize([1, 2, 3]), 1)).toBe('2.0 ± 1.0 (n = 3)');
  });
  test('one seed has no spread; no seeds is n/a', () => {
    expect(formatMeanSpread(summarize([0.7341]), 3)).toBe('0.734 (n = 1)');
    expect(formatMeanSpread(summarize([]), 3)).toBe('n/a');
  });
  test('left-out non-finite seeds are named', () => {
    expect(formatMeanSpread(summarize([1, 3, NaN]), 2)).toBe('2.00 ± 1.41 (n = 2, 1 non-finite)');
    expect(formatMeanSpread(summarize([NaN, Infinity]), 2)).toBe('n/a (2 non-finite)');
  });
});
