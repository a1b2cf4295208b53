/** SIGReg per token position across the batch: the mean of per-position SIGReg, blind to a spread made of position offsets alone, ≈ 1.05 on Gaussian data, differentiable, no leaks. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { Random } from '../../datasets/random';
import { selectBackend } from '../../models/backend';
import { sigreg, sigregAcrossBatch, sigregDirections } from '../../models/sigreg';
import { expectNoLeak } from '../support/no-leak';

beforeAll(async () => {
  await selectBackend({ requested: 'wasm' });
});

const [B, N, D, M] = [24, 5, 6, 32];

function gaussian(count: number, seed: number): Float32Array {
  const rng = new Random(seed);
  return Float32Array.from({ length: count }, () => rng.normal());
}

async function value(t: tf.Scalar): Promise<number> {
  const v = (await t.data())[0]!;
  t.dispose();
  return v;
}

describe('sigregAcrossBatch', () => {
  const directions = () => tf.tensor2d(sigregDirections(D, M, 11), [D, M]);

  test('equals the mean over positions of SIGReg of that position’s B embeddings', async () => {
    const values = gaussian(B * N * D, 3);
    const dirs = directions();
    const z = tf.tensor3d(values, [B, N, D]);
    const together = await value(sigregAcrossBatch(z, dirs));
    let separate = 0;
    for (let n = 0; n < N; n++) separate += (await value(tf.tidy(() => sigreg(z.slice([0, n, 0], [B, 1, D]).reshape([B, D]) as tf.Tensor2D, dirs)))) / N;
    expect(together).toBeCloseTo(separate, 4);
    tf.dispose([z, dirs]);
  });

  test('position alone is collapse: embeddings that differ only by position cost ≥ 0.402·B, while SIGReg over all tokens can call them spread', async () => {
    const byPosition = gaussian(N * D, 5);
    const values = Float32Array.from({ length: B * N * D }, (_, j) => byPosition[j % (N * D)]!);
    const dirs = directions();
    const z = tf.tensor3d(values, [B, N, D]);
    const perPosition = await value(sigregAcrossBatch(z, dirs));
    const overTokens = await value(tf.tidy(() => sigreg(z.reshape([B * N, D]) as tf.Tensor2D, dirs)));
    expect(perPosition).toBeGreaterThanOrEqual(0.402 * B * 0.999);
    expect(perPosition / B).toBeGreaterThan(overTokens / (B * N)); // per sample, the across-batch test punishes it harder
    tf.dispose([z, dirs]);
  });

  test('Gaussian embeddings average ≈ 1.05 over many draws (the same expectation as SIGReg for any N)', async () => {
    let sum = 0;
    const draws = 40;
    for (let s = 0; s < draws; s++) {
      const z = tf.tensor3d(gaussian(B * N * D, 100 + s), [B, N, D]);
      const dirs = tf.tensor2d(sigregDirections(D, M, 200 + s), [D, M]);
      sum += await value(sigregAcrossBatch(z, dirs));
      tf.dispose([z, dirs]);
    }
    expect(sum / draws).toBeGreaterThan(0.95);
    expect(sum / draws).toBeLessThan(1.15);
  });

  test('has finite gradients and does not leak', async () => {
    const z = tf.tensor3d(gaussian(B * N * D, 9), [B, N, D]);
    const dirs = directions();
    const finite = await expectNoLeak(async () => {
      const grad = tf.grad((x: tf.Tensor) => sigregAcrossBatch(x as tf.Tensor3D, dirs))(z);
      const values = await grad.data();
      grad.dispose();
      return values.every(Number.isFinite);
    });
    expect(finite).toBe(true);
    tf.dispose([z, dirs]);
  });

  test('mismatched widths name both shapes', () => {
    const z = tf.zeros([2, 3, 4]) as tf.Tensor3D;
    const dirs = tf.zeros([5, 2]) as tf.Tensor2D;
    expect(() => sigregAcrossBatch(z, dirs)).toThrow(/\[2,3,4\] and \[5,2\]/);
    tf.dispose([z, dirs]);
  });
});
