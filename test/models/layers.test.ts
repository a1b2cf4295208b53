/** Hand-written layer-norm and GELU gradients equal autodiff of the textbook formulas (cpu and wasm), and leak nothing. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { selectBackend } from '../../models/backend';
import { gelu, tanhFast } from '../../models/gelu';
import { LAYER_NORM_EPSILON } from '../../models/layer-norm';
import { addLayerNorm, layerNorm } from '../../models/layers';
import { ParamSet } from '../../models/params';
import { expectNoLeak } from '../support/no-leak';
import { relativeError, seededValues } from '../support/seeded-values';

function referenceLayerNorm(x: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const mean = tf.mean(x, -1, true);
  const variance = tf.mean(tf.square(tf.sub(x, mean)), -1, true);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, LAYER_NORM_EPSILON))), g), b);
}

function referenceGelu(x: tf.Tensor): tf.Tensor {
  const inner = tf.mul(tf.add(x, tf.mul(tf.pow(x, 3), 0.044715)), Math.sqrt(2 / Math.PI));
  return tf.mul(tf.mul(x, 0.5), tf.add(tf.tanh(inner), 1));
}

describe('layers', () => {
  for (const backend of ['cpu', 'wasm'] as const) {
    test(`${backend}: layerNorm value and gradients (x, gain, bias) match autodiff of the formula`, async () => {
      await selectBackend({ requested: backend });
      const params = new ParamSet(3);
      addLayerNorm(params, 'ln', 6);
      await expectNoLeak(async () => {
        const g = params.get('ln/g');
        const b = params.get('ln/b');
        const x = tf.tensor3d(seededValues(2 * 4 * 6, 5, 3), [2, 4, 6]);
        const w = tf.tensor3d(seededValues(2 * 4 * 6, 6), [2, 4, 6]);
        tf.tidy(() => {
          g.assign(tf.tensor1d(seededValues(6, 7)));
          b.assign(tf.tensor1d(seededValues(6, 8)));
        });
        const ours = tf.grads((xx, gg, bb) => tf.mul(layerNormOf(xx, gg, bb), w).sum())([x, g, b]);
        const theirs = tf.grads((xx, gg, bb) => tf.mul(referenceLayerNorm(xx, gg, bb), w).sum())([x, g, b]);
        for (let i = 0; i < 3; i++) expect(relativeError(await ours[i]!.data(), await theirs[i]!.data())).toBeLessThan(1e-5);
        const [y, yRef] = tf.tidy(() => [layerNorm(params, 'ln', x), referenceLayerNorm(x, g, b)]);
        expect(relativeError(await y!.data(), await yRef!.data())).toBeLessThan(1e-6);
        tf.dispose([x, w, y!, yRef!, ...ours, ...theirs]);
      });
      params.dispose();

      /** layerNorm through a ParamSet whose gain and bias are the given tensors (for tf.grads). */
      function layerNormOf(x: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor {
        const view = { get: (name: string) => (name.endsWith('/g') ? g : b) } as unknown as ParamSet;
        return layerNorm(view, 'ln', x);
      }
    });

    test(`${backend}: gelu value and gradient match autodiff of the tanh formula`, async () => {
      await selectBackend({ requested: backend });
      await expectNoLeak(async () => {
        // Typical values, the saturated tails (|u| > 10 from |x| > 6.3) and tiny ones.
        const values = Float32Array.from(seededValues(64, 9, 4), (v, i) => (i % 8 === 0 ? v * 3 : i % 8 === 1 ? v * 1e-6 : v));
        const x = tf.tensor2d(values, [8, 8]);
        const ours = tf.grad((t: tf.Tensor) => gelu(t).sum())(x);
        const theirs = tf.grad((t: tf.Tensor) => referenceGelu(t).sum())(x);
        expect(relativeError(await ours.data(), await theirs.data())).toBeLessThan(1e-5);
        const [y, yRef] = tf.tidy(() => [gelu(x), referenceGelu(x)]);
        expect(relativeError(await y!.data(), await yRef!.data())).toBeLessThan(1e-6);
        tf.dispose([x, ours, theirs, y!, yRef!]);
      });
    });
  }

  test('tanhFast (the fused GELU kernel\'s tanh): within 1e-10 of Math.tanh below the clamp, 5e-9 beyond (< float32 resolution)', () => {
    const error = (u: number) => Math.abs(tanhFast(u) - Math.tanh(u));
    let inside = 0;
    for (let u = -10; u <= 10; u += 1e-3) inside = Math.max(inside, error(u));
    for (const u of [0, 1e-12, -1e-9, 1e-5]) inside = Math.max(inside, error(u));
    expect(inside).toBeLessThan(1e-10);
    let beyond = 0;
    for (const u of [10.001, -10.5, 12, -20, 1e6, -1e6]) beyond = Math.max(beyond, error(u));
    expect(beyond).toBeLessThan(5e-9);
  });

  test('wasm: the fused layer norm keeps float64 accuracy when the mean dwarfs the spread (offset 100, spread 0.01)', async () => {
    await selectBackend({ requested: 'wasm' });
    const [rows, width] = [16, 32];
    const values = Float32Array.from(seededValues(rows * width, 11), (v) => 100 + 0.01 * v);
    const params = new ParamSet(3);
    addLayerNorm(params, 'ln', width);
    const x = tf.tensor2d(values, [rows, width]);
    const y = layerNorm(params, 'ln', x);
    const got = await y.data();
    const expected = new Float64Array(rows * width);
    for (let r = 0; r < rows; r++) {
      const row = Array.from(values.subarray(r * width, (r + 1) * width));
      const mean = row.reduce((a, b) => a + b, 0) / width;
      const variance = row.reduce((a, b) => a + (b - mean) ** 2, 0) / width;
      row.forEach((v, c) => (expected[r * width + c] = (v - mean) / Math.sqrt(variance + LAYER_NORM_EPSILON)));
    }
    expect(relativeError(got, expected)).toBeLessThan(1e-5);
    tf.dispose([x, y]);
    params.dispose();
  });
});
