/** The leak helper must catch a leak, not only pass. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { expectNoLeak } from './no-leak';

describe('expectNoLeak', () => {
  test('passes for tidy code and returns the result', async () => {
    expect(await expectNoLeak(() => tf.tidy(() => tf.add(1, 2).arraySync()))).toBe(3);
  });
  test('fails when a tensor is left alive', async () => {
    let leaked: tf.Tensor | null = null;
    await expect(expectNoLeak(() => { leaked = tf.ones([2]); }, 'the leaky op')).rejects.toThrow('the leaky op leaked 1 tensor(s)');
    leaked!.dispose();
  });
});
