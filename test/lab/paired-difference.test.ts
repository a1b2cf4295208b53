import { describe, expect, test } from 'vitest';
import { formatSummary, pairedDifference, studentT975 } from '../../src/lab/paired-difference';
import { summarize } from '../../src/lab/seed-stats';

describe('studentT975', () => {
  test.each([
    [1, 12.7062],
    [2, 4.3027],
    [3, 3.1824],
    [4, 2.7764],
    [9, 2.2622],
    [19, 2.093],
    [30, 2.0423],
  ])('ν = %i: %f (printed t tables)', (nu, expected) => {
    expect(studentT975(nu)).toBeCloseTo(expected, 3);
  });

  test('tends to the normal quantile 1.95996 for large ν', () => {
    expect(studentT975(2000)).toBeCloseTo(1.961, 3);
  });

  test('degrees of freedom that are not a positive integer are refused', () => {
    expect(() => studentT975(0)).toThrow('studentT975: degrees of freedom 0 is not allowed; allowed: a positive integer');
    expect(() => studentT975(2.5)).toThrow(/degrees of freedom 2\.5/);
  });
});

describe('pairedDifference', () => {
  test('hand case: d = 0.1, 0.2, 0.3 → mean 0.2, sd 0.1, half-width t(2) · 0.1 / √3 = 4.30265 · 0.057735 = 0.248414', () => {
    const d = pairedDifference([0.5, 0.6, 0.7], [0.4, 0.4, 0.4]);
    expect(d.mean).toBeCloseTo(0.2, 12);
    expect(d.std).toBeCloseTo(0.1, 12);
    expect(d.n).toBe(3);
    expect(d.low95).toBeCloseTo(0.2 - 0.248414, 5);
    expect(d.high95).toBeCloseTo(0.2 + 0.248414, 5);
  });

  test('pairs by index, not by sorting: the same values in another order give another difference', () => {
    expect(pairedDifference([1, 2], [1, 2]).mean).toBe(0);
    expect(pairedDifference([1, 2], [2, 1]).std).toBeCloseTo(Math.SQRT2, 12);
  });

  test('a pair with a non-finite side is left out and counted; fewer than 2 pairs give no interval', () => {
    const d = pairedDifference([0.5, NaN, 0.7, 0.6], [0.4, 0.4, Infinity, 0.5]);
    expect(d).toMatchObject({ n: 2, nonFinite: 2 });
    expect(d.mean).toBeCloseTo(0.1, 12);
    expect(d.low95).toBeCloseTo(0.1, 12); // both differences are 0.1: zero width
    const one = pairedDifference([0.5], [0.4]);
    expect(one.low95).toBeNaN();
    expect(one.high95).toBeNaN();
  });

  test('values that are not pairs are refused', () => {
    expect(() => pairedDifference([1, 2], [1])).toThrow('pairedDifference: 2 and 1 values are not pairs');
  });
});

describe('formatSummary', () => {
  test('a paired difference with its signed interval; other summaries as mean ± std', () => {
    expect(formatSummary(pairedDifference([0.5, 0.6, 0.7], [0.4, 0.4, 0.4]))).toBe('+0.200 (95 % CI -0.048 … +0.448, n = 3)');
    expect(formatSummary(pairedDifference([0.3, 0.4, NaN], [0.4, 0.6, 0.1]), 2)).toBe('-0.15 (95 % CI -0.79 … +0.49, n = 2, 1 non-finite)');
    expect(formatSummary(summarize([1, 2, 3]), 1)).toBe('2.0 ± 1.0 (n = 3)');
    expect(formatSummary(pairedDifference([0.5], [0.4]))).toBe('0.100 (n = 1)');
  });
});
