/** One-hot matMul selection equals tf.gather, and its gradient equals gather's (cpu). */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { selectBackend } from '../../models/backend';
import { oneHotSelector, selectTokens } from '../../models/select-tokens';
import { expectNoLeak } from '../support/no-leak';
import { seededValues } from '../support/seeded-values';

beforeAll(async () => {
  await selectBackend({ requested: 'cpu' });
});

describe('selectTokens', () => {
  const indices = new Int32Array([0, 3, 5, 6]);
  const z = () => tf.tensor3d(seededValues(2 * 7 * 3, 11), [2, 7, 3]);

  test('forward equals tf.gather along the token axis', async () => {
    await expectNoLeak(() => {
      tf.tidy(() => {
        const zz = z();
        const picked = selectTokens(zz, oneHotSelector(indices, 7));
        const gathered = tf.gather(zz, tf.tensor1d(indices, 'int32'), 1);
        expect(picked.shape).toEqual([2, 4, 3]);
        expect(picked.sub(gathered).abs().max().arraySync()).toBe(0);
      });
    });
  });

  test('gradient equals the gradient through tf.gather', async () => {
    await expectNoLeak(() => {
      tf.tidy(() => {
        const weights = tf.tensor3d(seededValues(2 * 4 * 3, 12), [2, 4, 3]);
        const selector = oneHotSelector(indices, 7);
        const viaSelect = tf.grad((x: tf.Tensor) => selectTokens(x as tf.Tensor3D, selector).mul(weights).sum())(z());
        const viaGather = tf.grad((x: tf.Tensor) => tf.gather(x, tf.tensor1d(indices, 'int32'), 1).mul(weights).sum())(z());
        expect(viaSelect.sub(viaGather).abs().max().arraySync()).toBe(0);
      });
    });
  });

  test('an index outside the sequence is an error naming it', () => {
    expect(() => oneHotSelector(new Int32Array([7]), 7)).toThrow('token index 7 is outside 0..6');
  });
});
