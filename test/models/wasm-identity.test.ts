/**
 * Regression test for our zero-copy wasm Identity (models/backend.ts): tf.clone on wasm shares
 * the data instead of copying it, the clone reads the same values, disposing either keeps the
 * other intact, and disposing both frees the memory.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { selectBackend } from '../../models/backend';

beforeAll(async () => {
  await selectBackend({ requested: 'wasm' });
});

describe('zero-copy Identity on wasm', () => {
  test('a clone allocates no new data buffer and survives the original being disposed', async () => {
    const before = tf.memory().numDataBuffers;
    const x = tf.tensor1d([1, 2, 3, 4]);
    const y = tf.clone(x);
    expect(tf.memory().numDataBuffers).toBe(before + 1);
    x.dispose();
    expect(Array.from(await y.data())).toEqual([1, 2, 3, 4]);
    y.dispose();
    expect(tf.memory().numDataBuffers).toBe(before);
  });

  test('gradients through ops that save inputs (tf.grad of x·x·exp(x)) are unchanged', async () => {
    const x = tf.tensor1d([0.5, -1, 2]);
    const g = tf.grad((t: tf.Tensor) => t.mul(t).mul(t.exp()))(x);
    const expected = [0.5, -1, 2].map((v) => (2 * v + v * v) * Math.exp(v));
    (await g.data()).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
    tf.dispose([x, g]);
  });

  test('variables assigned after a clone keep the clone unchanged', async () => {
    const v = tf.variable(tf.tensor1d([1, 1]));
    const snapshot = tf.clone(v);
    v.assign(tf.tensor1d([5, 5]));
    expect(Array.from(await snapshot.data())).toEqual([1, 1]);
    tf.dispose([v, snapshot]);
  });
});
