/** Products with a constant operand: value and gradient equal tf.matMul's (cpu, wasm); no leaks. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { selectBackend } from '../../models/backend';
import { matMulConstantLeft, matMulConstantRight } from '../../models/constant-matmul';
import { expectNoLeak } from '../support/no-leak';
import { relativeError, seededValues } from '../support/seeded-values';

describe('matMul with a constant operand', () => {
  for (const backend of ['cpu', 'wasm'] as const) {
    test(`${backend}: c·x and x·c match tf.matMul in value and in the gradient w.r.t. x`, async () => {
      await selectBackend({ requested: backend });
      await expectNoLeak(async () => {
        const c = tf.tensor2d(seededValues(7 * 11, 1), [7, 11]);
        const left = tf.tensor2d(seededValues(11 * 5, 2), [11, 5]);
        const right = tf.tensor2d(seededValues(3 * 7, 3), [3, 7]);
        const probeLeft = tf.tensor2d(seededValues(7 * 5, 4), [7, 5]);
        const probeRight = tf.tensor2d(seededValues(3 * 11, 5), [3, 11]);
        const pairs = [
          [(x: tf.Tensor) => matMulConstantLeft(c, x as tf.Tensor2D).mul(probeLeft).sum(), (x: tf.Tensor) => tf.matMul(c, x as tf.Tensor2D).mul(probeLeft).sum(), left],
          [(x: tf.Tensor) => matMulConstantRight(x as tf.Tensor2D, c).mul(probeRight).sum(), (x: tf.Tensor) => tf.matMul(x as tf.Tensor2D, c).mul(probeRight).sum(), right],
        ] as const;
        for (const [ours, theirs, x] of pairs) {
          const a = tf.valueAndGrad(ours)(x);
          const b = tf.valueAndGrad(theirs)(x);
          expect(relativeError(await a.value.data(), await b.value.data())).toBeLessThan(1e-6);
          expect(relativeError(await a.grad.data(), await b.grad.data())).toBeLessThan(1e-6);
          tf.dispose([a.value, a.grad, b.value, b.grad]);
        }
        tf.dispose([c, left, right, probeLeft, probeRight]);
      });
    });
  }
});
