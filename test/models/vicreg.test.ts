/** VICReg variance and covariance terms: hand cases, a float64 reference, gradients, no leaks. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { Random } from '../../datasets/random';
import { selectBackend } from '../../models/backend';
import { VICREG_WEIGHTS, vicregTerms } from '../../models/vicreg';
import { expectNoLeak } from '../support/no-leak';
import { orthonormalRows } from '../support/orthonormal';
import { relativeError } from '../support/seeded-values';

/** The two terms straight from the paper's formulas, in float64. */
function reference(z: ArrayLike<number>, n: number, d: number): { variance: number; covariance: number } {
  const mean = new Float64Array(d);
  for (let r = 0; r < n; r++) for (let i = 0; i < d; i++) mean[i] = mean[i]! + z[r * d + i]! / n;
  let variance = 0;
  let covariance = 0;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let c = 0;
      for (let r = 0; r < n; r++) c += (z[r * d + i]! - mean[i]!) * (z[r * d + j]! - mean[j]!);
      c /= n - 1;
      if (i === j) variance += Math.max(0, 1 - Math.sqrt(c + 1e-4)) / d;
      else covariance += (c * c) / d;
    }
  }
  return { variance, covariance };
}

async function terms(z: ArrayLike<number>, n: number, d: number): Promise<{ variance: number; covariance: number }> {
  const zt = tf.tensor2d(Float32Array.from(z), [n, d]);
  const { variance, covariance } = vicregTerms(zt);
  const result = { variance: (await variance.data())[0]!, covariance: (await covariance.data())[0]! };
  tf.dispose([zt, variance, covariance]);
  return result;
}

function gaussian(count: number, seed: number, scale = 1): Float32Array {
  const rng = new Random(seed);
  return Float32Array.from({ length: count }, () => scale * rng.normal());
}

beforeAll(async () => {
  await selectBackend({ requested: 'wasm' });
});

describe('vicregTerms', () => {
  test('the paper weights: invariance 25, variance 25, covariance 1', () => {
    expect(VICREG_WEIGHTS).toEqual({ invariance: 25, variance: 25, covariance: 1 });
  });

  test('hand cases with N = 2 (denominator N − 1 = 1)', async () => {
    // Rows (0,0), (2,2): Var = 2 per dimension (std > 1, no hinge); C_12 = 2 → (2² + 2²)/2 = 4.
    const spread = await terms([0, 0, 2, 2], 2, 2);
    expect(spread.variance).toBe(0);
    expect(spread.covariance).toBeCloseTo(4, 5);
    // Rows (0,0), (0.5,−0.5): Var = 0.125, std = √0.1251; C_12 = −0.125 → 2·0.125²/2 = 0.015625.
    const narrow = await terms([0, 0, 0.5, -0.5], 2, 2);
    expect(narrow.variance).toBeCloseTo(1 - Math.sqrt(0.1251), 6);
    expect(narrow.covariance).toBeCloseTo(0.015625, 7);
  });

  test('a collapsed batch (all rows equal): variance term 1 − √1e-4 = 0.99, covariance 0', async () => {
    const [n, d] = [16, 6];
    const row = gaussian(d, 1);
    const t = await terms(Float32Array.from({ length: n * d }, (_, i) => row[i % d]!), n, d);
    expect(t.variance).toBeCloseTo(0.99, 5);
    expect(t.covariance).toBeCloseTo(0, 6);
  });

  test('whitened data (covariance exactly I, in a random rotation): both terms ≈ 0', async () => {
    // Rows ±s·q_i for orthonormal q_i: mean 0, covariance 2s²/(N − 1)·I = I for s² = (N − 1)/2.
    const d = 8;
    const n = 2 * d;
    const q = orthonormalRows(d, d, 3);
    const s = Math.sqrt((n - 1) / 2);
    const z = new Float32Array(n * d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        z[2 * i * d + j] = s * q[i * d + j]!;
        z[(2 * i + 1) * d + j] = -s * q[i * d + j]!;
      }
    }
    const t = await terms(z, n, d);
    expect(t.variance).toBe(0);
    expect(t.covariance).toBeLessThan(1e-10);
  });

  for (const backend of ['wasm', 'cpu'] as const) {
    test(`${backend}: equals the float64 reference on correlated random data`, async () => {
      await selectBackend({ requested: backend });
      const [n, d] = [48, 10];
      // Mixed scales so that some dimensions sit under the hinge and some above it; correlated columns.
      const base = gaussian(n * d, 4);
      const z = Float32Array.from(base, (v, i) => v * (0.1 + 0.25 * (i % d)) + 0.5 * base[i - (i % d)]!);
      const expected = reference(z, n, d);
      const actual = await terms(z, n, d);
      expect(expected.variance).toBeGreaterThan(0);
      expect(Math.abs(actual.variance - expected.variance) / expected.variance).toBeLessThan(1e-5);
      expect(Math.abs(actual.covariance - expected.covariance) / expected.covariance).toBeLessThan(1e-5);
      await selectBackend({ requested: 'wasm' });
    });
  }

  test('the gradient matches finite differences of the float64 reference', async () => {
    const [n, d] = [10, 4];
    const z = gaussian(n * d, 5, 0.6);
    const zt = tf.tensor2d(z, [n, d]);
    const grad = tf.grad((x: tf.Tensor) => {
      const { variance, covariance } = vicregTerms(x as tf.Tensor2D);
      return tf.add(variance, covariance);
    })(zt);
    const actual = await grad.data();
    tf.dispose([zt, grad]);
    const x = Float64Array.from(z);
    const numeric = new Float64Array(n * d);
    const h = 1e-6;
    const total = () => {
      const r = reference(x, n, d);
      return r.variance + r.covariance;
    };
    for (let i = 0; i < x.length; i++) {
      const keep = x[i]!;
      x[i] = keep + h;
      const up = total();
      x[i] = keep - h;
      const down = total();
      x[i] = keep;
      numeric[i] = (up - down) / (2 * h);
    }
    expect(relativeError(actual, numeric)).toBeLessThan(1e-4);
  });

  test('gradients are finite on a collapsed batch (the 1e-4 keeps √ away from 0)', async () => {
    const zt = tf.zeros([8, 4]) as tf.Tensor2D;
    const grad = tf.grad((x: tf.Tensor) => {
      const { variance, covariance } = vicregTerms(x as tf.Tensor2D);
      return tf.add(variance, covariance);
    })(zt);
    expect((await grad.data()).every(Number.isFinite)).toBe(true);
    tf.dispose([zt, grad]);
  });

  test('does not leak (terms and their gradient)', async () => {
    const zt = tf.tensor2d(gaussian(32, 6), [8, 4]);
    await expectNoLeak(async () => {
      const { variance, covariance } = vicregTerms(zt);
      await Promise.all([variance.data(), covariance.data()]);
      tf.dispose([variance, covariance]);
    }, 'vicregTerms');
    await expectNoLeak(async () => {
      const g = tf.grad((x: tf.Tensor) => {
        const { variance, covariance } = vicregTerms(x as tf.Tensor2D);
        return tf.add(variance, covariance);
      })(zt);
      await g.data();
      g.dispose();
    }, 'the gradient of vicregTerms');
    zt.dispose();
  });

  test('fewer than 2 rows is an error naming the shape', () => {
    const zt = tf.zeros([1, 4]) as tf.Tensor2D;
    expect(() => vicregTerms(zt)).toThrow('expected embeddings [N ≥ 2, D], got shape [1,4]');
    zt.dispose();
  });
});

