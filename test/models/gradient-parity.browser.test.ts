/**
 * Regression test for the tfjs 4.22 WebGPU split-K matmul bug: with a transposed second operand
 * (dense-layer input gradients) and a long inner dimension the result is wrong. Our workaround
 * (WEBGPU_MATMUL_PROGRAM_TYPE = packed, set by selectBackend) must give gradients equal to cpu.
 * The second test proves the check can fail: without the workaround the gradients are wrong.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, test } from 'vitest';
import { WEBGPU_SAFE_MATMUL_PROGRAM, type BackendName } from '../../models/backend';
import { expectNoLeak } from '../support/no-leak';
import { relativeError, seededValues } from '../support/seeded-values';
import { useBackend } from '../support/use-backend';

/** Layer widths: the 2048-wide hidden layer makes the input gradient of the next layer a long-inner-dimension matmul. */
const WIDTHS = [16, 64, 2048, 64, 1];
const BATCH = 8;

function weightShapes(): [number, number][] {
  return WIDTHS.slice(0, -1).map((w, i) => [w, WIDTHS[i + 1]!]);
}

/** Gradients of a 4-layer tanh MLP's MSE loss w.r.t. every weight matrix, read back as arrays. */
async function mlpGradients(): Promise<Float32Array[]> {
  const x = tf.tensor2d(seededValues(BATCH * WIDTHS[0]!, 7), [BATCH, WIDTHS[0]!]);
  const target = tf.tensor2d(seededValues(BATCH, 8), [BATCH, 1]);
  const weights = weightShapes().map(([i, o], k) => tf.tensor2d(seededValues(i * o, 100 + k, Math.sqrt(3 / i)), [i, o]));
  const lossOf = (...ws: tf.Tensor[]) => {
    let h: tf.Tensor = x;
    ws.forEach((w, k) => {
      h = tf.matMul(h, w);
      if (k < ws.length - 1) h = tf.tanh(h);
    });
    return tf.losses.meanSquaredError(target, h);
  };
  const grads = tf.grads(lossOf)(weights);
  const values = await Promise.all(grads.map((g) => g.data() as Promise<Float32Array>));
  tf.dispose([x, target, ...weights, ...grads]);
  return values;
}

async function gradientsOn(name: BackendName): Promise<Float32Array[]> {
  await useBackend(name);
  return expectNoLeak(mlpGradients, `gradients on ${name}`);
}

describe('gradient parity vs cpu (inner dimension 2048)', () => {
  afterAll(() => {
    tf.env().set('WEBGPU_MATMUL_PROGRAM_TYPE', WEBGPU_SAFE_MATMUL_PROGRAM);
  });

  for (const name of ['webgpu', 'webgl', 'wasm'] as const) {
    test(`${name} gradients match cpu within 1e-4 relative error`, async () => {
      const reference = await gradientsOn('cpu');
      const actual = await gradientsOn(name);
      const errors = actual.map((g, k) => relativeError(g, reference[k]!));
      for (const [k, e] of errors.entries()) expect(e, `layer ${k} weight gradient on ${name}`).toBeLessThan(1e-4);
    });
  }

  test('without the workaround (tfjs default matmul heuristic) webgpu gradients are wrong', async () => {
    const reference = await gradientsOn('cpu');
    await useBackend('webgpu');
    tf.env().set('WEBGPU_MATMUL_PROGRAM_TYPE', -1);
    const buggy = await expectNoLeak(mlpGradients, 'gradients on webgpu without workaround');
    tf.env().set('WEBGPU_MATMUL_PROGRAM_TYPE', WEBGPU_SAFE_MATMUL_PROGRAM);
    const worst = Math.max(...buggy.map((g, k) => relativeError(g, reference[k]!)));
    // If this starts failing, tfjs fixed split-K with transposed operands and the workaround may go.
    expect(worst).toBeGreaterThan(1e-2);
  });
});
