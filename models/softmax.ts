/**
 * Softmax over the last axis with, on wasm, its gradient as one fused kernel
 * (models/wasm-kernel.ts): dx = y ⊙ (dy − Σ_j dy_j y_j) per row, the same formula tfjs's own
 * Softmax gradient composes from four kernels and two extra passes over the scores. The forward
 * pass is tfjs's Softmax everywhere. Parity: test/models/softmax.test.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { onWasm, runWasmKernel, type WasmKernelSpec } from './wasm-kernel';

const SOFTMAX_GRAD: WasmKernelSpec<Record<string, never>> = {
  name: 'FusedSoftmaxGrad',
  inputs: ['dy', 'y'],
  outputShapes: ([dy]) => [dy!],
  compute([dy, y], [dx], [shape]) {
    const width = shape![shape!.length - 1]!;
    for (let o = 0; o < y!.length; o += width) {
      let dot = 0;
      for (let c = o; c < o + width; c++) dot += dy![c]! * y![c]!;
      for (let c = o; c < o + width; c++) dx![c] = y![c]! * (dy![c]! - dot);
    }
  },
};

const fused = tf.customGrad((...args) => {
  const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
  const y = tf.softmax(x);
  save([y]);
  return { value: y, gradFunc: (dy: tf.Tensor, [ys]: tf.Tensor[]) => runWasmKernel(SOFTMAX_GRAD, [dy, ys!], {})[0]! };
});

/** Softmax of x over its last axis. */
export function softmax<T extends tf.Tensor>(x: T): T {
  return (onWasm() && x.dtype === 'float32' ? fused(x) : tf.softmax(x)) as T;
}
