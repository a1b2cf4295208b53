/** Collapse metrics: singular values (Gram + Jacobi), RankMe effective rank, std, pairwise cosine. */
import { describe, expect, test } from 'vitest';
import { Random } from '../../datasets/random';
import { effectiveRank, meanPairwiseCosine, perDimensionStd, singularValues } from '../../models/effective-rank';
import { orthonormalRows } from '../support/orthonormal';

function gaussian(count: number, seed: number): Float32Array {
  const rng = new Random(seed);
  return Float32Array.from({ length: count }, () => rng.normal());
}


/** U diag(σ) Vᵀ with orthonormal U [n, k] and V [d, k]: singular values exactly σ. */
function withSingularValues(sigma: number[], n: number, d: number, seed: number): Float64Array {
  const k = sigma.length;
  const u = orthonormalRows(k, n, seed); // rows are the columns of U
  const v = orthonormalRows(k, d, seed + 1);
  const z = new Float64Array(n * d);
  for (let p = 0; p < k; p++) {
    for (let r = 0; r < n; r++) for (let c = 0; c < d; c++) z[r * d + c] = z[r * d + c]! + sigma[p]! * u[p * n + r]! * v[p * d + c]!;
  }
  return z;
}

/** RankMe from given singular values, for the expected numbers. */
function rankMeOf(sigma: number[]): number {
  const sum = sigma.reduce((a, b) => a + b, 0);
  return Math.exp(-sigma.reduce((acc, s) => acc + (s / sum + 1e-7) * Math.log(s / sum + 1e-7), 0));
}

describe('singularValues', () => {
  test('a diagonal matrix gives its diagonal, descending', () => {
    // 6×4, diag (3, 0.5, 2, 1), two zero rows.
    const z = new Float32Array(24);
    [3, 0.5, 2, 1].forEach((s, i) => (z[i * 4 + i] = s));
    expect(Array.from(singularValues(z, 6, 4))).toEqual([3, 2, 1, 0.5]);
  });

  test('a rotated diagonal (U diag Vᵀ): Jacobi recovers σ to 1e-9 relative', () => {
    const sigma = [7, 4.5, 3, 1, 0.25];
    const got = singularValues(withSingularValues(sigma, 40, 12, 2), 40, 12);
    expect(got.length).toBe(12);
    sigma.forEach((s, i) => expect(Math.abs(got[i]! - s) / s, `σ_${i}`).toBeLessThan(1e-9));
    // The remaining 7 are zero up to √(rounding of the Gram matrix) ≈ 1e-7 · σ_max.
    for (const s of got.slice(sigma.length)) expect(s).toBeLessThan(1e-6);
  });

  test('N < D: min(N, D) values, the same as for the transpose', () => {
    const [n, d] = [3, 10];
    const z = gaussian(n * d, 4);
    const zt = new Float32Array(n * d);
    for (let r = 0; r < n; r++) for (let c = 0; c < d; c++) zt[c * n + r] = z[r * d + c]!;
    const wide = singularValues(z, n, d);
    const tall = singularValues(zt, d, n);
    expect(wide.length).toBe(3);
    wide.forEach((s, i) => expect(Math.abs(s - tall[i]!) / tall[i]!).toBeLessThan(1e-9));
  });

  test('a shape that does not fit the data is an error', () => {
    expect(() => singularValues(new Float32Array(10), 3, 4)).toThrow('10 values do not form a [3, 4] matrix');
  });
});

describe('effectiveRank (RankMe)', () => {
  test('isotropic Gaussian N = 1024, D = 32: a bit below D', () => {
    // Marchenko–Pastur with ratio y = D/N: the eigenvalues of ZᵀZ/N have relative variance y, so
    // the σ_k have coefficient of variation ≈ √y/2 and the entropy falls short of log D by ≈ y/8:
    // rank ≈ D·e^{−D/(8N)} = 31.875. Tolerance 0.1 (the finite-D fluctuation is ~0.01).
    const r = effectiveRank(gaussian(1024 * 32, 5), 1024, 32);
    expect(r).toBeLessThan(32);
    expect(Math.abs(r - 32 * Math.exp(-32 / (8 * 1024)))).toBeLessThan(0.1);
  });

  test('isotropic Gaussian N = 2048, D = 64 (the speed-sanity size): ≈ D·e^{−D/(8N)} = 63.75', () => {
    const r = effectiveRank(gaussian(2048 * 64, 6), 2048, 64);
    expect(Math.abs(r - 64 * Math.exp(-64 / (8 * 2048)))).toBeLessThan(0.1);
  });

  test('a rank-1 matrix u vᵀ: ≈ 1', () => {
    const [n, d] = [64, 16];
    const u = gaussian(n, 7);
    const v = gaussian(d, 8);
    const z = Float32Array.from({ length: n * d }, (_, i) => u[Math.floor(i / d)]! * v[i % d]!);
    // Exactly: the 15 zero σ add 15·(−1e-7·log 1e-7) ≈ 2.4e-5 to the entropy; rounding adds ~1e-6.
    expect(Math.abs(effectiveRank(z, n, d) - 1)).toBeLessThan(1e-3);
  });

  for (const k of [2, 5, 9]) {
    test(`rank ${k} with equal singular values: ≈ ${k}; unequal ones: the RankMe of those values`, () => {
      const [n, d] = [60, 16];
      const equal = withSingularValues(Array(k).fill(2), n, d, 10 + k);
      expect(Math.abs(effectiveRank(equal, n, d) - k)).toBeLessThan(1e-3);
      const sigma = Array.from({ length: k }, (_, i) => 4 / (i + 1));
      const unequal = withSingularValues(sigma, n, d, 20 + k);
      const expected = rankMeOf([...sigma, ...Array(d - k).fill(0)]);
      expect(expected).toBeLessThan(k - 0.1);
      expect(Math.abs(effectiveRank(unequal, n, d) - expected)).toBeLessThan(1e-3);
    });
  }

  test('an all-zero matrix has effective rank 0 (no NaN)', () => {
    expect(effectiveRank(new Float32Array(12), 4, 3)).toBe(0);
  });
});

describe('perDimensionStd', () => {
  test('population std of each column', () => {
    // Columns: (1, 2, 3, 4) → √1.25; constant 7 → 0; (−1, 1, −1, 1) → 1.
    const z = Float32Array.from([1, 7, -1, 2, 7, 1, 3, 7, -1, 4, 7, 1]);
    const std = perDimensionStd(z, 4, 3);
    expect(std[0]).toBeCloseTo(Math.sqrt(1.25), 12);
    expect(std[1]).toBe(0);
    expect(std[2]).toBeCloseTo(1, 12);
  });
});

describe('meanPairwiseCosine', () => {
  test('hand cases: same direction 1, orthogonal 0, opposite −1, a zero row counts as 0', () => {
    expect(meanPairwiseCosine([1, 2, 3, 6, 0.5, 1], 3, 2)).toBeCloseTo(1, 12);
    expect(meanPairwiseCosine([1, 0, 0, 3], 2, 2)).toBeCloseTo(0, 12);
    expect(meanPairwiseCosine([1, -2, -3, 6], 2, 2)).toBeCloseTo(-1, 12);
    // Pairs (1,2) cos 1; (0,1) and (0,2) involve the zero row: mean over 3 pairs = 1/3.
    expect(meanPairwiseCosine([0, 0, 1, 0, 2, 0], 3, 2)).toBeCloseTo(1 / 3, 12);
  });

  test('equals the O(N²) average over pairs on random data', () => {
    const [n, d] = [30, 5];
    const z = Float32Array.from(gaussian(n * d, 9), (v, i) => v + (i % d === 0 ? 1 : 0));
    let sum = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let dot = 0;
        let ni = 0;
        let nj = 0;
        for (let c = 0; c < d; c++) {
          dot += z[i * d + c]! * z[j * d + c]!;
          ni += z[i * d + c]! ** 2;
          nj += z[j * d + c]! ** 2;
        }
        sum += dot / Math.sqrt(ni * nj);
      }
    }
    expect(meanPairwiseCosine(z, n, d)).toBeCloseTo(sum / ((n * (n - 1)) / 2), 12);
  });

  test('fewer than 2 rows is an error', () => {
    expect(() => meanPairwiseCosine([1, 2], 1, 2)).toThrow('needs at least 2 rows, got 1');
  });
});
