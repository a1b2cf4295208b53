/**
 * batchedMatMul (per-item XNNPACK kernel on wasm, tf.matMul elsewhere) equals tf.matMul in value
 * and gradient, leaks nothing, and on wasm really runs our kernel.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { selectBackend } from '../../models/backend';
import { batchedMatMul, PER_ITEM_BATCH_MATMUL } from '../../models/batched-matmul';
import { expectNoLeak } from '../support/no-leak';
import { relativeError, seededValues } from '../support/seeded-values';

const SHAPES: [number, number, number, number][] = [
  [6, 5, 3, 4],
  [64, 28, 16, 28],
  [8, 64, 64, 16],
];

describe('batchedMatMul', () => {
  for (const backend of ['wasm', 'cpu'] as const) {
    for (const [g, m, k, n] of SHAPES) {
      test(`${backend} [${g},${m},${k}]×[${g},${k},${n}]: value and both gradients match tf.matMul`, async () => {
        await selectBackend({ requested: backend });
        await expectNoLeak(async () => {
          const a = tf.tensor3d(seededValues(g * m * k, 1), [g, m, k]);
          const b = tf.tensor3d(seededValues(g * k * n, 2), [g, k, n]);
          const w = tf.tensor3d(seededValues(g * m * n, 3), [g, m, n]);
          const ours = batchedMatMul(a, b);
          const theirs = tf.matMul(a, b);
          expect(relativeError(await ours.data(), await theirs.data())).toBeLessThan(1e-6);
          const gOurs = tf.grads((x: tf.Tensor, y: tf.Tensor) => batchedMatMul(x as tf.Tensor3D, y as tf.Tensor3D).mul(w).sum())([a, b]);
          const gTheirs = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.matMul(x as tf.Tensor3D, y as tf.Tensor3D).mul(w).sum())([a, b]);
          for (let i = 0; i < 2; i++) expect(relativeError(await gOurs[i]!.data(), await gTheirs[i]!.data())).toBeLessThan(1e-6);
          tf.dispose([a, b, w, ours, theirs, ...gOurs, ...gTheirs]);
        });
      });
    }
  }

  test('on wasm the per-item kernel runs (profiled kernel names)', async () => {
    await selectBackend({ requested: 'wasm' });
    const a = tf.ones([2, 3, 4]) as tf.Tensor3D;
    const b = tf.ones([2, 4, 5]) as tf.Tensor3D;
    const info = await tf.profile(() => batchedMatMul(a, b).dispose());
    expect(info.kernelNames).toContain(PER_ITEM_BATCH_MATMUL);
    expect(info.kernelNames).not.toContain('BatchMatMul');
    tf.dispose([a, b]);
  });

  test('shapes that do not multiply are an error naming them', () => {
    const a = tf.ones([2, 3, 4]) as tf.Tensor3D;
    const b = tf.ones([2, 5, 5]) as tf.Tensor3D;
    expect(() => batchedMatMul(a, b)).toThrow('batchedMatMul: shapes [2,3,4] and [2,5,5] do not multiply');
    tf.dispose([a, b]);
  });
});
