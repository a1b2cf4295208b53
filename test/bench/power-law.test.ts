import { describe, expect, test } from 'vitest';
import { powerLawExponent } from '../../bench/power-law';

describe('powerLawExponent', () => {
  test('recovers the exponent of an exact power law, and of y = c·x (k = 1) with a constant', () => {
    expect(powerLawExponent([1, 2, 4, 8].map((x) => ({ x, y: 3 * x ** 1.5 })))).toBeCloseTo(1.5, 12);
    expect(powerLawExponent([8, 16, 32].map((x) => ({ x, y: 5 * x })))).toBeCloseTo(1, 12);
    expect(powerLawExponent([8, 16, 32].map((x) => ({ x, y: 7 })))).toBeCloseTo(0, 12);
  });

  test('refuses fewer than two points or non-positive values', () => {
    expect(() => powerLawExponent([{ x: 1, y: 1 }])).toThrow(RangeError);
    expect(() => powerLawExponent([{ x: 1, y: 1 }, { x: 0, y: 2 }])).toThrow('needs at least two points with x > 0 and y > 0');
  });
});
