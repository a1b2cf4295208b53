/** The transpose-free dense gradient equals tfjs's own matMul gradient (cpu, and wasm with its fused transpose kernel), and leaks nothing. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { selectBackend } from '../../models/backend';
import { dense, denseOfData } from '../../models/dense';
import { expectNoLeak } from '../support/no-leak';
import { relativeError, seededValues } from '../support/seeded-values';

describe('dense', () => {
  for (const backend of ['cpu', 'wasm'] as const) {
    for (const [rows, inDim, outDim] of [[6, 5, 3], [37, 20, 9]] as const) {
      for (const withBias of [true, false]) {
        test(`${backend}: [${rows}, ${inDim}] × [${inDim}, ${outDim}]${withBias ? ' + bias' : ''}: value and gradients match tf.matMul + add`, async () => {
          await selectBackend({ requested: backend });
          await expectNoLeak(async () => {
            const x = tf.tensor2d(seededValues(rows * inDim, 1), [rows, inDim]);
            const w = tf.tensor2d(seededValues(inDim * outDim, 2), [inDim, outDim]);
            const b = tf.tensor1d(seededValues(outDim, withBias ? 3 : 0).map((v) => (withBias ? v : 0)));
            const weights = tf.tensor2d(seededValues(rows * outDim, 4), [rows, outDim]);
            const ours = withBias
              ? tf.grads((xx, ww, bb) => dense(xx as tf.Tensor2D, ww as tf.Tensor2D, bb as tf.Tensor1D).mul(weights).sum())([x, w, b])
              : tf.grads((xx, ww) => dense(xx as tf.Tensor2D, ww as tf.Tensor2D, null).mul(weights).sum())([x, w]);
            const theirs = tf.grads((xx, ww, bb) => tf.matMul(xx as tf.Tensor2D, ww as tf.Tensor2D).add(bb).mul(weights).sum())([x, w, b]);
            for (let k = 0; k < ours.length; k++) expect(relativeError(await ours[k]!.data(), await theirs[k]!.data())).toBeLessThan(1e-6);
            const y = dense(x, w, withBias ? b : null);
            const ref = tf.tidy(() => tf.matMul(x, w).add(b));
            expect(relativeError(await y.data(), await ref.data())).toBe(0);
            tf.dispose([x, w, b, weights, y, ref, ...ours, ...theirs]);
          });
        });
      }
    }
  }

  for (const backend of ['cpu', 'wasm'] as const) {
    test(`${backend}: denseOfData (no gradient to x) matches tf.matMul + add for W and b`, async () => {
      await selectBackend({ requested: backend });
      await expectNoLeak(async () => {
        const x = tf.tensor2d(seededValues(37 * 20, 1), [37, 20]);
        const w = tf.tensor2d(seededValues(20 * 9, 2), [20, 9]);
        const b = tf.tensor1d(seededValues(9, 3));
        const weights = tf.tensor2d(seededValues(37 * 9, 4), [37, 9]);
        const ours = tf.grads((ww, bb) => denseOfData(x, ww as tf.Tensor2D, bb as tf.Tensor1D).mul(weights).sum())([w, b]);
        const theirs = tf.grads((ww, bb) => tf.matMul(x, ww as tf.Tensor2D).add(bb).mul(weights).sum())([w, b]);
        for (let k = 0; k < 2; k++) expect(relativeError(await ours[k]!.data(), await theirs[k]!.data())).toBeLessThan(1e-6);
        const y = denseOfData(x, w, b);
        const ref = tf.tidy(() => tf.matMul(x, w).add(b));
        expect(relativeError(await y.data(), await ref.data())).toBe(0);
        tf.dispose([x, w, b, weights, y, ref, ...ours, ...theirs]);
      });
    });
  }
});
