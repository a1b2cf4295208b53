/**
 * y = x·W + b for x [rows, in], with a hand-written gradient that uses only non-transposed
 * matMuls on explicitly transposed operands: dx = dy·(Wᵀ), dW = (xᵀ)·dy, db = Σ_rows dy.
 * On tfjs-wasm a matMul with transposeA/transposeB leaves XNNPACK for a scalar loop (measured
 * ~10× slower), and on WebGPU it avoids the transposed-operand path entirely. On wasm, xᵀ and
 * Σ_rows dy come from one fused kernel (models/wasm-kernel.ts; about 3× faster than tfjs's
 * Transpose and Sum there). Parity with tfjs's own gradient: test/models/dense.test.ts and the
 * browser ViT parity test.
 */
import * as tf from '@tensorflow/tfjs';
import { onWasm, runWasmKernel, type WasmKernelSpec } from './wasm-kernel';

/** x [rows, in] → xᵀ [in, rows]; with a second input dy [rows, out], also Σ_rows dy [out]. */
function transposeKernel(withColumnSums: boolean): WasmKernelSpec<Record<string, never>> {
  return {
    name: withColumnSums ? 'TransposeWithColumnSums' : 'TransposeRows',
    inputs: withColumnSums ? ['x', 'dy'] : ['x'],
    outputShapes: ([x, dy]) => (withColumnSums ? [[x![1]!, x![0]!], [dy![1]!]] : [[x![1]!, x![0]!]]),
    compute([x, dy], [xT, sums], [[rows, cols], dyShape]) {
      // Column-wise: contiguous writes, strided reads (measured faster than the reverse).
      for (let c = 0; c < cols!; c++) {
        const o = c * rows!;
        for (let r = 0; r < rows!; r++) xT![o + r] = x![r * cols! + c]!;
      }
      if (!withColumnSums) return;
      const width = dyShape![1]!;
      for (let c = 0; c < width; c++) {
        let sum = 0;
        for (let r = 0; r < rows!; r++) sum += dy![r * width + c]!;
        sums![c] = sum;
      }
    },
  };
}

const TRANSPOSE = transposeKernel(false);
const TRANSPOSE_WITH_SUMS = transposeKernel(true);

/** xᵀ and, when wanted, Σ_rows dy: one fused kernel on wasm, tfjs ops elsewhere. */
function gradientOperands(x: tf.Tensor2D, dy: tf.Tensor2D, withBias: boolean): [tf.Tensor2D, tf.Tensor1D | null] {
  if (onWasm() && x.dtype === 'float32' && dy.dtype === 'float32') {
    const [xT, sums] = runWasmKernel(withBias ? TRANSPOSE_WITH_SUMS : TRANSPOSE, withBias ? [x, dy] : [x], {});
    return [xT as tf.Tensor2D, withBias ? (sums as tf.Tensor1D) : null];
  }
  return [tf.transpose(x), withBias ? (tf.sum(dy, 0) as tf.Tensor1D) : null];
}

const denseWithGrad = tf.customGrad((...args) => {
  const [x, w, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
  save([x, w]);
  return {
    value: tf.add(tf.matMul(x, w), b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ws] = saved as [tf.Tensor2D, tf.Tensor2D];
      const dy2 = dy as tf.Tensor2D;
      const [xT, db] = gradientOperands(xs, dy2, true);
      return [tf.matMul(dy2, tf.transpose(ws)), tf.matMul(xT, dy2), db!];
    },
  };
});

const denseNoBiasWithGrad = tf.customGrad((...args) => {
  const [x, w, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([x, w]);
  return {
    value: tf.matMul(x, w),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xs, ws] = saved as [tf.Tensor2D, tf.Tensor2D];
      const dy2 = dy as tf.Tensor2D;
      return [tf.matMul(dy2, tf.transpose(ws)), tf.matMul(gradientOperands(xs, dy2, false)[0], dy2)];
    },
  };
});

/** x·W + b for data x (raw pixels): gradients for W and b only, no dx = dy·Wᵀ computed for nothing. */
const denseOfDataWithGrad = (x: tf.Tensor2D) =>
  tf.customGrad((...args) => {
    const [w, b, save] = args as [tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    save([x]);
    return {
      value: tf.add(tf.matMul(x, w), b),
      gradFunc: (dy: tf.Tensor, [xs]: tf.Tensor[]) => {
        const [xT, db] = gradientOperands(xs as tf.Tensor2D, dy as tf.Tensor2D, true);
        return [tf.matMul(xT, dy as tf.Tensor2D), db!];
      },
    };
  }) as (w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D;

/** x: [rows, in] data (no gradient flows to it), w: [in, out], b: [out] → [rows, out]. */
export function denseOfData(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  return denseOfDataWithGrad(x)(w, b);
}

/** x: [rows, in], w: [in, out], b: [out] or null → [rows, out]. */
export function dense(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D | null): tf.Tensor2D {
  return (b ? denseWithGrad(x, w, b) : denseNoBiasWithGrad(x, w)) as tf.Tensor2D;
}
