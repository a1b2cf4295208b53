/**
 * Layer normalisation over the last axis (Ba, Kiros & Hinton 2016): y = x̂·g + b with
 * x̂ = (x − μ)/√(σ² + ε), and a hand-written gradient
 * dx = (dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂))/√(σ² + ε) with dx̂ = dy·g; dg = Σ dy·x̂; db = Σ dy.
 * On wasm the forward pass and the gradient are each one fused kernel (models/wasm-kernel.ts);
 * other backends compose elementwise ops. Parity of both paths: test/models/layers.test.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { onWasm, runWasmKernel, type WasmKernelSpec } from './wasm-kernel';

export const LAYER_NORM_EPSILON = 1e-5;

/** Rows and width of a tensor normalised over its last axis. */
function rowsAndWidth(shape: number[]): [number, number] {
  const width = shape[shape.length - 1]!;
  return [shape.reduce((a, b) => a * b, 1) / width, width];
}

/** Forward on the heap: inputs x, g, b → y, x̂ (same shape as x) and 1/√(σ² + ε) per row. */
const FORWARD: WasmKernelSpec<Record<string, never>> = {
  name: 'FusedLayerNorm',
  inputs: ['x', 'g', 'b'],
  outputShapes: ([x]) => [x!, x!, [rowsAndWidth(x!)[0]]],
  compute([x, g, b], [y, xhat, rstd], [shape]) {
    const [rows, width] = rowsAndWidth(shape!);
    for (let r = 0, o = 0; r < rows; r++, o += width) {
      // One pass for Σx and Σx² in float64 (σ² = E[x²] − μ² loses nothing visible at float32).
      let sum = 0;
      let squares = 0;
      for (let c = o; c < o + width; c++) {
        const v = x![c]!;
        sum += v;
        squares += v * v;
      }
      const mean = sum / width;
      const inv = 1 / Math.sqrt(Math.max(squares / width - mean * mean, 0) + LAYER_NORM_EPSILON);
      rstd![r] = inv;
      for (let c = 0; c < width; c++) {
        const h = (x![o + c]! - mean) * inv;
        xhat![o + c] = h;
        y![o + c] = h * g![c]! + b![c]!;
      }
    }
  },
};

/** Gradient on the heap: inputs dy, x̂, rstd, g → dx, dg, db. */
const BACKWARD: WasmKernelSpec<Record<string, never>> = {
  name: 'FusedLayerNormGrad',
  inputs: ['dy', 'xhat', 'rstd', 'g'],
  outputShapes: ([dy, , , g]) => [dy!, g!, g!],
  compute([dy, xhat, rstd, g], [dx, dg, db], [shape]) {
    const [rows, width] = rowsAndWidth(shape!);
    const gainSum = new Float64Array(width);
    const biasSum = new Float64Array(width);
    for (let r = 0, o = 0; r < rows; r++, o += width) {
      let meanD = 0;
      let meanDX = 0;
      for (let c = 0; c < width; c++) {
        const d = dy![o + c]!;
        const h = xhat![o + c]!;
        const dh = d * g![c]!;
        meanD += dh;
        meanDX += dh * h;
        gainSum[c] += d * h;
        biasSum[c] += d;
      }
      meanD /= width;
      meanDX /= width;
      const inv = rstd![r]!;
      for (let c = 0; c < width; c++) dx![o + c] = (dy![o + c]! * g![c]! - meanD - xhat![o + c]! * meanDX) * inv;
    }
    dg!.set(gainSum);
    db!.set(biasSum);
  },
};

const composite = tf.customGrad((...args) => {
  const [x, g, b, save] = args as [tf.Tensor, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
  const axis = x.rank - 1;
  const centred = tf.sub(x, tf.mean(x, axis, true));
  const rstd = tf.rsqrt(tf.add(tf.mean(tf.square(centred), axis, true), LAYER_NORM_EPSILON));
  const normed = tf.mul(centred, rstd);
  save([normed, rstd, g]);
  return {
    value: tf.add(tf.mul(normed, g), b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xhat, r, gain] = saved as [tf.Tensor, tf.Tensor, tf.Tensor1D];
      const width = gain.shape[0];
      const dxhat = tf.mul(dy, gain);
      const dx = tf.mul(tf.sub(tf.sub(dxhat, tf.mean(dxhat, axis, true)), tf.mul(xhat, tf.mean(tf.mul(dxhat, xhat), axis, true))), r);
      const rows = (t: tf.Tensor) => t.reshape([-1, width]);
      return [dx, tf.sum(rows(tf.mul(dy, xhat)), 0), tf.sum(rows(dy), 0)];
    },
  };
});

const fused = tf.customGrad((...args) => {
  const [x, g, b, save] = args as [tf.Tensor, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
  const [y, xhat, rstd] = runWasmKernel(FORWARD, [x, g, b], {});
  save([xhat!, rstd!, g]);
  return {
    value: y!,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => runWasmKernel(BACKWARD, [dy, ...saved], {}),
  };
});

/** Layer normalisation of x over its last axis with gain g and bias b (both [width]). */
export function layerNormalize(x: tf.Tensor, g: tf.Tensor1D, b: tf.Tensor1D): tf.Tensor {
  if (g.shape[0] !== x.shape[x.rank - 1] || b.shape[0] !== g.shape[0]) {
    throw new Error(`layerNormalize: gain [${g.shape}] and bias [${b.shape}] do not match the last axis of [${x.shape}]`);
  }
  const useFused = onWasm() && x.dtype === 'float32';
  return (useFused ? fused(x, g, b) : composite(x, g, b)) as tf.Tensor;
}
