/**
 * Asserts that `fn` leaves the number of live tensors unchanged
 * (tf.memory().numTensors before = after). Returns fn's result.
 */
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';

export async function expectNoLeak<T>(fn: () => T | Promise<T>, what = 'the function'): Promise<T> {
  const before = tf.memory().numTensors;
  const result = await fn();
  const after = tf.memory().numTensors;
  expect(after - before, `${what} leaked ${after - before} tensor(s)`).toBe(0);
  return result;
}
