/** The transpose-free dense gradient equals tfjs's own matMul gradient exactly (cpu), and leaks nothing. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { selectBackend } from '../../models/backend';
import { dense } from '../../models/dense';
import { expectNoLeak } from '../support/no-leak';
import { relativeError, seededValues } from '../support/seeded-values';

describe('dense', () => {
  for (const backend of ['cpu', 'wasm'] as const) {
    test(`${backend}: value and gradients match tf.matMul + add`, async () => {
      await selectBackend({ requested: backend });
      await expectNoLeak(async () => {
        const x = tf.tensor2d(seededValues(6 * 5, 1), [6, 5]);
        const w = tf.tensor2d(seededValues(5 * 3, 2), [5, 3]);
        const b = tf.tensor1d(seededValues(3, 3));
        const weights = tf.tensor2d(seededValues(6 * 3, 4), [6, 3]);
        const ours = tf.grads((xx, ww, bb) => dense(xx as tf.Tensor2D, ww as tf.Tensor2D, bb as tf.Tensor1D).mul(weights).sum())([x, w, b]);
        const theirs = tf.grads((xx, ww, bb) => tf.matMul(xx as tf.Tensor2D, ww as tf.Tensor2D).add(bb).mul(weights).sum())([x, w, b]);
        for (let k = 0; k < 3; k++) expect(relativeError(await ours[k]!.data(), await theirs[k]!.data())).toBeLessThan(1e-6);
        const y = dense(x, w, b);
        const ref = tf.tidy(() => tf.matMul(x, w).add(b));
        expect(relativeError(await y.data(), await ref.data())).toBe(0);
        tf.dispose([x, w, b, weights, y, ref, ...ours, ...theirs]);
      });
    });
  }
});
