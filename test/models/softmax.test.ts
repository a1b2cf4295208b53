/** Softmax: value and gradient equal tfjs's own (cpu; wasm with the fused gradient kernel); no leak. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { selectBackend } from '../../models/backend';
import { softmax } from '../../models/softmax';
import { expectNoLeak } from '../support/no-leak';
import { relativeError, seededValues } from '../support/seeded-values';

describe('softmax', () => {
  for (const backend of ['cpu', 'wasm'] as const) {
    test(`${backend}: value and gradient match tf.softmax over the last axis of [3, 5, 7]`, async () => {
      await selectBackend({ requested: backend });
      await expectNoLeak(async () => {
        const x = tf.tensor3d(seededValues(3 * 5 * 7, 1, 3), [3, 5, 7]);
        const probe = tf.tensor3d(seededValues(3 * 5 * 7, 2), [3, 5, 7]);
        const ours = tf.valueAndGrad((t: tf.Tensor) => softmax(t).mul(probe).sum())(x);
        const theirs = tf.valueAndGrad((t: tf.Tensor) => tf.softmax(t).mul(probe).sum())(x);
        expect(relativeError(await ours.value.data(), await theirs.value.data())).toBeLessThan(1e-6);
        expect(relativeError(await ours.grad.data(), await theirs.grad.data())).toBeLessThan(1e-5);
        tf.dispose([x, probe, ours.value, ours.grad, theirs.value, theirs.grad]);
      });
    });
  }
});
