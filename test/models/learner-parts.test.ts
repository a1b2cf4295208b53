/** Small learner pieces: winner-takes-all, MAE patch normalisation, the regulariser's token subset, sharpness. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { selectBackend } from '../../models/backend';
import { strideTokens, tokenStride } from '../../models/jepa-learner';
import { normalizePatches } from '../../models/pixel-learner';
import { sharpnessRatio } from '../../models/sharpness';
import { winnerTakesAll } from '../../models/winner-takes-all';
import { expectNoLeak } from '../support/no-leak';
import { seededValues } from '../support/seeded-values';

beforeAll(async () => {
  await selectBackend({ requested: 'wasm' });
});

describe('winnerTakesAll', () => {
  const losses = () => tf.tensor2d([[1, 3], [4, 2]]);

  test('pure: mean of per-sample minima; the gradient reaches only the winners', async () => {
    await expectNoLeak(async () => {
      const l = losses();
      const value = winnerTakesAll(l);
      const grad = tf.grad((x: tf.Tensor) => winnerTakesAll(x as tf.Tensor2D))(l);
      expect((await value.data())[0]).toBeCloseTo(1.5, 6);
      expect(Array.from(await grad.data())).toEqual([0.5, 0, 0, 0.5]);
      tf.dispose([l, value, grad]);
    });
  });

  test('relaxed: winner weight 1 − ε, others ε/(K − 1)', async () => {
    await expectNoLeak(async () => {
      const l = losses();
      const grad = tf.grad((x: tf.Tensor) => winnerTakesAll(x as tf.Tensor2D, 0.1))(l);
      const value = winnerTakesAll(l, 0.1);
      expect((await value.data())[0]).toBeCloseTo(((0.9 * 1 + 0.1 * 3) + (0.9 * 2 + 0.1 * 4)) / 2, 6);
      Array.from(await grad.data()).forEach((g, i) => expect(g).toBeCloseTo([0.45, 0.05, 0.05, 0.45][i]!, 6));
      tf.dispose([l, value, grad]);
    });
  });

  test('K = 1 is the plain mean whatever ε', async () => {
    const l = tf.tensor2d([[2], [4]]);
    const value = winnerTakesAll(l, 0.3);
    expect((await value.data())[0]).toBe(3);
    tf.dispose([l, value]);
  });
});

describe('normalizePatches (MAE targets)', () => {
  test('each token has zero mean and unit variance; no leak', async () => {
    await expectNoLeak(async () => {
      const pixels = tf.tensor3d(seededValues(2 * 3 * 8, 4), [2, 3, 8]);
      const normed = normalizePatches(pixels);
      const [mean, variance] = tf.tidy(() => [normed.mean(2), normed.sub(normed.mean(2, true)).square().mean(2)]);
      (await mean!.data()).forEach((m: number) => expect(Math.abs(m)).toBeLessThan(1e-6));
      (await variance!.data()).forEach((v: number) => expect(v).toBeCloseTo(1, 4));
      tf.dispose([pixels, normed, mean!, variance!]);
    });
  });
});

describe("the regulariser's token subset", () => {
  test('tokenStride keeps at least the requested rows with a stride dividing N', () => {
    expect(tokenStride(32, 64, 256)).toBe(8);
    expect(tokenStride(16, 64, 256)).toBe(4);
    expect(tokenStride(4, 64, 256)).toBe(1);
  });

  test('strideTokens picks tokens n ≡ offset (mod k) of every clip, and its gradient works on wasm', async () => {
    await expectNoLeak(async () => {
      const z = tf.tensor3d(Float32Array.from({ length: 2 * 8 * 1 }, (_, i) => i), [2, 8, 1]);
      const rows = strideTokens(z, 4, 5);
      expect(Array.from(await rows.data())).toEqual([1, 5, 9, 13]);
      const grad = tf.grad((x: tf.Tensor) => strideTokens(x as tf.Tensor3D, 4, 1).sum())(z);
      expect(Array.from(await grad.data())).toEqual([0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0]);
      tf.dispose([z, rows, grad]);
    });
  });
});

describe('sharpnessRatio', () => {
  test('1 for the truth itself, below 1 for a blurred copy, 0.5 for two half-intensity ghosts', () => {
    const size = 10;
    const disc = (cx: number, intensity: number, out = new Float32Array(size * size)) => {
      for (let y = 2; y < 5; y++) for (let x = cx; x < cx + 3; x++) out[y * size + x] = intensity;
      return out;
    };
    const truth = disc(1, 1);
    const blurred = new Float32Array(size * size);
    for (let i = 0; i < truth.length; i++) blurred[i] = (truth[i]! + (truth[i - 1] ?? 0) + (truth[i + 1] ?? 0)) / 3;
    const ghosts = disc(5, 0.5, disc(1, 0.5));
    expect(sharpnessRatio(truth, truth, size, size)).toBe(1);
    expect(sharpnessRatio(blurred, truth, size, size)).toBeLessThan(1);
    // Two half-intensity ghosts (the mean of two futures) against one full ball: 2 · 0.5² = 0.5.
    expect(sharpnessRatio(ghosts, truth, size, size)).toBeCloseTo(0.5, 6);
  });
});
