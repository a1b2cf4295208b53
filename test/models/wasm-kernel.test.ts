/** The fused-kernel plumbing on wasm: in-order inputs and outputs, guards, no leaks, and that the fast paths are taken. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { selectBackend } from '../../models/backend';
import { gelu } from '../../models/gelu';
import { layerNormalize } from '../../models/layer-norm';
import { dense } from '../../models/dense';
import { eppsPulleyPerSlice } from '../../models/sigreg';
import { softmax } from '../../models/softmax';
import { runWasmKernel, type WasmKernelSpec } from '../../models/wasm-kernel';
import { expectNoLeak } from '../support/no-leak';
import { seededValues } from '../support/seeded-values';

/** out0 = a − b and out1 = Σ a (an order-sensitive kernel with outputs of two shapes). */
const DIFFERENCE_AND_SUM: WasmKernelSpec<{ scale: number }> = {
  name: 'TestDifferenceAndSum',
  inputs: ['a', 'b'],
  outputShapes: ([a]) => [a!, [1]],
  compute([a, b], [difference, sum], _shapes, { scale }) {
    let total = 0;
    for (let i = 0; i < a!.length; i++) {
      difference![i] = scale * (a![i]! - b![i]!);
      total += a![i]!;
    }
    sum![0] = total;
  },
};

/** Kernel names run by `f` on the active backend. */
async function kernelNames(f: () => tf.Tensor | tf.Tensor[]): Promise<string[]> {
  const info = await tf.profile(() => f());
  tf.dispose(info.result as tf.Tensor[]);
  return info.kernels.map((k) => k.name);
}

describe('wasm fused kernels', () => {
  test('inputs arrive in order, outputs come back in order with their shapes and attrs apply; no leak', async () => {
    await selectBackend({ requested: 'wasm' });
    await expectNoLeak(async () => {
      const a = tf.tensor2d([5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27], [3, 4]);
      const b = tf.tensor2d([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [3, 4]);
      const [difference, sum] = runWasmKernel(DIFFERENCE_AND_SUM, [a, b], { scale: 2 });
      expect(difference!.shape).toEqual([3, 4]);
      expect(Array.from(await difference!.data())).toEqual([8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30]);
      expect(Array.from(await sum!.data())).toEqual([192]);
      tf.dispose([a, b, difference!, sum!]);
    });
  });

  test('a second kernel under a registered name, a non-wasm backend and a non-float32 input are refused by name', async () => {
    await selectBackend({ requested: 'wasm' });
    const a = tf.ones([2]);
    const impostor = { ...DIFFERENCE_AND_SUM };
    expect(() => runWasmKernel(impostor, [a, a], { scale: 1 })).toThrow(/TestDifferenceAndSum.*different kernel/);
    const ints = tf.tensor1d([1, 2], 'int32');
    expect(() => runWasmKernel(DIFFERENCE_AND_SUM, [ints, a], { scale: 1 })).toThrow(/input a must be float32, got int32/);
    tf.dispose([a, ints]);
    await selectBackend({ requested: 'cpu' });
    const c = tf.ones([2]);
    expect(() => runWasmKernel(DIFFERENCE_AND_SUM, [c, c], { scale: 1 })).toThrow(/a wasm kernel, but the backend is cpu/);
    c.dispose();
  });

  test('on wasm the layer norm, GELU, dense gradient and Epps–Pulley statistic run as fused kernels', async () => {
    await selectBackend({ requested: 'wasm' });
    const x = tf.tensor2d(seededValues(6 * 4, 1), [6, 4]);
    const w = tf.tensor2d(seededValues(4 * 3, 2), [4, 3]);
    const g = tf.ones([4]) as tf.Tensor1D;
    const b = tf.zeros([4]) as tf.Tensor1D;
    const bias = tf.zeros([3]) as tf.Tensor1D;
    const names = await kernelNames(() => [
      ...tf.grads((xx: tf.Tensor) => layerNormalize(xx, g, b).sum())([x]),
      ...tf.grads((xx: tf.Tensor) => gelu(xx).sum())([x]),
      ...tf.grads((ww: tf.Tensor) => dense(x, ww as tf.Tensor2D, bias).sum())([w]),
      ...tf.grads((xx: tf.Tensor) => eppsPulleyPerSlice(xx as tf.Tensor2D).sum())([x]),
      ...tf.grads((xx: tf.Tensor) => softmax(xx).mul(x).sum())([x]),
    ]);
    for (const kernel of ['FusedLayerNorm', 'FusedLayerNormGrad', 'FusedGelu', 'TransposeWithColumnSums', 'FusedEppsPulley', 'FusedSoftmaxGrad']) {
      expect(names, kernel).toContain(kernel);
    }
    expect(names).not.toContain('Tanh');
    tf.dispose([x, w, g, b, bias]);
  });
});
