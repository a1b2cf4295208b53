/**
 * SIGReg on the GPU backends: value and gradient w.r.t. Z on webgpu, webgl and wasm match cpu
 * within 1e-4 relative error (norm-wise for the gradient), without leaking tensors. Read back
 * with `await t.data()` only (dataSync/arraySync are unsafe on WebGPU). The GPUs' own tf.cos and
 * tf.sin are off by up to 1.9e-4 on SwiftShader (measured); a version built on tf.tan missed this
 * test's 'spread' value by 1.9e-4. models/sigreg.ts evaluates sin/cos with its own polynomial and
 * agrees to ~1e-7.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { type BackendName } from '../../models/backend';
import { sigreg, sigregDirections } from '../../models/sigreg';
import { expectNoLeak } from '../support/no-leak';
import { relativeError, seededValues } from '../support/seeded-values';
import { useBackend } from '../support/use-backend';

const [N, D, M] = [64, 32, 256];

/** Embedding batches that stress different parts of the computation. */
const CASES: Record<string, () => Float32Array> = {
  spread: () => seededValues(N * D, 11, 2),
  'nearly collapsed': () => Float32Array.from(seededValues(N * D, 12, 0.01), (v) => 0.5 + v),
  'wide (|x| up to 16: t·x up to 49)': () => seededValues(N * D, 13, 8),
};

async function valueAndGradient(z: Float32Array): Promise<{ value: number; grad: Float32Array }> {
  const zt = tf.tensor2d(z, [N, D]);
  const directions = tf.tensor2d(sigregDirections(D, M, 1234), [D, M]);
  const { value, grad } = tf.valueAndGrad((x: tf.Tensor) => sigreg(x as tf.Tensor2D, directions))(zt);
  const result = { value: (await value.data())[0]!, grad: (await grad.data()) as Float32Array };
  tf.dispose([zt, directions, value, grad]);
  return result;
}

async function on(name: BackendName, z: Float32Array) {
  await useBackend(name);
  return expectNoLeak(() => valueAndGradient(z), `sigreg value and gradient on ${name}`);
}

describe('SIGReg parity vs cpu', () => {
  for (const name of ['webgpu', 'webgl', 'wasm'] as const) {
    for (const [caseName, make] of Object.entries(CASES)) {
      test(`${name}, ${caseName}: value and gradient within 1e-4`, async () => {
        const z = make();
        const reference = await on('cpu', z);
        const actual = await on(name, z);
        expect(Math.abs(actual.value - reference.value) / reference.value, 'value').toBeLessThan(1e-4);
        expect(relativeError(actual.grad, reference.grad), 'gradient').toBeLessThan(1e-4);
      });
    }
  }
});
